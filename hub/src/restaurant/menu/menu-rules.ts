/**
 * The menu's rules as pure functions: which modifier choices an item accepts, what a line costs, and
 * how a manager's translated text is cleaned. Ordering imports these; the guest page checks the same
 * min/max rules before sending (hub/web/guest/src/modifier-rules.ts).
 */
import { FALLBACK_LANGUAGE, type LocalizedText } from '@onemoment/shared/localized-text';

export interface ChosenModifier {
  id: string;
  names: LocalizedText;
  priceMinor: number;
}

export interface ModifierGroupForOrder {
  id: string;
  names: LocalizedText;
  minChoices: number;
  /** 0 means no upper limit. */
  maxChoices: number;
  modifiers: ChosenModifier[];
}

/** What an order needs to know about a menu item. Shared from the menu cache: do not mutate. */
export interface MenuItemForOrder {
  id: string;
  names: LocalizedText;
  priceMinor: number;
  currency: string;
  station: string;
  allergens: string[];
  available: boolean;
  /** Copied onto each order line, so a later rate change never rewrites a bill. */
  taxRateBp: number;
  modifierGroups: ModifierGroupForOrder[];
}

export type ModifierChoice = { ok: true; modifiers: ChosenModifier[] } | { ok: false; message: string };

/** Names a modifier id that does not belong to the item, for the refusal ("Oat milk is not an option…"). */
export type ModifierNamer = (modifierId: string) => LocalizedText | undefined;

const english = (text: LocalizedText) => text[FALLBACK_LANGUAGE] ?? Object.values(text)[0] ?? '';

/**
 * Checks a guest's or waiter's modifier choice against the item's groups: every id must be one of the
 * item's modifiers, chosen once, and each group's count must lie within its min and max. The chosen
 * modifiers come back in menu order (group by group), so tickets read the same whatever the click order.
 */
export function validateModifierChoice(item: MenuItemForOrder, modifierIds: string[], nameOf?: ModifierNamer): ModifierChoice {
  const itemName = english(item.names);
  const seen = new Set<string>();
  for (const id of modifierIds) {
    const own = findModifier(item, id);
    if (!own) {
      const foreign = nameOf?.(id);
      const label = foreign ? english(foreign) : `"${id}"`;
      return { ok: false, message: `${label} is not an option for ${itemName}.` };
    }
    if (seen.has(id)) {
      return { ok: false, message: `${english(own.names)} is chosen twice for ${itemName}; choose each option once.` };
    }
    seen.add(id);
  }

  const chosen: ChosenModifier[] = [];
  for (const group of item.modifierGroups) {
    const inGroup = group.modifiers.filter((modifier) => seen.has(modifier.id));
    const problem = groupProblem(group, inGroup.length);
    if (problem) return { ok: false, message: `${english(group.names)}: ${problem}.` };
    chosen.push(...inGroup);
  }
  return { ok: true, modifiers: chosen };
}

function findModifier(item: MenuItemForOrder, id: string): ChosenModifier | undefined {
  for (const group of item.modifierGroups) {
    const found = group.modifiers.find((modifier) => modifier.id === id);
    if (found) return found;
  }
  return undefined;
}

/** What is wrong with choosing `count` of a group, as the end of a sentence; null when it is fine. */
export function groupProblem(group: Pick<ModifierGroupForOrder, 'minChoices' | 'maxChoices'>, count: number): string | null {
  const { minChoices: min, maxChoices: max } = group;
  const bounded = max > 0;
  if (count >= min && (!bounded || count <= max)) return null;
  if (bounded && min === max) return `choose ${min}`;
  return count < min ? `choose at least ${min}` : `choose at most ${max}`;
}

/** The price of one unit of a line: the item plus its modifiers. */
export function unitPriceMinor(item: Pick<MenuItemForOrder, 'priceMinor'>, modifiers: readonly Pick<ChosenModifier, 'priceMinor'>[]): number {
  let total = item.priceMinor;
  for (const modifier of modifiers) total += modifier.priceMinor;
  return total;
}

export type CleanText = { ok: true; text: LocalizedText } | { ok: false; message: string };

/**
 * Trims each translation and refuses what would show badly: an empty value (after trimming), a value
 * longer than `maxLength`, or a missing English text when English is required (the kitchen reads it).
 */
export function cleanLocalizedText(input: LocalizedText, field: string, options: { maxLength: number; requireEnglish: boolean }): CleanText {
  const text: LocalizedText = {};
  for (const [language, raw] of Object.entries(input)) {
    const value = raw.trim();
    if (value.length === 0) return { ok: false, message: `${field}.${language} is empty; leave the language out instead.` };
    if (value.length > options.maxLength) {
      return { ok: false, message: `${field}.${language} is longer than ${options.maxLength} characters.` };
    }
    text[language] = value;
  }
  if (options.requireEnglish && !text[FALLBACK_LANGUAGE]) {
    return { ok: false, message: `${field} needs an English text ("${FALLBACK_LANGUAGE}"): it is what the kitchen sees.` };
  }
  return { ok: true, text };
}

/**
 * The language a menu is served in: the asked language when the venue writes its menu in it (a region
 * like "ru-RU" counts as "ru"), otherwise the venue's first language.
 */
export function servedLanguage(asked: string | undefined, venueLanguages: readonly string[]): string {
  const fallback = venueLanguages[0] ?? FALLBACK_LANGUAGE;
  if (!asked) return fallback;
  const base = asked.toLowerCase().split('-')[0] ?? '';
  return venueLanguages.includes(base) ? base : fallback;
}

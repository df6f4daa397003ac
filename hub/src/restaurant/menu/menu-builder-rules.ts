/**
 * The menu builder's rules as pure functions: how a manager's names are read (a plain English `name`
 * or `names` per language), what a modifier group may ask of a guest, and what a new order of
 * categories or items must name. The service turns a refusal into a 400 with the message as it is.
 */
import { FALLBACK_LANGUAGE, type LocalizedText } from '@onemoment/shared/localized-text';
import type { ModifierGroupInput } from '@onemoment/shared/schemas/menu';
import { cleanLocalizedText } from './menu-rules.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const refuse = <T>(message: string): Checked<T> => ({ ok: false, message });

export const NAME_MAX = 120;

/**
 * The names a manager's input sets: `names` replaces the whole set; `name` changes the English one and
 * keeps the other languages (`current`). Both at once is ambiguous; neither is fine only when there
 * are current names to keep.
 */
export function namesFrom(input: { name?: string; names?: LocalizedText }, current: LocalizedText | null, field = 'names'): Checked<LocalizedText> {
  if (input.name !== undefined && input.names !== undefined) return refuse(`Send name or ${field}, not both.`);
  let names: LocalizedText;
  if (input.names !== undefined) names = input.names;
  else if (input.name !== undefined) names = { ...(current ?? {}), [FALLBACK_LANGUAGE]: input.name };
  else if (current) return { ok: true, value: current };
  else return refuse(`Send a name (the English name) or ${field} (per language, with "${FALLBACK_LANGUAGE}").`);
  const cleaned = cleanLocalizedText(names, field, { maxLength: NAME_MAX, requireEnglish: true });
  return cleaned.ok ? { ok: true, value: cleaned.text } : refuse(cleaned.message);
}

export interface BuiltModifier {
  id: string;
  names: LocalizedText;
  priceMinor: number;
}

export interface BuiltModifierGroup {
  id: string;
  names: LocalizedText;
  minChoices: number;
  maxChoices: number;
  modifiers: BuiltModifier[];
}

/**
 * An item's modifier groups as a manager sends them, checked and given ids: each group's minimum must be
 * reachable (no more than its options) and its maximum, when set, no lower than its minimum; an id may
 * appear once. Ids that are sent are kept, so a guest's cart that chose "Medium" still works after an
 * edit; `newId` makes the others.
 */
export function buildModifierGroups(groups: readonly ModifierGroupInput[], newId: () => string): Checked<BuiltModifierGroup[]> {
  const seen = new Set<string>();
  const claim = (id: string | undefined): string | null => {
    const value = id ?? newId();
    if (seen.has(value)) return null;
    seen.add(value);
    return value;
  };
  const built: BuiltModifierGroup[] = [];
  for (const [index, group] of groups.entries()) {
    const label = `modifierGroups[${index}]`;
    const names = namesFrom(group, null, `${label}.names`);
    if (!names.ok) return refuse(names.message);
    const groupName = names.value[FALLBACK_LANGUAGE];
    const count = group.modifiers.length;
    if (group.minChoices > count) {
      return refuse(`${groupName}: at least ${group.minChoices} choices asked, but there are only ${count} options.`);
    }
    if (group.maxChoices > 0 && group.maxChoices < group.minChoices) {
      return refuse(`${groupName}: at most ${group.maxChoices} is fewer than the ${group.minChoices} asked at least (0 means no upper limit).`);
    }
    const groupId = claim(group.id);
    if (!groupId) return refuse(`${label}: the id "${group.id}" is used twice.`);
    const modifiers: BuiltModifier[] = [];
    for (const [position, modifier] of group.modifiers.entries()) {
      const modifierNames = namesFrom(modifier, null, `${label}.modifiers[${position}].names`);
      if (!modifierNames.ok) return refuse(modifierNames.message);
      const modifierId = claim(modifier.id);
      if (!modifierId) return refuse(`${label}.modifiers[${position}]: the id "${modifier.id}" is used twice.`);
      modifiers.push({ id: modifierId, names: modifierNames.value, priceMinor: modifier.priceMinor });
    }
    built.push({ id: groupId, names: names.value, minChoices: group.minChoices, maxChoices: group.maxChoices, modifiers });
  }
  return { ok: true, value: built };
}

/**
 * A new order must name every live id exactly once (the schema already refuses repeats): a list made
 * from a stale page would otherwise drop an item that someone else just added.
 */
export function checkNewOrder(ids: readonly string[], live: readonly string[], what: string): string | null {
  const known = new Set(live);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) return `${unknown.slice(0, 5).map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the ${what}.`;
  const named = new Set(ids);
  const missing = live.filter((id) => !named.has(id));
  if (missing.length > 0) return `The new order leaves out ${missing.slice(0, 5).map((id) => `"${id}"`).join(', ')}: name every one of the ${what} once (reload to see the latest).`;
  if (named.size !== ids.length) return `Name each of the ${what} once.`;
  return null;
}

/**
 * The phrasebook on the pages: one side's phrases (the guest page offers what a guest says, the staff
 * page what staff say), a phrase in the language the person reads, split around its `{name}`
 * placeholders so the page can put small inputs inline, and filled for the preview shown while it sends.
 * The hub fills the real text in the other side's language from the same values.
 */
import type { PhraseAudience, PhrasebookPhrase, Speaker } from '@onemoment/shared/schemas/translator';

export type PhrasePart = { kind: 'text'; text: string } | { kind: 'slot'; name: string };

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The phrases `audience` says, in the hub's order. */
export function phrasesFor(phrases: readonly PhrasebookPhrase[], audience: PhraseAudience): PhrasebookPhrase[] {
  return phrases.filter((phrase) => phrase.audience === audience);
}

/** Whose words a tapped phrase is: a guest phrase is the guest's even when staff tap it for them at the
 *  front desk, so the hub stores it in the guest's language and translates it for staff. */
export function phraseSpeaker(phrase: PhrasebookPhrase): Speaker {
  return phrase.audience === 'guest' ? 'guest' : 'staff';
}

/** The phrase in the first of `languages` it has, else English, else any. */
export function phraseText(phrase: PhrasebookPhrase, languages: readonly string[]): string {
  for (const language of [...languages, 'en']) {
    const text = phrase.text[language];
    if (text) return text;
  }
  return Object.values(phrase.text)[0] ?? phrase.id;
}

export function phraseParts(template: string): PhrasePart[] {
  const parts: PhrasePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ kind: 'text', text: template.slice(last, match.index) });
    parts.push({ kind: 'slot', name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

/** For a chip: placeholders shown as an ellipsis, "Your taxi will arrive in … minutes." */
export function phraseLabel(template: string): string {
  return template.replace(PLACEHOLDER, '…');
}

export function fillPhrase(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name]?.trim() || whole);
}

/** The placeholders still empty: the send button waits for them. */
export function missingValues(phrase: PhrasebookPhrase, values: Readonly<Record<string, string>>): string[] {
  return phrase.placeholders.filter((name) => !values[name]?.trim());
}

/** Values trimmed and limited to the phrase's own placeholders (the hub refuses others). */
export function phraseValues(phrase: PhrasebookPhrase, values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(phrase.placeholders.map((name) => [name, (values[name] ?? '').trim()]));
}

/** Categories in the hub's order, each with its phrases; empty categories left out. */
export function phrasesByCategory(categories: readonly string[], phrases: readonly PhrasebookPhrase[]): Array<{ category: string; phrases: PhrasebookPhrase[] }> {
  const known = [...categories, ...phrases.map((phrase) => phrase.category).filter((category) => !categories.includes(category))];
  return [...new Set(known)]
    .map((category) => ({ category, phrases: phrases.filter((phrase) => phrase.category === category) }))
    .filter((group) => group.phrases.length > 0);
}

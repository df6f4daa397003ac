import { FALLBACK_LANGUAGE, type LocalizedText } from '@onemoment/shared/localized-text';

/**
 * Free text from guests and staff (line notes, cancel reasons). It is kept as literal text: HTML,
 * emoji and any script stay exactly as typed, because every page renders it as text, never as markup.
 * What is removed is what can garble a ticket: control characters (line breaks become spaces, so a note
 * stays one line on a printed ticket) and the invisible bidirectional overrides that can make a note
 * read differently from what it says.
 */

// C0/C1 controls and DEL, and the bidi embedding/override/isolate marks. Zero-width joiners stay:
// emoji such as 👩‍🍳 are built with them.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The text as it will be stored, or null when nothing is left. */
export function cleanText(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const cleaned = raw.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').trim();
  return cleaned === '' ? null : cleaned;
}

/** The name staff and kitchen read: English, the venue's working language, or any name there is. */
export const nameOf = (names: LocalizedText): string => names[FALLBACK_LANGUAGE] ?? Object.values(names)[0] ?? '';

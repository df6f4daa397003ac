// The one shape of a text before it meets an engine or the cache: two requests that differ only in
// spacing, line endings or invisible control characters are the same request, cost one engine run
// and share one cache row.

// Control characters except tab and line feed; NUL in particular is Apertium's flush marker.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * NFC, line endings as `\n`, control characters dropped, runs of spaces and tabs as one space, no
 * spaces at line edges, at most one empty line in a row, trimmed. Case and punctuation are kept:
 * they change the translation.
 */
export function normaliseSourceText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(CONTROL, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * What the vendor clients (toncenter, Cloudbeds) share to read an answer: a JSON object or nothing,
 * and a short cause for a request that never got one (ECONNREFUSED, a timeout's message).
 */

/** A plain object (not an array, not null). The type is the caller's view of its fields. */
export function isRecord<T extends object = Record<string, unknown>>(value: unknown): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as a JSON object, or null for anything else (an HTML error page, an array, broken JSON). */
export function parseJsonObject<T extends object = Record<string, unknown>>(text: string): T | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord<T>(value) ? value : null;
  } catch {
    return null;
  }
}

/** Why fetch failed, in a word a person can search for: the socket's code when there is one. */
export function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = isRecord(cause) && typeof cause.code === 'string' ? cause.code : null;
  return code ?? (cause instanceof Error ? cause.message : String(cause));
}

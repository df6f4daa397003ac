/**
 * The open conversation lives in the address (`/admin/translator/<id>`), so a reload or a bookmark on the
 * front-desk tablet reopens it. The router only knows pages; this part after the page is the translator's.
 */
const BASE = '/admin/translator';

export function conversationIdFromPath(pathname: string): string | null {
  const match = /^\/admin\/translator\/([^/?#]+)/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function translatorPath(conversationId: string | null): string {
  return conversationId ? `${BASE}/${encodeURIComponent(conversationId)}` : BASE;
}

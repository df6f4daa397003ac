/**
 * The guest's visit session: the table code from the address, the token kept per table code in
 * localStorage (reused while it is valid), and joining the visit with its three outcomes.
 */
import { ApiError, createApiClient } from '@onemoment/shared/client/api-client';
import { readJson, removeKey, writeJson } from '../../common/storage.ts';
import type { JoinResponse } from './types.ts';

export interface GuestSession {
  tableCode: string;
  token: string;
  visitId: string;
  tableId: string;
  tableName: string;
  expiresAt: string;
}

/** `/t/<code>` (with or without a trailing slash or query) → the code; null when there is none. */
export function tableCodeFromPath(pathname: string): string | null {
  const match = /^\/t\/([^/?#]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

const sessionKey = (tableCode: string) => `om.guest.session.${tableCode}`;

export function loadSession(tableCode: string, now = Date.now()): GuestSession | null {
  const stored = readJson<GuestSession>(sessionKey(tableCode));
  if (!stored?.token || stored.tableCode !== tableCode) return null;
  // A token about to expire is not worth a request that would come back 401.
  if (Date.parse(stored.expiresAt) - now < 60_000) return null;
  return stored;
}

export function saveSession(session: GuestSession): void {
  writeJson(sessionKey(session.tableCode), session);
}

export function forgetSession(tableCode: string): void {
  removeKey(sessionKey(tableCode));
}

export type JoinOutcome =
  | { kind: 'joined'; session: GuestSession }
  | { kind: 'not-open' }
  | { kind: 'invalid' }
  | { kind: 'unreachable'; message: string };

const publicApi = createApiClient({ token: () => null });

export async function joinVisit(tableCode: string): Promise<JoinOutcome> {
  try {
    const joined = await publicApi.post<JoinResponse>('/api/guest/visits', { tableCode });
    const session: GuestSession = { tableCode, ...joined };
    saveSession(session);
    return { kind: 'joined', session };
  } catch (error) {
    if (!(error instanceof ApiError)) return { kind: 'unreachable', message: String(error) };
    if (error.status === 409 && error.code === 'visit_not_open') return { kind: 'not-open' };
    if (error.status === 404 || error.status === 400) return { kind: 'invalid' };
    return { kind: 'unreachable', message: error.message };
  }
}

/**
 * The guest's visit session: the table code from the address, the token kept per table code in
 * localStorage (reused while it is valid), and joining the visit with its outcomes.
 *
 * A visit that staff closed is remembered as closed (not forgotten): a page that forgot it would look
 * like a fresh scan on its next load and open a new visit by itself, which is how a closed table used
 * to reopen with nobody asking.
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
  /** Set when staff closed the visit: the page then waits for the guest to start a new one. */
  closedAt?: string;
}

/**
 * How long a closed visit is remembered on the phone: as long as the hub keeps answering its e-receipt
 * (12 hours), so the thank-you screen shows the receipt after a reload. Past this, opening the link
 * again counts as a new scan (the next evening's guest on the same phone should not meet last night's
 * thank-you).
 */
export const CLOSED_MEMORY_MS = 12 * 60 * 60 * 1000;

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
  return usableSession(readJson<GuestSession>(sessionKey(tableCode)), tableCode, now);
}

/** The stored session if it still means something: a live token, or a visit closed not long ago. */
export function usableSession(stored: GuestSession | null, tableCode: string, now: number): GuestSession | null {
  if (!stored?.token || stored.tableCode !== tableCode) return null;
  if (stored.closedAt) return now - Date.parse(stored.closedAt) < CLOSED_MEMORY_MS ? stored : null;
  // A token about to expire is not worth a request that would come back 401.
  if (Date.parse(stored.expiresAt) - now < 60_000) return null;
  return stored;
}

/**
 * Where a page load starts: a stored closed visit never joins by itself (it shows its thank-you and
 * receipt); no session is a fresh scan.
 */
export function phaseOnLoad(stored: GuestSession | null): { kind: 'ready'; session: GuestSession } | { kind: 'closed'; session: GuestSession } | { kind: 'joining' } {
  if (!stored) return { kind: 'joining' };
  return stored.closedAt ? { kind: 'closed', session: stored } : { kind: 'ready', session: stored };
}

export function markClosed(session: GuestSession, now = Date.now()): GuestSession {
  const closed = { ...session, closedAt: session.closedAt ?? new Date(now).toISOString() };
  saveSession(closed);
  return closed;
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
  /** Auto policy: staff closed this table minutes ago, so a waiter must open it again. */
  | { kind: 'recently-closed'; message: string }
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
    if (error.status === 409 && error.code === 'visit_recently_closed') return { kind: 'recently-closed', message: error.message };
    if (error.status === 404 || error.status === 400) return { kind: 'invalid' };
    return { kind: 'unreachable', message: error.message };
  }
}

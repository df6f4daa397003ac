/**
 * The staff session of this tablet: the token from a PIN login, kept in localStorage so a reload
 * does not ask for the PIN again, and dropped as soon as the hub says it is no longer valid.
 */
import { readJson, removeKey, writeJson } from '../../common/storage.ts';
import type { Session, StaffRole } from './types.ts';

const STORAGE_KEY = 'onemoment.admin.session';

export function loadSession(): Session | null {
  const session = readJson<Session>(STORAGE_KEY);
  if (!session?.token || !(Date.parse(session.expiresAt) > Date.now())) {
    removeKey(STORAGE_KEY);
    return null;
  }
  return session;
}

export function saveSession(session: Session | null): void {
  // If storage is refused (private mode, full disk) the session still lives in memory for this tab.
  if (session) writeJson(STORAGE_KEY, session);
  else removeKey(STORAGE_KEY);
}

export function isManager(role: StaffRole): boolean {
  return role === 'manager';
}

/** Where a role belongs after login: the kitchen has its own display. */
export function homeFor(role: StaffRole): string {
  return role === 'kitchen' ? '/kds/' : '/admin/tables';
}

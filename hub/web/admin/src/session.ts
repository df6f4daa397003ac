/**
 * The staff session of this tablet: the token from a PIN login, kept in localStorage so a reload
 * does not ask for the PIN again, and dropped as soon as the hub says it is no longer valid.
 */
import { readJson, removeKey, writeJson } from '../../common/storage.ts';
import type { Page } from './router.ts';
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

/** The admin page a role starts on: the front desk and housekeeping have their own; the floor for the rest. */
export function homePage(role: StaffRole): Page {
  if (role === 'front_desk') return 'front-desk';
  if (role === 'housekeeping') return 'housekeeping';
  return 'tables';
}

/** Where a role belongs after login: the kitchen has its own display. */
export function homeFor(role: StaffRole): string {
  return role === 'kitchen' ? '/kds/' : `/admin/${homePage(role)}`;
}

/**
 * The page to show right after a PIN login at `current`. A waiter or manager stays where the tablet
 * was (a bookmark, a reload); the front desk and housekeeping land on their own page, unless the
 * tablet was already on a hotel page they work on.
 */
export function pageAfterLogin(role: StaffRole, current: Page): Page {
  const home = homePage(role);
  if (home === 'tables') return current;
  const own: readonly Page[] = role === 'front_desk' ? ['front-desk', 'housekeeping'] : ['housekeeping'];
  return own.includes(current) ? current : home;
}

/**
 * What the kitchen display remembers across reloads (a KDS tablet reboots, the browser restarts):
 * the staff session, the chosen station and the mute switch. Storage may be unavailable (private
 * mode, full quota): the screen then still works, it just forgets on reload.
 */
import type { StaffSession } from './types.ts';

const KEYS = { session: 'kds.session', station: 'kds.station', muted: 'kds.muted' } as const;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the value lives for this page only.
  }
}

export function loadSession(): StaffSession | null {
  const raw = read(KEYS.session);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as StaffSession;
    if (typeof session.token !== 'string') return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: StaffSession | null): void {
  write(KEYS.session, session ? JSON.stringify(session) : null);
}

export function loadStation(): string | null {
  return read(KEYS.station);
}

export function saveStation(station: string | null): void {
  write(KEYS.station, station);
}

export function loadMuted(): boolean {
  return read(KEYS.muted) === '1';
}

export function saveMuted(muted: boolean): void {
  write(KEYS.muted, muted ? '1' : '0');
}

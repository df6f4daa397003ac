/**
 * The page's session phases: joining the visit, waiting for a waiter to open the table (polling the
 * join every 5 s, as the guest has no socket yet), a dead QR code, an unreachable hub, a ready
 * session, and a closed visit. A 401 anywhere sends a ready session back to joining.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { forgetSession, joinVisit, loadSession, type GuestSession, type JoinOutcome } from './session.ts';

export type SessionPhase =
  | { kind: 'joining' }
  | { kind: 'not-open' }
  | { kind: 'invalid' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'ready'; session: GuestSession }
  | { kind: 'closed' };

export const NOT_OPEN_POLL_MS = 5000;
const UNREACHABLE_RETRY_MS = 3000;

function phaseOf(outcome: JoinOutcome): SessionPhase {
  return outcome.kind === 'joined' ? { kind: 'ready', session: outcome.session } : outcome;
}

export interface SessionControls {
  phase: SessionPhase;
  /** A request with this token came back 401: forget it and join again (ignored for an old token). */
  invalidate(token: string): void;
  /** The visit was closed by staff. */
  close(): void;
  /** Join again now (the "start a new order" button, or the connection coming back). */
  rejoin(): void;
}

export function useSession(tableCode: string | null): SessionControls {
  const [phase, setPhase] = useState<SessionPhase>(() => {
    if (!tableCode) return { kind: 'invalid' };
    const stored = loadSession(tableCode);
    return stored ? { kind: 'ready', session: stored } : { kind: 'joining' };
  });

  useEffect(() => {
    if (!tableCode) return;
    const delay =
      phase.kind === 'joining' ? 0 : phase.kind === 'not-open' ? NOT_OPEN_POLL_MS : phase.kind === 'unreachable' ? UNREACHABLE_RETRY_MS : -1;
    if (delay < 0) return;
    let cancelled = false;
    const attempt = async () => {
      const outcome = await joinVisit(tableCode);
      if (!cancelled) setPhase(phaseOf(outcome)); // a new object each time, so polling goes on
    };
    const timer = setTimeout(() => void attempt(), delay);
    const onOnline = () => {
      clearTimeout(timer);
      void attempt();
    };
    if (phase.kind === 'unreachable') window.addEventListener('online', onOnline);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [phase, tableCode]);

  const invalidate = useCallback(
    (token: string) => {
      setPhase((current) => {
        if (current.kind !== 'ready' || current.session.token !== token) return current;
        if (tableCode) forgetSession(tableCode);
        return { kind: 'joining' };
      });
    },
    [tableCode],
  );

  const close = useCallback(() => {
    if (tableCode) forgetSession(tableCode);
    setPhase({ kind: 'closed' });
  }, [tableCode]);

  const rejoin = useCallback(() => setPhase({ kind: 'joining' }), []);

  return { phase, invalidate, close, rejoin };
}

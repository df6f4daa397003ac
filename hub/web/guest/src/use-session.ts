/**
 * The page's session phases: joining the visit, waiting for a waiter to open the table (polling the
 * join every 5 s, as the guest has no socket yet), a dead QR code, an unreachable hub, a ready
 * session, a closed visit, and a table staff closed minutes ago (auto policy: a waiter reopens it).
 *
 * Only two things ever join: a page opened with no stored session for its table (a real scan), and
 * the guest tapping "Start a new order" on the thank-you screen. A closed visit, learnt from the
 * socket, from a 401 `visit_closed` or from a stored session, waits for that tap.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { VISIT_CLOSED } from './guest-api.ts';
import { forgetSession, joinVisit, loadSession, markClosed, phaseOnLoad, saveSession, type GuestSession, type JoinOutcome } from './session.ts';

export type SessionPhase =
  | { kind: 'joining' }
  | { kind: 'not-open' }
  | { kind: 'recently-closed'; message: string }
  | { kind: 'invalid' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'ready'; session: GuestSession }
  /** The visit that closed, when the phone knows it: its token still reads the e-receipt for a while. */
  | { kind: 'closed'; session: GuestSession | null };

export const NOT_OPEN_POLL_MS = 5000;
const UNREACHABLE_RETRY_MS = 3000;

function phaseOf(outcome: JoinOutcome): SessionPhase {
  return outcome.kind === 'joined' ? { kind: 'ready', session: outcome.session } : outcome;
}

export interface SessionControls {
  phase: SessionPhase;
  /** A request with this token came back 401 with this code (ignored for an old token). */
  invalidate(token: string, code: string): void;
  /** The visit was closed by staff: remember it, so no reload joins by itself. */
  close(): void;
  /** Join now: the guest's "Start a new order", or "Try again" when the hub was unreachable. */
  rejoin(): void;
  /** The hub says the visit sits at another table now (moved by staff). */
  moveTo(table: { tableId: string; tableName: string }): void;
}

export function useSession(tableCode: string | null): SessionControls {
  const [phase, setPhase] = useState<SessionPhase>(() => {
    if (!tableCode) return { kind: 'invalid' };
    return phaseOnLoad(loadSession(tableCode));
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
    (token: string, code: string) => {
      setPhase((current) => {
        if (current.kind !== 'ready' || current.session.token !== token) return current;
        if (code === VISIT_CLOSED) return { kind: 'closed', session: markClosed(current.session) };
        // The token expired or was replaced while the visit goes on: join it again.
        if (tableCode) forgetSession(tableCode);
        return { kind: 'joining' };
      });
    },
    [tableCode],
  );

  const close = useCallback(() => {
    setPhase((current) => {
      if (current.kind === 'ready') return { kind: 'closed', session: markClosed(current.session) };
      return current.kind === 'closed' ? current : { kind: 'closed', session: null };
    });
  }, []);

  const rejoin = useCallback(() => setPhase({ kind: 'joining' }), []);

  const moveTo = useCallback((table: { tableId: string; tableName: string }) => {
    setPhase((current) => {
      if (current.kind !== 'ready') return current;
      if (current.session.tableId === table.tableId && current.session.tableName === table.tableName) return current;
      const session = { ...current.session, ...table };
      saveSession(session);
      return { kind: 'ready', session };
    });
  }, []);

  return { phase, invalidate, close, rejoin, moveTo };
}

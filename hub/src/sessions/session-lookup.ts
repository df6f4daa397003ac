import type Database from 'better-sqlite3';
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { Clock } from '../clock.ts';
import type { CommandTx } from '../db/command-runner.ts';
import { hashToken } from './tokens.ts';

export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  name: string;
  role: StaffRole;
  tokenHash: string;
}

export interface GuestPrincipal {
  kind: 'guest';
  visitId: string;
  tableId: string;
  tokenHash: string;
}

/** Whose logins a command ended or changed: one person's (staff), or one visit's guests. */
export type EndedLogins = { staffId: string } | { visitId: string };

/** Only refresh a guest's last-seen time this often: every request writing it would cost an fsync. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Looks up who a bearer token belongs to. Used by the HTTP guards and the socket handshake alike, so
 * both refuse the same expired, revoked or foreign tokens.
 */
export class SessionLookup {
  private readonly staffByToken: Database.Statement;
  private readonly guestByToken: Database.Statement;
  private readonly visitStatusOfToken: Database.Statement;
  private readonly closedVisitOfToken: Database.Statement;
  private readonly touchGuest: Database.Statement;
  private readonly endedListeners: Array<(ended: EndedLogins) => void> = [];

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly guestIdleMs: number,
  ) {
    this.staffByToken = sqlite.prepare(
      `SELECT s.staff_id AS staffId, m.name, m.role, s.expires_at AS expiresAt
         FROM staff_sessions s JOIN staff m ON m.id = s.staff_id
        WHERE s.token_hash = ? AND s.revoked_at IS NULL AND m.active = 1`,
    );
    this.guestByToken = sqlite.prepare(
      `SELECT g.visit_id AS visitId, v.table_id AS tableId, g.last_seen_at AS lastSeenAt
         FROM guest_sessions g JOIN visits v ON v.id = g.visit_id
        WHERE g.token_hash = ? AND g.revoked_at IS NULL AND v.status = 'open'`,
    );
    this.touchGuest = sqlite.prepare('UPDATE guest_sessions SET last_seen_at = ? WHERE token_hash = ?');
    this.visitStatusOfToken = sqlite.prepare(
      'SELECT v.status FROM guest_sessions g JOIN visits v ON v.id = g.visit_id WHERE g.token_hash = ?',
    ).pluck();
    this.closedVisitOfToken = sqlite.prepare(
      "SELECT v.id AS visitId, v.closed_at AS closedAt FROM guest_sessions g JOIN visits v ON v.id = g.visit_id WHERE g.token_hash = ? AND v.status = 'closed'",
    );
  }

  staff(token: string): StaffPrincipal | null {
    return this.staffByHash(hashToken(token));
  }

  /** As staff(), by the token's hash (what an open socket remembers of its login). */
  staffByHash(tokenHash: string): StaffPrincipal | null {
    const row = this.staffByToken.get(tokenHash) as { staffId: string; name: string; role: StaffRole; expiresAt: string } | undefined;
    if (!row || row.expiresAt <= this.clock.now().toISOString()) return null;
    return { kind: 'staff', staffId: row.staffId, name: row.name, role: row.role, tokenHash };
  }

  guest(token: string): GuestPrincipal | null {
    return this.guestByHash(hashToken(token), { touch: true });
  }

  /** As guest(), by the token's hash; `touch: false` checks without counting as the guest's use. */
  guestByHash(tokenHash: string, options: { touch: boolean }): GuestPrincipal | null {
    const row = this.guestByToken.get(tokenHash) as { visitId: string; tableId: string; lastSeenAt: string } | undefined;
    if (!row) return null;
    const now = this.clock.now();
    const idleMs = now.getTime() - Date.parse(row.lastSeenAt);
    if (idleMs > this.guestIdleMs) return null;
    if (options.touch && idleMs > TOUCH_EVERY_MS) this.touchGuest.run(now.toISOString(), tokenHash);
    return { kind: 'guest', visitId: row.visitId, tableId: row.tableId, tokenHash };
  }

  /**
   * Whether a guest token that no longer works belonged to a visit staff have closed: the guest page
   * then says "thank you" and keeps the cart, instead of opening a new visit by itself.
   */
  guestVisitClosed(token: string): boolean {
    return this.visitStatusOfToken.get(hashToken(token)) === 'closed';
  }

  /**
   * The visit of a guest token whose visit staff closed (or its last payment closed) within `withinMs`:
   * the guest may still read that visit's receipt, and nothing else.
   */
  closedVisitOf(token: string, withinMs: number): string | null {
    const row = this.closedVisitOfToken.get(hashToken(token)) as { visitId: string; closedAt: string | null } | undefined;
    if (!row?.closedAt) return null;
    return this.clock.now().getTime() - Date.parse(row.closedAt) <= withinMs ? row.visitId : null;
  }

  /**
   * A command that ends or changes logins (logout, a person switched off or given another role, a
   * visit closed) says whose: after its commit, the listeners (the open sockets of those logins)
   * check them again.
   */
  endedIn(tx: CommandTx, ended: EndedLogins): void {
    tx.afterCommit(() => {
      for (const listener of this.endedListeners) listener(ended);
    });
  }

  /** Returns the function that removes the listener. */
  onSessionsEnded(listener: (ended: EndedLogins) => void): () => void {
    this.endedListeners.push(listener);
    return () => {
      const index = this.endedListeners.indexOf(listener);
      if (index >= 0) this.endedListeners.splice(index, 1);
    };
  }
}

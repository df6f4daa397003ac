import type Database from 'better-sqlite3';
import { newId } from '@onemoment/shared/ids';
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { CreateStaffBody, LoginResponse, StaffMember, UpdateStaffBody } from '@onemoment/shared/schemas/auth';
import type { HubContext } from '../context.ts';
import { badRequest, conflict, HubError, notFound } from '../errors.ts';
import { VenueService } from '../venue/venue-service.ts';
import { lockedOutMessage, lockStatus, recordFailure, type FailureRecord, type LockoutRule } from './login-guard.ts';
import type { StaffPrincipal } from './sessions.ts';
import { hashPin, hashToken, newToken } from './tokens.ts';

interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  active: number;
}

type LoginOutcome = { kind: 'ok'; response: LoginResponse } | { kind: 'wrong_pin' } | { kind: 'locked'; retryAfterMs: number };

const PIN_TAKEN_MESSAGE = 'That PIN is already used by someone else: choose another.';

/**
 * Staff logins and the team list. A PIN names one person (its keyed hash is unique), so login is a
 * lookup by hash; the lockout is counted per client so one tablet guessing cannot lock out the others.
 */
export class StaffService {
  private readonly venue: VenueService;
  private readonly rule: LockoutRule;
  private readonly sql: {
    failuresOf: Database.Statement;
    saveFailures: Database.Statement;
    clearFailures: Database.Statement;
    forgetOldFailures: Database.Statement;
    activeByPin: Database.Statement;
    idByPin: Database.Statement;
    insertSession: Database.Statement;
    revokeSession: Database.Statement;
    revokeSessionsOf: Database.Statement;
    member: Database.Statement;
    members: Database.Statement;
    insertMember: Database.Statement;
    otherActiveManagers: Database.Statement;
    updateMember: Database.Statement;
    updateMemberAndPin: Database.Statement;
  };

  constructor(private readonly context: HubContext) {
    this.venue = new VenueService(context);
    this.rule = {
      maxFailures: context.config.pinMaxFailures,
      windowMs: context.config.pinLockoutMs,
      lockoutMs: context.config.pinLockoutMs,
    };
    const db = context.store.sqlite;
    this.sql = {
      failuresOf: db.prepare('SELECT failures, locked_until AS lockedUntil, updated_at AS updatedAt FROM login_failures WHERE client_key = ?'),
      saveFailures: db.prepare(
        `INSERT INTO login_failures (client_key, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (client_key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      ),
      clearFailures: db.prepare('DELETE FROM login_failures WHERE client_key = ?'),
      // Keeps the table as small as the set of clients that failed recently.
      forgetOldFailures: db.prepare('DELETE FROM login_failures WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)'),
      activeByPin: db.prepare('SELECT id, name, role FROM staff WHERE pin_hash = ? AND active = 1'),
      idByPin: db.prepare('SELECT id FROM staff WHERE pin_hash = ?').pluck(),
      insertSession: db.prepare('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      revokeSession: db.prepare('UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL'),
      revokeSessionsOf: db.prepare('UPDATE staff_sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL'),
      member: db.prepare('SELECT id, name, role, active FROM staff WHERE id = ?'),
      members: db.prepare('SELECT id, name, role, active FROM staff ORDER BY active DESC, name COLLATE NOCASE, id'),
      insertMember: db.prepare('INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)'),
      otherActiveManagers: db.prepare("SELECT COUNT(*) FROM staff WHERE role = 'manager' AND active = 1 AND id <> ?").pluck(),
      updateMember: db.prepare('UPDATE staff SET name = ?, role = ?, active = ? WHERE id = ?'),
      updateMemberAndPin: db.prepare('UPDATE staff SET name = ?, role = ?, active = ?, pin_hash = ? WHERE id = ?'),
    };
  }

  /**
   * One command: check the client's lock, look the PIN up, then either open a session (and forget the
   * client's failures) or count the failure. The refusal is thrown after the command commits, so the
   * counted failure is kept.
   */
  async login(pin: string, clientKey: string): Promise<LoginResponse> {
    const pinHash = hashPin(pin, this.venue.pinSecret());
    const outcome = await this.context.commands.run((): LoginOutcome => {
      const now = this.context.clock.now();
      const record = (this.sql.failuresOf.get(clientKey) as FailureRecord | undefined) ?? null;
      const lock = lockStatus(record, now);
      if (lock.locked) return { kind: 'locked', retryAfterMs: lock.retryAfterMs };

      const member = this.sql.activeByPin.get(pinHash) as Omit<StaffRow, 'active'> | undefined;
      if (!member) {
        const next = recordFailure(record, now, this.rule);
        this.sql.saveFailures.run(clientKey, next.failures, next.lockedUntil, next.updatedAt);
        const cutoff = new Date(now.getTime() - this.rule.windowMs).toISOString();
        this.sql.forgetOldFailures.run(cutoff, now.toISOString());
        return { kind: 'wrong_pin' };
      }

      if (record) this.sql.clearFailures.run(clientKey);
      const token = newToken();
      const expiresAt = new Date(now.getTime() + this.context.config.staffTokenMs).toISOString();
      this.sql.insertSession.run(hashToken(token), member.id, now.toISOString(), expiresAt);
      return { kind: 'ok', response: { token, role: member.role, staffId: member.id, name: member.name, expiresAt } };
    });
    if (outcome.kind === 'locked') throw lockedOut(outcome.retryAfterMs);
    if (outcome.kind === 'wrong_pin') throw new HubError(401, 'wrong_pin', 'That PIN is not right.');
    return outcome.response;
  }

  async logout(principal: StaffPrincipal): Promise<void> {
    await this.context.commands.run(() => {
      this.sql.revokeSession.run(this.context.clock.now().toISOString(), principal.tokenHash);
    });
  }

  list(): StaffMember[] {
    return (this.sql.members.all() as StaffRow[]).map(toMember);
  }

  async create(body: CreateStaffBody): Promise<StaffMember> {
    const name = body.name.trim();
    const pinHash = hashPin(body.pin, this.venue.pinSecret());
    return this.context.commands.run(() => {
      if (this.sql.idByPin.get(pinHash) !== undefined) throw conflict('pin_taken', PIN_TAKEN_MESSAGE);
      const id = newId();
      refuseUniqueRace(() => this.sql.insertMember.run(id, name, body.role, pinHash, this.context.clock.now().toISOString()));
      return { id, name, role: body.role, active: true };
    });
  }

  /**
   * Changes a person. Switching someone off ends their sessions at once. The venue must always keep
   * one active manager, and a manager cannot switch themselves off (they would lose the page they are on).
   */
  async update(id: string, change: UpdateStaffBody, actor: StaffPrincipal): Promise<StaffMember> {
    if (Object.keys(change).length === 0) {
      throw badRequest('bad_request', 'Send at least one of: active, pin, name, role.');
    }
    const pinHash = change.pin === undefined ? undefined : hashPin(change.pin, this.venue.pinSecret());
    return this.context.commands.run(() => {
      const current = this.sql.member.get(id) as StaffRow | undefined;
      if (!current) throw notFound('That staff member');
      const next = {
        name: change.name?.trim() ?? current.name,
        role: change.role ?? current.role,
        active: change.active ?? current.active === 1,
      };
      if (!next.active && current.active === 1 && id === actor.staffId) {
        throw conflict('cannot_deactivate_self', 'You cannot switch yourself off: ask another manager to do it.');
      }
      const losesManager = current.active === 1 && current.role === 'manager' && (!next.active || next.role !== 'manager');
      if (losesManager && (this.sql.otherActiveManagers.get(id) as number) === 0) {
        throw conflict('last_manager', `${current.name} is the only active manager: make someone else a manager first.`);
      }
      if (pinHash !== undefined) {
        const owner = this.sql.idByPin.get(pinHash) as string | undefined;
        if (owner !== undefined && owner !== id) throw conflict('pin_taken', PIN_TAKEN_MESSAGE);
      }
      this.applyUpdate(id, next, pinHash);
      if (!next.active && current.active === 1) {
        this.sql.revokeSessionsOf.run(this.context.clock.now().toISOString(), id);
      }
      return { id, ...next };
    });
  }

  private applyUpdate(id: string, next: { name: string; role: StaffRole; active: boolean }, pinHash: string | undefined): void {
    const active = next.active ? 1 : 0;
    refuseUniqueRace(() => {
      if (pinHash === undefined) this.sql.updateMember.run(next.name, next.role, active, id);
      else this.sql.updateMemberAndPin.run(next.name, next.role, active, pinHash, id);
    });
  }
}

function toMember(row: StaffRow): StaffMember {
  return { id: row.id, name: row.name, role: row.role, active: row.active === 1 };
}

function lockedOut(retryAfterMs: number): HubError {
  return new HubError(429, 'locked_out', lockedOutMessage(retryAfterMs), { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });
}

/** The PIN check runs in the same transaction, so this only guards against a schema surprise; still a 409, never a 500. */
function refuseUniqueRace(write: () => void): void {
  try {
    write();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw conflict('pin_taken', PIN_TAKEN_MESSAGE);
    throw error;
  }
}

import type Database from 'better-sqlite3';
import { newId } from '@onemoment/shared/ids';
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { CreateStaffBody, LoginBrake, LoginResponse, StaffMember, UpdateStaffBody } from '@onemoment/shared/schemas/auth';
import type { HubContext } from '../context.ts';
import { badRequest, conflict, HubError, notFound } from '../errors.ts';
import { LoginThrottle, throttledError, type ThrottleVerdict } from './login-throttle.ts';
import type { StaffPrincipal } from '../sessions/session-lookup.ts';
import { hashPin, hashToken, newToken } from '../sessions/tokens.ts';

interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  active: number;
}

type LoginOutcome =
  | { kind: 'ok'; response: LoginResponse }
  | { kind: 'wrong_pin'; trippedBrake: boolean }
  | { kind: 'throttled'; verdict: Exclude<ThrottleVerdict, { kind: 'open' }> };

/** A create or update that found the PIN taken still commits the counted check, then answers 409. */
type PinCheckOutcome<T> = { kind: 'done'; value: T } | { kind: 'pin_taken' } | { kind: 'throttled'; verdict: Exclude<ThrottleVerdict, { kind: 'open' }> };

const PIN_TAKEN_MESSAGE = 'That PIN is already used by someone else: choose another.';

/**
 * Staff logins and the team list. A PIN names one person (its keyed hash is unique), so login is a
 * lookup by hash; the lockout is counted per client so one tablet guessing cannot lock out the others.
 */
export class StaffService {
  private readonly throttle: LoginThrottle;
  private readonly sql: {
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
    const db = context.store.sqlite;
    this.throttle = new LoginThrottle(db, context.config);
    this.sql = {
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
   * One command: check the client's lock and the hub's brake, look the PIN up, then either open a
   * session or count the failure. A right PIN forgives no earlier wrong one (or a device knowing one
   * PIN could guess forever between its own logins). The refusal is thrown after the command commits,
   * so the counted failure is kept.
   */
  async login(pin: string, clientKey: string): Promise<LoginResponse> {
    const pinHash = hashPin(pin, this.context.venue.pinSecret());
    const outcome = await this.context.commands.run((): LoginOutcome => {
      const now = this.context.clock.now();
      const verdict = this.throttle.verdict(clientKey, now);
      if (verdict.kind !== 'open') return { kind: 'throttled', verdict };

      const member = this.sql.activeByPin.get(pinHash) as Omit<StaffRow, 'active'> | undefined;
      if (!member) return { kind: 'wrong_pin', ...this.throttle.countFailure(clientKey, now) };

      const token = newToken();
      const expiresAt = new Date(now.getTime() + this.context.config.staffTokenMs).toISOString();
      this.sql.insertSession.run(hashToken(token), member.id, now.toISOString(), expiresAt);
      return { kind: 'ok', response: { token, role: member.role, staffId: member.id, name: member.name, expiresAt } };
    });
    if (outcome.kind === 'throttled') {
      this.context.log.warn({ client: clientKey, refusal: outcome.verdict.kind }, 'PIN login refused: too many wrong PINs');
      throw throttledError(outcome.verdict);
    }
    if (outcome.kind === 'wrong_pin') {
      this.context.log.warn({ client: clientKey }, 'wrong PIN');
      if (outcome.trippedBrake) this.context.log.warn('the hub-wide brake on wrong PINs tripped: PIN logins are slowed down');
      throw new HubError(401, 'wrong_pin', 'That PIN is not right.');
    }
    return outcome.response;
  }

  loginBrake(): LoginBrake {
    return this.throttle.brakeReport(this.context.clock.now());
  }

  async logout(principal: StaffPrincipal): Promise<void> {
    await this.context.commands.run((tx) => {
      this.sql.revokeSession.run(this.context.clock.now().toISOString(), principal.tokenHash);
      this.context.sessions.endedIn(tx, { staffId: principal.staffId });
    });
  }

  list(): StaffMember[] {
    return (this.sql.members.all() as StaffRow[]).map(toMember);
  }

  async create(body: CreateStaffBody, actor: StaffPrincipal): Promise<StaffMember> {
    const name = body.name.trim();
    const pinHash = hashPin(body.pin, this.context.venue.pinSecret());
    const outcome = await this.context.commands.run((): PinCheckOutcome<StaffMember> => {
      const refused = this.checkPinFree(pinHash, null, actor);
      if (refused) return refused;
      const id = newId();
      refuseUniqueRace(() => this.sql.insertMember.run(id, name, body.role, pinHash, this.context.clock.now().toISOString()));
      return { kind: 'done', value: { id, name, role: body.role, active: true } };
    });
    return settlePinCheck(outcome);
  }

  /**
   * Changes a person. Switching someone off ends their sessions at once (their open screens too). The
   * venue must always keep one active manager, and a manager cannot switch themselves off (they would
   * lose the page they are on).
   */
  async update(id: string, change: UpdateStaffBody, actor: StaffPrincipal): Promise<StaffMember> {
    if (Object.keys(change).length === 0) {
      throw badRequest('bad_request', 'Send at least one of: active, pin, name, role.');
    }
    const pinHash = change.pin === undefined ? undefined : hashPin(change.pin, this.context.venue.pinSecret());
    const outcome = await this.context.commands.run((tx): PinCheckOutcome<StaffMember> => {
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
        const refused = this.checkPinFree(pinHash, id, actor);
        if (refused) return refused;
      }
      this.applyUpdate(id, next, pinHash);
      if (!next.active && current.active === 1) {
        this.sql.revokeSessionsOf.run(this.context.clock.now().toISOString(), id);
      }
      // Switched off, or a new role: open sockets are checked again against what the login may now see.
      if (next.active !== (current.active === 1) || next.role !== current.role) this.context.sessions.endedIn(tx, { staffId: id });
      return { kind: 'done', value: { id, ...next } };
    });
    return settlePinCheck(outcome);
  }

  /**
   * "That PIN is taken" tells a manager that some colleague logs in with it, so these answers are
   * rationed like wrong PINs, per manager: null when the PIN is free.
   */
  private checkPinFree(pinHash: string, ownerId: string | null, actor: StaffPrincipal): Exclude<PinCheckOutcome<never>, { kind: 'done' }> | null {
    const now = this.context.clock.now();
    const clientKey = `pin-check:${actor.staffId}`;
    const verdict = this.throttle.verdict(clientKey, now, { hubBrake: false });
    if (verdict.kind !== 'open') return { kind: 'throttled', verdict };
    const owner = this.sql.idByPin.get(pinHash) as string | undefined;
    if (owner === undefined || owner === ownerId) return null;
    this.throttle.countFailure(clientKey, now, { hubBrake: false });
    return { kind: 'pin_taken' };
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

function settlePinCheck<T>(outcome: PinCheckOutcome<T>): T {
  if (outcome.kind === 'throttled') throw throttledError(outcome.verdict);
  if (outcome.kind === 'pin_taken') throw conflict('pin_taken', PIN_TAKEN_MESSAGE);
  return outcome.value;
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

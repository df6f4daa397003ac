/**
 * One person on the Staff page: rename them, change their role or PIN, switch them off (after a
 * confirmation: their PIN stops working and their open screens close at once) or on again. The hub
 * keeps the last rules: one active manager always, nobody switches themselves off.
 */
import { useState } from 'preact/hooks';
import { STAFF_ROLES } from '@onemoment/shared/restaurant/order-lifecycle';
import type { UpdateStaffBody } from '@onemoment/shared/schemas/auth';
import { api, describeError } from '../api.ts';
import { notify } from '../toasts.tsx';
import type { StaffMember, StaffRole } from '../types.ts';

export const ROLE_LABELS: Record<StaffRole, string> = { manager: 'Manager', waiter: 'Waiter', kitchen: 'Kitchen', front_desk: 'Front desk', housekeeping: 'Housekeeping' };
export const PIN_PATTERN = /^\d{4,8}$/;
export const MAX_NAME_LENGTH = 60;

type Editing = 'details' | 'pin' | 'deactivate' | null;

interface StaffRowProps {
  member: StaffMember;
  isSelf: boolean;
  onSaved: (member: StaffMember) => void;
}

export function StaffRow({ member, isSelf, onSaved }: StaffRowProps) {
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);

  const toggle = (next: Editing) => {
    setError(null);
    setEditing(editing === next ? null : next);
  };

  /** Sends a change; the hub's refusal (the last manager, a PIN taken) stays on the row, where it applies. */
  const patch = async (change: UpdateStaffBody, done: string) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.patch<StaffMember>(`/api/staff/${encodeURIComponent(member.id)}`, change));
      notify(done);
      setEditing(null);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`staff-row ${member.active ? '' : 'staff-row-off'}`} data-staff-id={member.id} data-active={String(member.active)} data-role={member.role}>
      <div class="staff-main">
        <span class="staff-name">
          {member.name}
          {isSelf && <small class="muted"> (you)</small>}
        </span>
        <span class="role-pill">{ROLE_LABELS[member.role]}</span>
        <span class={member.active ? 'availability availability-on' : 'availability availability-off'}>{member.active ? 'Active' : 'Switched off'}</span>
        <div class="menu-actions">
          <button type="button" class="btn btn-small" disabled={busy} aria-expanded={editing === 'details'} onClick={() => toggle('details')}>
            Edit
          </button>
          <button type="button" class="btn btn-small" disabled={busy} aria-expanded={editing === 'pin'} onClick={() => toggle('pin')}>
            Change PIN
          </button>
          {!isSelf &&
            (member.active ? (
              <button type="button" class="btn btn-small btn-danger-quiet" disabled={busy} aria-expanded={editing === 'deactivate'} onClick={() => toggle('deactivate')}>
                Deactivate…
              </button>
            ) : (
              <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => void patch({ active: true }, `${member.name} is active again`)}>
                Activate
              </button>
            ))}
        </div>
      </div>
      {editing === 'details' && <DetailsForm member={member} isSelf={isSelf} busy={busy} onSave={(change, done) => void patch(change, done)} />}
      {editing === 'pin' && <PinForm member={member} busy={busy} onSave={(pin) => void patch({ pin }, `${member.name}'s PIN is changed`)} />}
      {editing === 'deactivate' && (
        <div class="confirm staff-confirm" role="group" aria-label={`Deactivate ${member.name}`}>
          <p>
            Switch {member.name} off? Their PIN stops working at once and any screen they are logged in on closes. Their history stays, and you can switch
            them on again later.
          </p>
          <div class="panel-actions">
            <button type="button" class="btn btn-danger btn-small" disabled={busy} onClick={() => void patch({ active: false }, `${member.name} is switched off`)}>
              {busy ? 'Switching off…' : 'Deactivate'}
            </button>
            <button type="button" class="btn btn-quiet btn-small" onClick={() => toggle(null)}>
              Keep active
            </button>
          </div>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

interface DetailsFormProps {
  member: StaffMember;
  isSelf: boolean;
  busy: boolean;
  onSave: (change: UpdateStaffBody, done: string) => void;
}

/** Name and role; only what changed is sent, so a rename never touches the role (or its checks). */
function DetailsForm({ member, isSelf, busy, onSave }: DetailsFormProps) {
  const [name, setName] = useState(member.name);
  const [role, setRole] = useState<StaffRole>(member.role);
  const change: UpdateStaffBody = {};
  if (name.trim() !== member.name) change.name = name.trim();
  if (role !== member.role) change.role = role;
  const valid = name.trim().length > 0 && Object.keys(change).length > 0;

  return (
    <form
      class="inline-form staff-edit"
      aria-label={`Edit ${member.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onSave(change, describeChange(member, change));
      }}
    >
      <label class="field field-name">
        Name
        <input type="text" name="name" maxLength={MAX_NAME_LENGTH} value={name} onInput={(event) => setName(event.currentTarget.value)} autoFocus />
      </label>
      <label class="field field-role">
        Role
        {/* A manager changing their own role would lose this page mid-sentence: another manager does it. */}
        <select name="role" value={role} disabled={isSelf} title={isSelf ? 'Ask another manager to change your role' : undefined} onChange={(event) => setRole(event.currentTarget.value as StaffRole)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="btn btn-small btn-primary" disabled={busy || !valid}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      {role !== member.role && <p class="form-note staff-edit-note">Their open screens are checked again at once: a screen the new role may not use closes.</p>}
    </form>
  );
}

function describeChange(member: StaffMember, change: UpdateStaffBody): string {
  const name = change.name ?? member.name;
  if (change.name !== undefined && change.role !== undefined) return `${member.name} is now ${name}, ${ROLE_LABELS[change.role]}`;
  if (change.role !== undefined) return `${name} is now ${ROLE_LABELS[change.role]}`;
  return `${member.name} is now ${name}`;
}

function PinForm({ member, busy, onSave }: { member: StaffMember; busy: boolean; onSave: (pin: string) => void }) {
  const [pin, setPin] = useState('');
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (PIN_PATTERN.test(pin)) onSave(pin);
      }}
    >
      <input
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        aria-label={`New PIN for ${member.name}`}
        placeholder="New PIN, 4–8 digits"
        maxLength={8}
        value={pin}
        onInput={(event) => setPin(digitsOnly(event.currentTarget))}
        autoFocus
      />
      <button type="submit" class="btn btn-small btn-primary" disabled={busy || !PIN_PATTERN.test(pin)}>
        Save PIN
      </button>
    </form>
  );
}

/** Keeps a PIN field to digits, in the DOM too (an unchanged state would not re-render it). */
export function digitsOnly(input: HTMLInputElement): string {
  const digits = input.value.replace(/\D/g, '');
  if (digits !== input.value) input.value = digits;
  return digits;
}

/**
 * The team, for managers: add a person with a role and a PIN, change a PIN, switch someone off
 * when they leave (their PIN stops working; their history stays).
 */
import { useEffect, useState } from 'preact/hooks';
import { STAFF_ROLES } from '@onemoment/shared/restaurant/order-lifecycle';
import { api, describeError } from '../api.ts';
import { notify } from '../toasts.tsx';
import type { Session, StaffMember, StaffRole } from '../types.ts';

const ROLE_LABELS: Record<StaffRole, string> = { manager: 'Manager', waiter: 'Waiter', kitchen: 'Kitchen', front_desk: 'Front desk' };
const PIN_PATTERN = /^\d{4,8}$/;

export function StaffPage({ self }: { self: Session }) {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    api.get<{ staff: StaffMember[] }>('/api/staff').then(
      (result) => {
        setStaff(result.staff);
        setError(null);
      },
      (failure: unknown) => setError(describeError(failure)),
    );

  useEffect(() => {
    void load();
  }, []);

  const replace = (member: StaffMember) =>
    setStaff((current) => (current?.some((m) => m.id === member.id) ? current.map((m) => (m.id === member.id ? member : m)) : [...(current ?? []), member]));

  const sorted = staff ? [...staff].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)) : null;

  return (
    <div class="staff-page">
      <div class="page-head">
        <h1>Staff</h1>
      </div>
      <AddStaff onAdded={replace} />
      {error && <p class="form-error">{error}</p>}
      {!sorted ? (
        <p class="muted">Loading staff…</p>
      ) : (
        <ul class="staff-list">
          {sorted.map((member) => (
            <StaffRow key={member.id} member={member} isSelf={member.id === self.staffId} onSaved={replace} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AddStaff({ onAdded }: { onAdded: (member: StaffMember) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('waiter');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = name.trim().length > 0 && PIN_PATTERN.test(pin);

  const add = async () => {
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const member = await api.post<StaffMember>('/api/staff', { name: name.trim(), role, pin });
      onAdded(member);
      notify(`${member.name} can now sign in`);
      setName('');
      setPin('');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card add-staff"
      aria-label="Add a person"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <h2>Add a person</h2>
      <div class="form-grid">
        <label class="field">
          Name
          <input type="text" name="name" maxLength={80} value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label class="field">
          Role
          <select name="role" value={role} onChange={(event) => setRole(event.currentTarget.value as StaffRole)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          PIN (4–8 digits)
          <input
            type="password"
            name="pin"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={8}
            value={pin}
            onInput={(event) => setPin(digitsOnly(event.currentTarget))}
          />
        </label>
        <button type="submit" class="btn btn-primary" disabled={!valid || busy}>
          {busy ? 'Adding…' : 'Add'}
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function StaffRow({ member, isSelf, onSaved }: { member: StaffMember; isSelf: boolean; onSaved: (member: StaffMember) => void }) {
  const [busy, setBusy] = useState(false);
  const [changingPin, setChangingPin] = useState(false);
  const [pin, setPin] = useState('');

  const patch = async (change: { active?: boolean; pin?: string }, done: string) => {
    setBusy(true);
    try {
      onSaved(await api.patch<StaffMember>(`/api/staff/${encodeURIComponent(member.id)}`, change));
      notify(done);
      setChangingPin(false);
      setPin('');
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`staff-row ${member.active ? '' : 'staff-row-off'}`} data-staff-id={member.id} data-active={String(member.active)}>
      <div class="staff-main">
        <span class="staff-name">
          {member.name}
          {isSelf && <small class="muted"> (you)</small>}
        </span>
        <span class="role-pill">{ROLE_LABELS[member.role]}</span>
        <span class={member.active ? 'availability availability-on' : 'availability availability-off'}>{member.active ? 'Active' : 'Switched off'}</span>
        <div class="menu-actions">
          <button type="button" class="btn btn-small" disabled={busy} aria-expanded={changingPin} onClick={() => setChangingPin(!changingPin)}>
            Change PIN
          </button>
          {!isSelf && (
            <button
              type="button"
              class={`btn btn-small ${member.active ? 'btn-danger-quiet' : 'btn-primary'}`}
              disabled={busy}
              onClick={() => void patch({ active: !member.active }, member.active ? `${member.name} is switched off` : `${member.name} is active again`)}
            >
              {member.active ? 'Deactivate' : 'Activate'}
            </button>
          )}
        </div>
      </div>
      {changingPin && (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (PIN_PATTERN.test(pin)) void patch({ pin }, `${member.name}'s PIN is changed`);
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
          />
          <button type="submit" class="btn btn-small btn-primary" disabled={busy || !PIN_PATTERN.test(pin)}>
            Save PIN
          </button>
        </form>
      )}
    </li>
  );
}

/** Keeps a PIN field to digits, in the DOM too (an unchanged state would not re-render it). */
function digitsOnly(input: HTMLInputElement): string {
  const digits = input.value.replace(/\D/g, '');
  if (digits !== input.value) input.value = digits;
  return digits;
}

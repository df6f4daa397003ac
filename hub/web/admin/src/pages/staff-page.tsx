/**
 * The team, for managers: add a person with a role and a PIN; rename them, change their role or PIN,
 * switch someone off when they leave (their PIN stops working; their history stays). One person's
 * row is staff-row.tsx.
 */
import { useEffect, useState } from 'preact/hooks';
import { STAFF_ROLES } from '@onemoment/shared/restaurant/order-lifecycle';
import { api, describeError } from '../api.ts';
import { notify } from '../toasts.tsx';
import type { Session, StaffMember, StaffRole } from '../types.ts';
import { MAX_NAME_LENGTH, PIN_PATTERN, ROLE_LABELS, StaffRow, digitsOnly } from './staff-row.tsx';

export function StaffPage({ self, onSelfRenamed }: { self: Session; onSelfRenamed: (name: string) => void }) {
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

  const replace = (member: StaffMember) => {
    if (member.id === self.staffId && member.name !== self.name) onSelfRenamed(member.name);
    setStaff((current) => (current?.some((m) => m.id === member.id) ? current.map((m) => (m.id === member.id ? member : m)) : [...(current ?? []), member]));
  };

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
          <input type="text" name="name" maxLength={MAX_NAME_LENGTH} value={name} onInput={(event) => setName(event.currentTarget.value)} />
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

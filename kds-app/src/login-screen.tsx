/**
 * PIN pad sign-in. Big keys for wet or gloved fingers; the keyboard works too (a bump bar often
 * has digits and Enter). Only kitchen and manager PINs may run the kitchen display.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, createApiClient } from '@onemoment/shared/client/api-client';
import type { StaffSession } from './types.ts';

const ALLOWED_ROLES = new Set(['kitchen', 'manager']);
const MAX_PIN = 8;
const ROLE_LABEL: Record<string, string> = { waiter: 'a waiter', front_desk: 'front desk', manager: 'a manager', kitchen: 'kitchen' };

// Login must not go through the shared client's 401 handler (a wrong PIN is not an expired session).
const loginClient = createApiClient({ token: () => null });

interface LoginScreenProps {
  notice: string | null;
  onLoggedIn: (session: StaffSession) => void;
}

function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'wrong_pin') return 'Wrong PIN. Try again.';
    if (error.code === 'locked_out') return error.message || 'Too many wrong PINs. Wait 5 minutes, then try again.';
    if (error.isNetwork) return 'The hub did not answer. Check the network and try again.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

export function LoginScreen({ notice, onLoggedIn }: LoginScreenProps) {
  const [pin, setPinState] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Keys can arrive faster than renders (a bump bar, a fast typist): the ref is always current.
  const pinRef = useRef('');
  const busyRef = useRef(false);
  const setPin = useCallback((next: string) => {
    pinRef.current = next;
    setPinState(next);
  }, []);

  const press = useCallback(
    (digit: string) => {
      setError(null);
      if (pinRef.current.length < MAX_PIN) setPin(pinRef.current + digit);
    },
    [setPin],
  );

  const submit = useCallback(async () => {
    const pin = pinRef.current;
    if (busyRef.current) return;
    if (pin.length < 4) {
      setError('Enter your 4–8 digit PIN.');
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const session = await loginClient.post<StaffSession>('/api/staff/login', { pin });
      if (!ALLOWED_ROLES.has(session.role)) {
        // Do not leave a stray session behind on a shared kitchen screen.
        void createApiClient({ token: () => session.token })
          .post('/api/staff/logout')
          .catch(() => undefined);
        setError(`${session.name} is ${ROLE_LABEL[session.role] ?? session.role}. The kitchen display needs a kitchen or manager PIN.`);
        setPin('');
        return;
      }
      onLoggedIn(session);
    } catch (caught) {
      setError(describeError(caught));
      setPin('');
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [onLoggedIn, setPin]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^[0-9]$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace') setPin(pinRef.current.slice(0, -1));
      else if (event.key === 'Escape') setPin('');
      else if (event.key === 'Enter') void submit();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [press, submit, setPin]);

  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <main class="login">
      <h1 class="login-title">Kitchen display</h1>
      <p class="login-hint">Enter your kitchen PIN</p>
      {notice && !error && <p class="login-notice" role="status">{notice}</p>}
      <div class="pin-dots" aria-label={`${pin.length} digits entered`} data-testid="pin-dots">
        {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
          <span key={i} class={i < pin.length ? 'pin-dot filled' : 'pin-dot'} />
        ))}
      </div>
      <p class="login-error" role="alert" data-testid="login-error">{error ?? ''}</p>
      <div class="pin-pad">
        {keys.map((digit) => (
          <button key={digit} type="button" class="pin-key" onClick={() => press(digit)} disabled={busy}>
            {digit}
          </button>
        ))}
        <button type="button" class="pin-key pin-key-muted" onClick={() => setPin('')} disabled={busy} aria-label="Clear">
          Clear
        </button>
        <button type="button" class="pin-key" onClick={() => press('0')} disabled={busy}>
          0
        </button>
        <button type="button" class="pin-key pin-key-go" onClick={() => void submit()} disabled={busy} aria-label="Sign in">
          {busy ? '…' : 'OK'}
        </button>
      </div>
    </main>
  );
}

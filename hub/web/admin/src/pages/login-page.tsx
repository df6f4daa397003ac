/** The PIN pad: big keys for a tablet, the keyboard works too (digits, Backspace, Enter). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api.ts';
import type { Session } from '../types.ts';

const MAX_PIN = 8;
const MIN_PIN = 4;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function LoginPage({ onLogin }: { onLogin: (session: Session) => void }) {
  const [pin, setPinState] = useState('');
  // The latest PIN, also before the next render: a fast typist's Enter must see the last digit.
  const pinRef = useRef('');
  const setPin = (next: string) => {
    pinRef.current = next;
    setPinState(next);
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const press = (digit: string) => {
    setError(null);
    if (pinRef.current.length < MAX_PIN) setPin(pinRef.current + digit);
  };
  const back = () => setPin(pinRef.current.slice(0, -1));
  const clear = () => setPin('');

  const submit = async () => {
    const pin = pinRef.current;
    if (busy || pin.length < MIN_PIN) return;
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/api/staff/login', { pin });
      onLogin(session);
    } catch (failure) {
      setPin('');
      if (failure instanceof ApiError && failure.code === 'wrong_pin') setError('That PIN is not right. Try again.');
      else if (failure instanceof ApiError && failure.code === 'locked_out') setError('Too many wrong PINs. Wait a few minutes, or ask a manager.');
      else setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (/^\d$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace') back();
      else if (event.key === 'Escape') clear();
      else if (event.key === 'Enter') void submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div class="login">
      <form
        class="login-card"
        aria-label="Staff sign in"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h1>Staff sign in</h1>
        <p class="muted">Enter your PIN</p>
        <div class="pin-dots" aria-live="polite" aria-label={`${pin.length} digits entered`} data-testid="pin-dots">
          {Array.from({ length: Math.max(MIN_PIN, pin.length) }, (_, index) => (
            <span key={index} class={`pin-dot ${index < pin.length ? 'pin-dot-on' : ''}`} />
          ))}
        </div>
        <div class="pin-pad">
          {KEYS.map((key) => (
            <button key={key} type="button" class="pin-key" onClick={() => press(key)} disabled={busy}>
              {key}
            </button>
          ))}
          <button type="button" class="pin-key pin-key-quiet" onClick={clear} disabled={busy} aria-label="Clear">
            C
          </button>
          <button type="button" class="pin-key" onClick={() => press('0')} disabled={busy}>
            0
          </button>
          <button type="button" class="pin-key pin-key-quiet" onClick={back} disabled={busy} aria-label="Delete last digit">
            ⌫
          </button>
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn btn-primary btn-block" disabled={busy || pin.length < MIN_PIN}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}

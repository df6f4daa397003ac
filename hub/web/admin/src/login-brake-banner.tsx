/**
 * For managers: a banner while many wrong PINs have made the hub slow down every PIN login, and for
 * an hour after, so someone guessing PINs on the venue Wi-Fi does not go unnoticed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LoginBrake } from '@onemoment/shared/schemas/auth';
import { api } from './api.ts';
import { clockTime } from './format.ts';

const POLL_MS = 30_000;
const SHOW_AFTER_TRIP_MS = 3_600_000;

export function LoginBrakeBanner() {
  const [brake, setBrake] = useState<LoginBrake | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = () => api.get<LoginBrake>('/api/staff/login-brake').then((next) => !stopped && setBrake(next), () => undefined);
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  if (!brake?.lastTrippedAt) return null;
  const recent = Date.now() - Date.parse(brake.lastTrippedAt) < SHOW_AFTER_TRIP_MS;
  if (!brake.braked && !recent) return null;
  return (
    <div class="banner banner-error" role="alert" data-testid="login-brake">
      {brake.braked
        ? `PIN logins are paused: this hub had ${brake.maxFailures} or more wrong PINs within ${brake.windowMinutes} minutes. The next PIN is checked in ${brake.retryAfterSeconds} s; logged-in screens keep working.`
        : `Many wrong PINs at ${clockTime(brake.lastTrippedAt)} made the hub pause PIN logins. If nobody here mistyped, someone may be guessing PINs: change the PINs of your team.`}
    </div>
  );
}

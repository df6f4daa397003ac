/**
 * The kitchen display's screens: PIN pad → station choice → board. The session and the station are
 * remembered, so a rebooted kitchen tablet comes straight back to its board.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '@onemoment/shared/client/api-client';
import { api, onUnauthorized, setToken } from './api.ts';
import { KitchenBoard } from './board/kitchen-board.tsx';
import { LoginScreen } from './login-screen.tsx';
import { StationPicker } from './station-picker.tsx';
import { loadSession, loadStation, saveSession, saveStation } from './storage.ts';
import { EXPO, type StaffSession, type Venue } from './types.ts';

const VENUE_RETRY_MS = 2000;

function useVenue(enabled: boolean): { venue: Venue | null; error: string | null } {
  const [venue, setVenue] = useState<Venue | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled || venue) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      api
        .get<Venue>('/api/venue')
        .then((result) => {
          if (!cancelled) setVenue(result);
        })
        .catch((caught: unknown) => {
          if (cancelled) return;
          setError(caught instanceof ApiError && !caught.isNetwork ? caught.message : 'Waiting for the hub…');
          timer = setTimeout(load, VENUE_RETRY_MS);
        });
    };
    load();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [enabled, venue]);
  return { venue, error };
}

export function App() {
  const [session, setSession] = useState<StaffSession | null>(() => {
    const saved = loadSession();
    setToken(saved?.token ?? null);
    return saved;
  });
  const [station, setStation] = useState<string | null>(loadStation);
  const [notice, setNotice] = useState<string | null>(null);
  const { venue, error: venueError } = useVenue(session !== null);

  const endSession = useCallback((message: string | null) => {
    setToken(null);
    saveSession(null);
    setSession(null);
    setNotice(message);
  }, []);

  useEffect(() => {
    onUnauthorized(() => endSession('Your session has ended. Enter your PIN again.'));
  }, [endSession]);

  const onLoggedIn = useCallback((next: StaffSession) => {
    setToken(next.token);
    saveSession(next);
    setSession(next);
    setNotice(null);
  }, []);

  const logout = useCallback(() => {
    void api.post('/api/staff/logout').catch(() => undefined);
    endSession(null);
  }, [endSession]);

  const pickStation = useCallback((next: string | null) => {
    saveStation(next);
    setStation(next);
  }, []);

  if (!session) return <LoginScreen notice={notice} onLoggedIn={onLoggedIn} />;
  if (!venue) {
    return (
      <main class="waiting" role="status">
        {venueError ?? 'Loading…'}
      </main>
    );
  }
  const known = station === EXPO || venue.stations.some((s) => s.id === station);
  if (!station || !known) {
    return <StationPicker stations={venue.stations} staffName={session.name} onPick={pickStation} onLogout={logout} />;
  }
  return (
    <KitchenBoard
      key={`${station}:${session.token}`}
      token={session.token}
      station={station}
      stations={venue.stations}
      venueName={venue.name}
      timezone={venue.timezone}
      staffName={session.name}
      onChangeStation={() => pickStation(null)}
      onLogout={logout}
    />
  );
}

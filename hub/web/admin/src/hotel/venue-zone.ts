/**
 * The venue's time zone for the hotel dialogs' dates ("sent 7 Dec, 14:02"): read once per page load
 * from /api/venue (the shell reads it too, but keeps only the clock formatter), the tablet's own zone
 * until then or if the read fails.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { Venue } from '../types.ts';

const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
let venueZone: Promise<string> | null = null;
let known: string | null = null;

export function useVenueTimeZone(): string {
  const [zone, setZone] = useState(() => known ?? deviceZone());
  useEffect(() => {
    if (known) return;
    venueZone ??= api.get<Venue>('/api/venue').then(
      (venue) => (known = venue.timezone),
      () => {
        venueZone = null;
        return deviceZone();
      },
    );
    let live = true;
    void venueZone.then((found) => live && setZone(found));
    return () => {
      live = false;
    };
  }, []);
  return zone;
}

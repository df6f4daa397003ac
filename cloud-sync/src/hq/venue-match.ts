/**
 * Pairing a hub with HQ's venue: whose currency and time zone stand. HQ types them when it creates the
 * venue; the hub sells in its own currency and counts business days in its own time zone, and it is the
 * hub's records that carry the money. So:
 *
 * - they agree: pair.
 * - they differ and the venue is fresh (no hub was ever paired with it and it never received data):
 *   the venue takes the hub's. Nothing was labelled with HQ's choice yet, and a typo at creation
 *   (RUB for EUR) should not cost HQ a new venue and code.
 * - they differ and the venue already has a hub or data: refuse (409), naming both. Another currency
 *   at a venue that already reports is a hub paired with the wrong venue's code, and changing the
 *   venue under the reports it has would relabel them.
 *
 * A hub too old to say what it sells in pairs as before. Its amounts are still reported in the
 * currency its orders carry, never the venue record's.
 */

export interface VenueMoney {
  currency: string;
  timezone: string;
}

export type VenueMatch =
  | { kind: 'same' }
  | { kind: 'adopt'; currency: string; timezone: string }
  | { kind: 'refuse'; message: string };

/** The canonical name of a time zone (Intl resolves case and links), or null when it is none. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function matchVenue(venue: VenueMoney & { name: string; fresh: boolean }, hub: VenueMoney | null): VenueMatch {
  if (!hub) return { kind: 'same' };
  const hubZone = canonicalTimeZone(hub.timezone) ?? hub.timezone;
  const venueZone = canonicalTimeZone(venue.timezone) ?? venue.timezone;
  if (hub.currency === venue.currency && hubZone === venueZone) return { kind: 'same' };
  if (venue.fresh) return { kind: 'adopt', currency: hub.currency, timezone: hubZone };
  const differs = [hub.currency !== venue.currency ? 'currency' : null, hubZone !== venueZone ? 'time zone' : null].filter(Boolean).join(' and ');
  return {
    kind: 'refuse',
    message:
      `This hub sells in ${hub.currency} on ${hubZone} time, but HQ's venue "${venue.name}" is set to ${venue.currency} on ${venueZone} time ` +
      `and already has a paired hub or its data, so its ${differs} cannot change now. ` +
      `Ask HQ for the pairing code of a venue in ${hub.currency} (${hubZone}), or for a new venue.`,
  };
}

import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, matchVenue } from './venue-match.ts';

const tokyo = { name: 'Tokyo bistro', currency: 'RUB', timezone: 'Asia/Tokyo' };
const eurHub = { currency: 'EUR', timezone: 'Europe/Berlin' };

describe("whose currency and time zone stand when a hub pairs", () => {
  it('pairs as before when they agree, whatever the spelling of the zone, and when the hub does not say', () => {
    expect(matchVenue({ ...tokyo, fresh: false }, { currency: 'RUB', timezone: 'asia/tokyo' })).toEqual({ kind: 'same' });
    expect(matchVenue({ ...tokyo, fresh: false }, null)).toEqual({ kind: 'same' });
  });

  it("gives a fresh venue the hub's currency and time zone (the issue's EUR hub and RUB / Asia/Tokyo venue)", () => {
    expect(matchVenue({ ...tokyo, fresh: true }, eurHub)).toEqual({ kind: 'adopt', currency: 'EUR', timezone: 'Europe/Berlin' });
    expect(matchVenue({ ...tokyo, fresh: true }, { currency: 'RUB', timezone: 'europe/moscow' })).toEqual({ kind: 'adopt', currency: 'RUB', timezone: 'Europe/Moscow' });
  });

  it('refuses a venue that already has a hub or data, naming both sides and what differs', () => {
    const refused = matchVenue({ ...tokyo, fresh: false }, eurHub);
    expect(refused.kind).toBe('refuse');
    const message = refused.kind === 'refuse' ? refused.message : '';
    expect(message).toBe(
      'This hub sells in EUR on Europe/Berlin time, but HQ\'s venue "Tokyo bistro" is set to RUB on Asia/Tokyo time and already has a paired hub or its data, ' +
        'so its currency and time zone cannot change now. Ask HQ for the pairing code of a venue in EUR (Europe/Berlin), or for a new venue.',
    );
    const zoneOnly = matchVenue({ ...tokyo, fresh: false }, { currency: 'RUB', timezone: 'Europe/Moscow' });
    expect(zoneOnly.kind === 'refuse' && zoneOnly.message).toMatch(/so its time zone cannot change now/);
    const currencyOnly = matchVenue({ ...tokyo, fresh: false }, { currency: 'JPY', timezone: 'Asia/Tokyo' });
    expect(currencyOnly.kind === 'refuse' && currencyOnly.message).toMatch(/so its currency cannot change now/);
  });

  it('knows a time zone from a made-up one', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});

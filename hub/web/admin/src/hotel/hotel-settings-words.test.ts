import { describe, expect, it } from 'vitest';
import { checkCloudbedsDraft, checkOutOfOrder, cloudbedsStatusText, outOfOrderText, type CloudbedsSettings } from './hotel-settings-words.ts';
import { room } from './test-data.ts';

const TODAY = '2026-12-07';

describe('the Cloudbeds form', () => {
  it('sends the key and property trimmed', () => {
    expect(checkCloudbedsDraft(' cbat_abc123XYZ ', ' 12345 ')).toEqual({ ok: true, body: { apiKey: 'cbat_abc123XYZ', propertyId: '12345' } });
  });

  it('says what is wrong before anything is sent', () => {
    const problem = (key: string, property: string) => {
      const checked = checkCloudbedsDraft(key, property);
      return checked.ok ? null : checked.field;
    };
    expect(problem('', '12345')).toBe('apiKey');
    expect(problem('short', '12345')).toBe('apiKey');
    expect(problem('has a space 123', '12345')).toBe('apiKey');
    expect(problem('cbat_abc123XYZ', '')).toBe('propertyId');
    expect(problem('cbat_abc123XYZ', '12 345')).toBe('propertyId');
  });

  it('says how far the link has got', () => {
    const settings: CloudbedsSettings = { configured: true, apiKeyMasked: '••••XYZ9', propertyId: '12345', pulledUntil: null, mappedRoomTypes: 1, mappedRooms: 0 };
    const clock = (iso: string) => iso.slice(11, 16);
    expect(cloudbedsStatusText({ ...settings, configured: false, apiKeyMasked: null, propertyId: null }, clock)).toBe('Not connected: bookings are made here only.');
    expect(cloudbedsStatusText(settings, clock)).toBe('Connected to property 12345: no reservations read yet (the first pull is queued in Online tasks); 1 room type and 0 rooms matched by name.');
    expect(cloudbedsStatusText({ ...settings, pulledUntil: '2026-12-07T10:15:00.000Z', mappedRoomTypes: 4, mappedRooms: 24 }, clock)).toBe(
      'Connected to property 12345: reservations read up to 10:15; 4 room types and 24 rooms matched by name.',
    );
  });
});

describe('taking a room out of order', () => {
  it('sends the reason trimmed with the nights', () => {
    expect(checkOutOfOrder({ reason: ' Leaking tap ', from: TODAY, to: '2026-12-09' }, TODAY)).toEqual({ ok: true, body: { reason: 'Leaking tap', from: TODAY, to: '2026-12-09' } });
    // Already out since yesterday, back tomorrow: fine.
    expect(checkOutOfOrder({ reason: 'Paint', from: '2026-12-06', to: '2026-12-08' }, TODAY).ok).toBe(true);
  });

  it('says what is wrong', () => {
    const field = (reason: string, from: string, to: string) => {
      const checked = checkOutOfOrder({ reason, from, to }, TODAY);
      return checked.ok ? null : checked.field;
    };
    expect(field(' ', TODAY, '2026-12-08')).toBe('reason');
    expect(field('Leak', '', '2026-12-08')).toBe('from');
    expect(field('Leak', TODAY, '2026-13-01')).toBe('to');
    expect(field('Leak', TODAY, TODAY)).toBe('to');
    expect(field('Leak', '2026-12-01', TODAY)).toBe('to');
  });

  it('reads a room out of order in a line', () => {
    expect(outOfOrderText(room({ id: 'room-101', number: '101', outOfOrder: { reason: 'Leaking tap', from: TODAY, to: '2026-12-09' } }))).toBe('Out of order 7 Dec → 9 Dec: Leaking tap');
    expect(outOfOrderText(room({ id: 'room-101', number: '101' }))).toBeNull();
  });
});

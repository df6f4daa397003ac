import { describe, expect, it } from 'vitest';
import { checkBookingDraft, newBookingDraft, type BookingDraft } from './booking-draft.ts';
import { ROOM_TYPES } from './test-data.ts';

const TODAY = '2026-12-07';
const draft = (change: Partial<BookingDraft> = {}): BookingDraft => ({ ...newBookingDraft(TODAY, '2026-12-08', 'standard'), name: 'Guest A', ...change });

describe('the New booking form', () => {
  it('makes the request with only what was filled in', () => {
    expect(checkBookingDraft(draft({ name: '  Guest A ' }), ROOM_TYPES, TODAY)).toEqual({
      ok: true,
      body: { roomTypeId: 'standard', arrival: TODAY, departure: '2026-12-08', adults: 1, guest: { name: 'Guest A' } },
    });
    expect(checkBookingDraft(draft({ roomId: 'room-101', children: 1, email: 'a@example.com', phone: '+44 20 1234', notes: ' late ' }), ROOM_TYPES, TODAY)).toEqual({
      ok: true,
      body: { roomTypeId: 'standard', roomId: 'room-101', arrival: TODAY, departure: '2026-12-08', adults: 1, children: 1, guest: { name: 'Guest A', email: 'a@example.com', phone: '+44 20 1234' }, notes: 'late' },
    });
  });

  it('says what is wrong, field by field', () => {
    const problem = (change: Partial<BookingDraft>) => {
      const checked = checkBookingDraft(draft(change), ROOM_TYPES, TODAY);
      return checked.ok ? null : [checked.field, checked.problem];
    };
    expect(problem({ roomTypeId: 'castle' })).toEqual(['roomTypeId', 'Pick a room type.']);
    expect(problem({ arrival: '2026-12-06' })).toEqual(['arrival', 'The arrival is in the past. Pick today or a later date.']);
    expect(problem({ departure: TODAY })).toEqual(['departure', 'The departure is after the arrival: at least one night.']);
    expect(problem({ departure: '2027-03-01' })).toEqual(['departure', 'That is 84 nights; the desk books up to 60 at a time.']);
    expect(problem({ adults: 2, children: 1 })).toEqual(['adults', 'A Standard room sleeps 2; this is 3 guests.']);
    expect(problem({ name: ' ' })).toEqual(['name', "Type the guest's name as on the booking."]);
    expect(problem({ email: 'not-an-email' })).toEqual(['email', 'The email looks like name@example.com, or leave it empty.']);
    expect(problem({ phone: 'call me' })?.[0]).toBe('phone');
    expect(problem({ arrival: '2026-02-30' })?.[0]).toBe('arrival');
  });
});

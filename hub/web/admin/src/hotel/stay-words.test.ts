import { describe, expect, it } from 'vitest';
import { actionDoneText, detailActions, guestsText, longDate, nightsText, refusalText, roomText, rowAction, shortDate, stayText } from './stay-words.ts';
import { ROOM_TYPES, booking } from './test-data.ts';

describe('a stay in words', () => {
  it('says the dates and nights without shifting a date by a time zone', () => {
    expect(shortDate('2026-12-07')).toBe('7 Dec');
    expect(stayText({ arrival: '2026-12-31', departure: '2027-01-02' })).toBe('31 Dec → 2 Jan · 2 nights');
    expect(nightsText(1)).toBe('1 night');
    expect(longDate('2026-12-07')).toBe('Monday 7 December 2026');
    expect(longDate('2027-01-03')).toBe('Sunday 3 January 2027');
  });

  it('says the room type and the room, or that no room is given yet', () => {
    expect(roomText(booking(), ROOM_TYPES)).toBe('Standard · no room yet');
    expect(roomText(booking({ roomTypeId: 'suite', roomNumber: '401' }), ROOM_TYPES)).toBe('Suite · room 401');
  });

  it('counts the guests', () => {
    expect(guestsText({ adults: 1, children: 0 })).toBe('1 adult');
    expect(guestsText({ adults: 2, children: 1 })).toBe('2 adults, 1 child');
  });
});

describe('the one-tap button of a row', () => {
  it('checks in an arrival and checks out a departure or a guest in house', () => {
    expect(rowAction(booking({ status: 'confirmed' }), 'arrivals', 'front_desk')).toBe('check-in');
    expect(rowAction(booking({ status: 'tentative' }), 'arrivals', 'manager')).toBe('check-in');
    expect(rowAction(booking({ status: 'checked_in' }), 'departures', 'front_desk')).toBe('check-out');
    expect(rowAction(booking({ status: 'checked_in' }), 'inHouse', 'manager')).toBe('check-out');
  });

  it('offers nothing the lifecycle refuses: an arrival already in, or a role that may not', () => {
    expect(rowAction(booking({ status: 'checked_in' }), 'arrivals', 'front_desk')).toBeNull();
    expect(rowAction(booking({ status: 'checked_out' }), 'departures', 'front_desk')).toBeNull();
    expect(rowAction(booking({ status: 'confirmed' }), 'arrivals', 'housekeeping')).toBeNull();
  });

  it('lists the detail actions in the desk order; only a manager marks a no-show', () => {
    expect(detailActions(booking({ status: 'tentative' }), 'front_desk')).toEqual(['check-in', 'confirm', 'cancel']);
    expect(detailActions(booking({ status: 'confirmed' }), 'manager')).toEqual(['check-in', 'cancel', 'no-show']);
    expect(detailActions(booking({ status: 'checked_out' }), 'manager')).toEqual([]);
  });
});

describe('what the desk is told', () => {
  it('after an action', () => {
    expect(actionDoneText('check-in', booking({ roomNumber: '101' }))).toBe('Guest A checked in to room 101.');
    expect(actionDoneText('check-out', booking({ roomNumber: '101' }))).toBe('Guest A (room 101) checked out. The room is marked dirty for housekeeping.');
  });

  it('when the hub refuses: the amount due as money, what to do when no room is ready', () => {
    expect(refusalText('folio_not_paid', 'The folio has money due.', booking(), '€42.50')).toBe('Guest A still owes €42.50: take the payment, then check out.');
    expect(refusalText('folio_not_paid', 'The folio has money due.', booking())).toBe('The folio has money due.');
    expect(refusalText('no_room_ready', 'No room of this type is ready yet: 102 is free but not cleaned.', booking())).toBe(
      'Guest A cannot check in yet. No room of this type is ready yet: 102 is free but not cleaned.',
    );
    expect(refusalText('invalid_transition', 'This booking is cancelled.', booking())).toBe('This booking is cancelled.');
  });
});

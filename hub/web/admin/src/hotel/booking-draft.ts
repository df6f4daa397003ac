/**
 * The New booking form as plain data, checked before it is sent (so the hub's refusals are rare and
 * speak of real conflicts, like a room taken meanwhile). Pure, tested beside it.
 */
import { isRealDate, nightsBetween } from '@onemoment/shared/hotel/stay-dates';
import type { CreateBookingBody, RoomType } from '@onemoment/shared/schemas/hotel';

export interface BookingDraft {
  roomTypeId: string;
  /** A room picked now, or '' to let the hub give one at check-in. */
  roomId: string;
  arrival: string;
  departure: string;
  adults: number;
  children: number;
  name: string;
  email: string;
  phone: string;
  notes: string;
}

export type DraftField = 'roomTypeId' | 'arrival' | 'departure' | 'adults' | 'name' | 'email' | 'phone';
export type CheckedBooking = { ok: true; body: Omit<CreateBookingBody, 'id'> } | { ok: false; field: DraftField; problem: string };

/** The longest stay the form takes; a longer one is likely a typo in a year. */
export const MAX_NIGHTS = 60;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\-. ]{3,40}$/;

export function newBookingDraft(today: string, tomorrow: string, roomTypeId: string): BookingDraft {
  return { roomTypeId, roomId: '', arrival: today, departure: tomorrow, adults: 1, children: 0, name: '', email: '', phone: '', notes: '' };
}

/** The request for a draft, or what is wrong with it in a sentence. `today` is the venue's date. */
export function checkBookingDraft(draft: BookingDraft, roomTypes: readonly RoomType[], today: string): CheckedBooking {
  const type = roomTypes.find((t) => t.id === draft.roomTypeId);
  if (!type) return { ok: false, field: 'roomTypeId', problem: 'Pick a room type.' };
  if (!isRealDate(draft.arrival)) return { ok: false, field: 'arrival', problem: 'Pick the arrival date.' };
  if (draft.arrival < today) return { ok: false, field: 'arrival', problem: 'The arrival is in the past. Pick today or a later date.' };
  if (!isRealDate(draft.departure)) return { ok: false, field: 'departure', problem: 'Pick the departure date.' };
  const nights = nightsBetween(draft.arrival, draft.departure);
  if (nights < 1) return { ok: false, field: 'departure', problem: 'The departure is after the arrival: at least one night.' };
  if (nights > MAX_NIGHTS) return { ok: false, field: 'departure', problem: `That is ${nights} nights; the desk books up to ${MAX_NIGHTS} at a time.` };
  if (!Number.isInteger(draft.adults) || draft.adults < 1) return { ok: false, field: 'adults', problem: 'At least one adult stays in the room.' };
  const guests = draft.adults + draft.children;
  if (guests > type.capacity) return { ok: false, field: 'adults', problem: `A ${type.name} room sleeps ${type.capacity}; this is ${guests} guests.` };
  const name = draft.name.trim();
  if (name === '') return { ok: false, field: 'name', problem: "Type the guest's name as on the booking." };
  if (name.length > 120) return { ok: false, field: 'name', problem: 'The name is at most 120 characters.' };
  const email = draft.email.trim();
  if (email !== '' && (!EMAIL.test(email) || email.length > 200)) return { ok: false, field: 'email', problem: 'The email looks like name@example.com, or leave it empty.' };
  const phone = draft.phone.trim();
  if (phone !== '' && !PHONE.test(phone)) return { ok: false, field: 'phone', problem: 'The phone number is digits (with + ( ) - . and spaces), or leave it empty.' };

  const body: Omit<CreateBookingBody, 'id'> = {
    roomTypeId: type.id,
    arrival: draft.arrival,
    departure: draft.departure,
    adults: draft.adults,
    guest: { name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
  };
  if (draft.children > 0) body.children = draft.children;
  if (draft.roomId) body.roomId = draft.roomId;
  const notes = draft.notes.trim();
  if (notes) body.notes = notes.slice(0, 1000);
  return { ok: true, body };
}

/**
 * The hotel settings' other words: the Cloudbeds form checked as the hub checks it (so a typo is said
 * before anything is sent), what the hub answers about the link, and taking a room out of order.
 * Pure, tested beside it.
 */
import { isRealDate } from '@onemoment/shared/hotel/stay-dates';
import type { Room } from '@onemoment/shared/schemas/hotel';
import { shortDate } from './stay-words.ts';

/** GET /api/admin/integrations/cloudbeds (the key only ever comes back masked). */
export interface CloudbedsSettings {
  configured: boolean;
  apiKeyMasked: string | null;
  propertyId: string | null;
  pulledUntil: string | null;
  mappedRoomTypes: number;
  mappedRooms: number;
}

export type CloudbedsField = 'apiKey' | 'propertyId';
export type CheckedCloudbeds = { ok: true; body: { apiKey: string; propertyId: string } } | { ok: false; field: CloudbedsField; problem: string };

/** The same rules as the hub's schema, said in words. */
export function checkCloudbedsDraft(apiKey: string, propertyId: string): CheckedCloudbeds {
  const key = apiKey.trim();
  const property = propertyId.trim();
  if (key === '') return { ok: false, field: 'apiKey', problem: "Paste the property's API key from Cloudbeds." };
  if (key.length < 8 || key.length > 200 || !/^[A-Za-z0-9_.:-]+$/.test(key)) {
    return { ok: false, field: 'apiKey', problem: 'That does not look like a Cloudbeds API key: 8 to 200 letters, digits and _ . : - with no spaces.' };
  }
  if (property === '') return { ok: false, field: 'propertyId', problem: "Type the Cloudbeds property id (a number in the property's settings)." };
  if (property.length > 40 || !/^[0-9A-Za-z_-]+$/.test(property)) return { ok: false, field: 'propertyId', problem: 'The property id is letters, digits, _ and -, at most 40.' };
  return { ok: true, body: { apiKey: key, propertyId: property } };
}

/** One sentence on the link: set up or not, and how far the pull has read. */
export function cloudbedsStatusText(settings: CloudbedsSettings, clock: (iso: string) => string): string {
  if (!settings.configured) return 'Not connected: bookings are made here only.';
  const mapped = `${settings.mappedRoomTypes} room type${settings.mappedRoomTypes === 1 ? '' : 's'} and ${settings.mappedRooms} room${settings.mappedRooms === 1 ? '' : 's'} matched by name`;
  const pulled = settings.pulledUntil ? `reservations read up to ${clock(settings.pulledUntil)}` : 'no reservations read yet (the first pull is queued in Online tasks)';
  return `Connected to property ${settings.propertyId ?? '?'}: ${pulled}; ${mapped}.`;
}

export interface OutOfOrderDraft {
  reason: string;
  from: string;
  to: string;
}

export type CheckedOutOfOrder = { ok: true; body: OutOfOrderDraft } | { ok: false; field: keyof OutOfOrderDraft; problem: string };

/** The request to take a room out of order from `from` up to, not including, `to`; `today` is the venue's date. */
export function checkOutOfOrder(draft: OutOfOrderDraft, today: string): CheckedOutOfOrder {
  const reason = draft.reason.trim();
  if (reason === '') return { ok: false, field: 'reason', problem: 'Say why, in a few words (a leak, painting…): the desk and housekeeping read it.' };
  if (reason.length > 300) return { ok: false, field: 'reason', problem: 'The reason is at most 300 characters.' };
  if (!isRealDate(draft.from)) return { ok: false, field: 'from', problem: 'Pick the first night the room cannot be sold.' };
  if (!isRealDate(draft.to)) return { ok: false, field: 'to', problem: 'Pick the day the room is back.' };
  if (draft.to <= draft.from) return { ok: false, field: 'to', problem: 'The room is back after the first night out of order: pick a later day.' };
  if (draft.to <= today) return { ok: false, field: 'to', problem: 'Those nights are over: pick a day the room is back that is after today.' };
  return { ok: true, body: { reason, from: draft.from, to: draft.to } };
}

/** "Out of order 7 Dec → 9 Dec: leaking tap", or null when the room is in order. */
export function outOfOrderText(room: Pick<Room, 'outOfOrder'>): string | null {
  const o = room.outOfOrder;
  return o ? `Out of order ${shortDate(o.from)} → ${shortDate(o.to)}: ${o.reason}` : null;
}

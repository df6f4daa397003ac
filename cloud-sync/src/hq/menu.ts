import { eq } from 'drizzle-orm';
import { docNames, isNanotonsPerMinor, readMenuItems, readTonRate, setMenuItem, setTonRate, type MenuItemRecord, type TonRateSetting } from '@onemoment/shared/sync/index';
import type { CloudContext } from '../context.ts';
import { venues } from '../db/schema.ts';
import { badRequest, CloudError, notFound } from '../errors.ts';
import type { MenuItemPatchBody } from './schemas.ts';

export async function requireVenue(context: CloudContext, venueId: string): Promise<void> {
  const [venue] = await context.database.db.select({ id: venues.id }).from(venues).where(eq(venues.id, venueId));
  if (!venue) throw notFound('The venue');
}

export async function listMenuItems(context: CloudContext, venueId: string): Promise<MenuItemRecord[]> {
  await requireVenue(context, venueId);
  return context.documents.read(docNames.config(venueId), (doc) => readMenuItems(doc));
}

/**
 * HQ's edit goes into the venue's config document through the same path as a hub's update: stored,
 * pushed to the hubs connected to any node. Only items the hub has already synced can be edited:
 * the hub writes every menu item into the document, and an item map created on both sides at once
 * would keep only one side's fields (see shared/src/sync/config-doc.ts).
 */
export async function editMenuItem(context: CloudContext, venueId: string, itemId: string, patch: MenuItemPatchBody): Promise<MenuItemRecord> {
  await requireVenue(context, venueId);
  let known = false;
  let record: MenuItemRecord | undefined;
  const result = await context.documents.mutate(docNames.config(venueId), (doc, origin) => {
    known = readMenuItems(doc).some((item) => item.id === itemId);
    if (!known) return;
    setMenuItem(doc, itemId, { ...patch, updatedAt: new Date().toISOString() }, origin);
    record = readMenuItems(doc).find((item) => item.id === itemId);
  });
  if (!result.ok) throw new CloudError(503, 'not_stored', `The change was not stored: ${result.reason}`);
  if (!known) throw new CloudError(404, 'not_synced', `The venue's hub has not synced a menu item "${itemId}" yet.`);
  return record!;
}

export async function readVenueTonRate(context: CloudContext, venueId: string): Promise<TonRateSetting | null> {
  await requireVenue(context, venueId);
  return context.documents.read(docNames.config(venueId), (doc) => readTonRate(doc));
}

/**
 * HQ's TON rate for a venue, into its config document like a price edit (stored, then pushed to its
 * hubs). It is one plain value, so unlike a menu item it needs nothing the hub synced first. The hub
 * takes it when it is newer than its own rate (a manager's later rate stays).
 */
export async function setVenueTonRate(context: CloudContext, venueId: string, nanotonsPerMinor: string | number): Promise<TonRateSetting> {
  const digits = String(nanotonsPerMinor);
  if (!isNanotonsPerMinor(digits)) {
    throw badRequest(
      'bad_ton_rate',
      `"${digits.slice(0, 40)}" is not a TON rate: give a whole number of nanotons for one minor unit (cent), from 1 to 10^15, in digits (1 TON = 10^9 nanotons).`,
    );
  }
  await requireVenue(context, venueId);
  const rate = { nanotonsPerMinor: digits, setAt: new Date().toISOString() };
  const result = await context.documents.mutate(docNames.config(venueId), (doc, origin) => setTonRate(doc, rate, origin));
  if (!result.ok) throw new CloudError(503, 'not_stored', `The change was not stored: ${result.reason}`);
  return rate;
}

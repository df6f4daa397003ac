import { eq } from 'drizzle-orm';
import { docNames, readMenuItems, setMenuItem, type MenuItemRecord } from '@onemoment/shared/sync/index';
import type { CloudContext } from '../context.ts';
import { venues } from '../db/schema.ts';
import { CloudError, notFound } from '../errors.ts';
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

import * as Y from 'yjs';
import { roomTypeProblems } from './room-types-doc.ts';

/**
 * The config document (`venue/{venueId}/config`): what HQ and the hub may both change.
 *
 *   menuItems: Y.Map  itemId → Y.Map { priceMinor, available, updatedAt, name?, category?, archived? }
 *
 * HQ edits price and availability. The hub alone writes `name` and `category` (English, so HQ can read
 * what an item is) and `archived` (true once a manager archived the item or its category): a manager
 * building the menu on the hub adds items HQ then sees and can price.
 *
 * Each field is last-writer-wins on its own, so HQ changing a price while the hub changes the same
 * item's availability keeps both changes. One caveat of nested maps: if two replicas each create the
 * map of an item neither has yet, only one map survives the merge. The hub therefore writes every menu
 * item into its config document (so the map exists before anyone edits it), and the cloud should only
 * edit items its copy of the document already has.
 *
 *   roomTypes: Y.Map  roomTypeId → Y.Map { name, rooms }   (written by the hub; see room-types-doc.ts)
 *
 *   settings: Y.Map  name → plain value; today only
 *     tonRate: { nanotonsPerMinor: "3300000", setAt: ISO time }   (written by HQ only)
 *
 * A setting is one plain value, replaced whole, so its fields never mix two writers' values: the last
 * writer wins the whole setting. HQ alone writes `tonRate`; the hub applies it to its TON settings when
 * it is newer than the rate it has (a manager's own later rate stays).
 */

export const CONFIG_ROOT = 'menuItems';
export const SETTINGS_ROOT = 'settings';
/** The settings the config document may hold; any other key is refused. */
const SETTING_KEYS = ['tonRate'] as const;

export interface MenuItemPatch {
  priceMinor?: number;
  available?: boolean;
  name?: string;
  category?: string;
  archived?: boolean;
  /** When the change was made (ISO time); defaults to now. Pass the caller's clock. */
  updatedAt?: string;
}

export interface MenuItemRecord {
  id: string;
  /** null: never set in this document (the hub's own value stands). */
  priceMinor: number | null;
  available: boolean | null;
  updatedAt: string | null;
  /** Present only once the hub has written them (older hubs never do). */
  name?: string;
  category?: string;
  archived?: boolean;
}

export const MENU_ITEM_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
export const MAX_PRICE_MINOR = 100_000_000;
/** Longest `name` or `category` text the document keeps. */
export const MAX_LABEL_LENGTH = 200;
const LABELS = ['name', 'category'] as const;

function isLabel(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_LABEL_LENGTH;
}

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_PRICE_MINOR;
}

/**
 * Sets a menu item's price and/or availability in one transaction, writing only the fields that
 * change (and then `updatedAt`). Returns whether anything was written. Throws RangeError on a bad
 * id or value: callers validate input before, this is the last guard of the document's shape.
 */
export function setMenuItem(doc: Y.Doc, itemId: string, patch: MenuItemPatch, origin: unknown = null): boolean {
  if (!MENU_ITEM_ID.test(itemId)) throw new RangeError(`"${itemId}" is not a menu item id`);
  if (patch.priceMinor !== undefined && !isPrice(patch.priceMinor)) throw new RangeError(`priceMinor must be a whole number from 0 to ${MAX_PRICE_MINOR}`);
  if (patch.available !== undefined && typeof patch.available !== 'boolean') throw new RangeError('available must be true or false');
  if (patch.archived !== undefined && typeof patch.archived !== 'boolean') throw new RangeError('archived must be true or false');
  for (const key of LABELS) {
    const value = patch[key];
    if (value !== undefined && !isLabel(value)) throw new RangeError(`${key} must be text of at most ${MAX_LABEL_LENGTH} characters`);
  }
  const items = doc.getMap<unknown>(CONFIG_ROOT);
  let changed = false;
  doc.transact(() => {
    let map = items.get(itemId);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      items.set(itemId, map);
    }
    const fields = map as Y.Map<unknown>;
    if (patch.priceMinor !== undefined && fields.get('priceMinor') !== patch.priceMinor) {
      fields.set('priceMinor', patch.priceMinor);
      changed = true;
    }
    for (const key of ['available', 'archived', ...LABELS] as const) {
      const value = patch[key];
      if (value !== undefined && fields.get(key) !== value) {
        fields.set(key, value);
        changed = true;
      }
    }
    if (changed) fields.set('updatedAt', patch.updatedAt ?? new Date().toISOString());
  }, origin);
  return changed;
}

/** Every menu item of the config document, by id; a field of the wrong type reads as null. */
export function readMenuItems(doc: Y.Doc): MenuItemRecord[] {
  const result: MenuItemRecord[] = [];
  doc.getMap<unknown>(CONFIG_ROOT).forEach((value, id) => {
    if (!(value instanceof Y.Map) || !MENU_ITEM_ID.test(id)) return;
    const fields = value as Y.Map<unknown>;
    const priceMinor = fields.get('priceMinor');
    const available = fields.get('available');
    const updatedAt = fields.get('updatedAt');
    const record: MenuItemRecord = {
      id,
      priceMinor: isPrice(priceMinor) ? priceMinor : null,
      available: typeof available === 'boolean' ? available : null,
      updatedAt: typeof updatedAt === 'string' ? updatedAt : null,
    };
    for (const key of LABELS) {
      const value = fields.get(key);
      if (isLabel(value)) record[key] = value;
    }
    const archived = fields.get('archived');
    if (typeof archived === 'boolean') record.archived = archived;
    result.push(record);
  });
  return result.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Why each menu item entry is malformed; empty when all are fine. */
export function menuItemProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  doc.getMap<unknown>(CONFIG_ROOT).forEach((value, id) => {
    if (!MENU_ITEM_ID.test(id)) problems.push(`menu item "${id.slice(0, 80)}": not a menu item id`);
    else if (!(value instanceof Y.Map)) problems.push(`menu item ${id}: not a map`);
    else {
      const fields = value as Y.Map<unknown>;
      for (const key of fields.keys()) {
        const field = fields.get(key);
        const ok =
          (key === 'priceMinor' && isPrice(field)) ||
          ((key === 'available' || key === 'archived') && typeof field === 'boolean') ||
          (key === 'updatedAt' && typeof field === 'string') ||
          ((key === 'name' || key === 'category') && isLabel(field));
        if (!ok) problems.push(`menu item ${id}: ${key.slice(0, 40)} is not allowed here`);
      }
    }
  });
  return problems;
}

/** HQ's TON rate for the venue: nanotons (10^-9 TON) for one minor unit of its currency. */
export interface TonRateSetting {
  /** Digits only, 1 to 10^15 (the hub's largest rate). */
  nanotonsPerMinor: string;
  /** When HQ set it (ISO time, UTC). */
  setAt: string;
}

const MAX_NANOTONS_PER_MINOR = 10n ** 15n;
const NANOTONS = /^[1-9][0-9]{0,15}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function isNanotonsPerMinor(value: unknown): boolean {
  return typeof value === 'string' && NANOTONS.test(value) && BigInt(value) <= MAX_NANOTONS_PER_MINOR;
}

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function isTonRate(value: unknown): value is TonRateSetting {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const rate = value as Record<string, unknown>;
  return keys.length === 2 && isNanotonsPerMinor(rate.nanotonsPerMinor) && isIsoTime(rate.setAt);
}

/**
 * Sets the venue's TON rate (HQ's write; the hub never writes it). Throws RangeError on a value the
 * layout refuses: callers validate input before, this is the last guard of the document's shape.
 */
export function setTonRate(doc: Y.Doc, rate: TonRateSetting, origin: unknown = null): void {
  const value = { nanotonsPerMinor: rate.nanotonsPerMinor, setAt: rate.setAt };
  if (!isTonRate(value)) throw new RangeError('tonRate needs nanotonsPerMinor in digits from 1 to 10^15 and setAt as an ISO time in UTC');
  doc.transact(() => doc.getMap<unknown>(SETTINGS_ROOT).set('tonRate', value), origin);
}

/** The venue's TON rate as HQ set it; null when never set (or malformed, which the cloud refuses). */
export function readTonRate(doc: Y.Doc): TonRateSetting | null {
  const value = doc.getMap<unknown>(SETTINGS_ROOT).get('tonRate');
  return isTonRate(value) ? { nanotonsPerMinor: value.nanotonsPerMinor, setAt: value.setAt } : null;
}

/** Why each setting is malformed or unknown; empty when all are fine. */
export function settingsProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  doc.getMap<unknown>(SETTINGS_ROOT).forEach((value, key) => {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) problems.push(`setting "${key.slice(0, 40)}" is not allowed here`);
    else if (!isTonRate(value)) problems.push('setting tonRate: needs nanotonsPerMinor in digits from 1 to 10^15 and setAt as an ISO time in UTC');
  });
  return problems;
}

/** Why the config document's records are malformed (menu items, settings, room types); empty when all are fine. */
export function configProblems(doc: Y.Doc): string[] {
  return [...menuItemProblems(doc), ...settingsProblems(doc), ...roomTypeProblems(doc)];
}

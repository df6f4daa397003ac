import type Database from 'better-sqlite3';
import { pickText, type LocalizedText } from '@onemoment/shared/localized-text';
import type { Menu, MenuCategory, MenuItem, MenuItemChanged } from '@onemoment/shared/schemas/menu';
import type { MenuItemRecord } from '@onemoment/shared/sync/config-doc';
import type { CommandTx } from '../../db/command-runner.ts';
import type { HubContext } from '../../context.ts';
import { rooms } from '../../events/event-log.ts';
import { MenuBuilder } from './menu-builder.ts';
import { MenuStore, thumbnailId, type SyncedItemRow } from './menu-store.ts';
import {
  servedLanguage,
  validateModifierChoice,
  type MenuItemForOrder,
  type ModifierChoice,
} from './menu-rules.ts';

interface CachedItem extends MenuItemForOrder {
  categoryId: string;
  descriptions: LocalizedText;
  photoId: string | null;
}

interface CachedCategory {
  id: string;
  names: LocalizedText;
  items: CachedItem[];
}

/** The whole menu in memory, plus its rendering per served language (built on first ask). */
interface MenuSnapshot {
  currency: string;
  languages: string[];
  categories: CachedCategory[];
  items: Map<string, CachedItem>;
  modifierNames: Map<string, LocalizedText>;
  views: Map<string, { staff: Menu; guest: Menu }>;
}

interface Statements {
  categories: Database.Statement;
  items: Database.Statement;
  groups: Database.Statement;
  modifiers: Database.Statement;
  setSyncedFields: Database.Statement;
}

const parse = (json: string) => JSON.parse(json) as LocalizedText;

/** Where the hub serves a menu photo (and its thumbnail). */
export const photoUrl = (photoId: string) => `/api/menu/photos/${photoId}`;

/**
 * The menu as guests, staff and ordering read it. Ordering reads it on every order, so it is held in
 * memory and rebuilt only after a change. Archived categories and items are not on it. Writes (the
 * builder's commands, HQ's prices) call `changed(tx)`, which drops the cache inside the command (so a
 * later command of the same group commit sees the change) and again once the command has settled (so
 * a rolled-back change never lingers).
 */
export class MenuService {
  private readonly sql: Statements;
  /** One instance per hub (the restaurant module builds it), so one cache: a change is seen by every reader. */
  private readonly cache: { snapshot: MenuSnapshot | null } = { snapshot: null };

  private readonly store: MenuStore;
  /** The manager's commands (categories, items, order, photos), sharing this cache. */
  readonly builder: MenuBuilder;

  constructor(private readonly context: HubContext) {
    const db = context.store.sqlite;
    this.store = new MenuStore(db);
    this.builder = new MenuBuilder(context, this.store, this);
    this.sql = {
      categories: db.prepare('SELECT id, names FROM menu_categories WHERE archived_at IS NULL ORDER BY position, id'),
      items: db.prepare(
        `SELECT id, category_id AS categoryId, names, descriptions, price_minor AS priceMinor, currency, station, allergens, available,
                tax_rate_bp AS taxRateBp, photo_id AS photoId
           FROM menu_items WHERE archived_at IS NULL ORDER BY position, id`,
      ),
      groups: db.prepare('SELECT id, item_id AS itemId, names, min_choices AS minChoices, max_choices AS maxChoices FROM modifier_groups ORDER BY position, id'),
      modifiers: db.prepare('SELECT id, group_id AS groupId, names, price_minor AS priceMinor FROM modifiers ORDER BY position, id'),
      setSyncedFields: db.prepare('UPDATE menu_items SET price_minor = ?, available = ?, updated_at = ? WHERE id = ?'),
    };
  }

  /** The menu in one language; the guest menu leaves 86'd items (and categories left empty) out. */
  menu(lang: string | undefined, audience: 'staff' | 'guest'): Menu {
    const snapshot = this.snapshot();
    const language = servedLanguage(lang, snapshot.languages);
    let views = snapshot.views.get(language);
    if (!views) {
      views = { staff: renderMenu(snapshot, language, false), guest: renderMenu(snapshot, language, true) };
      snapshot.views.set(language, views);
    }
    return views[audience];
  }

  /** The items an order names, from the cache; ids that are not on the menu are simply absent. */
  itemsForOrder(ids: readonly string[]): Map<string, MenuItemForOrder> {
    const { items } = this.snapshot();
    const found = new Map<string, MenuItemForOrder>();
    for (const id of ids) {
      const item = items.get(id);
      if (item) found.set(id, item);
    }
    return found;
  }

  /** validateModifierChoice, able to name a modifier of another item in its refusal. */
  checkModifiers(item: MenuItemForOrder, modifierIds: string[]): ModifierChoice {
    const { modifierNames } = this.snapshot();
    return validateModifierChoice(item, modifierIds, (id) => modifierNames.get(id));
  }

  /** One live item in one language, as the menu shows it; null when it is archived or unknown. */
  item(id: string, lang: string | undefined): MenuItem | null {
    const snapshot = this.snapshot();
    const item = snapshot.items.get(id);
    return item ? renderItem(item, servedLanguage(lang, snapshot.languages)) : null;
  }

  /** A live category in one language, with its items (staff view); null when archived or unknown. */
  category(id: string, lang: string | undefined): MenuCategory | null {
    return this.menu(lang, 'staff').categories.find((category) => category.id === id) ?? null;
  }

  /**
   * The menu changed inside this command: drop the cache now (later commands of the same group commit
   * read the change) and again once the command has settled (a rolled-back change never lingers).
   */
  changed(tx: CommandTx): void {
    this.invalidate();
    tx.afterCommit(() => this.invalidate());
    tx.onRollback(() => this.invalidate());
  }

  invalidate(): void {
    this.cache.snapshot = null;
  }

  // ---- for cloud sync: the menu module writes its own rows, whoever asks ----

  /** Every item (archived ones too) as the config document keeps it: price, availability, names for HQ. */
  syncedFields(): SyncedItemRow[] {
    return this.store.syncedItems();
  }

  /**
   * HQ's prices and availability as the config document now holds them, inside the command that
   * applied the cloud's update: each item that differs is updated and announced as `menu.changed`. Sync
   * records that event too, which changes nothing: the document already holds these values, and it
   * writes only what differs. An item this hub does not have is left alone; an archived one takes the
   * values too (it is off the menus anyway), so the document and the rows keep agreeing.
   */
  applyCloudFields(tx: CommandTx, records: readonly MenuItemRecord[]): MenuItemChanged[] {
    const current = new Map(this.syncedFields().map((row) => [row.id, row]));
    const now = this.context.clock.now().toISOString();
    const changes: MenuItemChanged[] = [];
    for (const record of records) {
      const row = current.get(record.id);
      if (!row) continue;
      const priceMinor = record.priceMinor ?? row.priceMinor;
      const available = record.available ?? row.available;
      if (priceMinor === row.priceMinor && available === row.available) continue;
      this.sql.setSyncedFields.run(priceMinor, available ? 1 : 0, now, record.id);
      changes.push({ itemId: record.id, priceMinor, available });
    }
    if (changes.length === 0) return changes;
    this.changed(tx);
    for (const change of changes) this.context.events.publish(tx, 'menu.changed', [rooms.staff, rooms.allGuests], change);
    return changes;
  }

  private snapshot(): MenuSnapshot {
    this.cache.snapshot ??= this.load();
    return this.cache.snapshot;
  }

  private load(): MenuSnapshot {
    const venue = this.context.venue.venue();
    const categories = (this.sql.categories.all() as Array<{ id: string; names: string }>).map(
      (row): CachedCategory => ({ id: row.id, names: parse(row.names), items: [] }),
    );
    const byCategory = new Map(categories.map((category) => [category.id, category]));
    const items = new Map<string, CachedItem>();
    type ItemRow = {
      id: string;
      categoryId: string;
      names: string;
      descriptions: string;
      priceMinor: number;
      currency: string;
      station: string;
      allergens: string;
      available: number;
      taxRateBp: number;
      photoId: string | null;
    };
    for (const row of this.sql.items.all() as ItemRow[]) {
      const category = byCategory.get(row.categoryId);
      if (!category) continue; // its category is archived
      const item: CachedItem = {
        id: row.id,
        categoryId: row.categoryId,
        taxRateBp: row.taxRateBp,
        photoId: row.photoId,
        names: parse(row.names),
        descriptions: parse(row.descriptions),
        priceMinor: row.priceMinor,
        currency: row.currency,
        station: row.station,
        allergens: JSON.parse(row.allergens) as string[],
        available: row.available === 1,
        modifierGroups: [],
      };
      items.set(item.id, item);
      category.items.push(item);
    }
    const groups = new Map<string, MenuItemForOrder['modifierGroups'][number]>();
    type GroupRow = { id: string; itemId: string; names: string; minChoices: number; maxChoices: number };
    for (const row of this.sql.groups.all() as GroupRow[]) {
      const group = { id: row.id, names: parse(row.names), minChoices: row.minChoices, maxChoices: row.maxChoices, modifiers: [] };
      groups.set(row.id, group);
      items.get(row.itemId)?.modifierGroups.push(group);
    }
    const modifierNames = new Map<string, LocalizedText>();
    for (const row of this.sql.modifiers.all() as Array<{ id: string; groupId: string; names: string; priceMinor: number }>) {
      const modifier = { id: row.id, names: parse(row.names), priceMinor: row.priceMinor };
      modifierNames.set(row.id, modifier.names);
      groups.get(row.groupId)?.modifiers.push(modifier);
    }
    return { currency: venue.currency, languages: venue.languages, categories, items, modifierNames, views: new Map() };
  }
}

function renderMenu(snapshot: MenuSnapshot, language: string, guest: boolean): Menu {
  const categories: MenuCategory[] = [];
  for (const category of snapshot.categories) {
    const items = (guest ? category.items.filter((item) => item.available) : category.items).map((item) => renderItem(item, language));
    if (guest && items.length === 0) continue;
    categories.push({ id: category.id, name: pickText(category.names, language), names: category.names, items });
  }
  return { currency: snapshot.currency, language, categories };
}

function renderItem(item: CachedItem, language: string): MenuItem {
  return {
    id: item.id,
    name: pickText(item.names, language),
    names: item.names,
    description: pickText(item.descriptions, language),
    descriptions: item.descriptions,
    priceMinor: item.priceMinor,
    currency: item.currency,
    station: item.station,
    allergens: item.allergens,
    available: item.available,
    modifierGroups: item.modifierGroups.map((group) => ({
      id: group.id,
      name: pickText(group.names, language),
      names: group.names,
      minChoices: group.minChoices,
      maxChoices: group.maxChoices,
      modifiers: group.modifiers.map((modifier) => ({
        id: modifier.id,
        name: pickText(modifier.names, language),
        names: modifier.names,
        priceMinor: modifier.priceMinor,
      })),
    })),
    categoryId: item.categoryId,
    taxRateBp: item.taxRateBp,
    photoUrl: item.photoId ? photoUrl(item.photoId) : null,
    thumbnailUrl: item.photoId ? photoUrl(thumbnailId(item.photoId)) : null,
  };
}

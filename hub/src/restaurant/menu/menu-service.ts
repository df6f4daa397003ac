import type Database from 'better-sqlite3';
import { pickText, type LocalizedText } from '@onemoment/shared/localized-text';
import type { MenuChanged, Menu, MenuCategory, MenuItem, MenuItemPatch } from '@onemoment/shared/schemas/menu';
import type { MenuItemRecord } from '@onemoment/shared/sync/config-doc';
import type { CommandTx } from '../../db/command-runner.ts';
import type { HubContext } from '../../context.ts';
import { badRequest, notFound } from '../../errors.ts';
import { rooms } from '../../events/event-log.ts';
import {
  cleanLocalizedText,
  servedLanguage,
  validateModifierChoice,
  type MenuItemForOrder,
  type ModifierChoice,
} from './menu-rules.ts';

interface CachedItem extends MenuItemForOrder {
  descriptions: LocalizedText;
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
  itemExists: Database.Statement;
  update: Database.Statement;
  syncedFields: Database.Statement;
  setSyncedFields: Database.Statement;
}

const parse = (json: string) => JSON.parse(json) as LocalizedText;

/**
 * The menu. Ordering reads it on every order, so it is held in memory and rebuilt only after a change.
 * Writes go through updateItem, which drops the cache inside its command (so a later command of the
 * same group commit sees the change) and again once the command has settled (so a rolled-back change
 * never lingers).
 */
export class MenuService {
  private readonly sql: Statements;
  /** One instance per hub (the restaurant module builds it), so one cache: a change is seen by every reader. */
  private readonly cache: { snapshot: MenuSnapshot | null } = { snapshot: null };

  constructor(private readonly context: HubContext) {
    const db = context.store.sqlite;
    this.sql = {
      categories: db.prepare('SELECT id, names FROM menu_categories ORDER BY position, id'),
      items: db.prepare(
        `SELECT id, category_id AS categoryId, names, descriptions, price_minor AS priceMinor, currency, station, allergens, available
           FROM menu_items ORDER BY position, id`,
      ),
      groups: db.prepare('SELECT id, item_id AS itemId, names, min_choices AS minChoices, max_choices AS maxChoices FROM modifier_groups ORDER BY position, id'),
      modifiers: db.prepare('SELECT id, group_id AS groupId, names, price_minor AS priceMinor FROM modifiers ORDER BY position, id'),
      itemExists: db.prepare('SELECT 1 FROM menu_items WHERE id = ?').pluck(),
      syncedFields: db.prepare('SELECT id, price_minor AS priceMinor, available, updated_at AS updatedAt FROM menu_items ORDER BY id'),
      setSyncedFields: db.prepare('UPDATE menu_items SET price_minor = ?, available = ?, updated_at = ? WHERE id = ?'),
      update: db.prepare(
        `UPDATE menu_items
            SET price_minor = COALESCE(?, price_minor), available = COALESCE(?, available),
                names = COALESCE(?, names), descriptions = COALESCE(?, descriptions), updated_at = ?
          WHERE id = ?
      RETURNING available, price_minor AS priceMinor`,
      ),
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

  /** A manager's change to one item; announced to staff and every guest as `menu.changed`. */
  async updateItem(id: string, patch: MenuItemPatch, lang: string | undefined): Promise<MenuItem> {
    const change = cleanPatch(patch);
    try {
      await this.context.commands.run((tx) => {
        if (this.sql.itemExists.get(id) === undefined) throw notFound(`The menu item "${id}"`);
        const row = this.sql.update.get(
          change.priceMinor ?? null,
          change.available === undefined ? null : change.available ? 1 : 0,
          change.names ? JSON.stringify(change.names) : null,
          change.descriptions ? JSON.stringify(change.descriptions) : null,
          this.context.clock.now().toISOString(),
          id,
        ) as { available: number; priceMinor: number };
        this.invalidate();
        this.context.events.publish(tx, 'menu.changed', [rooms.staff, rooms.allGuests], {
          itemId: id,
          available: row.available === 1,
          priceMinor: row.priceMinor,
        });
      });
    } finally {
      this.invalidate();
    }
    const snapshot = this.snapshot();
    const item = snapshot.items.get(id);
    if (!item) throw notFound(`The menu item "${id}"`);
    return renderItem(item, servedLanguage(lang, snapshot.languages));
  }

  invalidate(): void {
    this.cache.snapshot = null;
  }

  // ---- for cloud sync: the menu module writes its own rows, whoever asks ----

  /** Every item's price and availability, as the config document keeps them. */
  syncedFields(): Array<{ id: string; priceMinor: number; available: boolean; updatedAt: string }> {
    return (this.sql.syncedFields.all() as Array<{ id: string; priceMinor: number; available: number; updatedAt: string }>).map((row) => ({
      ...row,
      available: row.available === 1,
    }));
  }

  /**
   * HQ's prices and availability as the config document now holds them, inside the command that
   * applied the cloud's update: each item that differs is updated and announced as `menu.changed`. Sync
   * records that event too, which changes nothing: the document already holds these values, and it
   * writes only what differs. An item this hub does not have is left alone.
   */
  applyCloudFields(tx: CommandTx, records: readonly MenuItemRecord[]): MenuChanged[] {
    const current = new Map(this.syncedFields().map((row) => [row.id, row]));
    const now = this.context.clock.now().toISOString();
    const changes: MenuChanged[] = [];
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
    // Dropped now for later commands of this batch, and again after the commit or rollback.
    this.invalidate();
    tx.afterCommit(() => this.invalidate());
    tx.onRollback(() => this.invalidate());
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
    type ItemRow = { id: string; categoryId: string; names: string; descriptions: string; priceMinor: number; currency: string; station: string; allergens: string; available: number };
    for (const row of this.sql.items.all() as ItemRow[]) {
      const item: CachedItem = {
        id: row.id,
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
      byCategory.get(row.categoryId)?.items.push(item);
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

function cleanPatch(patch: MenuItemPatch): MenuItemPatch {
  if (Object.keys(patch).length === 0) {
    throw badRequest('bad_request', 'Send at least one of: priceMinor, available, names, descriptions.');
  }
  const change: MenuItemPatch = { ...patch };
  if (patch.names) {
    const names = cleanLocalizedText(patch.names, 'names', { maxLength: 120, requireEnglish: true });
    if (!names.ok) throw badRequest('bad_request', names.message);
    change.names = names.text;
  }
  if (patch.descriptions) {
    const descriptions = cleanLocalizedText(patch.descriptions, 'descriptions', { maxLength: 500, requireEnglish: false });
    if (!descriptions.ok) throw badRequest('bad_request', descriptions.message);
    change.descriptions = descriptions.text;
  }
  return change;
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
  };
}

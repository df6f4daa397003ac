import type Database from 'better-sqlite3';
import type { LocalizedText } from '@onemoment/shared/localized-text';
import type { BuiltModifierGroup } from './menu-builder-rules.ts';

/** The id of a photo's thumbnail row, kept beside the photo's own. */
export const thumbnailId = (photoId: string) => `${photoId}-thumb`;

/** A category row as the builder reads it. */
export interface CategoryRow {
  id: string;
  names: LocalizedText;
  archivedAt: string | null;
}

/** An item row with every column the builder may change. */
export interface ItemRow {
  id: string;
  categoryId: string;
  names: LocalizedText;
  descriptions: LocalizedText;
  priceMinor: number;
  currency: string;
  station: string;
  allergens: string[];
  available: boolean;
  taxRateBp: number;
  photoId: string | null;
  archivedAt: string | null;
}

export interface PhotoRow {
  id: string;
  contentType: string;
  data: Buffer;
  width: number;
  height: number;
}

/** What sync keeps of each item (archived ones too, so HQ sees them go). */
export interface SyncedItemRow {
  id: string;
  priceMinor: number;
  available: boolean;
  updatedAt: string;
  name: string;
  category: string;
  archived: boolean;
}

type RawItem = Omit<ItemRow, 'names' | 'descriptions' | 'allergens' | 'available'> & { names: string; descriptions: string; allergens: string; available: number };

const json = (value: unknown) => JSON.stringify(value);
const text = (raw: string) => JSON.parse(raw) as LocalizedText;

const ITEM_COLUMNS = `id, category_id AS categoryId, names, descriptions, price_minor AS priceMinor, currency, station, allergens, available,
  tax_rate_bp AS taxRateBp, photo_id AS photoId, archived_at AS archivedAt`;

function prepare(db: Database.Database) {
  return {
    category: db.prepare('SELECT id, names, archived_at AS archivedAt FROM menu_categories WHERE id = ?'),
    liveCategoryIds: db.prepare('SELECT id FROM menu_categories WHERE archived_at IS NULL ORDER BY position, id').pluck(),
    nextCategoryPosition: db.prepare('SELECT COALESCE(MAX(position) + 1, 0) FROM menu_categories').pluck(),
    insertCategory: db.prepare('INSERT INTO menu_categories (id, position, names) VALUES (?, ?, ?)'),
    renameCategory: db.prepare('UPDATE menu_categories SET names = ? WHERE id = ?'),
    archiveCategory: db.prepare('UPDATE menu_categories SET archived_at = ? WHERE id = ?'),
    setCategoryPosition: db.prepare('UPDATE menu_categories SET position = ? WHERE id = ?'),

    item: db.prepare(`SELECT ${ITEM_COLUMNS} FROM menu_items WHERE id = ?`),
    liveItemIdsOf: db.prepare('SELECT id FROM menu_items WHERE category_id = ? AND archived_at IS NULL ORDER BY position, id').pluck(),
    nextItemPosition: db.prepare('SELECT COALESCE(MAX(position) + 1, 0) FROM menu_items WHERE category_id = ?').pluck(),
    insertItem: db.prepare(
      `INSERT INTO menu_items (id, category_id, position, names, descriptions, price_minor, currency, station, allergens, available, tax_rate_bp, updated_at)
       VALUES (@id, @categoryId, @position, @names, @descriptions, @priceMinor, @currency, @station, @allergens, @available, @taxRateBp, @updatedAt)`,
    ),
    updateItem: db.prepare(
      `UPDATE menu_items SET category_id = @categoryId, position = COALESCE(@position, position), names = @names, descriptions = @descriptions,
              price_minor = @priceMinor, station = @station, allergens = @allergens, available = @available, tax_rate_bp = @taxRateBp,
              updated_at = @updatedAt
        WHERE id = @id`,
    ),
    archiveItem: db.prepare('UPDATE menu_items SET archived_at = ?, updated_at = ? WHERE id = ?'),
    setItemPosition: db.prepare('UPDATE menu_items SET position = ? WHERE id = ?'),
    setPhoto: db.prepare('UPDATE menu_items SET photo_id = ?, updated_at = ? WHERE id = ?'),

    groupOwners: db.prepare('SELECT item_id FROM modifier_groups WHERE id = ?').pluck(),
    modifierOwner: db.prepare('SELECT g.item_id FROM modifiers m JOIN modifier_groups g ON g.id = m.group_id WHERE m.id = ?').pluck(),
    deleteModifiersOf: db.prepare('DELETE FROM modifiers WHERE group_id IN (SELECT id FROM modifier_groups WHERE item_id = ?)'),
    deleteGroupsOf: db.prepare('DELETE FROM modifier_groups WHERE item_id = ?'),
    insertGroup: db.prepare('INSERT INTO modifier_groups (id, item_id, position, names, min_choices, max_choices) VALUES (?, ?, ?, ?, ?, ?)'),
    insertModifier: db.prepare('INSERT INTO modifiers (id, group_id, position, names, price_minor) VALUES (?, ?, ?, ?, ?)'),

    photo: db.prepare('SELECT id, content_type AS contentType, data, width, height FROM menu_photos WHERE id = ?'),
    insertPhoto: db.prepare('INSERT INTO menu_photos (id, content_type, data, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    deletePhoto: db.prepare('DELETE FROM menu_photos WHERE id = ?'),

    synced: db.prepare(
      `SELECT i.id, i.price_minor AS priceMinor, i.available, i.updated_at AS updatedAt, i.names, c.names AS categoryNames,
              (i.archived_at IS NOT NULL OR c.archived_at IS NOT NULL) AS archived
         FROM menu_items i JOIN menu_categories c ON c.id = i.category_id ORDER BY i.id`,
    ),
  };
}

/**
 * The menu's writes and the builder's reads: prepared once, each a named method. The caller runs them
 * inside its command; nothing here opens a transaction.
 */
export class MenuStore {
  private readonly sql: ReturnType<typeof prepare>;

  constructor(db: Database.Database) {
    this.sql = prepare(db);
  }

  category(id: string): CategoryRow | null {
    const row = this.sql.category.get(id) as { id: string; names: string; archivedAt: string | null } | undefined;
    return row ? { ...row, names: text(row.names) } : null;
  }

  liveCategoryIds(): string[] {
    return this.sql.liveCategoryIds.all() as string[];
  }

  insertCategory(id: string, names: LocalizedText): void {
    this.sql.insertCategory.run(id, this.sql.nextCategoryPosition.get() as number, json(names));
  }

  renameCategory(id: string, names: LocalizedText): void {
    this.sql.renameCategory.run(json(names), id);
  }

  archiveCategory(id: string, at: string): void {
    this.sql.archiveCategory.run(at, id);
  }

  orderCategories(ids: readonly string[]): void {
    ids.forEach((id, position) => this.sql.setCategoryPosition.run(position, id));
  }

  item(id: string): ItemRow | null {
    const row = this.sql.item.get(id) as RawItem | undefined;
    if (!row) return null;
    return {
      ...row,
      names: text(row.names),
      descriptions: text(row.descriptions),
      allergens: JSON.parse(row.allergens) as string[],
      available: row.available === 1,
    };
  }

  liveItemIdsOf(categoryId: string): string[] {
    return this.sql.liveItemIdsOf.all(categoryId) as string[];
  }

  insertItem(row: Omit<ItemRow, 'photoId' | 'archivedAt'>, updatedAt: string): void {
    this.sql.insertItem.run({ ...this.itemParams(row), position: this.sql.nextItemPosition.get(row.categoryId) as number, updatedAt });
  }

  /** Writes every changeable column; a move to another category puts the item last there. */
  updateItem(row: ItemRow, movedCategory: boolean, updatedAt: string): void {
    const position = movedCategory ? (this.sql.nextItemPosition.get(row.categoryId) as number) : null;
    this.sql.updateItem.run({ ...this.itemParams(row), position, updatedAt });
  }

  archiveItem(id: string, at: string): void {
    this.sql.archiveItem.run(at, at, id);
  }

  orderItems(ids: readonly string[]): void {
    ids.forEach((id, position) => this.sql.setItemPosition.run(position, id));
  }

  /** The item that owns a modifier group or a modifier id, if any (ids are unique across the menu). */
  ownerOfGroup(id: string): string | null {
    return (this.sql.groupOwners.get(id) as string | undefined) ?? null;
  }

  ownerOfModifier(id: string): string | null {
    return (this.sql.modifierOwner.get(id) as string | undefined) ?? null;
  }

  replaceModifierGroups(itemId: string, groups: readonly BuiltModifierGroup[]): void {
    this.sql.deleteModifiersOf.run(itemId);
    this.sql.deleteGroupsOf.run(itemId);
    groups.forEach((group, position) => {
      this.sql.insertGroup.run(group.id, itemId, position, json(group.names), group.minChoices, group.maxChoices);
      group.modifiers.forEach((modifier, index) => this.sql.insertModifier.run(modifier.id, group.id, index, json(modifier.names), modifier.priceMinor));
    });
  }

  setPhoto(itemId: string, photoId: string | null, updatedAt: string): void {
    this.sql.setPhoto.run(photoId, updatedAt, itemId);
  }

  photo(id: string): PhotoRow | null {
    return (this.sql.photo.get(id) as PhotoRow | undefined) ?? null;
  }

  insertPhoto(photo: PhotoRow, createdAt: string): void {
    this.sql.insertPhoto.run(photo.id, photo.contentType, photo.data, photo.width, photo.height, createdAt);
  }

  deletePhoto(id: string): void {
    this.sql.deletePhoto.run(id);
  }

  syncedItems(): SyncedItemRow[] {
    type Raw = { id: string; priceMinor: number; available: number; updatedAt: string; names: string; categoryNames: string; archived: number };
    return (this.sql.synced.all() as Raw[]).map((row) => ({
      id: row.id,
      priceMinor: row.priceMinor,
      available: row.available === 1,
      updatedAt: row.updatedAt,
      name: english(text(row.names)),
      category: english(text(row.categoryNames)),
      archived: row.archived === 1,
    }));
  }

  private itemParams(row: Omit<ItemRow, 'photoId' | 'archivedAt'>) {
    return {
      id: row.id,
      categoryId: row.categoryId,
      names: json(row.names),
      descriptions: json(row.descriptions),
      priceMinor: row.priceMinor,
      currency: row.currency,
      station: row.station,
      allergens: json(row.allergens),
      available: row.available ? 1 : 0,
      taxRateBp: row.taxRateBp,
    };
  }
}

const english = (names: LocalizedText) => names.en ?? Object.values(names)[0] ?? '';

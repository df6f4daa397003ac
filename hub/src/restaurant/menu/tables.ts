import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { LocalizedText } from '@onemoment/shared/localized-text';

export const menuCategories = sqliteTable('menu_categories', {
  id: text('id').primaryKey(),
  position: integer('position').notNull(),
  names: text('names', { mode: 'json' }).$type<LocalizedText>().notNull(),
  /** Set when a manager archives the category: it leaves the menus, its rows stay for old orders and reports. */
  archivedAt: text('archived_at'),
});

export const menuItems = sqliteTable(
  'menu_items',
  {
    id: text('id').primaryKey(),
    categoryId: text('category_id').notNull().references(() => menuCategories.id),
    position: integer('position').notNull(),
    names: text('names', { mode: 'json' }).$type<LocalizedText>().notNull(),
    descriptions: text('descriptions', { mode: 'json' }).$type<LocalizedText>().notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    station: text('station').notNull(),
    allergens: text('allergens', { mode: 'json' }).$type<string[]>().notNull(),
    /** false when the item is "86'd": sold out for now. */
    available: integer('available', { mode: 'boolean' }).notNull().default(true),
    /** Tax rate in basis points (2000 = 20 %); whether it is included in the price is the venue's setting. */
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    /** The item's photo in menu_photos, if it has one. */
    photoId: text('photo_id'),
    /** Set when a manager archives the item: it leaves the menus, its rows stay for old orders and reports. */
    archivedAt: text('archived_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('menu_items_category').on(t.categoryId)],
);

export const modifierGroups = sqliteTable(
  'modifier_groups',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull().references(() => menuItems.id),
    position: integer('position').notNull(),
    names: text('names', { mode: 'json' }).$type<LocalizedText>().notNull(),
    minChoices: integer('min_choices').notNull(),
    maxChoices: integer('max_choices').notNull(),
  },
  (t) => [index('modifier_groups_item').on(t.itemId)],
);

export const modifiers = sqliteTable(
  'modifiers',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id').notNull().references(() => modifierGroups.id),
    position: integer('position').notNull(),
    names: text('names', { mode: 'json' }).$type<LocalizedText>().notNull(),
    priceMinor: integer('price_minor').notNull(),
  },
  (t) => [index('modifiers_group').on(t.groupId)],
);

/** Menu photos, resized on upload and kept in the database, so a backup of the hub carries them. */
export const menuPhotos = sqliteTable('menu_photos', {
  id: text('id').primaryKey(),
  contentType: text('content_type').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  createdAt: text('created_at').notNull(),
});

import { newId } from '@onemoment/shared/ids';
import {
  ALLERGENS,
  type Archived,
  type Menu,
  type MenuArranged,
  type MenuCategory,
  type MenuCategoryCreate,
  type MenuCategoryPatch,
  type MenuItem,
  type MenuItemCreate,
  type MenuItemPatch,
  type ModifierGroupInput,
} from '@onemoment/shared/schemas/menu';
import type { CommandTx } from '../../db/command-runner.ts';
import type { HubContext } from '../../context.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { rooms } from '../../events/event-log.ts';
import { buildModifierGroups, checkNewOrder, namesFrom, type BuiltModifierGroup, type Checked } from './menu-builder-rules.ts';
import { cleanLocalizedText } from './menu-rules.ts';
import type { MenuService } from './menu-service.ts';
import { thumbnailId, type CategoryRow, type ItemRow, type MenuStore, type PhotoRow } from './menu-store.ts';
import type { ResizedPhoto } from './menu-photos.ts';

const ROOMS = [rooms.staff, rooms.allGuests];

function valueOf<T>(checked: Checked<T>): T {
  if (!checked.ok) throw badRequest('bad_request', checked.message);
  return checked.value;
}

/** Allergens in the EU list's order, so the menu reads the same whatever order they were ticked in. */
const inListOrder = (allergens: readonly string[]) => ALLERGENS.filter((code) => allergens.includes(code));

const categoryLabel = (row: CategoryRow) => `"${row.names.en ?? row.id}"`;
const itemLabel = (row: ItemRow) => `"${row.names.en ?? row.id}"`;

/**
 * The manager's menu builder: categories and items added, edited, ordered and archived, and photos.
 * Each change is one command: the rows, the cache drop and the `menu.changed` event in one
 * transaction, so sync records it (HQ sees new and archived items) and screens refetch after commit.
 */
export class MenuBuilder {
  constructor(
    private readonly context: HubContext,
    private readonly store: MenuStore,
    private readonly menu: MenuService,
  ) {}

  // ---- categories ----

  async createCategory(input: MenuCategoryCreate, lang?: string): Promise<{ category: MenuCategory; created: boolean }> {
    const names = valueOf(namesFrom(input, null));
    const id = input.id ?? newId();
    const created = await this.context.commands.run((tx) => {
      const existing = this.store.category(id);
      if (existing) {
        if (existing.archivedAt) throw conflict('category_archived', `The category ${categoryLabel(existing)} was archived; choose another id.`);
        return false;
      }
      this.store.insertCategory(id, names);
      this.arranged(tx, { arranged: 'category_added', categoryId: id });
      return true;
    });
    return { category: this.categoryView(id, lang), created };
  }

  async updateCategory(id: string, patch: MenuCategoryPatch, lang?: string): Promise<MenuCategory> {
    if (patch.name === undefined && patch.names === undefined) throw badRequest('bad_request', 'Send name (the English name) or names.');
    await this.context.commands.run((tx) => {
      const row = this.liveCategory(id);
      this.store.renameCategory(id, valueOf(namesFrom(patch, row.names)));
      this.arranged(tx, { arranged: 'category_renamed', categoryId: id });
    });
    return this.categoryView(id, lang);
  }

  /** Archives the category and the items still in it: they all leave the menus; old orders keep their names. */
  async archiveCategory(id: string): Promise<Archived> {
    const at = this.now();
    await this.context.commands.run((tx) => {
      const row = this.store.category(id);
      if (!row) throw notFound(`The menu category "${id}"`);
      if (row.archivedAt) throw conflict('already_archived', `The category ${categoryLabel(row)} is already archived.`);
      for (const itemId of this.store.liveItemIdsOf(id)) {
        this.store.archiveItem(itemId, at);
        this.itemChanged(tx, itemId);
      }
      this.store.archiveCategory(id, at);
      this.arranged(tx, { arranged: 'category_archived', categoryId: id });
    });
    return { id, archivedAt: at };
  }

  async orderCategories(ids: readonly string[], lang?: string): Promise<Menu> {
    await this.context.commands.run((tx) => {
      const problem = checkNewOrder(ids, this.store.liveCategoryIds(), 'categories');
      if (problem) throw badRequest('bad_order', problem);
      this.store.orderCategories(ids);
      this.arranged(tx, { arranged: 'categories_ordered', categoryId: null });
    });
    return this.menu.menu(lang, 'staff');
  }

  async orderItems(categoryId: string, ids: readonly string[], lang?: string): Promise<MenuCategory> {
    await this.context.commands.run((tx) => {
      const row = this.liveCategory(categoryId);
      const problem = checkNewOrder(ids, this.store.liveItemIdsOf(categoryId), `items of ${categoryLabel(row)}`);
      if (problem) throw badRequest('bad_order', problem);
      this.store.orderItems(ids);
      this.arranged(tx, { arranged: 'items_ordered', categoryId });
    });
    return this.categoryView(categoryId, lang);
  }

  // ---- items ----

  async createItem(input: MenuItemCreate, lang?: string): Promise<{ item: MenuItem; created: boolean }> {
    const names = valueOf(namesFrom(input, null));
    const descriptions = this.descriptions(input.descriptions ?? {});
    const id = input.id ?? newId();
    const groups = input.modifierGroups ? valueOf(buildModifierGroups(input.modifierGroups, newId)) : [];
    const created = await this.context.commands.run((tx) => {
      const existing = this.store.item(id);
      if (existing) {
        if (existing.archivedAt) throw conflict('item_archived', `The item ${itemLabel(existing)} was archived; choose another id.`);
        return false;
      }
      this.liveCategory(input.categoryId, 'unknown_category');
      this.checkStation(input.station);
      this.checkModifierIds(id, groups);
      this.store.insertItem(
        {
          id,
          categoryId: input.categoryId,
          names,
          descriptions,
          priceMinor: input.priceMinor,
          currency: this.context.venue.venue().currency,
          station: input.station,
          allergens: inListOrder(input.allergens ?? []),
          available: input.available ?? true,
          taxRateBp: input.taxRateBp ?? 0,
        },
        this.now(),
      );
      this.store.replaceModifierGroups(id, groups);
      this.itemChanged(tx, id);
      return true;
    });
    return { item: this.itemView(id, lang), created };
  }

  async updateItem(id: string, patch: MenuItemPatch, lang?: string): Promise<MenuItem> {
    if (Object.keys(patch).length === 0) {
      throw badRequest('bad_request', 'Send at least one field to change: name or names, descriptions, priceMinor, available, station, allergens, taxRateBp, categoryId, modifierGroups.');
    }
    const descriptions = patch.descriptions ? this.descriptions(patch.descriptions) : null;
    const groups = patch.modifierGroups ? this.modifierGroups(patch.modifierGroups) : null;
    await this.context.commands.run((tx) => {
      const row = this.liveItem(id);
      const next: ItemRow = {
        ...row,
        names: valueOf(namesFrom(patch, row.names)),
        descriptions: descriptions ?? row.descriptions,
        priceMinor: patch.priceMinor ?? row.priceMinor,
        available: patch.available ?? row.available,
        taxRateBp: patch.taxRateBp ?? row.taxRateBp,
        allergens: patch.allergens ? inListOrder(patch.allergens) : row.allergens,
        station: patch.station ?? row.station,
        categoryId: patch.categoryId ?? row.categoryId,
      };
      if (patch.station !== undefined) this.checkStation(patch.station);
      const moved = next.categoryId !== row.categoryId;
      if (moved) this.liveCategory(next.categoryId, 'unknown_category');
      this.store.updateItem(next, moved, this.now());
      if (groups) {
        this.checkModifierIds(id, groups);
        this.store.replaceModifierGroups(id, groups);
      }
      this.itemChanged(tx, id);
    });
    return this.itemView(id, lang);
  }

  async archiveItem(id: string): Promise<Archived> {
    const at = this.now();
    await this.context.commands.run((tx) => {
      const row = this.store.item(id);
      if (!row) throw notFound(`The menu item "${id}"`);
      if (row.archivedAt) throw conflict('already_archived', `The item ${itemLabel(row)} is already archived.`);
      this.store.archiveItem(id, at);
      this.itemChanged(tx, id);
    });
    return { id, archivedAt: at };
  }

  // ---- photos ----

  /** Stores the resized photo and its thumbnail and points the item at them; the old photo goes. */
  async setPhoto(id: string, photo: ResizedPhoto, lang?: string): Promise<MenuItem> {
    const photoId = newId();
    const now = this.now();
    await this.context.commands.run((tx) => {
      const row = this.liveItem(id);
      const stored: PhotoRow[] = [
        { id: photoId, ...photo.full },
        { id: thumbnailId(photoId), ...photo.thumbnail },
      ];
      for (const image of stored) this.store.insertPhoto(image, now);
      if (row.photoId) this.deletePhotoRows(row.photoId);
      this.store.setPhoto(id, photoId, now);
      this.itemChanged(tx, id);
    });
    return this.itemView(id, lang);
  }

  async removePhoto(id: string, lang?: string): Promise<MenuItem> {
    await this.context.commands.run((tx) => {
      const row = this.liveItem(id);
      if (!row.photoId) throw notFound(`A photo of ${itemLabel(row)}`);
      this.deletePhotoRows(row.photoId);
      this.store.setPhoto(id, null, this.now());
      this.itemChanged(tx, id);
    });
    return this.itemView(id, lang);
  }

  photo(id: string): PhotoRow | null {
    return this.store.photo(id);
  }

  // ---- helpers ----

  private deletePhotoRows(photoId: string): void {
    this.store.deletePhoto(photoId);
    this.store.deletePhoto(thumbnailId(photoId));
  }

  private itemChanged(tx: CommandTx, itemId: string): void {
    this.menu.changed(tx);
    const row = this.store.item(itemId)!;
    this.context.events.publish(tx, 'menu.changed', ROOMS, { itemId, available: row.available, priceMinor: row.priceMinor });
  }

  private arranged(tx: CommandTx, change: MenuArranged): void {
    this.menu.changed(tx);
    this.context.events.publish(tx, 'menu.changed', ROOMS, change);
  }

  private liveCategory(id: string, unknownCode?: string): CategoryRow {
    const row = this.store.category(id);
    if (!row) {
      if (unknownCode) throw badRequest(unknownCode, `There is no menu category "${id}".`);
      throw notFound(`The menu category "${id}"`);
    }
    if (row.archivedAt) throw conflict('category_archived', `The category ${categoryLabel(row)} is archived; choose another.`);
    return row;
  }

  private liveItem(id: string): ItemRow {
    const row = this.store.item(id);
    if (!row) throw notFound(`The menu item "${id}"`);
    if (row.archivedAt) throw conflict('item_archived', `The item ${itemLabel(row)} is archived: it is no longer on the menu.`);
    return row;
  }

  private checkStation(station: string): void {
    const stations = this.context.venue.stations().map((known) => known.id);
    if (!stations.includes(station)) {
      throw badRequest('unknown_station', `There is no station "${station}"; the stations are ${stations.join(', ')}.`);
    }
  }

  private descriptions(input: Record<string, string>) {
    const cleaned = cleanLocalizedText(input, 'descriptions', { maxLength: 500, requireEnglish: false });
    if (!cleaned.ok) throw badRequest('bad_request', cleaned.message);
    return cleaned.text;
  }

  private modifierGroups(input: readonly ModifierGroupInput[]): BuiltModifierGroup[] {
    return valueOf(buildModifierGroups(input, newId));
  }

  /** Ids are unique across the menu: a sent id may be new or this item's own, never another item's. */
  private checkModifierIds(itemId: string, groups: readonly BuiltModifierGroup[]): void {
    for (const group of groups) {
      const owner = this.store.ownerOfGroup(group.id);
      if (owner !== null && owner !== itemId) throw conflict('id_in_use', `The modifier group id "${group.id}" belongs to another item.`);
      for (const modifier of group.modifiers) {
        const modifierOwner = this.store.ownerOfModifier(modifier.id);
        if (modifierOwner !== null && modifierOwner !== itemId) throw conflict('id_in_use', `The modifier id "${modifier.id}" belongs to another item.`);
      }
    }
  }

  private itemView(id: string, lang: string | undefined): MenuItem {
    const item = this.menu.item(id, lang);
    if (!item) throw notFound(`The menu item "${id}"`);
    return item;
  }

  private categoryView(id: string, lang: string | undefined): MenuCategory {
    const category = this.menu.category(id, lang);
    if (!category) throw notFound(`The menu category "${id}"`);
    return category;
  }

  private now(): string {
    return this.context.clock.now().toISOString();
  }
}

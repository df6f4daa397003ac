import { Type, type Static } from 'typebox';
import { IdSchema, IsoTimeSchema, LocalizedTextSchema, MinorUnitsSchema, NullableString, StringEnum } from './common.ts';

/** The EU's 14 allergens that a menu must declare. */
export const ALLERGENS = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soy',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;
export type Allergen = (typeof ALLERGENS)[number];

export const AllergenSchema = Type.Union(ALLERGENS.map((code) => Type.Literal(code)));

/** A language asked for: "ru", "pt-BR". Unknown languages fall back to English, text by text. */
export const LanguageTagSchema = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$', maxLength: 12 });

export const MenuQuerySchema = Type.Object(
  { lang: Type.Optional(LanguageTagSchema) },
  { additionalProperties: false },
);
export type MenuQuery = Static<typeof MenuQuerySchema>;

export const MenuModifierSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'In the asked language' }),
  names: LocalizedTextSchema,
  priceMinor: Type.Integer({ description: 'Added to the item price, in minor units' }),
});
export type MenuModifier = Static<typeof MenuModifierSchema>;

export const MenuModifierGroupSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  names: LocalizedTextSchema,
  minChoices: Type.Integer({ description: '0: optional' }),
  maxChoices: Type.Integer({ description: '1: a single choice; 0: no upper limit' }),
  modifiers: Type.Array(MenuModifierSchema),
});
export type MenuModifierGroup = Static<typeof MenuModifierGroupSchema>;

export const MenuItemSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  names: LocalizedTextSchema,
  description: Type.String(),
  descriptions: LocalizedTextSchema,
  priceMinor: Type.Integer(),
  currency: Type.String(),
  station: Type.String(),
  allergens: Type.Array(Type.String()),
  available: Type.Boolean({ description: "false: 86'd, sold out for now (staff menu only)" }),
  modifierGroups: Type.Array(MenuModifierGroupSchema),
  // Always sent by this hub; optional in the type because a page may hold a menu an older hub served.
  categoryId: Type.Optional(Type.String()),
  taxRateBp: Type.Optional(Type.Integer({ description: 'Tax rate in basis points: 2000 is 20 %' })),
  photoUrl: Type.Optional(NullableString({ description: 'The photo (at most 1200 px on its long side), served by the hub; null: no photo' })),
  thumbnailUrl: Type.Optional(NullableString({ description: 'The same photo at most 320 px on its long side, for lists' })),
});
export type MenuItem = Static<typeof MenuItemSchema>;

export const MenuCategorySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  names: LocalizedTextSchema,
  items: Type.Array(MenuItemSchema),
});
export type MenuCategory = Static<typeof MenuCategorySchema>;

export const MenuSchema = Type.Object({
  currency: Type.String(),
  language: Type.String({ description: 'The language names were resolved in' }),
  categories: Type.Array(MenuCategorySchema),
});
export type Menu = Static<typeof MenuSchema>;

const languageKey = Type.String({ pattern: '^[a-z]{2,3}$' });

/** Names as a manager writes them: an English name is required (checked by the hub), 1–120 characters. */
export const ItemNamesInputSchema = Type.Record(languageKey, Type.String({ minLength: 1, maxLength: 120 }), {
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 20,
  description: 'Names per 2–3 letter language code; "en" is required',
});

export const ItemDescriptionsInputSchema = Type.Record(languageKey, Type.String({ minLength: 1, maxLength: 500 }), {
  additionalProperties: false,
  maxProperties: 20,
  description: 'Descriptions per 2–3 letter language code; a language left out shows the English one',
});

/** The largest tax rate a manager may set, in basis points (100 %). */
export const MAX_TAX_RATE_BP = 10_000;

const NameInputSchema = Type.String({ minLength: 1, maxLength: 120, description: 'The English name (the kitchen reads it); other languages keep theirs' });
const TaxRateSchema = Type.Integer({ minimum: 0, maximum: MAX_TAX_RATE_BP, description: 'Basis points: 2000 is 20 %' });
const ChoiceCountSchema = Type.Integer({ minimum: 0, maximum: 50 });

export const ModifierInputSchema = Type.Object(
  {
    id: Type.Optional(IdSchema),
    name: Type.Optional(NameInputSchema),
    names: Type.Optional(ItemNamesInputSchema),
    priceMinor: MinorUnitsSchema,
  },
  { additionalProperties: false, description: 'A modifier: keep its id to keep it (carts that chose it still work); name or names' },
);
export type ModifierInput = Static<typeof ModifierInputSchema>;

export const ModifierGroupInputSchema = Type.Object(
  {
    id: Type.Optional(IdSchema),
    name: Type.Optional(NameInputSchema),
    names: Type.Optional(ItemNamesInputSchema),
    minChoices: ChoiceCountSchema,
    maxChoices: Type.Integer({ minimum: 0, maximum: 50, description: '0: no upper limit' }),
    modifiers: Type.Array(ModifierInputSchema, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type ModifierGroupInput = Static<typeof ModifierGroupInputSchema>;

const ModifierGroupsInputSchema = Type.Array(ModifierGroupInputSchema, {
  maxItems: 10,
  description: "The item's modifier groups in order; replaces them all",
});
const AllergensInputSchema = Type.Array(StringEnum(ALLERGENS), { maxItems: ALLERGENS.length, uniqueItems: true, description: 'EU allergen codes' });
const StationInputSchema = Type.String({ minLength: 1, maxLength: 64, description: "One of the venue's stations" });

export const MenuItemCreateSchema = Type.Object(
  {
    id: Type.Optional(IdSchema),
    categoryId: IdSchema,
    name: Type.Optional(NameInputSchema),
    names: Type.Optional(ItemNamesInputSchema),
    descriptions: Type.Optional(ItemDescriptionsInputSchema),
    priceMinor: MinorUnitsSchema,
    station: StationInputSchema,
    allergens: Type.Optional(AllergensInputSchema),
    taxRateBp: Type.Optional(TaxRateSchema),
    available: Type.Optional(Type.Boolean()),
    modifierGroups: Type.Optional(ModifierGroupsInputSchema),
  },
  {
    additionalProperties: false,
    description: 'A new item, last in its category. name (English) or names (per language, with "en"). The same id again returns the item (200).',
  },
);
export type MenuItemCreate = Static<typeof MenuItemCreateSchema>;

export const MenuItemPatchSchema = Type.Object(
  {
    priceMinor: Type.Optional(MinorUnitsSchema),
    available: Type.Optional(Type.Boolean({ description: "false to 86 the item (sold out), true to bring it back" })),
    name: Type.Optional(NameInputSchema),
    names: Type.Optional(ItemNamesInputSchema),
    descriptions: Type.Optional(ItemDescriptionsInputSchema),
    station: Type.Optional(StationInputSchema),
    allergens: Type.Optional(AllergensInputSchema),
    taxRateBp: Type.Optional(TaxRateSchema),
    categoryId: Type.Optional(IdSchema),
    modifierGroups: Type.Optional(ModifierGroupsInputSchema),
  },
  {
    additionalProperties: false,
    description: 'At least one field; names, descriptions, allergens and modifierGroups replace the whole set; a new categoryId puts the item last there',
  },
);
export type MenuItemPatch = Static<typeof MenuItemPatchSchema>;

export const MenuItemParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const MenuCategoryCreateSchema = Type.Object(
  { id: Type.Optional(IdSchema), name: Type.Optional(NameInputSchema), names: Type.Optional(ItemNamesInputSchema) },
  { additionalProperties: false, description: 'A new category, last on the menu: name (English) or names. The same id again returns it (200).' },
);
export type MenuCategoryCreate = Static<typeof MenuCategoryCreateSchema>;

export const MenuCategoryPatchSchema = Type.Object(
  { name: Type.Optional(NameInputSchema), names: Type.Optional(ItemNamesInputSchema) },
  { additionalProperties: false, description: 'name (the English name; other languages kept) or names (the whole set)' },
);
export type MenuCategoryPatch = Static<typeof MenuCategoryPatchSchema>;

export const MenuOrderSchema = Type.Object(
  { ids: Type.Array(IdSchema, { minItems: 1, maxItems: 500, uniqueItems: true, description: 'Every live id once, in the new order' }) },
  { additionalProperties: false },
);
export type MenuOrder = Static<typeof MenuOrderSchema>;

export const ArchivedSchema = Type.Object({ id: Type.String(), archivedAt: IsoTimeSchema });
export type Archived = Static<typeof ArchivedSchema>;

/** Image types a menu photo may be sent as (the hub reads the bytes to be sure). */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] as const;

/** Payload of `menu.changed` when one item changed (added, edited, 86'd, archived): the fields guests' carts need. */
export const MenuItemChangedSchema = Type.Object({
  itemId: Type.String(),
  available: Type.Boolean(),
  priceMinor: Type.Integer(),
});
export type MenuItemChanged = Static<typeof MenuItemChangedSchema>;

export const MENU_ARRANGEMENTS = ['category_added', 'category_renamed', 'category_archived', 'categories_ordered', 'items_ordered'] as const;

/** Payload of `menu.changed` when the menu's shape changed (categories, order) rather than one item. */
export const MenuArrangedSchema = Type.Object({
  arranged: StringEnum(MENU_ARRANGEMENTS),
  categoryId: NullableString({ description: 'The category concerned; null for the order of categories' }),
});
export type MenuArranged = Static<typeof MenuArrangedSchema>;

/** Payload of the `menu.changed` event, sent to staff and to every guest: either form means "fetch the menu again". */
export const MenuChangedSchema = Type.Union([MenuItemChangedSchema, MenuArrangedSchema]);
export type MenuChanged = Static<typeof MenuChangedSchema>;

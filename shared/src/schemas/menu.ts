import { Type, type Static } from 'typebox';
import { IdSchema, LocalizedTextSchema, MinorUnitsSchema } from './common.ts';

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

export const MenuItemPatchSchema = Type.Object(
  {
    priceMinor: Type.Optional(MinorUnitsSchema),
    available: Type.Optional(Type.Boolean({ description: "false to 86 the item (sold out), true to bring it back" })),
    names: Type.Optional(ItemNamesInputSchema),
    descriptions: Type.Optional(ItemDescriptionsInputSchema),
  },
  { additionalProperties: false, description: 'At least one field; names and descriptions replace the whole set' },
);
export type MenuItemPatch = Static<typeof MenuItemPatchSchema>;

export const MenuItemParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

/** Payload of the `menu.changed` event, sent to staff and to every guest. */
export const MenuChangedSchema = Type.Object({
  itemId: Type.String(),
  available: Type.Boolean(),
  priceMinor: Type.Integer(),
});
export type MenuChanged = Static<typeof MenuChangedSchema>;

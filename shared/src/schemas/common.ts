import { Type, type Static } from 'typebox';

/** Every error the hub sends: a stable code for programs and a sentence for people. */
export const ErrorSchema = Type.Object(
  { error: Type.String(), message: Type.String() },
  { additionalProperties: true },
);
export type ErrorBody = Static<typeof ErrorSchema>;

export const UuidV7Schema = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
  description: 'A UUIDv7 made by the client',
});

/** Ids of seeded or staff-made records: short, URL-safe. */
export const IdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

export const LocalizedTextSchema = Type.Record(Type.String({ pattern: '^[a-z]{2,3}$' }), Type.String({ maxLength: 500 }), {
  description: 'Text per language code, e.g. { "en": "Tea", "ru": "Чай" }',
});

export const IsoTimeSchema = Type.String({ format: 'date-time' });
export const CurrencySchema = Type.String({ pattern: '^[A-Z]{3}$' });
export const MinorUnitsSchema = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Money in minor units' });

/** The standard error responses, for route schemas. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

/**
 * A string from a fixed list, written as a plain `enum` rather than a union of literals: the response
 * serializer writes an `enum` string directly, while a union (`anyOf`) makes it test every branch.
 */
export function StringEnum<T extends string>(values: readonly T[], options: { description?: string } = {}) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

/** A value or null, for responses (`nullable` is understood by both the serializer and OpenAPI 3.0). */
export function Nullable<T>(schema: Record<string, unknown>) {
  return Type.Unsafe<T | null>({ ...schema, nullable: true });
}

export function NullableString(options: { format?: string; description?: string } = {}) {
  return Nullable<string>({ type: 'string', ...options });
}

export function NullableInteger(options: { description?: string } = {}) {
  return Nullable<number>({ type: 'integer', ...options });
}

/**
 * Response shapes of the check-in routes that shared/src/schemas/hotel.ts does not have yet (the join
 * answer, the staff's view of a registration). They belong beside GuestStaySchema; kept here until
 * the lead moves them, so the page imports only GuestStay and RegistrationBody from shared.
 */
import { Type, type Static } from 'typebox';
import { IsoTimeSchema, NullableString } from '@onemoment/shared/schemas/common';
import { DateSchema, GuestStaySchema } from '@onemoment/shared/schemas/hotel';

export const CheckInCodeParamsSchema = Type.Object(
  { code: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: "The secret part of the guest's check-in link" }) },
  { additionalProperties: false },
);

export const JoinCheckInResponseSchema = Type.Object({
  /** The guest's bearer token for /api/guest/stay…: returned once, only its hash is kept. */
  token: Type.String(),
  expiresAt: IsoTimeSchema,
  stay: GuestStaySchema,
});
export type JoinCheckInResponse = Static<typeof JoinCheckInResponseSchema>;

export const RegistrationViewSchema = Type.Object({
  bookingId: Type.String(),
  registered: Type.Boolean(),
  /** What the guest filled in (null until they send the form). */
  form: Type.Union([
    Type.Object({
      fullName: Type.String(),
      nationality: Type.String(),
      documentType: Type.String(),
      documentNumber: Type.String(),
      address: Type.String(),
      arrival: DateSchema,
      departure: DateSchema,
      consentAt: IsoTimeSchema,
      submittedAt: IsoTimeSchema,
    }),
    Type.Null(),
  ]),
  idPhoto: Type.Object({
    onFile: Type.Boolean(),
    uploadedAt: NullableString(),
    /** When the retention rule deleted it (null while kept, or when there never was one). */
    deletedAt: NullableString(),
    /** When it will be deleted: set once the stay has ended. */
    deleteAfter: NullableString(),
  }),
  signature: Type.Boolean(),
});
export type RegistrationView = Static<typeof RegistrationViewSchema>;

export const PrintQueuedSchema = Type.Object({ jobId: Type.String() });

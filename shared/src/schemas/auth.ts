import { Type, type Static } from 'typebox';
import { IdSchema, IsoTimeSchema } from './common.ts';

export const StaffRoleSchema = Type.Union(
  [Type.Literal('manager'), Type.Literal('waiter'), Type.Literal('kitchen'), Type.Literal('front_desk'), Type.Literal('housekeeping')],
  { description: 'What a login may do' },
);

export const PinSchema = Type.String({ pattern: '^[0-9]{4,8}$', minLength: 4, maxLength: 8, description: '4 to 8 digits' });

export const StaffNameSchema = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S', description: 'How colleagues know this person' });

export const LoginBodySchema = Type.Object({ pin: PinSchema }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBodySchema>;

export const LoginResponseSchema = Type.Object({
  token: Type.String({ description: 'Send as Authorization: Bearer <token>' }),
  role: StaffRoleSchema,
  staffId: Type.String(),
  name: Type.String(),
  expiresAt: IsoTimeSchema,
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

export const MeResponseSchema = Type.Object({
  staffId: Type.String(),
  name: Type.String(),
  role: StaffRoleSchema,
});
export type MeResponse = Static<typeof MeResponseSchema>;

export const StaffMemberSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: StaffRoleSchema,
  active: Type.Boolean({ description: 'false: switched off; the PIN no longer logs in' }),
});
export type StaffMember = Static<typeof StaffMemberSchema>;

export const StaffListSchema = Type.Object({ staff: Type.Array(StaffMemberSchema) });

export const CreateStaffBodySchema = Type.Object(
  { name: StaffNameSchema, role: StaffRoleSchema, pin: PinSchema },
  { additionalProperties: false },
);
export type CreateStaffBody = Static<typeof CreateStaffBodySchema>;

export const UpdateStaffBodySchema = Type.Object(
  {
    active: Type.Optional(Type.Boolean()),
    pin: Type.Optional(PinSchema),
    name: Type.Optional(StaffNameSchema),
    role: Type.Optional(StaffRoleSchema),
  },
  { additionalProperties: false, description: 'At least one field; the rest stay as they are' },
);
export type UpdateStaffBody = Static<typeof UpdateStaffBodySchema>;

export const StaffIdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });

/** The hub-wide brake on wrong PINs, for the manager's banner on the admin page. */
export const LoginBrakeSchema = Type.Object({
  braked: Type.Boolean({ description: 'true: PIN logins are paused until the budget refills' }),
  retryAfterSeconds: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'When braked: seconds until the next PIN is checked' }),
  failuresLeft: Type.Integer({ minimum: 0, description: 'Wrong PINs the hub takes before it brakes' }),
  maxFailures: Type.Integer({ description: 'PIN_HUB_MAX_FAILURES' }),
  windowMinutes: Type.Integer({ description: 'PIN_HUB_WINDOW_MINUTES' }),
  lastTrippedAt: Type.Union([IsoTimeSchema, Type.Null()], { description: 'When the brake last tripped' }),
});
export type LoginBrake = Static<typeof LoginBrakeSchema>;

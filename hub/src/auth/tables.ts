import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['manager', 'waiter', 'kitchen', 'front_desk', 'housekeeping'] }).notNull(),
  /** HMAC of the PIN with the venue's secret: unique, so a PIN names one person. */
  pinHash: text('pin_hash').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
});

export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id').notNull().references(() => staff.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('staff_sessions_staff').on(t.staffId)],
);

/** Wrong PINs per client (IP address), for the lockout. */
export const loginFailures = sqliteTable('login_failures', {
  clientKey: text('client_key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: text('locked_until'),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The hub-wide brake on wrong PINs (see login-guard.ts): one row, the budget of wrong PINs left.
 * Kept in SQLite so a restart does not hand a guesser a fresh budget.
 */
export const loginBrake = sqliteTable('login_brake', {
  id: integer('id').primaryKey(),
  budget: real('budget').notNull(),
  updatedAt: text('updated_at').notNull(),
  trippedAt: text('tripped_at'),
});

import { Type, type Static } from 'typebox';
import { IdSchema, IsoTimeSchema, NullableInteger, NullableString, StringEnum } from './common.ts';

/**
 * The outbox: the calls the hub owes the internet (TON payment checks, Cloudbeds, Airalo), as jobs staff
 * can see, retry and cancel. A job waits, is sent (running), and ends done; or waits for a person
 * (needs_person) after the vendor refused it or too many tries; or is cancelled with a reason.
 */

export const OUTBOX_JOB_STATES = ['waiting', 'running', 'done', 'needs_person', 'cancelled'] as const;
export type OutboxJobState = (typeof OUTBOX_JOB_STATES)[number];

export const OUTBOX_LIMITS = { maxJobsListed: 500, defaultJobsListed: 100, maxReasonLength: 300 } as const;

export const OutboxJobStateSchema = StringEnum<OutboxJobState>(OUTBOX_JOB_STATES, {
  description: 'waiting: will be sent when due; running: being sent; done; needs_person: a person must retry or cancel it; cancelled',
});

export const OutboxJobViewSchema = Type.Object({
  id: Type.String(),
  vendor: Type.String({ description: 'The vendor adapter that sends it: ton, cloudbeds, airalo' }),
  vendorLabel: Type.String({ description: 'The vendor as staff know it, e.g. "TON payments check"' }),
  kind: Type.String({ description: 'What the adapter does with it, in its own words (poll, order)' }),
  description: Type.String({ description: 'The job in one sentence for staff' }),
  state: OutboxJobStateSchema,
  attempts: Type.Integer({ minimum: 0, description: 'Sends started (a retry by staff starts again from 0)' }),
  ageSeconds: Type.Integer({ minimum: 0, description: 'Since the job was made' }),
  createdAt: IsoTimeSchema,
  nextAttemptAt: NullableString({ format: 'date-time', description: 'When a waiting job is sent next; null in other states' }),
  lastError: NullableString({ description: 'The last failure, in the vendor’s words' }),
  lastStatus: NullableInteger({ description: 'The HTTP status of the last failure, when there was one' }),
  cancelReason: NullableString(),
  outcomeUnknown: Type.Boolean({ description: 'A send was cut off: the vendor may have done it, so it is checked before any resend' }),
});
export type OutboxJobView = Static<typeof OutboxJobViewSchema>;

export const OutboxJobsQuerySchema = Type.Object(
  {
    state: Type.Optional(OutboxJobStateSchema),
    vendor: Type.Optional({ ...IdSchema, description: 'Only this vendor’s jobs' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: OUTBOX_LIMITS.maxJobsListed, description: `Default ${OUTBOX_LIMITS.defaultJobsListed}` })),
  },
  { additionalProperties: false },
);
export type OutboxJobsQuery = Static<typeof OutboxJobsQuerySchema>;

export const OutboxJobsResponseSchema = Type.Object({ jobs: Type.Array(OutboxJobViewSchema, { description: 'Newest first' }) });

export const CancelOutboxJobBodySchema = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: OUTBOX_LIMITS.maxReasonLength,
      pattern: '\\S',
      description: 'Why it is cancelled, in a few words (kept with the job)',
    }),
  },
  { additionalProperties: false },
);
export type CancelOutboxJobBody = Static<typeof CancelOutboxJobBodySchema>;

export const OutboxVendorCountSchema = Type.Object({
  vendor: Type.String(),
  label: Type.String(),
  state: StringEnum<'waiting' | 'running' | 'needs_person'>(['waiting', 'running', 'needs_person']),
  count: Type.Integer({ minimum: 1 }),
});

export const OutboxSummarySchema = Type.Object({
  waiting: Type.Integer({ minimum: 0 }),
  running: Type.Integer({ minimum: 0 }),
  needsPerson: Type.Integer({ minimum: 0 }),
  oldestWaitingAt: NullableString({ format: 'date-time', description: 'When the oldest job still waiting (or being sent) was made: its age is how long the hub has owed the internet' }),
  byVendor: Type.Array(OutboxVendorCountSchema, { description: 'Jobs still owed, by vendor and state' }),
});
export type OutboxSummary = Static<typeof OutboxSummarySchema>;

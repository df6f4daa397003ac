import { Type, type Static } from 'typebox';

/*
 * The payloads of the hub's sync API. They live beside the module for now (the admin page that will
 * show them is not written yet); when it is, they move to shared/src/schemas/sync.ts unchanged.
 */

function NullableString(options: { format?: string; description?: string } = {}) {
  return Type.Unsafe<string | null>({ type: 'string', nullable: true, ...options });
}

export const PairBodySchema = Type.Object(
  {
    cloudUrl: Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://[^\\s]+$', description: 'The cloud service, e.g. https://cloud.example.com' }),
    pairingCode: Type.String({ minLength: 4, maxLength: 64, description: 'The code HQ was shown when it created the venue' }),
  },
  { additionalProperties: false },
);
export type PairBody = Static<typeof PairBodySchema>;

export const SyncDocumentStateSchema = Type.Object({
  name: Type.String({ description: 'The hub’s name of the document, e.g. venue/demo-bistro/day/2026-06-01' }),
  connected: Type.Boolean(),
});

export const SyncStatusSchema = Type.Object({
  paired: Type.Boolean(),
  connected: Type.Boolean({ description: 'Paired, and every active document’s socket to the cloud is open' }),
  cloudUrl: NullableString(),
  cloudVenueId: NullableString({ description: 'The venue id HQ gave this hub' }),
  lastSyncAt: NullableString({ format: 'date-time', description: 'The last time the cloud acknowledged or sent an update' }),
  pendingUpdates: Type.Integer({ minimum: 0, description: 'Changes not yet stored by the cloud' }),
  pendingBytes: Type.Integer({ minimum: 0 }),
  oldestPendingAgeMs: Type.Integer({ minimum: 0, description: 'Age of the oldest change waiting; 0 when none waits' }),
  lastError: NullableString({ description: 'The latest problem talking to the cloud, for the admin page' }),
  documents: Type.Array(SyncDocumentStateSchema, { description: 'The documents being synced now' }),
});
export type SyncStatus = Static<typeof SyncStatusSchema>;

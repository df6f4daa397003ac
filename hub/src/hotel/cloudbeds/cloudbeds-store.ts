import type Database from 'better-sqlite3';

export interface CloudbedsSettingsRow {
  apiKey: string;
  propertyId: string;
  pulledUntil: string | null;
  updatedAt: string;
}

export type MappingKind = 'room_type' | 'room';

/**
 * Cloudbeds' rows: the one settings row (the key, the property, the pull cursor) and the mappings of
 * Cloudbeds' room types and rooms to the hub's. The key is read here and handed to the client only; it
 * is never part of a job, an event or a log line.
 */
export class CloudbedsStore {
  private readonly sql;

  constructor(sqlite: Database.Database) {
    this.sql = {
      settings: sqlite.prepare('SELECT api_key AS apiKey, property_id AS propertyId, pulled_until AS pulledUntil, updated_at AS updatedAt FROM cloudbeds_settings WHERE id = 1'),
      save: sqlite.prepare(
        `INSERT INTO cloudbeds_settings (id, api_key, property_id, pulled_until, updated_at) VALUES (1, ?, ?, NULL, ?)
         ON CONFLICT (id) DO UPDATE SET api_key = excluded.api_key, pulled_until = CASE WHEN property_id = excluded.property_id THEN pulled_until END,
           property_id = excluded.property_id, updated_at = excluded.updated_at`,
      ),
      clear: sqlite.prepare('DELETE FROM cloudbeds_settings WHERE id = 1'),
      cursor: sqlite.prepare('UPDATE cloudbeds_settings SET pulled_until = ? WHERE id = 1 AND property_id = ?'),
      clearMappings: sqlite.prepare('DELETE FROM cloudbeds_mappings WHERE kind = ?'),
      clearAllMappings: sqlite.prepare('DELETE FROM cloudbeds_mappings'),
      addMapping: sqlite.prepare('INSERT INTO cloudbeds_mappings (kind, cloudbeds_id, hub_id) VALUES (?, ?, ?)'),
      hubIdOf: sqlite.prepare('SELECT hub_id FROM cloudbeds_mappings WHERE kind = ? AND cloudbeds_id = ?').pluck(),
      cloudbedsIdOf: sqlite.prepare('SELECT cloudbeds_id FROM cloudbeds_mappings WHERE kind = ? AND hub_id = ? ORDER BY cloudbeds_id LIMIT 1').pluck(),
      counts: sqlite.prepare(`SELECT SUM(kind = 'room_type') AS roomTypes, SUM(kind = 'room') AS rooms FROM cloudbeds_mappings`),
      bookingByCloudbedsId: sqlite.prepare('SELECT id FROM bookings WHERE cloudbeds_id = ?').pluck(),
    };
  }

  settings(): CloudbedsSettingsRow | null {
    return (this.sql.settings.get() as CloudbedsSettingsRow | undefined) ?? null;
  }

  /** A new property starts its pull afresh (its cursor is another property's); a new key for the same one keeps it. */
  saveSettings(apiKey: string, propertyId: string, at: string): void {
    const before = this.settings();
    this.sql.save.run(apiKey, propertyId, at);
    if (before && before.propertyId !== propertyId) this.sql.clearAllMappings.run();
  }

  clearSettings(): void {
    this.sql.clear.run();
    this.sql.clearAllMappings.run();
  }

  /** Moves the cursor of `propertyId` (a pull read for another property, since replaced, moves nothing). */
  setCursor(propertyId: string, pulledUntil: string): void {
    this.sql.cursor.run(pulledUntil, propertyId);
  }

  replaceMappings(kind: MappingKind, pairs: ReadonlyArray<{ cloudbedsId: string; hubId: string }>): void {
    this.sql.clearMappings.run(kind);
    for (const pair of pairs) this.sql.addMapping.run(kind, pair.cloudbedsId, pair.hubId);
  }

  hubIdOf(kind: MappingKind, cloudbedsId: string): string | null {
    return (this.sql.hubIdOf.get(kind, cloudbedsId) as string | undefined) ?? null;
  }

  cloudbedsIdOf(kind: MappingKind, hubId: string): string | null {
    return (this.sql.cloudbedsIdOf.get(kind, hubId) as string | undefined) ?? null;
  }

  mappingCounts(): { roomTypes: number; rooms: number } {
    const row = this.sql.counts.get() as { roomTypes: number | null; rooms: number | null };
    return { roomTypes: row.roomTypes ?? 0, rooms: row.rooms ?? 0 };
  }

  /** The hub booking that holds a Cloudbeds reservation (the hotel module's own table, read only). */
  bookingIdByCloudbedsId(cloudbedsId: string): string | null {
    return (this.sql.bookingByCloudbedsId.get(cloudbedsId) as string | undefined) ?? null;
  }
}

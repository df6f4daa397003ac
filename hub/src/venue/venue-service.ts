import type Database from 'better-sqlite3';
import type { Station, Venue } from '@onemoment/shared/schemas/venue';
import type { Clock } from '../clock.ts';

interface VenueRow {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  languages: string;
  pinSecret: string;
}

export interface VenueSettings {
  visitPolicy: Venue['visitPolicy'];
  /** The modules this hub loaded (MODULES), so the pages show only what is there. */
  modules: string[];
}

/**
 * Reads the venue's settings. The venue row is seeded once and changes rarely, so it is cached. One
 * instance per hub, built with the hub's core and shared by every module.
 */
export class VenueService {
  private cached: VenueRow | null = null;
  private readonly sql: { venue: Database.Statement; stations: Database.Statement };

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
    private readonly settings: VenueSettings,
  ) {
    this.sql = {
      venue: sqlite.prepare('SELECT id, name, currency, timezone, languages, pin_secret AS pinSecret FROM venue LIMIT 1'),
      stations: sqlite.prepare('SELECT id, name, warn_minutes AS warnMinutes, late_minutes AS lateMinutes FROM stations ORDER BY position'),
    };
  }

  private row(): VenueRow {
    this.cached ??= this.sql.venue.get() as VenueRow;
    if (!this.cached) throw new Error('The venue is not set up: start with SEED_DEMO=on or import a venue.');
    return this.cached;
  }

  stations(): Station[] {
    return this.sql.stations.all() as Station[];
  }

  venue(): Venue {
    const row = this.row();
    return {
      id: row.id,
      name: row.name,
      currency: row.currency,
      timezone: row.timezone,
      languages: JSON.parse(row.languages) as string[],
      visitPolicy: this.settings.visitPolicy,
      stations: this.stations(),
      modules: this.settings.modules,
    };
  }

  pinSecret(): string {
    return this.row().pinSecret;
  }

  /**
   * The business day an instant belongs to, in the venue's time zone. The day turns at 04:00 local time,
   * so a late order at 01:30 still counts on the evening it belongs to.
   */
  /** The venue's id, or null before a venue is set up (sync stays idle then). */
  venueId(): string | null {
    this.cached ??= (this.sql.venue.get() as VenueRow | undefined) ?? null;
    return this.cached?.id ?? null;
  }

  businessDay(at: Date = this.clock.now()): string {
    return businessDayOf(at, this.row().timezone);
  }
}

export const DAY_TURNS_AT_HOUR = 4;

export function businessDayOf(at: Date, timeZone: string): string {
  const shifted = new Date(at.getTime() - DAY_TURNS_AT_HOUR * 3_600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
}

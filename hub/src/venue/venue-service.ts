import type { Station, Venue } from '@onemoment/shared/schemas/venue';
import type { HubContext } from '../context.ts';

interface VenueRow {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  languages: string;
  pinSecret: string;
}

/** Reads the venue's settings. The venue row is seeded once and changes rarely, so it is cached. */
export class VenueService {
  private cached: VenueRow | null = null;

  constructor(private readonly context: HubContext) {}

  private row(): VenueRow {
    this.cached ??= this.context.store.sqlite
      .prepare('SELECT id, name, currency, timezone, languages, pin_secret AS pinSecret FROM venue LIMIT 1')
      .get() as VenueRow;
    if (!this.cached) throw new Error('The venue is not set up: start with SEED_DEMO=on or import a venue.');
    return this.cached;
  }

  stations(): Station[] {
    return this.context.store.sqlite
      .prepare('SELECT id, name, warn_minutes AS warnMinutes, late_minutes AS lateMinutes FROM stations ORDER BY position')
      .all() as Station[];
  }

  venue(): Venue {
    const row = this.row();
    return {
      id: row.id,
      name: row.name,
      currency: row.currency,
      timezone: row.timezone,
      languages: JSON.parse(row.languages) as string[],
      visitPolicy: this.context.config.visitPolicy,
      stations: this.stations(),
    };
  }

  pinSecret(): string {
    return this.row().pinSecret;
  }

  /**
   * The business day an instant belongs to, in the venue's time zone. The day turns at 04:00 local time,
   * so a late order at 01:30 still counts on the evening it belongs to.
   */
  businessDay(at: Date = this.context.clock.now()): string {
    return businessDayOf(at, this.row().timezone);
  }
}

export const DAY_TURNS_AT_HOUR = 4;

export function businessDayOf(at: Date, timeZone: string): string {
  const shifted = new Date(at.getTime() - DAY_TURNS_AT_HOUR * 3_600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
}

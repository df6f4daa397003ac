import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Store } from '../db/connection.ts';
import { hashPin } from '../sessions/tokens.ts';
import { seedDemoHotel } from '../hotel/demo-hotel.ts';
import { newTableCode } from './table-code.ts';
import { DEMO_MENU, DEMO_STAFF, DEMO_STATIONS, DEMO_TABLE_COUNT, DEMO_VENUE } from './demo-venue.ts';

export { newTableCode } from './table-code.ts';

/** Seeds the demo venue into an empty database, in one transaction; does nothing when a venue exists. */
export function seedDemoVenue(store: Store, clock: Clock): boolean {
  const { sqlite } = store;
  if (sqlite.prepare('SELECT 1 FROM venue LIMIT 1').get()) return false;
  const now = clock.now().toISOString();
  const json = JSON.stringify;
  sqlite.transaction(() => {
    const secret = randomBytes(32).toString('hex');
    sqlite
      .prepare('INSERT INTO venue (id, name, currency, timezone, languages, pin_secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(DEMO_VENUE.id, DEMO_VENUE.name, DEMO_VENUE.currency, DEMO_VENUE.timezone, json(DEMO_VENUE.languages), secret, now);
    const station = sqlite.prepare('INSERT INTO stations (id, name, position, warn_minutes, late_minutes) VALUES (?, ?, ?, ?, ?)');
    DEMO_STATIONS.forEach((s, i) => station.run(s.id, s.name, i, s.warnMinutes, s.lateMinutes));
    const member = sqlite.prepare('INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)');
    for (const s of DEMO_STAFF) member.run(s.id, s.name, s.role, hashPin(s.pin, secret), now);
    const table = sqlite.prepare('INSERT INTO dining_tables (id, name, code, seats, position) VALUES (?, ?, ?, ?, ?)');
    for (let n = 1; n <= DEMO_TABLE_COUNT; n++) table.run(`table-${n}`, `Table ${n}`, newTableCode(), n % 3 === 0 ? 6 : n % 2 === 0 ? 4 : 2, n);

    const category = sqlite.prepare('INSERT INTO menu_categories (id, position, names) VALUES (?, ?, ?)');
    const item = sqlite.prepare(
      `INSERT INTO menu_items (id, category_id, position, names, descriptions, price_minor, currency, station, allergens, available, tax_rate_bp, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    const group = sqlite.prepare('INSERT INTO modifier_groups (id, item_id, position, names, min_choices, max_choices) VALUES (?, ?, ?, ?, ?, ?)');
    const modifier = sqlite.prepare('INSERT INTO modifiers (id, group_id, position, names, price_minor) VALUES (?, ?, ?, ?, ?)');
    DEMO_MENU.forEach((c, ci) => {
      category.run(c.id, ci, json(c.names));
      c.items.forEach((it, ii) => {
        item.run(it.id, c.id, ii, json(it.names), json(it.descriptions), it.priceMinor, DEMO_VENUE.currency, it.station, json(it.allergens), c.taxRateBp, now);
        (it.modifierGroups ?? []).forEach((g, gi) => {
          group.run(g.id, it.id, gi, json(g.names), g.minChoices, g.maxChoices);
          g.modifiers.forEach((m, mi) => modifier.run(m.id, g.id, mi, json(m.names), m.priceMinor));
        });
      });
    });
    seedDemoHotel(sqlite, clock.now(), DEMO_VENUE.timezone, DEMO_VENUE.currency);
  })();
  return true;
}

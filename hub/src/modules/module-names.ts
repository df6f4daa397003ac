/**
 * The hub's modules, what each needs, and how a venue picks them (MODULES). Pure data and rules: the
 * config reads it at boot without loading any module's code.
 *
 * A venue picks its domains (restaurant, hotel, translator). Printing and cloud sync
 * serve whatever domains run, so they always run: a restaurant's hub prints tickets, a front desk's
 * prints its own documents, and both sync with the cloud.
 */
export interface ModuleEntry {
  needs: readonly string[];
  /** Runs on every hub, whatever MODULES says. */
  always: boolean;
  summary: string;
}

export const MODULE_CATALOG = {
  restaurant: { needs: [], always: false, summary: 'menu, tables and visits, orders, the kitchen display' },
  printing: { needs: [], always: true, summary: "ESC/POS printers and the print queue (the restaurant's tickets and receipts when it runs)" },
  payments: { needs: ['restaurant'], always: false, summary: "bills with tax, service, discounts, splits and tips; cash, card and TON payments; the day's close" },
  hotel: {
    needs: [],
    always: false,
    summary: 'rooms and rates, bookings, digital check-in, housekeeping, folios (room service when restaurant runs), Cloudbeds',
  },
  esim: { needs: ['payments'], always: false, summary: 'travel eSIMs through Airalo: the catalogue offline, sales on the bill, orders through the outbox, the install QR for the buyer' },
  sync: { needs: [], always: true, summary: "Yjs documents synced with the cloud (the restaurant's orders and menu when it runs)" },
  translator: { needs: [], always: false, summary: 'speech and text translation between guests and staff' },
} as const satisfies Record<string, ModuleEntry>;

export type ModuleName = keyof typeof MODULE_CATALOG;

/** In load order: every module after the ones it needs or serves. */
export const MODULE_NAMES = Object.keys(MODULE_CATALOG) as ModuleName[];

export type ModuleSelection<N extends string = ModuleName> = { ok: true; modules: N[] } | { ok: false; problem: string };

/**
 * The modules to load for a MODULES value ("restaurant,translator"; empty means all), in load order,
 * with the modules that always run. An unknown name, or a module whose needs are left out, is a
 * problem that names it.
 */
export function selectModules<N extends string = ModuleName>(
  value: string,
  catalog: Readonly<Record<N, ModuleEntry>> = MODULE_CATALOG as unknown as Record<N, ModuleEntry>,
): ModuleSelection<N> {
  const names = Object.keys(catalog) as N[];
  const requested = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (requested.length === 0) return { ok: true, modules: [...names] };
  const unknown = requested.filter((name) => !Object.hasOwn(catalog, name));
  if (unknown.length > 0) {
    const always = names.filter((name) => catalog[name].always);
    const alwaysNote = always.length > 0 ? `; ${always.join(' and ')} always run` : '';
    return { ok: false, problem: `MODULES names ${unknown.map((name) => `"${name}"`).join(', ')}, which this hub does not have (it has ${names.join(', ')}${alwaysNote})` };
  }
  const chosen = new Set<N>([...(requested as N[]), ...names.filter((name) => catalog[name].always)]);
  for (const name of chosen) {
    const missing = catalog[name].needs.filter((need) => !chosen.has(need as N));
    if (missing.length > 0) return { ok: false, problem: `MODULES has ${name}, which needs ${missing.join(' and ')}: add ${missing.join(', ')} to MODULES` };
  }
  return { ok: true, modules: names.filter((name) => chosen.has(name)) };
}

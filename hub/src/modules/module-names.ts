/**
 * The hub's domain modules, what each needs, and how a venue picks them (MODULES). Pure data and
 * rules: the config reads it at boot without loading any module's code.
 */
export const MODULE_CATALOG = {
  restaurant: { needs: [], summary: 'menu, tables and visits, orders, the kitchen display' },
  printing: { needs: ['restaurant'], summary: 'ESC/POS kitchen tickets and receipts, the print queue' },
  sync: { needs: ['restaurant'], summary: 'Yjs documents of orders and the menu, synced with the cloud' },
  translator: { needs: [], summary: 'speech and text translation between guests and staff' },
} as const satisfies Record<string, { needs: readonly string[]; summary: string }>;

export type ModuleName = keyof typeof MODULE_CATALOG;

/** In load order: every module after the ones it needs. */
export const MODULE_NAMES = Object.keys(MODULE_CATALOG) as ModuleName[];

export function isModuleName(name: string): name is ModuleName {
  return Object.hasOwn(MODULE_CATALOG, name);
}

export type ModuleSelection = { ok: true; modules: ModuleName[] } | { ok: false; problem: string };

/**
 * The modules to load for a MODULES value ("restaurant,printing"; empty means all), in load order.
 * An unknown name or a module whose needs are left out is a problem that names it.
 */
export function selectModules(value: string): ModuleSelection {
  const requested = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (requested.length === 0) return { ok: true, modules: [...MODULE_NAMES] };
  const unknown = requested.filter((name) => !isModuleName(name));
  if (unknown.length > 0) {
    return { ok: false, problem: `MODULES names ${unknown.map((name) => `"${name}"`).join(', ')}, which this hub does not have (it has ${MODULE_NAMES.join(', ')})` };
  }
  const chosen = new Set(requested as ModuleName[]);
  for (const name of chosen) {
    const missing = MODULE_CATALOG[name].needs.filter((need) => !chosen.has(need));
    if (missing.length > 0) return { ok: false, problem: `MODULES has ${name}, which needs ${missing.join(' and ')}: add ${missing.join(', ')} to MODULES` };
  }
  return { ok: true, modules: MODULE_NAMES.filter((name) => chosen.has(name)) };
}

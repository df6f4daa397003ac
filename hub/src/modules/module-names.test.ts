import { describe, expect, it } from 'vitest';
import { MODULE_CATALOG, MODULE_NAMES, selectModules } from './module-names.ts';

describe('choosing modules (MODULES)', () => {
  it('loads every module when nothing is chosen', () => {
    expect(selectModules('')).toEqual({ ok: true, modules: ['restaurant', 'printing', 'sync', 'translator'] });
    expect(selectModules(' , ')).toEqual({ ok: true, modules: MODULE_NAMES });
  });

  it('keeps load order whatever order they are written in, and forgives case and spaces', () => {
    expect(selectModules(' Translator, printing ,restaurant')).toEqual({ ok: true, modules: ['restaurant', 'printing', 'translator'] });
    expect(selectModules('restaurant,restaurant')).toEqual({ ok: true, modules: ['restaurant'] });
  });

  it('names a module this hub does not have', () => {
    const chosen = selectModules('restaurant,teleporter');
    expect(chosen.ok).toBe(false);
    expect(!chosen.ok && chosen.problem).toContain('"teleporter"');
  });

  it('names what a module needs when it is left out', () => {
    const chosen = selectModules('printing');
    expect(chosen).toEqual({ ok: false, problem: 'MODULES has printing, which needs restaurant: add restaurant to MODULES' });
  });

  it('lists every module after the modules it needs', () => {
    for (const [index, name] of MODULE_NAMES.entries()) {
      for (const need of MODULE_CATALOG[name].needs) expect(MODULE_NAMES.indexOf(need)).toBeLessThan(index);
    }
  });
});

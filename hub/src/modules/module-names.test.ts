import { describe, expect, it } from 'vitest';
import { MODULE_CATALOG, MODULE_NAMES, selectModules, type ModuleEntry } from './module-names.ts';

describe('choosing modules (MODULES)', () => {
  it('loads every module when nothing is chosen', () => {
    expect(selectModules('')).toEqual({ ok: true, modules: ['restaurant', 'printing', 'payments', 'hotel', 'esim', 'sync', 'translator'] });
    expect(selectModules(' , ')).toEqual({ ok: true, modules: MODULE_NAMES });
  });

  it('always runs printing and sync, keeps load order whatever order names are written in, and forgives case and spaces', () => {
    expect(selectModules('restaurant')).toEqual({ ok: true, modules: ['restaurant', 'printing', 'sync'] });
    expect(selectModules(' Translator, restaurant')).toEqual({ ok: true, modules: ['restaurant', 'printing', 'sync', 'translator'] });
    expect(selectModules('translator,printing,translator')).toEqual({ ok: true, modules: ['printing', 'sync', 'translator'] });
    expect(selectModules('payments,restaurant')).toEqual({ ok: true, modules: ['restaurant', 'printing', 'payments', 'sync'] });
    expect(selectModules('payments')).toEqual({ ok: false, problem: 'MODULES has payments, which needs restaurant: add restaurant to MODULES' });
  });

  it('names a module this hub does not have', () => {
    expect(selectModules('restaurant,teleporter')).toEqual({
      ok: false,
      problem: 'MODULES names "teleporter", which this hub does not have (it has restaurant, printing, payments, hotel, esim, sync, translator; printing and sync always run)',
    });
  });

  it('names what a module needs when it is left out', () => {
    const catalog: Record<'restaurant' | 'roomservice' | 'printing', ModuleEntry> = {
      restaurant: { needs: [], always: false, summary: '' },
      roomservice: { needs: ['restaurant'], always: false, summary: '' },
      printing: { needs: [], always: true, summary: '' },
    };
    expect(selectModules('roomservice', catalog)).toEqual({ ok: false, problem: 'MODULES has roomservice, which needs restaurant: add restaurant to MODULES' });
    expect(selectModules('roomservice,restaurant', catalog)).toEqual({ ok: true, modules: ['restaurant', 'roomservice', 'printing'] });
  });

  it('lists every module after the modules it needs', () => {
    for (const [index, name] of MODULE_NAMES.entries()) {
      for (const need of MODULE_CATALOG[name].needs) expect(MODULE_NAMES.indexOf(need)).toBeLessThan(index);
    }
  });
});

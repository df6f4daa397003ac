import { describe, expect, it } from 'vitest';
import { diffCatalogue, looksTruncated, type CataloguePackage, type OpenSale } from './catalogue-diff.ts';

function pkg(id: string, overrides: Partial<CataloguePackage> = {}): CataloguePackage {
  return { id, title: '1 GB - 7 days', currency: 'USD', priceMinor: 450, netPriceMinor: 360, dataMb: 1024, days: 7, ...overrides };
}

describe('catalogue diff', () => {
  it('finds nothing when the catalogue is the same, in any order', () => {
    const stored = [pkg('a'), pkg('b'), pkg('c')];
    expect(diffCatalogue(stored, [...stored].reverse())).toEqual({ added: [], changed: [], gone: [], salesToResolve: [] });
  });

  it('lists added, changed and gone packages', () => {
    const diff = diffCatalogue([pkg('a'), pkg('b')], [pkg('a', { priceMinor: 500, netPriceMinor: 380 }), pkg('c')]);
    expect(diff.added.map((p) => p.id)).toEqual(['c']);
    expect(diff.gone.map((p) => p.id)).toEqual(['b']);
    expect(diff.changed).toEqual([
      {
        id: 'a',
        retailRose: true,
        changes: [
          { field: 'priceMinor', before: 450, after: 500 },
          { field: 'netPriceMinor', before: 360, after: 380 },
        ],
      },
    ]);
  });

  it('sees each compared field change, unlimited data and unicode titles included', () => {
    const before = pkg('a');
    expect(diffCatalogue([before], [pkg('a', { dataMb: null })]).changed[0]!.changes).toEqual([{ field: 'dataMb', before: 1024, after: null }]);
    expect(diffCatalogue([before], [pkg('a', { days: 30 })]).changed[0]!.changes).toEqual([{ field: 'days', before: 7, after: 30 }]);
    expect(diffCatalogue([before], [pkg('a', { title: '1 GB – 7 días 🇪🇸' })]).changed[0]!.changes).toEqual([{ field: 'title', before: '1 GB - 7 days', after: '1 GB – 7 días 🇪🇸' }]);
    expect(diffCatalogue([before], [pkg('a', { priceMinor: 400 })]).changed[0]).toMatchObject({ retailRose: false });
    expect(diffCatalogue([before], [pkg('a', { currency: 'EUR' })]).changed[0]!.changes).toEqual([{ field: 'currency', before: 'USD', after: 'EUR' }]);
  });

  it('tells ids apart exactly (case and unicode normalisation are not folded)', () => {
    const diff = diffCatalogue([pkg('café-1gb'), pkg('ABC')], [pkg('cafe\u0301-1gb'), pkg('abc')]);
    expect(diff.gone.map((p) => p.id)).toEqual(['café-1gb', 'ABC']);
    expect(diff.added.map((p) => p.id)).toEqual(['cafe\u0301-1gb', 'abc']);
  });

  it('lists the undelivered sales of a gone package for a person, and leaves the rest', () => {
    const sales: OpenSale[] = [
      { saleId: 's1', packageId: 'b', status: 'paid' },
      { saleId: 's2', packageId: 'b', status: 'paid' },
      { saleId: 's3', packageId: 'b', status: 'delivered' },
      { saleId: 's4', packageId: 'b', status: 'refunded' },
      { saleId: 's5', packageId: 'a', status: 'paid' },
      { saleId: 's6', packageId: 'b', status: 'awaiting_payment' },
      { saleId: 's7', packageId: 'b', status: 'needs_person' },
    ];
    expect(diffCatalogue([pkg('a'), pkg('b')], [pkg('a')], sales).salesToResolve.map((s) => s.saleId)).toEqual(['s1', 's2', 's6', 's7']);
  });

  it('counts a repeated identical row once, and refuses one repeated with different details', () => {
    expect(diffCatalogue([pkg('a')], [pkg('a'), pkg('a')])).toEqual({ added: [], changed: [], gone: [], salesToResolve: [] });
    expect(() => diffCatalogue([pkg('a')], [pkg('a'), pkg('a', { priceMinor: 1 })])).toThrow('The fresh catalogue lists package "a" twice with different details.');
  });

  it('handles a catalogue of 5,000 packages', () => {
    const stored = Array.from({ length: 5000 }, (_, i) => pkg(`p${i}`));
    const fresh = stored.filter((_, i) => i % 10 !== 0).map((p, i) => (i % 100 === 0 ? { ...p, days: 30 } : p));
    const diff = diffCatalogue(stored, [...fresh, pkg('new')]);
    expect([diff.added.length, diff.changed.length, diff.gone.length]).toEqual([1, 45, 500]);
    expect(looksTruncated(diff, stored.length)).toBe(false);
  });

  it('flags a fresh catalogue that would take most packages off sale', () => {
    const stored = [pkg('a'), pkg('b'), pkg('c'), pkg('d')];
    expect(looksTruncated(diffCatalogue(stored, []), stored.length)).toBe(true);
    expect(looksTruncated(diffCatalogue(stored, [pkg('a')]), stored.length)).toBe(true);
    expect(looksTruncated(diffCatalogue(stored, [pkg('a'), pkg('b')]), stored.length)).toBe(false);
    expect(looksTruncated(diffCatalogue([], []), 0)).toBe(false);
  });
});

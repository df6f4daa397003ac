import { describe, expect, it } from 'vitest';
import { docNames, parseDocName, renameVenue } from './doc-names.ts';

describe('document names', () => {
  it('builds and parses stays names (bookings by arrival month)', () => {
    expect(docNames.stays('demo-bistro', '2026-06')).toBe('venue/demo-bistro/stays/2026-06');
    expect(parseDocName('venue/demo-bistro/stays/2026-12')).toEqual({ venueId: 'demo-bistro', kind: 'stays', month: '2026-12' });
    expect(renameVenue('venue/demo-bistro/stays/2026-06', 'demo-bistro', 'v_9f2')).toBe('venue/v_9f2/stays/2026-06');
    expect(() => docNames.stays('demo', '2026-13')).toThrow(RangeError);
    for (const name of ['venue/demo/stays/2026-00', 'venue/demo/stays/2026-6', 'venue/demo/stays/2026-06-01', 'venue/demo/stays/1969-12', 'venue/demo/stays/2026-06/x']) {
      expect(parseDocName(name)).toBeNull();
    }
  });

  it('builds and parses config and day names', () => {
    expect(docNames.config('demo-bistro')).toBe('venue/demo-bistro/config');
    expect(docNames.day('demo-bistro', '2026-06-01')).toBe('venue/demo-bistro/day/2026-06-01');
    expect(parseDocName('venue/demo-bistro/config')).toEqual({ venueId: 'demo-bistro', kind: 'config' });
    expect(parseDocName('venue/V_1/day/2028-02-29')).toEqual({ venueId: 'V_1', kind: 'day', day: '2028-02-29' });
  });

  it.each([
    'venue/demo-bistro/day/2026-02-30', // not a real date
    'venue/demo-bistro/day/2027-02-29',
    'venue/demo-bistro/day/2026-6-1',
    'venue/demo-bistro/day/2026-06-01/x',
    'venue/demo-bistro/config/',
    'venue//config',
    'venue/../config',
    'venue/demo bistro/config',
    'venue/démo/config',
    `venue/${'a'.repeat(65)}/config`,
    'venues/demo-bistro/config',
    'venue%2Fdemo-bistro%2Fconfig',
    '',
  ])('refuses %j', (name) => {
    expect(parseDocName(name)).toBeNull();
  });

  it('refuses to build a name from a bad venue id or day', () => {
    expect(() => docNames.config('a/b')).toThrow(RangeError);
    expect(() => docNames.day('demo', '2026-13-01')).toThrow(RangeError);
  });

  it('renames the venue of a document, and only of its own venue', () => {
    expect(renameVenue('venue/demo-bistro/day/2026-06-01', 'demo-bistro', 'v_9f2')).toBe('venue/v_9f2/day/2026-06-01');
    expect(renameVenue('venue/v_9f2/config', 'v_9f2', 'demo-bistro')).toBe('venue/demo-bistro/config');
    expect(() => renameVenue('venue/other/config', 'demo-bistro', 'v_9f2')).toThrow(/belongs to venue "other"/);
    expect(() => renameVenue('venue/demo-bistro/config', 'demo-bistro', '../x')).toThrow(RangeError);
    expect(() => renameVenue('nope', 'demo-bistro', 'v')).toThrow(RangeError);
  });
});

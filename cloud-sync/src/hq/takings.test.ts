import { describe, expect, it } from 'vitest';
import { csvCell } from './reports.ts';
import { takingsCsv, type TakingsReport } from './takings.ts';

describe('takings as CSV', () => {
  it('quotes what needs quoting and never lets a venue name become a formula', () => {
    expect(csvCell('Café "Zur Post", Mitte')).toBe('"Café ""Zur Post"", Mitte"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('is only its header when nothing was taken', () => {
    const empty: TakingsReport = { venueId: null, from: '2026-07-01', to: '2026-07-01', totals: [], byDay: [] };
    expect(takingsCsv(empty).split('\r\n')).toEqual([
      'day,venue_id,venue_name,currency,payments,takings_minor,tips_minor,cash_count,cash_minor,cash_tips_minor,card_count,card_minor,card_tips_minor,ton_count,ton_minor,ton_tips_minor,room_count,room_minor,room_tips_minor,settled_bills,discount_minor,service_charge_minor,tax_minor,written_off_minor',
      '',
    ]);
  });
});

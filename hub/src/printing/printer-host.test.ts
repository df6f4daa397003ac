import { describe, expect, it } from 'vitest';
import { checkPrinterHost } from './printer-host.ts';

describe('checkPrinterHost', () => {
  it.each([
    ['192.168.1.50', '192.168.1.50'],
    ['  10.0.0.7 ', '10.0.0.7'],
    ['Kitchen-Printer.local', 'kitchen-printer.local'],
    ['epson.local.', 'epson.local'],
    ['localhost', 'localhost'],
    ['fe80::1', 'fe80::1'],
    ['[2001:db8::5]', '2001:db8::5'],
  ])('accepts %s as %s', (raw, host) => {
    expect(checkPrinterHost(raw)).toEqual({ ok: true, host });
  });

  it.each([
    ['', 'Enter the printer’s address'],
    ['http://192.168.1.50', 'not a web link'],
    ['192.168.1.50/24', 'not a web link'],
    ['192.168.1.50:9100', 'port field'],
    ['printer.local:9100', 'port field'],
    ['192.168.1.256', 'four numbers from 0 to 255'],
    ['192.168.1', 'four numbers'],
    ['0.0.0.0', 'not the address of a single printer'],
    ['my printer', 'no spaces'],
    ['принтер.local', 'plain letters'],
    ['-bad-.local', 'not a valid host name'],
    ['under_score.local', 'not a valid host name'],
    ['a..b', 'not a valid host name'],
    ['gggg::1', 'not a valid IPv6'],
    ['<script>', 'not a valid host name'],
    ['x'.repeat(254), 'too long'],
  ])('refuses %j with a sentence that says what to type', (raw, hint) => {
    const result = checkPrinterHost(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(hint);
  });
});

import { describe, expect, it } from 'vitest';
import { decimalToMinor, isUsdRate, pricePackage, pricePackageFromAiralo, usdToVenueMinor } from './esim-pricing.ts';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('decimal prices to minor units', () => {
  it('converts exactly in currencies with 2, 0 and 3 decimals', () => {
    expect(decimalToMinor('4.50', 'USD')).toEqual({ ok: true, value: 450 });
    expect(decimalToMinor('4.5', 'USD')).toEqual({ ok: true, value: 450 });
    expect(decimalToMinor('12', 'USD')).toEqual({ ok: true, value: 1200 });
    expect(decimalToMinor('0.07', 'EUR')).toEqual({ ok: true, value: 7 });
    expect(decimalToMinor('500', 'JPY')).toEqual({ ok: true, value: 500 });
    expect(decimalToMinor('1.234', 'BHD')).toEqual({ ok: true, value: 1234 });
    expect(decimalToMinor('1.2', 'KWD')).toEqual({ ok: true, value: 1200 });
    expect(decimalToMinor('0', 'USD')).toEqual({ ok: true, value: 0 });
    expect(decimalToMinor('007.10', 'USD')).toEqual({ ok: true, value: 710 });
  });

  it('gets the amounts right where a float would not', () => {
    // 4.35 * 100 is 434.99999999999994 in floating point; 1.005 * 100 is 100.49999999999999.
    expect(decimalToMinor('4.35', 'USD')).toEqual({ ok: true, value: 435 });
    expect(decimalToMinor('1.005', 'BHD')).toEqual({ ok: true, value: 1005 });
    expect(decimalToMinor('90071992547409.91', 'USD')).toEqual({ ok: true, value: 9_007_199_254_740_991 });
  });

  it('refuses more decimals than the currency has, and accepts only zeros past them', () => {
    expect(decimalToMinor('4.505', 'USD')).toEqual({ ok: false, code: 'too_precise', message: 'The price "4.505" has more decimals than USD has (2 decimals), so it cannot be charged exactly.' });
    expect(decimalToMinor('500.5', 'JPY')).toMatchObject({ ok: false, code: 'too_precise', message: expect.stringContaining('(no decimals)') });
    expect(decimalToMinor('1.2345', 'BHD')).toMatchObject({ ok: false, code: 'too_precise', message: expect.stringContaining('(3 decimals)') });
    expect(decimalToMinor('500.00', 'JPY')).toEqual({ ok: true, value: 500 });
    expect(decimalToMinor(`4.50${'0'.repeat(100_000)}`, 'USD')).toEqual({ ok: true, value: 450 });
  });

  it('refuses text that is not a plain decimal', () => {
    for (const text of ['', ' 4.50', '4.50 ', '-4.50', '+4.50', '4,50', '1,000.00', '.5', '5.', '4.5e1', 'Infinity', 'NaN', '0x10', '４.５０', '٤.٥٠', '4.50\n']) {
      expect(decimalToMinor(text, 'USD')).toMatchObject({ ok: false, code: 'invalid_price' });
    }
  });

  it('refuses amounts past the safe range, quickly and with a short message', () => {
    expect(decimalToMinor('90071992547409.92', 'USD')).toMatchObject({ ok: false, code: 'price_out_of_range' });
    const huge = decimalToMinor('9'.repeat(1_000_000), 'USD');
    expect(huge).toMatchObject({ ok: false, code: 'price_out_of_range' });
    expect(!huge.ok && huge.message.length).toBeLessThan(120);
  });

  it('refuses a currency that is not an ISO code', () => {
    expect(decimalToMinor('4.50', 'usd')).toMatchObject({ ok: false, code: 'unknown_currency' });
    expect(decimalToMinor('4.50', 'US$')).toMatchObject({ ok: false, code: 'unknown_currency' });
    expect(decimalToMinor('4.50', '')).toMatchObject({ ok: false, code: 'unknown_currency' });
  });
});

describe('selling price', () => {
  it('sells at or above the retail price, with margin over the net price', () => {
    expect(pricePackage(usd(600), usd(450), usd(360))).toEqual({
      ok: true,
      value: { currency: 'USD', sellingMinor: 600, retailMinor: 450, netMinor: 360, marginMinor: 240 },
    });
    expect(pricePackage(usd(450), usd(450), usd(360))).toMatchObject({ ok: true, value: { marginMinor: 90 } });
  });

  it('refuses a price below retail, saying both amounts', () => {
    expect(pricePackage(usd(449), usd(450), usd(360))).toEqual({
      ok: false,
      code: 'price_below_retail',
      message: "The selling price $4.49 is below Airalo's retail price $4.50; the partner terms do not allow selling under it. Set $4.50 or more.",
    });
    const jpy = (amountMinor: number) => ({ amountMinor, currency: 'JPY' });
    expect(pricePackage(jpy(499), jpy(500), jpy(400))).toMatchObject({ ok: false, message: expect.stringContaining('¥499 is below') });
    const bhd = (amountMinor: number) => ({ amountMinor, currency: 'BHD' });
    expect(pricePackage(bhd(1233), bhd(1234), bhd(1000))).toMatchObject({ ok: false, message: expect.stringMatching(/BHD\s1\.233 is below .*BHD\s1\.234/) });
  });

  it('refuses prices in different currencies and amounts that are not minor units', () => {
    expect(pricePackage({ amountMinor: 600, currency: 'EUR' }, usd(450), usd(360))).toMatchObject({ ok: false, code: 'currency_mismatch' });
    expect(pricePackage(usd(600), usd(450), { amountMinor: 360, currency: 'EUR' })).toMatchObject({ ok: false, code: 'currency_mismatch' });
    expect(pricePackage(usd(4.5), usd(450), usd(360))).toMatchObject({ ok: false, code: 'invalid_price' });
    expect(pricePackage(usd(600), usd(-1), usd(360))).toMatchObject({ ok: false, code: 'invalid_price' });
    expect(pricePackage(usd(Number.MAX_SAFE_INTEGER + 1), usd(450), usd(360))).toMatchObject({ ok: false, code: 'invalid_price' });
  });

  it("prices Airalo's package fields, at retail when the venue set no price", () => {
    const pkg = { price: '4.50', net_price: '3.60', currency: 'USD' };
    expect(pricePackageFromAiralo(pkg)).toMatchObject({ ok: true, value: { sellingMinor: 450, marginMinor: 90 } });
    expect(pricePackageFromAiralo(pkg, 700)).toMatchObject({ ok: true, value: { sellingMinor: 700, marginMinor: 340 } });
    expect(pricePackageFromAiralo(pkg, 400)).toMatchObject({ ok: false, code: 'price_below_retail' });
    expect(pricePackageFromAiralo({ ...pkg, net_price: '3.605' })).toMatchObject({ ok: false, code: 'too_precise' });
  });
});

describe('US cents in the venue currency', () => {
  it('rounds the floor up, so the venue never charges below retail', () => {
    // $4.50 at 0.92 EUR/USD is €4.14 exactly; $4.99 is €4.5908, so the floor is €4.60.
    expect(usdToVenueMinor(450, '0.92', 'EUR', 'up')).toEqual({ ok: true, value: 414 });
    expect(usdToVenueMinor(499, '0.92', 'EUR', 'up')).toEqual({ ok: true, value: 460 });
    expect(usdToVenueMinor(499, '0.92', 'EUR', 'nearest')).toEqual({ ok: true, value: 459 });
    expect(usdToVenueMinor(499, '1', 'USD', 'up')).toEqual({ ok: true, value: 499 });
  });

  it('follows the currency digits: no decimals in yen, three in dinars', () => {
    expect(usdToVenueMinor(450, '150.5', 'JPY', 'up')).toEqual({ ok: true, value: 678 });
    expect(usdToVenueMinor(450, '0.376', 'BHD', 'nearest')).toEqual({ ok: true, value: 1692 });
  });

  it('refuses a rate that is zero, negative, an exponent or too precise, and unknown currencies', () => {
    for (const rate of ['0', '0.000000', '-1', '1e3', '0.1234567', '', ' 1', '1,5']) {
      expect(usdToVenueMinor(100, rate, 'EUR', 'up')).toMatchObject({ ok: false, code: 'invalid_price' });
      expect(isUsdRate(rate)).toBe(false);
    }
    expect(isUsdRate('0.000001')).toBe(true);
    expect(usdToVenueMinor(100, '1', 'EURO', 'up')).toMatchObject({ ok: false, code: 'unknown_currency' });
    expect(usdToVenueMinor(-1, '1', 'EUR', 'up')).toMatchObject({ ok: false, code: 'invalid_price' });
  });
});

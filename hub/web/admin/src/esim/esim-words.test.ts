import { describe, expect, it } from 'vitest';
import type { AiraloSettings, EsimPackage } from '@onemoment/shared/schemas/esim';
import {
  airaloStatusText,
  catalogueQuery,
  catalogueRefusalText,
  checkCredentials,
  checkSellingPrice,
  checkUsdRate,
  countryCode,
  dataText,
  packageSummary,
  packagesQuery,
  pageText,
  priceDraftOf,
  staffActionsFor,
  swapChoices,
  usageText,
  usdText,
  waitText,
} from './esim-words.ts';

const MINUTE = 60_000;

function settings(change: Partial<AiraloSettings> = {}, catalogue: Partial<AiraloSettings['catalogue']> = {}): AiraloSettings {
  return {
    configured: true,
    clientId: '••••••••1234',
    apiUrl: 'https://partners-api.airalo.com/v2',
    currency: 'EUR',
    usdRate: '0.92',
    ...change,
    catalogue: { packages: 5000, offered: 3, syncedAt: '2025-06-01T10:00:00.000Z', problem: null, ...catalogue },
  };
}

function pkg(id: string, priceMinor: number, currency = 'EUR'): EsimPackage {
  return { id, title: id, area: 'Turkey', operator: 'Merhaba', dataMb: 1024, unlimited: false, days: 7, priceMinor, currency };
}

describe('packages in words', () => {
  it('says data in MB below a GB and in GB (1,024 MB) from there', () => {
    expect(dataText(500)).toBe('500 MB');
    expect(dataText(1024)).toBe('1 GB');
    expect(dataText(1536)).toBe('1.5 GB');
    expect(dataText(20480)).toBe('20 GB');
  });

  it('sums a package up as data and days', () => {
    expect(packageSummary({ dataMb: 3072, unlimited: false, days: 30 })).toBe('3 GB · 30 days');
    expect(packageSummary({ dataMb: null, unlimited: true, days: 1 })).toBe('Unlimited · 1 day');
    expect(packageSummary({ unlimited: true, days: 7 })).toBe('Unlimited · 7 days');
  });

  it("shows Airalo's cents as dollars", () => {
    expect(usdText(450)).toBe('$4.50');
    expect(usdText(1200)).toBe('$12.00');
  });
});

describe('the Airalo link', () => {
  it('says what is missing: the credentials, the first read, the rate', () => {
    expect(airaloStatusText(settings({ configured: false, clientId: null }))).toMatch(/^Not connected/);
    expect(airaloStatusText(settings({}, { syncedAt: null }))).toMatch(/has not been read yet/);
    expect(airaloStatusText(settings())).toBe('Connected: 5,000 packages from Airalo, 3 offered to guests.');
    expect(airaloStatusText(settings({ usdRate: null }))).toMatch(/Set the dollar rate/);
  });

  it('checks the credentials as the hub does, trimming what was pasted', () => {
    expect(checkCredentials('  client-1 ', ' secret-2\n')).toEqual({ ok: true, value: { clientId: 'client-1', clientSecret: 'secret-2' } });
    expect(checkCredentials('', 'secret')).toMatchObject({ ok: false, field: 'clientId' });
    expect(checkCredentials('has space', 'secret')).toMatchObject({ ok: false, field: 'clientId' });
    expect(checkCredentials('client', '')).toMatchObject({ ok: false, field: 'clientSecret' });
    expect(checkCredentials('client', 'x'.repeat(501))).toMatchObject({ ok: false, field: 'clientSecret' });
  });

  it('takes a dollar rate with a point or a comma, and refuses zero and words', () => {
    expect(checkUsdRate('0.92', 'EUR')).toEqual({ ok: true, value: '0.92' });
    expect(checkUsdRate(' 38,5 ', 'TRY')).toEqual({ ok: true, value: '38.5' });
    expect(checkUsdRate('', 'EUR')).toMatchObject({ ok: false, problem: 'Type how many EUR one US dollar costs, like 0.92.' });
    expect(checkUsdRate('0', 'EUR')).toMatchObject({ ok: false });
    expect(checkUsdRate('0.1234567', 'EUR')).toMatchObject({ ok: false });
    expect(checkUsdRate('about one', 'EUR')).toMatchObject({ ok: false });
  });
});

describe('the catalogue', () => {
  it('reads an empty price as "at the floor" and a typed one in minor units', () => {
    expect(checkSellingPrice('', 'EUR')).toEqual({ ok: true, value: null });
    expect(checkSellingPrice('12,50', 'EUR')).toEqual({ ok: true, value: 1250 });
    expect(checkSellingPrice('500', 'JPY')).toEqual({ ok: true, value: 500 });
    expect(checkSellingPrice('0', 'EUR')).toMatchObject({ ok: false, field: 'price' });
    expect(checkSellingPrice('12.345', 'EUR')).toMatchObject({ ok: false, field: 'price' });
  });

  it('starts the price field empty for a package at its floor', () => {
    const text = (minor: number) => (minor / 100).toFixed(2);
    expect(priceDraftOf({ sellingMinor: 415, floorMinor: 415 }, text)).toBe('');
    expect(priceDraftOf({ sellingMinor: null, floorMinor: null }, text)).toBe('');
    expect(priceDraftOf({ sellingMinor: 600, floorMinor: 415 }, text)).toBe('6.00');
  });

  it('asks one page at a time with the filters that are set', () => {
    expect(catalogueQuery({ country: ' tr ', words: ' 10 GB ', offeredOnly: true }, 100)).toBe('country=TR&q=10+GB&offered=true&limit=50&offset=100');
    expect(catalogueQuery({ country: 'Turkey', words: '', offeredOnly: false }, 0)).toBe('limit=50&offset=0');
    expect(countryCode('de')).toBe('DE');
    expect(countryCode('DEU')).toBeNull();
    expect(packagesQuery('', 'Europe')).toBe('q=Europe');
    expect(packagesQuery('gr', '')).toBe('country=GR');
  });

  it('says which rows a page shows', () => {
    expect(pageText(0, 50, 5000)).toBe('1–50 of 5,000');
    expect(pageText(4950, 50, 5000)).toBe('4,951–5,000 of 5,000');
    expect(pageText(0, 0, 0)).toBe('No packages');
  });

  it("shows the hub's sentence for a refusal, and its own words when the hub gave none", () => {
    expect(catalogueRefusalText('price_below_retail', 'The selling price €3.00 is below the floor €4.15.')).toBe('The selling price €3.00 is below the floor €4.15.');
    expect(catalogueRefusalText('price_below_retail', 'The hub answered 409.')).toMatch(/below Airalo's retail price/);
    expect(catalogueRefusalText('package_gone', null)).toMatch(/no longer sells/);
    expect(catalogueRefusalText('rate_not_set', '')).toMatch(/dollar rate/);
  });
});

describe('purchases', () => {
  it('gives each role the buttons the lifecycle allows, in a steady order', () => {
    expect(staffActionsFor('needs_person', 'front_desk')).toEqual(['retry', 'swap', 'refund']);
    expect(staffActionsFor('needs_person', 'waiter')).toEqual([]);
    expect(staffActionsFor('awaiting_payment', 'waiter')).toEqual(['cancel']);
    expect(staffActionsFor('delivered', 'manager')).toEqual(['refund']);
    expect(staffActionsFor('delivered', 'front_desk')).toEqual([]);
    expect(staffActionsFor('paid', 'manager')).toEqual([]);
  });

  it('says how long the guest has waited, or how long delivery took', () => {
    const paidAt = '2025-06-01T10:00:00.000Z';
    const now = Date.parse(paidAt) + 75 * MINUTE;
    const base = { createdAt: '2025-06-01T09:58:00.000Z', paidAt, deliveredAt: null };
    expect(waitText({ ...base, status: 'needs_person' }, now)).toBe('the guest has waited 1 hour 15 minutes');
    expect(waitText({ ...base, status: 'paid' }, Date.parse(paidAt) + 20_000)).toBe('the guest has waited less than a minute');
    expect(waitText({ ...base, status: 'delivered', deliveredAt: '2025-06-01T10:02:30.000Z' }, now)).toBe('delivered 2 minutes after payment');
    expect(waitText({ ...base, status: 'awaiting_payment', paidAt: null }, Date.parse(base.createdAt) + 5 * MINUTE)).toBe('on the bill for 5 minutes');
    expect(waitText({ ...base, status: 'refunded' }, now)).toBeNull();
  });

  it("says what is left of the data in Airalo's terms", () => {
    expect(usageText(null)).toBe('Usage not read yet.');
    expect(usageText({ remainingMb: 512, totalMb: 1024, expiresAt: '2025-06-08 10:00:00', status: 'ACTIVE', fetchedAt: '2025-06-01T10:00:00.000Z' })).toBe(
      '512 MB of 1 GB left · in use · until 2025-06-08 10:00:00',
    );
    expect(usageText({ remainingMb: null, totalMb: null, expiresAt: null, status: 'NOT_ACTIVE', fetchedAt: '2025-06-01T10:00:00.000Z' })).toBe('Unlimited data · not installed yet');
    expect(usageText({ remainingMb: 0, totalMb: 1024, expiresAt: null, status: 'SOMETHING_NEW', fetchedAt: '2025-06-01T10:00:00.000Z' })).toBe('0 MB of 1 GB left · state unknown');
  });

  it('offers only other packages at the same price or lower, in the same currency, for a swap', () => {
    const purchase = { packageId: 'gone-7days-1gb', priceMinor: 900, currency: 'EUR' };
    const packages = [pkg('gone-7days-1gb', 900), pkg('same-price', 900), pkg('cheaper', 450), pkg('dearer', 901), pkg('in-dollars', 500, 'USD')];
    expect(swapChoices(packages, purchase).map((p) => p.id)).toEqual(['same-price', 'cheaper']);
  });
});

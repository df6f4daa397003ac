/**
 * HQ's page shows a venue's eSIM sales beside its sales, takings and hotel nights: per day and
 * package, the eSIMs sold, their revenue, Airalo's net price and the margin, each in the venue's
 * currency, with a total and a CSV link; what is awaiting payment, cancelled or refunded is not there.
 */
import { newId } from '@onemoment/shared/ids';
import { addDays } from '@onemoment/shared/hotel/stay-dates';
import type { EsimSale } from '@onemoment/shared/schemas/esim';
import { docNames, writeEsimSale } from '@onemoment/shared/sync/index';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { useHqCloud } from './support/hq-cloud.ts';

const WAIT = { timeout: 45_000 };

describe("HQ's eSIM sales", () => {
  const hqCloud = useHqCloud();

  /** The page shows the last 14 days by the browser's clock: the sales are today's and yesterday's. */
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = addDays(today, -1);
  const MERHABA = { packageId: 'merhaba-7days-1gb', title: 'Merhaba-1 GB - 7 Days', priceMinor: 414, costMinor: 331 };
  const EUROLINK = { packageId: 'eurolink-30days-5gb', title: 'Eurolink-5 GB - 30 Days', priceMinor: 1_748, costMinor: 1_224 };
  const BONJOUR = { packageId: 'bonjour-7days-unlimited', title: 'Bonjour-Unlimited - 7 Days', priceMinor: 250, costMinor: 106 };
  function sale(day: string, pkg: typeof MERHABA, status: EsimSale['status']): EsimSale {
    const at = `${day}T10:00:00.000Z`;
    const paid = !['awaiting_payment', 'cancelled'].includes(status);
    return {
      id: newId(), visitId: newId(), ...pkg, status, currency: 'EUR', businessDay: day, createdAt: at, paidAt: paid ? at : null,
      deliveredAt: status === 'delivered' || status === 'refunded' ? at : null, refundedAt: status === 'refunded' ? at : null, updatedAt: at,
    };
  }

  it('shows sold, revenue, cost and margin per day and package, with a total and the CSV', { timeout: 120_000 }, async () => {
    const { venueId, hubToken: token } = await hqCloud.pairVenue({ name: 'A Bosphorus hotel', timezone: 'Europe/Istanbul', currency: 'EUR' });

    // What the venue's hub syncs: today two Merhaba delivered and a Eurolink waiting for a person (one
    // more Merhaba awaiting payment, a Eurolink refunded, a Bonjour cancelled); yesterday a Bonjour.
    const todayDoc = await hqCloud.hubClient(docNames.day(venueId, today), token);
    for (const s of [
      sale(today, MERHABA, 'delivered'), sale(today, MERHABA, 'delivered'), sale(today, EUROLINK, 'needs_person'),
      sale(today, MERHABA, 'awaiting_payment'), sale(today, EUROLINK, 'refunded'), sale(today, BONJOUR, 'cancelled'),
    ]) {
      writeEsimSale(todayDoc.doc, s);
    }
    const yesterdayDoc = await hqCloud.hubClient(docNames.day(venueId, yesterday), token);
    writeEsimSale(yesterdayDoc.doc, sale(yesterday, BONJOUR, 'delivered'));
    await Promise.all([todayDoc, yesterdayDoc].map((c) => c.until(() => c.unacked.size === 0, 'every update acknowledged')));

    const page = await (await hqCloud.browser.newContext({ viewport: { width: 1180, height: 900 }, locale: 'en-US' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${hqCloud.cloud.baseUrl}/hq`);
    await page.locator('input[name="password"]').fill('onemoment-demo');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#esimTitle', { hasText: 'eSIM sales of A Bosphorus hotel' }).waitFor(WAIT);

    const rows = page.locator('table[aria-label="eSIM sales"] tbody tr');
    const table = () => rows.evaluateAll((list) => list.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
    // Yesterday 2.50 for a Bonjour that cost 1.06; today 2 × 4.14 and 17.48 for 2 × 3.31 and 12.24.
    await expect.poll(table, WAIT).toEqual([
      [yesterday, 'Bonjour-Unlimited - 7 Days', '1', '€2.50', '€1.06', '€1.44'],
      [today, 'Eurolink-5 GB - 30 Days', '1', '€17.48', '€12.24', '€5.24'],
      [today, 'Merhaba-1 GB - 7 Days', '2', '€8.28', '€6.62', '€1.66'],
      ['Total', 'EUR', '4', '€28.26', '€19.92', '€8.34'],
    ]);
    await expect(page.locator('#esimFigures').getByRole('link', { name: 'CSV' }).count()).resolves.toBe(1);
    const csv = page.waitForEvent('download');
    await page.locator('#esimFigures').getByRole('link', { name: 'CSV' }).click();
    const download = await csv;
    expect(download.suggestedFilename()).toBe('esim.csv');
    const text = await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        stream.on('error', reject);
      }, reject);
    });
    expect(text.split('\r\n').at(-2)).toBe('total,,,,,EUR,4,2826,1992,834');

    await page.locator('table[aria-label="eSIM sales"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'hq-esim');
    expect(errors).toEqual([]);
  });
});

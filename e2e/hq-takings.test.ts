/**
 * HQ's page shows takings beside the sales: a venue's table day by day, each amount in its own
 * currency (euros with cents, yen without), and the takings of all venues with a total per currency.
 */
import { newId } from '@onemoment/shared/ids';
import type { Payment } from '@onemoment/shared/schemas/payments';
import { docNames, writeBill, writePayment } from '@onemoment/shared/sync/index';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { useHqCloud } from './support/hq-cloud.ts';

const WAIT = { timeout: 45_000 };

describe("HQ's takings", () => {
  const hqCloud = useHqCloud();

  /** The page shows the last 14 days by the browser's clock: the payments are made today. */
  const today = new Date().toISOString().slice(0, 10);
  const payment = (method: Payment['method'], amountMinor: number, tipMinor: number, currency: string): Payment => ({
    id: newId(),
    visitId: newId(),
    partId: null,
    method,
    amountMinor,
    tipMinor,
    tenderedMinor: null,
    changeMinor: 0,
    last4: null,
    approvalCode: null,
    tonInvoiceId: null,
    currency,
    businessDay: today,
    staffId: null,
    createdAt: `${today}T12:00:00.000Z`,
  });

  async function venueWith(name: string, currency: string, timezone: string, payments: Payment[], writtenOffMinor = 0) {
    const { venueId, hubToken } = await hqCloud.pairVenue({ name, timezone, currency });
    const client = await hqCloud.hubClient(docNames.day(venueId, today), hubToken);
    for (const p of payments) writePayment(client.doc, p);
    const paid = payments.reduce((sum, p) => sum + p.amountMinor, 0);
    writeBill(client.doc, {
      visitId: payments[0]!.visitId, businessDay: today, currency, subtotalMinor: paid + writtenOffMinor, discountMinor: 0, serviceChargeMinor: 0,
      taxMinor: 0, taxLines: [], totalMinor: paid + writtenOffMinor, paidMinor: paid, tipsMinor: 0, writtenOffMinor, settledAt: `${today}T12:00:00.000Z`,
    });
    await client.until(() => client.unacked.size === 0, 'the payments acknowledged');
  }

  it('shows a venue’s takings by tender with its currency, and a total per currency for the chain', { timeout: 120_000 }, async () => {
    await venueWith('A Berlin bistro', 'EUR', 'Europe/Berlin', [payment('card', 4_250, 300, 'EUR'), payment('cash', 1_000, 0, 'EUR')], 500);
    await venueWith('Tokyo sushi', 'JPY', 'Asia/Tokyo', [payment('ton', 4_500, 0, 'JPY')]);

    const page = await (await hqCloud.browser.newContext({ viewport: { width: 1180, height: 900 }, locale: 'en-US' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${hqCloud.cloud.baseUrl}/hq`);
    await page.locator('input[name="password"]').fill('onemoment-demo');
    await page.getByRole('button', { name: 'Log in' }).click();

    // The first venue (by name) loads on its own.
    const venueTable = page.locator('table[aria-label="Takings by day"] tbody');
    await page.locator('#takingsTitle', { hasText: 'Takings of A Berlin bistro' }).waitFor(WAIT);
    await expect.poll(() => venueTable.locator('tr').first().locator('td').allTextContents(), WAIT).toEqual([
      today, 'EUR', '2', '€10.00', '€42.50', '€0.00', '€0.00', '€3.00', '€0.00', '€0.00', '€0.00', '€5.00',
    ]);
    await expect.poll(() => venueTable.locator('tr.total td').allTextContents(), WAIT).toEqual([
      'Total', 'EUR', '2', '€10.00', '€42.50', '€0.00', '€0.00', '€3.00', '€0.00', '€0.00', '€0.00', '€5.00',
    ]);

    const chain = page.locator('table[aria-label="Takings of all venues"] tbody tr');
    await expect.poll(() => chain.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(1, 6).map((cell) => cell.textContent))), WAIT).toEqual([
      ['EUR', '2', '€10.00', '€42.50', '€0.00'],
      ['JPY', '1', '¥0', '¥0', '¥4,500'],
    ]);

    await page.locator('tr', { hasText: 'Tokyo sushi' }).getByRole('button', { name: 'Sales and takings' }).click();
    await page.locator('#takingsTitle', { hasText: 'Takings of Tokyo sushi' }).waitFor(WAIT);
    await expect.poll(() => venueTable.locator('tr').first().locator('td').allTextContents(), WAIT).toEqual([
      today, 'JPY', '1', '¥0', '¥0', '¥4,500', '¥0', '¥0', '¥0', '¥0', '¥0', '¥0',
    ]);
    await saveScreenshot(page, 'hq-takings');
    expect(errors).toEqual([]);
  });
});

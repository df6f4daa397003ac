/**
 * The manager's money pages on a real hub in real Chromium, with a fake receipt printer: the day's
 * close shows takings by tender, tips, VAT by rate and the tables still open, prints, and closes the
 * day; the billing settings put VAT on top with a service charge, and a table's bill shows both and
 * prints. Every step waits for a state.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FakePrinter } from '@onemoment/printers';
import { newId } from '@onemoment/shared/ids';
import type { DayTotals } from '@onemoment/shared/schemas/payments';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

const euros = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(minor / 100);

let hub: TestHub;
let browser: Browser;
let printer: FakePrinter;
let kit: AdminKit;

beforeAll(async () => {
  [hub, browser, printer] = await Promise.all([startTestHub(), launchBrowser(), FakePrinter.start({ state: 'online' })]);
  kit = new AdminKit(hub, browser);
  await kit.staff('POST', '/api/printers', { name: 'Till printer', host: printer.host, port: printer.port, stations: [], receipts: true }, 'manager');
});
afterEach(async () => {
  await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await printer?.close();
});

describe("the day's close", { timeout: 120_000 }, () => {
  it('shows takings by tender, tips, VAT by rate and the tables still open; prints it and closes the day', async () => {
    const soup = await kit.guestOrder('table-2', [{ menuItemId: 'tomato-soup', quantity: 2 }]);
    await kit.serveAll(soup);
    await kit.staff('POST', `/api/visits/${soup.visitId}/payments`, { id: newId(), method: 'card', amountMinor: 1300, tipMinor: 200, last4: '1234' }, 'waiter');
    const coffee = await kit.guestOrder('table-8', [{ menuItemId: 'espresso', quantity: 2 }]);
    await kit.serveAll(coffee);
    await kit.staff('POST', `/api/visits/${coffee.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 560, tenderedMinor: 1000 }, 'waiter');
    const open = await kit.guestOrder('table-3', [{ menuItemId: 'lemonade', quantity: 1 }]);
    const totals = await waitForApi(
      () => kit.staff<DayTotals>('GET', '/api/payments/days/today', undefined, 'manager'),
      (day) => day.settledBills === 2,
      'both paid tables settled',
    );

    const page = await kit.signIn('manager', '/admin/payments');
    const day = page.locator(`.day-close[data-day="${totals.businessDay}"]`);
    await day.waitFor(WAIT);
    const cash = day.locator('tr[data-method="cash"]');
    await cash.waitFor(WAIT);
    expect(await cash.locator('td').allTextContents()).toEqual(['1', '€5.60', '€0.00']);
    expect(await day.locator('tr[data-method="card"] td').allTextContents()).toEqual(['1', '€13.00', '€2.00']);
    expect(await day.getByTestId('takings').textContent()).toBe(euros(totals.takingsMinor));
    expect(await day.locator('section[aria-label="VAT"] tbody th').allTextContents()).toEqual(totals.taxLines.map((line) => `${line.rateBp / 100} %`));
    await day.locator(`.day-open-tables li[data-visit-id="${open.visitId}"]`, { hasText: 'Table 3' }).filter({ hasText: '€4.50 due' }).waitFor(WAIT);
    await saveCleanScreenshot(page, 'admin-day-close');

    const printedBefore = printer.jobs().length;
    await day.getByRole('button', { name: 'Print', exact: true }).click();
    await page.locator('.toast', { hasText: "The day's totals are on their way to the printer" }).waitFor(WAIT);
    await printer.waitForJobs(printedBefore + 1);

    await day.getByRole('button', { name: 'Close the day…' }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${totals.businessDay}` });
    await dialog.getByText('1 table is still open.').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Close the day' }).click();
    await page.locator(`.day-close[data-closed="true"]`).waitFor(WAIT);
    await day.locator('.day-state', { hasText: /^Closed at \d\d:\d\d by Manager\./ }).waitFor(WAIT);
    expect(await day.getByRole('button', { name: 'Close the day…' }).isDisabled()).toBe(true);
    expect((await kit.staff<DayTotals>('GET', '/api/payments/days/today', undefined, 'manager')).closedAt).not.toBeNull();
  });
});

describe('billing settings', { timeout: 120_000 }, () => {
  it('puts VAT on top of the prices with a 10 % service charge; a bill shows both, and prints', async () => {
    const order = await kit.guestOrder('table-11', [{ menuItemId: 'craft-beer', quantity: 2 }]);
    const page = await kit.signIn('manager', '/admin/payments/settings');
    const billing = page.locator('form[aria-label="Billing"]');
    await billing.getByRole('button', { name: 'Included in the prices' }).and(page.locator('[aria-pressed="true"]')).waitFor(WAIT);
    await billing.getByRole('button', { name: 'Added on top' }).click();
    await billing.locator('input[name="serviceCharge"]').fill('10');
    await billing.getByRole('button', { name: 'Save billing' }).click();
    await page.locator('.toast', { hasText: 'Billing saved' }).waitFor(WAIT);
    expect(await kit.staff('GET', '/api/admin/billing', undefined, 'manager')).toEqual({ taxMode: 'added', serviceChargeBp: 1000 });

    await page.locator('nav.tabs').getByRole('link', { name: 'Tables' }).click();
    const panel = await kit.openTable(page, 'table-11');
    const bill = await kit.bill(order.visitId);
    expect(bill).toMatchObject({ taxMode: 'added', serviceChargeBp: 1000, serviceChargeMinor: 110 });
    await panel.locator(`section.bill[data-due-minor="${bill.dueMinor}"]`).waitFor(WAIT);
    await panel.locator('.bill-row', { hasText: 'Service 10 %' }).filter({ hasText: '€1.10' }).waitFor(WAIT);
    await panel.locator('.bill-row', { hasText: 'VAT 19 % added' }).filter({ hasText: euros(bill.taxMinor) }).waitFor(WAIT);

    const printedBefore = printer.jobs().length;
    await panel.getByRole('button', { name: 'Print bill' }).click();
    await page.locator('.toast', { hasText: 'The bill is on its way to the printer' }).waitFor(WAIT);
    await printer.waitForJobs(printedBefore + 1);
  });
});

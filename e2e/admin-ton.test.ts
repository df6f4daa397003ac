/**
 * TON from the staff side, on a real hub whose TON checks go to a fake TON API: a manager sets the
 * wallet and the rate as people say it ("1 TON = €5.20"); a waiter makes a TON invoice for a table and
 * shows its QR (which reads back as the invoice's ton:// link), with the amount in TON and the rate's
 * time; the header counts it as not confirmed yet; the transfer arrives and the invoice turns paid
 * live, with the payment on the bill. Every step waits for a state.
 */
import jsQR from 'jsqr';
import type { Browser, Locator } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TonSettingsView, TonStaffInvoice } from '@onemoment/shared/schemas/payments';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { startFakeTonApi, testWallet, type FakeTonApi } from '../hub/test/support/fake-ton-api.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

let hub: TestHub;
let ton: FakeTonApi;
let browser: Browser;
let kit: AdminKit;
const wallet = testWallet('the venue');

beforeAll(async () => {
  ton = await startFakeTonApi();
  [hub, browser] = await Promise.all([
    startTestHub({
      env: { TON_API_URL: ton.baseUrl },
      // The tests' quick outbox: retries in milliseconds, no keyless one-a-second budget.
      hubOptions: { outbox: { random: () => 0.5, retry: { baseMs: 20, capMs: 200 }, budgets: { ton: { windows: [{ limit: 1000, intervalMs: 1000 }] } } } },
    }),
    launchBrowser(),
  ]);
  kit = new AdminKit(hub, browser);
});
afterEach(async () => {
  await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await ton?.close();
});

async function readQr(image: Locator): Promise<string | null> {
  const png = PNG.sync.read(await image.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('TON, as staff see it', { timeout: 120_000 }, () => {
  it('sets the wallet and the rate as "1 TON = €5.20"', async () => {
    const page = await kit.signIn('manager', '/admin/payments/settings');
    const card = page.locator('form[aria-label="TON wallet"][data-ton-set="false"]');
    await card.getByText('No wallet yet').waitFor(WAIT);
    await card.locator('input[name="address"]').fill(wallet.nonBounceable);
    await card.locator('input[name="tonPrice"]').fill('5.20');
    await card.getByText('Invoices will use 1 TON = €5.20.').waitFor(WAIT);
    await card.getByRole('button', { name: 'Save wallet and rate' }).click();
    await page.locator('.toast', { hasText: 'TON wallet saved' }).waitFor(WAIT);
    const saved = page.locator('form[aria-label="TON wallet"][data-ton-set="true"]');
    await saved.locator('.ton-now', { hasText: /1 TON = €5\.20, set \d\d:\d\d here\./ }).waitFor(WAIT);
    await saved.locator('.network', { hasText: 'Mainnet' }).waitFor(WAIT);
    const settings = await kit.staff<TonSettingsView>('GET', '/api/admin/payments/ton', undefined, 'manager');
    expect(settings).toMatchObject({ addressFriendly: wallet.nonBounceable, nanotonsPerMinor: '1923077', rateSource: 'manager' });
  });

  it('makes a TON invoice for a table, shows its QR and amount, and turns paid live when the transfer arrives', async () => {
    const order = await kit.guestOrder('table-6', [{ menuItemId: 'lemonade', quantity: 2 }]);
    const page = await kit.signIn('waiter');
    const panel = await kit.openTable(page, 'table-6');
    await panel.locator('section.bill[data-due-minor="900"]').waitFor(WAIT);
    await panel.getByRole('button', { name: 'TON invoice…' }).click();
    const dialog = page.getByRole('dialog', { name: 'TON invoice · Table 6' });
    expect(await dialog.locator('input[name="amount"]').inputValue()).toBe('9.00');
    await dialog.getByRole('button', { name: 'Make TON invoice' }).click();

    const shown = dialog.locator('.ton-invoice[data-status="awaiting"]');
    await shown.waitFor(WAIT);
    const invoiceId = await shown.getAttribute('data-invoice-id');
    const invoice = await kit.staff<TonStaffInvoice>('GET', `/api/payments/ton/invoices/${invoiceId}`, undefined, 'waiter');
    // €9.00 at 1 923 077 nanotons a cent.
    expect(invoice).toMatchObject({ visitId: order.visitId, amountMinor: 900, nanotons: '1730769300', createdBy: 'staff' });
    expect(await shown.locator('.ton-amount').innerText()).toBe('1.7307693 TON');
    await shown.getByText(/^1 TON = €5\.20, rate of \d\d:\d\d$/).waitFor(WAIT);
    const qr = shown.locator('.link-qr img');
    await qr.waitFor(WAIT);
    expect(await readQr(qr)).toBe(invoice.link);

    // Not confirmed yet: the header says so (for a waiter, without a link).
    await page.locator('header.topbar [data-owed="ton"]', { hasText: /^TON: €9\.00 not confirmed yet \(1 invoice\), oldest / }).waitFor(WAIT);
    await saveCleanScreenshot(page, 'admin-ton-invoice');

    // Closed and shown again from the bill: the same invoice, not a new one.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await panel.locator(`[data-ton-invoice-id="${invoice.id}"]`).getByRole('button', { name: 'Show QR' }).click();
    await dialog.locator(`.ton-invoice[data-invoice-id="${invoice.id}"][data-status="awaiting"]`).waitFor(WAIT);

    ton.transfer({ to: wallet.raw, nanotons: invoice.nanotons, comment: invoice.comment });
    await dialog.locator('.ton-invoice[data-status="paid"]').getByText('Paid. It is on the bill.').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await panel.locator('.bill-payment[data-method="ton"]', { hasText: '€9.00' }).waitFor(WAIT);
    await panel.locator('section.bill[data-due-minor="0"]').waitFor(WAIT);
    await page.locator('header.topbar [data-owed="ton"]').waitFor({ state: 'detached', timeout: WAIT.timeout });
    const bill = await waitForApi(() => kit.bill(order.visitId), (view) => view.dueMinor === 0, 'the TON payment on the bill');
    expect(bill.payments).toMatchObject([{ method: 'ton', amountMinor: 900, tonInvoiceId: invoice.id }]);
  });
});

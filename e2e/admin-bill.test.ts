/**
 * The bill in the table panel, on a real hub in real Chromium: a waiter takes cash with change (a
 * dropped answer is retried with the same payment id, so it is never taken twice) and the visit closes
 * by itself once everything is served and paid; the table splits equally and one guest pays their
 * part by card; a manager gives a discount with a reason (a waiter cannot); closing with money due
 * asks for it, and a manager writes the rest off with a reason after choosing what happens to the food
 * still coming. Every step waits for a state, never for a time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { newId } from '@onemoment/shared/ids';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

let hub: TestHub;
let browser: Browser;
let kit: AdminKit;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
  kit = new AdminKit(hub, browser);
});
afterEach(async () => {
  await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const dueOf = (panel: Locator, minor: number) => panel.locator(`section.bill[data-due-minor="${minor}"]`);

async function openPayment(page: Page, panel: Locator, button: RegExp | string = 'Take payment'): Promise<Locator> {
  await panel.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  const dialog = page.getByRole('dialog', { name: /^Take payment · / });
  await dialog.waitFor(WAIT);
  return dialog;
}

describe('taking payments', { timeout: 120_000 }, () => {
  it('takes cash with change; a payment whose request or answer is lost is never taken twice; paid and served closes the visit', async () => {
    const order = await kit.guestOrder('table-4', [{ menuItemId: 'lemonade', quantity: 2 }]);
    await kit.serveAll(order);
    const page = await kit.signIn('waiter');
    const panel = await kit.openTable(page, 'table-4');
    await dueOf(panel, 900).waitFor(WAIT);

    // The Wi-Fi drops requests on the way to the hub, or answers on the way back, once each.
    let lose: 'request' | 'answer' | null = null;
    const sentIds: string[] = [];
    await page.route(
      (url) => url.pathname === `/api/visits/${order.visitId}/payments`,
      async (route) => {
        sentIds.push((route.request().postDataJSON() as { id: string }).id);
        const losing = lose;
        lose = null;
        if (losing === 'request') return route.abort('failed');
        if (losing === 'answer') {
          await route.fetch();
          return route.abort('failed');
        }
        return route.fallback();
      },
    );

    // €3.00: the request never arrives; tapping again sends the same payment.
    let dialog = await openPayment(page, panel);
    await dialog.locator('input[name="amount"]').fill('3.00');
    lose = 'request';
    await dialog.getByRole('button', { name: 'Record €3.00 in cash' }).click();
    await page.locator('.toast-error').first().waitFor(WAIT);
    await dialog.getByText('it is the same payment, so it is never taken twice').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Record €3.00 in cash' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await dueOf(panel, 600).waitFor(WAIT);
    expect(sentIds).toHaveLength(2);
    expect(sentIds[1]).toBe(sentIds[0]);

    // €2.00: the hub records it but its answer is lost; the live bill shows it, so the dialog is done.
    dialog = await openPayment(page, panel);
    await dialog.locator('input[name="amount"]').fill('2.00');
    lose = 'answer';
    await dialog.getByRole('button', { name: 'Record €2.00 in cash' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await dueOf(panel, 400).waitFor(WAIT);
    expect(await panel.locator('.bill-payment').count()).toBe(2);
    expect((await kit.bill(order.visitId)).payments.map((payment) => payment.amountMinor)).toEqual([300, 200]);

    // The rest: €4.00 from a €10 note. The change shows big before anyone confirms.
    dialog = await openPayment(page, panel);
    expect(await dialog.locator('input[name="amount"]').inputValue()).toBe('4.00');
    await dialog.getByRole('button', { name: '€10.00' }).click();
    expect(await dialog.locator('input[name="tendered"]').inputValue()).toBe('10.00');
    await dialog.getByTestId('change').filter({ hasText: '€6.00' }).waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Record €4.00 in cash' }).click();
    await page.locator('.toast', { hasText: 'change €6.00' }).waitFor(WAIT);

    // Paid in full with nothing left to serve: the visit closed by itself.
    await page.locator('.table-card[data-table-id="table-4"][data-state="free"]').waitFor(WAIT);
    const paid = await kit.bill(order.visitId);
    expect(paid).toMatchObject({ status: 'paid', dueMinor: 0, paidMinor: 900 });
    expect(paid.payments.map((payment) => [payment.method, payment.amountMinor, payment.tenderedMinor, payment.changeMinor])).toEqual([
      ['cash', 300, 300, 0],
      ['cash', 200, 200, 0],
      ['cash', 400, 1000, 600],
    ]);
  });

  it('splits the bill equally; one guest pays their part by card, the other in cash', async () => {
    const order = await kit.guestOrder('table-5', [
      { menuItemId: 'tomato-soup', quantity: 2 },
      { menuItemId: 'lemonade', quantity: 1 },
    ]);
    // Tall enough for the docs' screenshot to hold the whole panel.
    const page = await kit.signIn('waiter', '/admin/tables', { width: 1280, height: 1300 });
    const panel = await kit.openTable(page, 'table-5');
    await dueOf(panel, 1750).waitFor(WAIT);

    await panel.getByRole('button', { name: 'Split…' }).click();
    const split = page.getByRole('dialog', { name: /^Split the bill · / });
    await split.waitFor(WAIT);
    await split.getByRole('button', { name: 'More people' }).click();
    await split.locator('.split-preview li').nth(2).waitFor(WAIT);
    expect(await split.locator('.split-preview li').allTextContents()).toEqual(['Guest 1€5.84', 'Guest 2€5.83', 'Guest 3€5.83']);
    await split.getByRole('button', { name: 'Fewer people' }).click();
    await split.getByRole('button', { name: 'Split in 2' }).click();
    await split.waitFor({ state: 'detached', timeout: WAIT.timeout });

    const parts = panel.locator('.bill-part');
    await parts.nth(1).waitFor(WAIT);
    const bill = await kit.bill(order.visitId);
    expect(bill.split?.parts.map((part) => part.amountMinor)).toEqual([875, 875]);
    const [first] = bill.split!.parts;

    const dialog = await openPayment(page, panel, 'Pay Guest 1');
    expect(await dialog.getByRole('button', { name: 'Guest 1 · €8.75' }).getAttribute('aria-pressed')).toBe('true');
    expect(await dialog.locator('input[name="amount"]').inputValue()).toBe('8.75');
    await dialog.getByRole('button', { name: 'Card', exact: true }).click();
    await dialog.locator('input[name="last4"]').fill('4242');
    await dialog.locator('input[name="approvalCode"]').fill('a1b2c3');
    await dialog.getByRole('button', { name: 'Record €8.75 by card' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });

    await panel.locator(`.bill-part[data-part-id="${first!.id}"][data-part-due="0"]`).waitFor(WAIT);
    await dueOf(panel, 875).waitFor(WAIT);
    await panel.locator('.bill-payment[data-method="card"]', { hasText: '••4242' }).waitFor(WAIT);
    const after = await kit.bill(order.visitId);
    expect(after.payments).toMatchObject([{ method: 'card', amountMinor: 875, partId: first!.id, last4: '4242', approvalCode: 'A1B2C3' }]);
    expect(after.status).toBe('open');
    await saveCleanScreenshot(page, 'admin-bill-panel');

    // The other guest hands over €20 for their €8.75.
    const second = await openPayment(page, panel, 'Pay Guest 2');
    expect(await second.locator('input[name="amount"]').inputValue()).toBe('8.75');
    await second.locator('input[name="tendered"]').fill('20');
    await second.getByTestId('change').filter({ hasText: '€11.25' }).waitFor(WAIT);
    await saveCleanScreenshot(page, 'admin-bill-take-payment');
    await second.getByRole('button', { name: 'Record €8.75 in cash' }).click();
    await second.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await dueOf(panel, 0).waitFor(WAIT);
    // Paid, but the soup is still cooking: the visit stays open until it is served or closed.
    const settled = await kit.bill(order.visitId);
    expect(settled).toMatchObject({ status: 'paid', dueMinor: 0 });
    expect(settled.split?.parts.map((part) => part.dueMinor)).toEqual([0, 0]);
    expect(await kit.visitOf('table-5')).toBe(order.visitId);
  });
});

describe('discounts and closing with money due', { timeout: 120_000 }, () => {
  it('lets a manager give a discount with a reason, and shows it to a waiter who cannot give one', async () => {
    const order = await kit.guestOrder('table-6', [{ menuItemId: 'tomato-soup', quantity: 2 }]);
    const waiter = await kit.signIn('waiter');
    const waiterPanel = await kit.openTable(waiter, 'table-6');
    await dueOf(waiterPanel, 1300).waitFor(WAIT);
    expect(await waiterPanel.getByRole('button', { name: 'Discount…' }).count()).toBe(0);

    const page = await kit.signIn('manager');
    const panel = await kit.openTable(page, 'table-6');
    await panel.getByRole('button', { name: 'Discount…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Discount · / });
    await dialog.locator('input[name="discount"]').fill('10');
    const give = dialog.getByRole('button', { name: 'Give discount' });
    expect(await give.isDisabled()).toBe(true);
    await dialog.locator('input[name="reason"]').fill('Birthday');
    await dialog.getByText('About −€1.30 on this bill.').waitFor(WAIT);
    await give.click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });

    await panel.locator('.bill-discount', { hasText: 'Discount 10 % · Birthday' }).filter({ hasText: '−€1.30' }).waitFor(WAIT);
    await dueOf(panel, 1170).waitFor(WAIT);
    // The waiter's panel follows live, reason included (staff see it; guests do not).
    await dueOf(waiterPanel, 1170).waitFor(WAIT);
    await waiterPanel.locator('.bill-discount', { hasText: 'Birthday' }).waitFor(WAIT);
    expect(await waiterPanel.locator('.bill-remove').count()).toBe(0);
    const bill = await kit.bill(order.visitId);
    expect(bill.discounts).toMatchObject([{ kind: 'percent', rateBp: 1000, amountMinor: 130, reason: 'Birthday' }]);
    expect(bill.totalMinor).toBe(1170);
  });

  it('asks a waiter for the money due before closing, and closes once it is paid', async () => {
    const order = await kit.guestOrder('table-9', [{ menuItemId: 'espresso', quantity: 2 }]);
    await kit.serveAll(order);
    await kit.staff('POST', `/api/visits/${order.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 200 }, 'waiter');
    const page = await kit.signIn('waiter');
    const panel = await kit.openTable(page, 'table-9');
    await panel.getByRole('button', { name: 'Close visit…' }).click();
    await panel.getByRole('button', { name: 'Close visit', exact: true }).click();
    const due = page.getByRole('dialog', { name: 'Money still due at Table 9' });
    await due.waitFor(WAIT);
    await due.getByText('€3.60 is still due at Table 9.').waitFor(WAIT);
    expect(await due.getByRole('button', { name: 'Write off the rest…' }).count()).toBe(0);

    await due.getByRole('button', { name: 'Take payment' }).click();
    const dialog = page.getByRole('dialog', { name: /^Take payment · / });
    await dialog.getByRole('button', { name: 'Card', exact: true }).click();
    await dialog.getByRole('button', { name: 'Record €3.60 by card' }).click();
    await page.locator('.table-card[data-table-id="table-9"][data-state="free"]').waitFor(WAIT);
    expect(await kit.bill(order.visitId)).toMatchObject({ status: 'paid', dueMinor: 0 });
  });

  it('lets a manager write the rest off with a reason, after choosing what happens to the food still coming', async () => {
    const order = await kit.guestOrder('table-10', [
      { menuItemId: 'greek-salad', quantity: 1 },
      { menuItemId: 'lemonade', quantity: 1 },
    ]);
    await kit.staff('POST', `/api/visits/${order.visitId}/payments`, { id: newId(), method: 'cash', amountMinor: 300 }, 'waiter');
    const page = await kit.signIn('manager');
    const panel = await kit.openTable(page, 'table-10');
    await dueOf(panel, 1000).waitFor(WAIT);
    await panel.getByRole('button', { name: 'Close visit…' }).click();
    await panel.getByRole('button', { name: 'Close visit', exact: true }).click();

    const food = page.getByRole('dialog', { name: 'Food still coming at Table 10' });
    await food.getByRole('button', { name: 'Mark served' }).click();
    const due = page.getByRole('dialog', { name: 'Money still due at Table 10' });
    await due.getByText('€10.00 is still due at Table 10.').waitFor(WAIT);
    await due.getByRole('button', { name: 'Write off the rest…' }).click();
    const writeOff = due.getByRole('button', { name: 'Write off €10.00 and close' });
    expect(await writeOff.isDisabled()).toBe(true);
    await due.locator('input[name="writeOffReason"]').fill('Guests left in a hurry');
    await writeOff.click();

    await page.locator('.table-card[data-table-id="table-10"][data-state="free"]').waitFor(WAIT);
    const bill = await waitForApi(() => kit.bill(order.visitId), (view) => view.status === 'written_off', 'the write-off');
    expect(bill).toMatchObject({ writtenOffMinor: 1000, dueMinor: 0, paidMinor: 300 });
    expect(bill.writeOffs).toMatchObject([{ amountMinor: 1000, reason: 'Guests left in a hurry' }]);
    const orders = await kit.staff<{ orders: Array<{ id: string; items: Array<{ status: string }> }> }>('GET', '/api/orders?status=all', undefined, 'manager');
    expect(orders.orders.find((candidate) => candidate.id === order.id)?.items.map((item) => item.status)).toEqual(['served', 'served']);
  });
});

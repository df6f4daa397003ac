/**
 * The kitchen sees what was taken back: a cancelled or voided order stays on the screen about five
 * seconds marked CANCELLED or VOID (struck, red, with its own sound) and then leaves; one voided item
 * shows VOID on its line for those seconds while the rest of the ticket stays; closing a visit with
 * food still coming strikes its tickets too; and the recall list tells two lattes apart by their
 * modifiers and notes.
 *
 * The screen is driven by the hub's events only (no reload). Each wait is for a state; the page notes
 * the moments a card is struck and leaves (MutationObserver, in the page), so the five seconds are
 * measured by the screen, not by Playwright's polling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newId } from '@onemoment/shared/ids';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';

const WAIT = { timeout: 30_000 };

interface ApiOrder {
  id: string;
  number: number;
  visitId: string;
  items: Array<{ id: string; menuItemId: string; modifiers: Array<{ id: string }>; note: string | null }>;
}

interface Line {
  menuItemId: string;
  quantity: number;
  modifierIds?: string[];
  note?: string;
}

/** Runs in the page: records on window when the card is first struck and when it leaves the DOM. */
function watchCard(orderId: string): void {
  const store = window as unknown as { struckAt?: number; goneAt?: number };
  delete store.struckAt;
  delete store.goneAt;
  const selector = `[data-testid="ticket"][data-order-id="${orderId}"]`;
  const observer = new MutationObserver(() => {
    if (store.struckAt === undefined && document.querySelector(`${selector}[data-ended]`)) store.struckAt = Date.now();
    if (store.struckAt !== undefined && !document.querySelector(selector)) {
      store.goneAt = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
}

/** Runs in the page: records when one line of a card is struck, and when that line leaves. */
function watchLine(itemId: string): void {
  const store = window as unknown as { struckAt?: number; goneAt?: number };
  delete store.struckAt;
  delete store.goneAt;
  const selector = `[data-testid="ticket-item"][data-item-id="${itemId}"]`;
  const observer = new MutationObserver(() => {
    if (store.struckAt === undefined && document.querySelector(`${selector}[data-struck]`)) store.struckAt = Date.now();
    if (store.struckAt !== undefined && !document.querySelector(selector)) {
      store.goneAt = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
}

describe('the kitchen display shows what was taken back', () => {
  let hub: TestHub;
  let browser: Browser;
  let bar: Page;
  let manager: string;
  let waiter: string;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    [manager, waiter] = await Promise.all([hub.login('1111'), hub.login('2222')]);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    bar = await context.newPage();
    await bar.goto(`${hub.baseUrl}/kds/`);
    await bar.waitForSelector('.pin-pad', WAIT);
    await bar.keyboard.type('3333');
    await bar.keyboard.press('Enter');
    await bar.click('.picker [data-station="bar"]', WAIT);
    await bar.waitForSelector('.board[data-board-station="bar"][data-live="true"]', WAIT);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function guestOrder(tableId: string, items: Line[]): Promise<ApiOrder> {
    const response = await hub.request<ApiOrder>('POST', '/api/guest/orders', { id: newId(), items }, await hub.guestToken(tableId));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    await bar.waitForSelector(`[data-testid="ticket"][data-order-id="${response.body.id}"]`, WAIT);
    return response.body;
  }

  const struckAlerts = async () => Number((await bar.getAttribute('html', 'data-struck-alerts')) ?? '0');
  const beeps = async () => Number((await bar.getAttribute('html', 'data-beeps')) ?? '0');
  const timings = () =>
    bar.evaluate(() => {
      const store = window as unknown as { struckAt?: number; goneAt?: number };
      return { struckAt: store.struckAt, goneAt: store.goneAt };
    });

  /** Struck, then gone about five seconds later (the time runs from the hub's change, so a little less on screen). */
  async function expectStayedAWhile(): Promise<void> {
    const { struckAt, goneAt } = await timings();
    expect(struckAt).toBeDefined();
    expect(goneAt).toBeDefined();
    // The five seconds are the page model's rule (fade-out.test.ts checks it with a clock it controls);
    // here the page only has to keep the struck card up for a while rather than drop it at once. The
    // fade counts from the hub's time of the change, so a slow machine shortens what this page sees.
    const shown = goneAt! - struckAt!;
    expect(shown).toBeGreaterThanOrEqual(2000);
  }

  it('keeps a cancelled order on the screen, marked CANCELLED with its own sound, then lets it go', async () => {
    const order = await guestOrder('table-2', [
      { menuItemId: 'cappuccino', quantity: 1 },
      { menuItemId: 'lemonade', quantity: 2 },
    ]);
    const card = `[data-testid="ticket"][data-order-id="${order.id}"]`;
    expect(await bar.$eval('[data-testid="ticket-count"]', (el) => el.textContent)).toMatch(/^1 open$/);
    const [alertsBefore, beepsBefore] = [await struckAlerts(), await beeps()];
    await bar.evaluate(watchCard, order.id);

    const cancelled = await hub.request('POST', `/api/orders/${order.id}/transition`, { to: 'cancelled', reason: 'Guest left' }, waiter);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

    const struck = await bar.waitForSelector(`${card}[data-ended="cancelled"]`, WAIT);
    expect(await struck.$eval('[data-testid="ticket-ended"]', (el) => el.textContent)).toBe('CANCELLED');
    // Every line is struck through in red; nothing on the card can be bumped any more.
    expect(await struck.$$eval('[data-testid="ticket-item"]', (lines) => lines.map((line) => line.getAttribute('data-struck')))).toEqual(['cancelled', 'cancelled']);
    expect(await struck.$('[data-testid="bump-all"]')).toBeNull();
    const decoration = await struck.$eval('.item-name', (el) => getComputedStyle(el).textDecorationLine);
    expect(decoration).toContain('line-through');
    // The screen no longer counts it as open work, and it made the cancel sound (not the new-ticket beep).
    expect(await bar.$eval('[data-testid="ticket-count"]', (el) => el.textContent)).toBe('0 open');
    await bar.waitForFunction((before) => Number(document.documentElement.dataset.struckAlerts ?? '0') > before, alertsBefore, WAIT);
    expect(await beeps()).toBe(beepsBefore);
    await saveScreenshot(bar, 'kds-cancelled-card');

    await bar.waitForSelector(card, { state: 'detached', ...WAIT });
    await expectStayedAWhile();
  });

  it('marks a voided order VOID', async () => {
    const order = await guestOrder('table-3', [{ menuItemId: 'lemonade', quantity: 1 }]);
    const accepted = await hub.request('POST', `/api/orders/${order.id}/transition`, { to: 'accepted' }, waiter);
    expect(accepted.status).toBe(200);
    await bar.evaluate(watchCard, order.id);
    const voided = await hub.request('POST', `/api/orders/${order.id}/transition`, { to: 'voided', reason: 'Wrong table' }, manager);
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    const card = `[data-testid="ticket"][data-order-id="${order.id}"]`;
    const struck = await bar.waitForSelector(`${card}[data-ended="voided"]`, WAIT);
    expect(await struck.$eval('[data-testid="ticket-ended"]', (el) => el.textContent)).toBe('VOID');
    await bar.waitForSelector(card, { state: 'detached', ...WAIT });
    await expectStayedAWhile();
  });

  it('strikes one voided item as VOID on its line for a few seconds; the rest of the ticket stays to cook', async () => {
    const order = await guestOrder('table-4', [
      { menuItemId: 'cappuccino', quantity: 1, modifierIds: ['cappuccino--oat-milk'] },
      { menuItemId: 'lemonade', quantity: 1 },
    ]);
    const [coffee, lemonade] = order.items;
    const alertsBefore = await struckAlerts();
    await bar.evaluate(watchLine, coffee!.id);

    const voided = await hub.request('POST', `/api/orders/${order.id}/items/${coffee!.id}/transition`, { to: 'voided', reason: 'Machine down', comped: false }, manager);
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);

    const card = `[data-testid="ticket"][data-order-id="${order.id}"]`;
    const line = await bar.waitForSelector(`${card} [data-item-id="${coffee!.id}"][data-struck="voided"]`, WAIT);
    expect(await line.$eval('[data-testid="item-struck"]', (el) => el.textContent)).toBe('VOID');
    // A struck line is not a button: a tap on it bumps nothing.
    expect(await line.evaluate((el) => el.tagName)).toBe('DIV');
    expect(await bar.$(`${card}:not([data-ended])`)).not.toBeNull();
    await bar.waitForFunction((before) => Number(document.documentElement.dataset.struckAlerts ?? '0') > before, alertsBefore, WAIT);
    await saveScreenshot(bar, 'kds-voided-line');

    await bar.waitForSelector(`${card} [data-item-id="${coffee!.id}"]`, { state: 'detached', ...WAIT });
    await expectStayedAWhile();
    // The lemonade is still there to cook, and still bumps.
    await bar.click(`${card} button[data-item-id="${lemonade!.id}"]`);
    await bar.waitForSelector(card, { state: 'detached', ...WAIT });
  });

  it('strikes the tickets of a visit closed with its food cancelled', async () => {
    const order = await guestOrder('table-5', [{ menuItemId: 'lemonade', quantity: 3 }]);
    await bar.evaluate(watchCard, order.id);
    const closed = await hub.request('POST', `/api/visits/${order.visitId}/close`, { openItems: 'cancel', reason: 'Guests had to leave' }, waiter);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const card = `[data-testid="ticket"][data-order-id="${order.id}"]`;
    await bar.waitForSelector(`${card}[data-ended="cancelled"]`, WAIT);
    await bar.waitForSelector(card, { state: 'detached', ...WAIT });
    await expectStayedAWhile();
  });

  it("shows each recently bumped item's modifiers and note in the recall list", async () => {
    const order = await guestOrder('table-6', [
      { menuItemId: 'cappuccino', quantity: 1, modifierIds: ['cappuccino--oat-milk'], note: 'Extra hot' },
      { menuItemId: 'cappuccino', quantity: 1 },
    ]);
    const [oat, plain] = order.items;
    const card = `[data-testid="ticket"][data-order-id="${order.id}"]`;
    await bar.click(`${card} [data-testid="bump-all"]`);
    await bar.waitForSelector(card, { state: 'detached', ...WAIT });

    await bar.click('[data-testid="recall-toggle"]');
    const oatRow = await bar.waitForSelector(`[data-testid="recall-row"][data-item-id="${oat!.id}"]`, WAIT);
    const plainRow = await bar.waitForSelector(`[data-testid="recall-row"][data-item-id="${plain!.id}"]`, WAIT);
    expect(await oatRow.$eval('[data-testid="recall-mods"]', (el) => el.textContent)).toBe('Oat milk');
    expect(await oatRow.$eval('[data-testid="recall-note"]', (el) => el.textContent)).toBe('Extra hot');
    expect(await plainRow.$('[data-testid="recall-mods"]')).toBeNull();
    expect(await plainRow.$('[data-testid="recall-note"]')).toBeNull();
    const text = (row: typeof oatRow) => row.$eval('.recall-what', (el) => el.textContent);
    expect(await text(oatRow)).not.toBe(await text(plainRow));
    await saveScreenshot(bar, 'kds-recall-modifiers');
    await bar.click('[data-testid="recall-toggle"]');
  });
});

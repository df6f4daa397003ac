/**
 * The kitchen display in a real browser against a real hub: two screens (grill and bar), guest
 * orders placed over the API, bumps by keyboard and by tap, recall, the PIN pad, the mute switch,
 * the offline banner, and a note full of markup that must stay text.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';

// Upper bounds for a busy 2-core CI box (the translator tests run Whisper beside these); passing waits end at once.
const WAIT = { timeout: 30_000 };
/** The kitchen display's address (the bare /kds redirect has its own test in kds.test.ts). */
const KDS_PAGE = '/kds/';
const KITCHEN_PIN = '3333';

interface OrderLine {
  menuItemId: string;
  quantity: number;
  modifierIds?: string[];
  note?: string;
}

interface ApiOrder {
  id: string;
  number: number;
  status: string;
  items: Array<{ id: string; menuItemId: string; status: string; station: string }>;
}

describe('kitchen display', () => {
  let hub: TestHub;
  let browser: Browser;
  let grillContext: BrowserContext;
  let barContext: BrowserContext;
  let grill: Page;
  let bar: Page;
  let managerToken: string;
  const dialogs: string[] = [];
  const guestTokens = new Map<string, string>();

  async function guestToken(tableId: string): Promise<string> {
    let token = guestTokens.get(tableId);
    if (!token) {
      token = await hub.guestToken(tableId);
      guestTokens.set(tableId, token);
    }
    return token;
  }

  async function placeGuestOrder(tableId: string, items: OrderLine[]): Promise<ApiOrder> {
    const response = await hub.request<ApiOrder>('POST', '/api/guest/orders', { id: uuidv7(), items }, await guestToken(tableId));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function orderFromApi(orderId: string): Promise<ApiOrder | undefined> {
    const response = await hub.request<{ orders: ApiOrder[] }>('GET', '/api/orders?status=all', undefined, managerToken);
    return response.body.orders.find((order) => order.id === orderId);
  }

  /** Polls the API until the order satisfies `check` (the write and the read are separate requests). */
  async function waitForOrder(orderId: string, check: (order: ApiOrder) => boolean): Promise<ApiOrder> {
    const deadline = Date.now() + WAIT.timeout;
    let last: ApiOrder | undefined;
    while (Date.now() < deadline) {
      last = await orderFromApi(orderId);
      if (last && check(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`order ${orderId} never reached the expected state; last seen ${JSON.stringify(last)}`);
  }

  const card = (orderId: string) => `[data-testid="ticket"][data-order-id="${orderId}"]`;

  /** Runs in the page: stores on window the time the selector first matches. */
  function noteWhenShown(selector: string): void {
    const store = window as unknown as { kdsShownAt?: number };
    delete store.kdsShownAt;
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      store.kdsShownAt = Date.now();
      observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  async function signIn(page: Page, pin: string): Promise<void> {
    await page.waitForSelector('.pin-pad', WAIT);
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
  }

  /**
   * Brings a page to a live board of the station, from wherever it is (PIN pad, station picker, a
   * board of another station), so every test can also run on its own.
   */
  async function ensureStation(page: Page, station: string): Promise<void> {
    const board = `.board[data-board-station="${station}"]`;
    if (!(await page.$(board))) {
      if (!(await page.$('.pin-pad, .picker, .board'))) await page.goto(`${hub.baseUrl}${KDS_PAGE}`);
      const first = await page.waitForSelector('.pin-pad, .picker, .board', WAIT);
      if (await first.evaluate((element) => element.classList.contains('pin-pad'))) {
        await signIn(page, KITCHEN_PIN);
        await page.waitForSelector('.picker, .board', WAIT);
      }
      if (await page.$('.board')) await page.click('[data-testid="change-station"]');
      await page.click(`.picker [data-station="${station}"]`, WAIT);
      await page.waitForSelector(board, WAIT);
    }
    await waitLive(page);
  }

  /** The board is live once the socket has connected; its first fetch has then finished too. */
  async function waitLive(page: Page): Promise<void> {
    await page.waitForSelector('[data-live="true"]', WAIT);
  }

  /** The bump bar digit of a card: its place among the cards, 1-based. */
  async function positionOf(page: Page, orderId: string): Promise<number> {
    const ids = await page.$$eval('[data-testid="ticket"]', (cards) => cards.map((c) => c.getAttribute('data-order-id')));
    const index = ids.indexOf(orderId);
    expect(index, `ticket ${orderId} is on the board`).toBeGreaterThanOrEqual(0);
    expect(index, 'ticket is among the first nine (reachable by a digit)').toBeLessThan(9);
    return index + 1;
  }

  beforeAll(async () => {
    // A small replay window, so a long outage ends in a `resync` and the screen's refetch is tested too.
    hub = await startTestHub({ env: { EVENT_REPLAY_LIMIT: '10' } });
    managerToken = await hub.login('1111');
    browser = await launchBrowser();
    // Two contexts: two kitchen screens with their own localStorage (station, session), one browser.
    grillContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    barContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    grill = await grillContext.newPage();
    bar = await barContext.newPage();
    for (const page of [grill, bar]) {
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
  });

  afterEach(() => {
    expect(dialogs, 'no page ever opened a dialog').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('opens at the address the hub prints for kitchen screens (/kds)', async () => {
    const response = await grill.goto(`${hub.baseUrl}/kds`);
    expect(response?.status()).toBe(200);
    await grill.waitForSelector('.pin-pad', WAIT);
  });

  it('refuses a wrong PIN and a waiter PIN with a clear sentence', async () => {
    await grill.goto(`${hub.baseUrl}${KDS_PAGE}`);
    await grill.waitForSelector('.pin-pad', WAIT);
    for (const digit of '9898') await grill.click(`.pin-key:text-is("${digit}")`);
    await grill.click('[aria-label="Sign in"]');
    await grill.waitForSelector('[data-testid="login-error"]:has-text("Wrong PIN")', WAIT);

    await signIn(grill, '2222');
    await grill.waitForSelector('[data-testid="login-error"]:has-text("needs a kitchen or manager PIN")', WAIT);
    expect(await grill.$('[data-station]')).toBeNull();

    await signIn(grill, KITCHEN_PIN);
    await grill.waitForSelector('[data-station="grill"]', WAIT);
    await grill.click('text=Log out');
    await grill.waitForSelector('.pin-pad', WAIT);
  });

  it('shows each station only its own items within a second of the guest ordering', async () => {
    await ensureStation(grill, 'grill');
    await ensureStation(bar, 'bar');
    expect(await grill.textContent('[data-testid="station-name"]')).toBe('Grill');
    expect(await bar.textContent('[data-testid="station-name"]')).toBe('Bar');

    const orderId = uuidv7();
    // Each page notes the moment the card enters its DOM (browser and test share the system clock),
    // so the figure is the screen's, not Playwright's polling delay on a loaded machine.
    for (const page of [grill, bar]) await page.evaluate(noteWhenShown, card(orderId));
    const guest = await guestToken('table-3');
    const started = Date.now();
    const placing = hub.request<ApiOrder>(
      'POST',
      '/api/guest/orders',
      {
        id: orderId,
        items: [
          { menuItemId: 'classic-burger', quantity: 2, modifierIds: ['classic-burger--medium'], note: 'No pickles please' },
          { menuItemId: 'lemonade', quantity: 1 },
        ],
      },
      guest,
    );
    const seenAfter = async (page: Page) => {
      await page.waitForSelector(card(orderId), WAIT);
      const shownAt = await page.evaluate(() => (window as unknown as { kdsShownAt?: number }).kdsShownAt);
      expect(shownAt, 'the page noted when the card appeared').toBeTypeOf('number');
      return shownAt! - started;
    };
    const [grillMs, barMs, placed] = await Promise.all([seenAfter(grill), seenAfter(bar), placing]);
    console.log(`kds: guest order on the grill screen after ${grillMs} ms, on the bar screen after ${barMs} ms`);
    expect(placed.status).toBe(201);
    expect(grillMs).toBeLessThan(1000);
    expect(barMs).toBeLessThan(1000);

    const grillItems = await grill.$$eval(`${card(orderId)} [data-testid="ticket-item"]`, (items) => items.map((i) => i.textContent ?? ''));
    expect(grillItems).toHaveLength(1);
    expect(grillItems[0]).toContain('Classic burger');
    expect(grillItems[0]).toContain('2×');
    expect(grillItems[0]).toContain('Medium');
    expect(grillItems[0]).toContain('No pickles please');
    expect(await grill.$$eval(`${card(orderId)} [data-testid="allergen"]`, (a) => a.map((x) => x.textContent))).toEqual(
      expect.arrayContaining([expect.stringMatching(/gluten/i)]),
    );
    expect(await grill.textContent(card(orderId))).toContain('Table 3');

    const barItems = await bar.$$eval(`${card(orderId)} [data-testid="ticket-item"]`, (items) => items.map((i) => i.textContent ?? ''));
    expect(barItems).toHaveLength(1);
    expect(barItems[0]).toContain('Homemade lemonade');
  });

  it('bumps the selected card with a digit and Enter, and the order moves on in the API', async () => {
    await ensureStation(grill, 'grill');
    await ensureStation(bar, 'bar');
    const order = await placeGuestOrder('table-4', [
      { menuItemId: 'ribeye-steak', quantity: 1, modifierIds: ['ribeye-steak--rare'] },
      { menuItemId: 'espresso', quantity: 2 },
    ]);
    await grill.waitForSelector(card(order.id), WAIT);
    await bar.waitForSelector(card(order.id), WAIT);

    const digit = await positionOf(grill, order.id);
    await grill.keyboard.press(String(digit));
    await grill.waitForSelector(`${card(order.id)}[data-selected="true"]`, WAIT);
    await grill.keyboard.press('Enter');
    await grill.waitForSelector(card(order.id), { ...WAIT, state: 'detached' });
    const afterGrill = await waitForOrder(order.id, (o) => o.status === 'preparing');
    expect(afterGrill.items.find((i) => i.menuItemId === 'ribeye-steak')?.status).toBe('ready');
    expect(afterGrill.items.find((i) => i.menuItemId === 'espresso')?.status).toBe('pending');

    // The bar taps its item instead: the last live item is ready, so the order is.
    await bar.click(`${card(order.id)} [data-testid="ticket-item"]`);
    await bar.waitForSelector(card(order.id), { ...WAIT, state: 'detached' });
    await waitForOrder(order.id, (o) => o.status === 'ready');
  });

  it('recalls the last bump with R, and any recent bump from the recall list', async () => {
    await ensureStation(grill, 'grill');
    const order = await placeGuestOrder('table-5', [{ menuItemId: 'grilled-salmon', quantity: 1 }]);
    await grill.waitForSelector(card(order.id), WAIT);
    await grill.keyboard.press(String(await positionOf(grill, order.id)));
    await grill.waitForSelector(`${card(order.id)}[data-selected="true"]`, WAIT);
    await grill.keyboard.press('Enter');
    await grill.waitForSelector(card(order.id), { ...WAIT, state: 'detached' });
    await waitForOrder(order.id, (o) => o.status === 'ready');

    await grill.keyboard.press('r');
    await grill.waitForSelector(card(order.id), WAIT);
    await waitForOrder(order.id, (o) => o.status === 'preparing' && o.items.every((i) => i.status === 'pending'));

    // Bump by tap, then bring it back from the recall panel.
    await grill.click(`${card(order.id)} [data-testid="bump-all"]`);
    await grill.waitForSelector(card(order.id), { ...WAIT, state: 'detached' });
    await grill.click('[data-testid="recall-toggle"]');
    const itemId = order.items[0]!.id;
    const row = `[data-testid="recall-row"][data-item-id="${itemId}"]`;
    await grill.waitForSelector(row, WAIT);
    expect(await grill.textContent(row)).toContain('Grilled salmon');
    await grill.click(`${row} button`);
    await grill.waitForSelector(card(order.id), WAIT);
    await waitForOrder(order.id, (o) => o.items.every((i) => i.status === 'pending'));
    await grill.click('[data-testid="recall-toggle"]');
  });

  it('shows a note full of markup as text and never runs it', async () => {
    await ensureStation(grill, 'grill');
    const note = '<img src=x onerror=alert(1)>';
    const order = await placeGuestOrder('table-6', [{ menuItemId: 'chicken-schnitzel', quantity: 1, note }]);
    await grill.waitForSelector(`${card(order.id)} [data-testid="item-note"]`, WAIT);
    expect(await grill.textContent(`${card(order.id)} [data-testid="item-note"]`)).toContain(note);
    expect(await grill.$(`${card(order.id)} img`)).toBeNull();
    // Give an injected onerror handler every chance: wait until the image would have failed to load.
    await grill.waitForFunction(() => document.readyState === 'complete', undefined, WAIT);
    expect(dialogs).toEqual([]);
  });

  it('remembers the mute switch and stays quiet while muted', async () => {
    await ensureStation(bar, 'bar');
    const beeps = async () => Number((await bar.getAttribute('html', 'data-beeps')) ?? '0');
    const before = await beeps();
    const loud = await placeGuestOrder('table-7', [{ menuItemId: 'craft-beer', quantity: 1 }]);
    await bar.waitForSelector(card(loud.id), WAIT);
    await bar.waitForFunction((count) => Number(document.documentElement.dataset.beeps ?? '0') > count, before, WAIT);

    await bar.click('[data-testid="mute"]');
    await bar.waitForSelector('[data-testid="mute"][aria-pressed="true"]', WAIT);
    await bar.reload();
    await bar.waitForSelector('[data-testid="station-name"]:has-text("Bar")', WAIT);
    await bar.waitForSelector('[data-testid="mute"][aria-pressed="true"]', WAIT);
    await waitLive(bar);

    const quietBefore = await beeps();
    const quiet = await placeGuestOrder('table-7', [{ menuItemId: 'black-tea', quantity: 1 }]);
    await bar.waitForSelector(card(quiet.id), WAIT);
    // The ticket is on screen, so its beep (had there been one) has already been counted.
    expect(await beeps()).toBe(quietBefore);

    await bar.click('[data-testid="mute"]');
    await bar.waitForSelector('[data-testid="mute"][aria-pressed="false"]', WAIT);
  });

  it('says loudly when the hub is unreachable, and catches up when it is back', async () => {
    await ensureStation(grill, 'grill');
    await grillContext.setOffline(true);
    await grill.waitForSelector('[data-testid="connection-banner"]:has-text("Connection to the hub lost — reconnecting…")', WAIT);
    await grill.waitForSelector('[data-socket="offline"]', WAIT); // the websocket really dropped
    await saveScreenshot(grill, 'kds-grill-offline');

    // Missed while offline: one order, replayed from the event log on reconnect.
    const missed = await placeGuestOrder('table-8', [{ menuItemId: 'fish-and-chips', quantity: 1 }]);
    await grillContext.setOffline(false);
    await grill.waitForSelector('[data-testid="connection-banner"]:has-text("Back online")', WAIT);
    await grill.waitForSelector(card(missed.id), WAIT);
    await grill.waitForSelector('[data-testid="connection-banner"]', { ...WAIT, state: 'detached' });
    await saveScreenshot(grill, 'kds-grill-after-outage');

    // A longer outage: more events than the hub replays (limit 10), so the screen must refetch.
    await grillContext.setOffline(true);
    await grill.waitForSelector('[data-testid="connection-banner"]:has-text("reconnecting")', WAIT);
    await grill.waitForSelector('[data-socket="offline"]', WAIT);
    const many: ApiOrder[] = [];
    for (let i = 0; i < 12; i++) many.push(await placeGuestOrder('table-9', [{ menuItemId: 'tomato-soup', quantity: 1 }]));
    await grillContext.setOffline(false);
    await grill.waitForSelector('[data-testid="connection-banner"]:has-text("Back online")', WAIT);
    for (const order of many) await grill.waitForSelector(card(order.id), WAIT);
  });

  it('looks right with several tickets (screenshots)', async () => {
    await ensureStation(grill, 'grill');
    await ensureStation(bar, 'bar');
    await grill.waitForSelector('[data-testid="connection-banner"]', { ...WAIT, state: 'detached' });
    await placeGuestOrder('table-10', [
      { menuItemId: 'classic-burger', quantity: 1, modifierIds: ['classic-burger--well-done', 'classic-burger--burger-fries'], note: 'Allergic to sesame — no bun seeds!' },
      { menuItemId: 'garlic-prawns', quantity: 2 },
      { menuItemId: 'cappuccino', quantity: 2, modifierIds: ['cappuccino--oat-milk'] },
    ]);
    const rush = await placeGuestOrder('table-11', [{ menuItemId: 'mushroom-risotto', quantity: 1 }, { menuItemId: 'house-red', quantity: 2 }]);
    const rushed = await hub.request('POST', `/api/orders/${rush.id}/rush`, { rush: true }, managerToken);
    expect(rushed.status).toBe(200);
    await grill.waitForSelector(`${card(rush.id)}.ticket--rush`, WAIT);
    // Rush goes first, and the all-day counts have caught up with the new dishes.
    expect(await positionOf(grill, rush.id)).toBe(1);
    await grill.waitForSelector('[data-testid="all-day-row"][data-menu-item-id="mushroom-risotto"]', WAIT);
    await grill.waitForSelector('[data-testid="all-day-row"][data-menu-item-id="garlic-prawns"]:has-text("2")', WAIT);
    await grill.keyboard.press('2');
    await grill.waitForSelector('[data-testid="ticket"][data-selected="true"]', WAIT);
    await saveScreenshot(grill, 'kds-grill');
    await bar.waitForSelector(card(rush.id), WAIT);
    await bar.waitForSelector('[data-testid="all-day-row"][data-menu-item-id="house-red"]', WAIT);
    await saveScreenshot(bar, 'kds-bar');

    const expo = await grillContext.newPage();
    expo.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await expo.goto(`${hub.baseUrl}${KDS_PAGE}`);
    // Same context: the session is remembered, the station too; switch this screen to expo.
    await expo.waitForSelector('[data-testid="station-name"]', WAIT);
    await expo.click('[data-testid="change-station"]');
    await expo.click('[data-station="expo"]');
    await expo.waitForSelector(`${card(rush.id)} .item-station`, WAIT);
    expect(await expo.$$eval(`${card(rush.id)} .item-station`, (tags) => tags.map((t) => t.textContent))).toEqual(['Grill', 'Bar']);
    await saveScreenshot(expo, 'kds-expo');
    await expo.close();
  });

  it('logs out back to the PIN pad', async () => {
    await ensureStation(bar, 'bar');
    await bar.click('[data-testid="logout"]');
    await bar.waitForSelector('.pin-pad', WAIT);
    await bar.reload();
    await bar.waitForSelector('.pin-pad', WAIT);
  });
});

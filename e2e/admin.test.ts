/**
 * The staff and admin pages in a real browser against a real hub: the floor follows guests live,
 * orders move through their lifecycle from the orders page, managers change the menu and the team,
 * and a waiter's order survives a lost answer without being placed twice.
 *
 * Every step waits for the state it needs (a selector with a data-state, the API polled until it
 * agrees), never for a fixed time: these files run in parallel on a 2-core box.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { readFileSync } from 'node:fs';
import { newId } from '@onemoment/shared/ids';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot, watchDialogs } from './support/browser.ts';
import { typePin } from './support/admin-pages.ts';

// Upper bound for a busy 2-core CI box (the translator tests run Whisper beside these); passing waits end at once.
const WAIT = 30_000;
const POLL = { timeout: WAIT, interval: 100 };
const PINS = { manager: '1111', waiter: '2222', kitchen: '3333' } as const;

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tokens: Partial<Record<keyof typeof PINS, string>> = {};

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function token(role: keyof typeof PINS): Promise<string> {
  tokens[role] ??= await hub.login(PINS[role]);
  return tokens[role];
}

/** A tablet in landscape, signed in with a PIN on the pad, with the live socket up. */
async function signIn(role: 'manager' | 'waiter'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${hub.baseUrl}/admin/tables`);
  await typePin(page, PINS[role]);
  await page.locator('.conn[data-state="live"]').waitFor({ timeout: WAIT });
  await page.locator('.table-card').first().waitFor({ timeout: WAIT });
  return page;
}


async function openSection(page: Page, name: 'Tables' | 'Orders' | 'Menu' | 'Staff'): Promise<void> {
  await page.locator('nav.tabs').getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await page.locator('h1', { hasText: name }).waitFor({ timeout: WAIT });
}

function tableCard(page: Page, tableId: string, state?: string) {
  return page.locator(`.table-card[data-table-id="${tableId}"]${state ? `[data-state="${state}"]` : ''}`);
}

function orderCard(page: Page, orderId: string, status?: string) {
  return page.locator(`.order-card[data-order-id="${orderId}"]${status ? `[data-status="${status}"]` : ''}`);
}

interface OrderBody {
  id: string;
  status: string;
  rush: boolean;
  statusReason: string | null;
  tableId: string;
  items: Array<{ id: string; note: string | null }>;
}

async function guestOrder(tableId: string, items: Array<{ menuItemId: string; quantity: number; note?: string }>) {
  const guest = await hub.guestToken(tableId);
  const id = newId();
  const response = await hub.request<OrderBody>('POST', '/api/guest/orders', { id, items }, guest);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function apiOrder(orderId: string): Promise<OrderBody | undefined> {
  const response = await hub.request<{ orders: OrderBody[] }>('GET', '/api/orders?status=all', undefined, await token('manager'));
  return response.body.orders.find((order) => order.id === orderId);
}

async function apiTable(tableId: string) {
  const response = await hub.request<{ tables: Array<{ id: string; state: string; visit: { id: string } | null }> }>(
    'GET',
    '/api/tables',
    undefined,
    await token('waiter'),
  );
  return response.body.tables.find((table) => table.id === tableId);
}

async function staffMenuItem(itemId: string) {
  const response = await hub.request<{ categories: Array<{ items: Array<{ id: string; available: boolean; names: Record<string, string> }> }> }>(
    'GET',
    '/api/menu?lang=en',
    undefined,
    await token('manager'),
  );
  return response.body.categories.flatMap((category) => category.items).find((item) => item.id === itemId);
}

// A test here is a dozen browser steps, each allowed 10 s on a busy box: more than the default 30 s in all.
describe('staff pages', { timeout: 90_000 }, () => {
  it('a waiter sees the floor change live when a guest orders, then accepts and serves it', async () => {
    const page = await signIn('waiter');
    await tableCard(page, 'table-2', 'free').waitFor({ timeout: WAIT });

    const order = await guestOrder('table-2', [
      { menuItemId: 'tomato-soup', quantity: 2 },
      { menuItemId: 'lemonade', quantity: 1 },
    ]);
    // The guest's order reaches the floor over the socket: no reload.
    await tableCard(page, 'table-2', 'waiting').waitFor({ timeout: WAIT });

    await openSection(page, 'Orders');
    const placed = orderCard(page, order.id, 'placed');
    await placed.waitFor({ timeout: WAIT });
    await placed.getByRole('button', { name: 'Accept' }).click();
    await orderCard(page, order.id, 'accepted').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiOrder(order.id))?.status, POLL).toBe('accepted');

    const kitchen = await token('kitchen');
    for (const item of order.items) {
      const bumped = await hub.request('POST', `/api/kds/items/${item.id}/bump`, {}, kitchen);
      expect(bumped.status, JSON.stringify(bumped.body)).toBe(200);
    }
    const ready = orderCard(page, order.id, 'ready');
    await ready.waitFor({ timeout: WAIT });
    await ready.getByRole('button', { name: 'Mark served' }).click();
    await expect.poll(async () => (await apiOrder(order.id))?.status, POLL).toBe('served');

    // Served orders leave the active view; the day's list still shows them.
    await orderCard(page, order.id).waitFor({ state: 'detached', timeout: WAIT });
    await page.getByRole('button', { name: 'All today' }).click();
    await orderCard(page, order.id, 'served').waitFor({ timeout: WAIT });
  });

  it('shows a guest note with markup as literal text and runs nothing', async () => {
    const page = await signIn('waiter');
    const dialogs = watchDialogs(page);
    const markup = '<img src=x onerror=alert(1)>';
    const order = await guestOrder('table-3', [{ menuItemId: 'greek-salad', quantity: 1, note: markup }]);

    await openSection(page, 'Orders');
    const note = orderCard(page, order.id).getByTestId('item-note');
    await note.waitFor({ timeout: WAIT });
    expect(await note.textContent()).toContain(markup);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("lets a manager 86 a dish, after which a guest order for it is refused", async () => {
    const page = await signIn('manager');
    await openSection(page, 'Menu');
    const row = page.locator('.menu-row[data-item-id="hummus"]');
    await row.waitFor({ timeout: WAIT });
    await row.getByRole('button', { name: '86 it' }).click();
    await page.locator('.menu-row[data-item-id="hummus"][data-available="false"]').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await staffMenuItem('hummus'))?.available, POLL).toBe(false);

    const guest = await hub.guestToken('table-4');
    const refused = await hub.request<{ error: string }>('POST', '/api/guest/orders', { id: newId(), items: [{ menuItemId: 'hummus', quantity: 1 }] }, guest);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('item_unavailable');
  });

  it('lets a manager rename a dish in Russian, and guests reading Russian see it', async () => {
    const page = await signIn('manager');
    await openSection(page, 'Menu');
    const row = page.locator('.menu-row[data-item-id="apple-strudel"]');
    await row.waitFor({ timeout: WAIT });
    await row.getByRole('button', { name: 'Edit' }).click();
    const russian = 'Штрудель с яблоками по-венски';
    await row.locator('input[name="name-ru"]').fill(russian);

    // The save is done when the hub has answered the PATCH, not when the button was clicked.
    const [response] = await Promise.all([
      page.waitForResponse(
        (candidate) => candidate.url().endsWith('/api/menu/items/apple-strudel') && candidate.request().method() === 'PATCH',
        { timeout: WAIT },
      ),
      row.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(response.status()).toBe(200);
    await row.getByTestId('saved').waitFor({ timeout: WAIT });
    await row.locator('small[lang="ru"]', { hasText: russian }).waitFor({ timeout: WAIT });

    const guest = await hub.guestToken('table-4');
    await expect
      .poll(async () => {
        const menu = await hub.request<{ categories: Array<{ items: Array<{ id: string; name: string }> }> }>('GET', '/api/guest/menu?lang=ru', undefined, guest);
        return menu.body.categories.flatMap((category) => category.items).find((item) => item.id === 'apple-strudel')?.name;
      }, POLL)
      .toBe(russian);
  });

  it('shows a waiter neither the menu nor the staff pages', async () => {
    const page = await signIn('waiter');
    const tabs = page.locator('nav.tabs');
    await tabs.getByRole('link', { name: /^Orders/ }).waitFor({ timeout: WAIT });
    expect(await tabs.getByRole('link', { name: /^Menu/ }).count()).toBe(0);
    expect(await tabs.getByRole('link', { name: /^Staff/ }).count()).toBe(0);

    // Typing the address does not open them either.
    await page.goto(`${hub.baseUrl}/admin/staff`);
    await page.locator('h1', { hasText: 'Tables' }).waitFor({ timeout: WAIT });
    expect(await page.locator('.staff-list, .add-staff').count()).toBe(0);
    await page.goto(`${hub.baseUrl}/admin/menu`);
    await page.locator('h1', { hasText: 'Tables' }).waitFor({ timeout: WAIT });
    expect(await page.locator('.menu-row').count()).toBe(0);
  });

  it('offers void to a manager only, and only with a reason', async () => {
    const order = await guestOrder('table-6', [{ menuItemId: 'espresso', quantity: 1 }]);
    const accepted = await hub.request('POST', `/api/orders/${order.id}/transition`, { to: 'accepted' }, await token('waiter'));
    expect(accepted.status).toBe(200);

    const waiterPage = await signIn('waiter');
    await openSection(waiterPage, 'Orders');
    const waiterCard = orderCard(waiterPage, order.id, 'accepted');
    await waiterCard.waitFor({ timeout: WAIT });
    await waiterCard.getByRole('button', { name: 'Cancel…' }).waitFor({ timeout: WAIT });
    expect(await waiterCard.getByRole('button', { name: 'Void…' }).count()).toBe(0);

    const page = await signIn('manager');
    await openSection(page, 'Orders');
    const card = orderCard(page, order.id, 'accepted');
    await card.waitFor({ timeout: WAIT });
    // The rush toggle reaches the hub.
    await card.getByRole('button', { name: 'Rush', exact: true }).click();
    await page.locator(`.order-card.order-rush[data-order-id="${order.id}"]`).waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiOrder(order.id))?.rush, POLL).toBe(true);

    await card.getByRole('button', { name: 'Void…' }).click();
    const confirm = card.locator('.reason-form button[type="submit"]');
    await card.locator('.reason-form button[type="submit"]:disabled', { hasText: 'Void order' }).waitFor({ timeout: WAIT });
    await card.locator('input[name="reason"]').fill('   ');
    // Blank is not a reason. Preact re-renders in a microtask of the input event, so the button's
    // state is settled by the time fill() returns.
    expect(await confirm.isDisabled()).toBe(true);
    await card.locator('input[name="reason"]').fill('Guest complaint: comped');
    await card.locator('.reason-form button[type="submit"]:enabled').click({ timeout: WAIT });

    await expect.poll(async () => (await apiOrder(order.id))?.status, POLL).toBe('voided');
    expect((await apiOrder(order.id))?.statusReason).toBe('Guest complaint: comped');
  });

  it('places a waiter order once even when the first answer is lost', async () => {
    const page = await signIn('waiter');
    const posted: string[] = [];
    await page.route(
      (url) => url.pathname === '/api/orders',
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        posted.push((route.request().postDataJSON() as { id: string }).id);
        if (posted.length === 1) {
          // The hub receives and stores the order; its answer never reaches the tablet.
          await route.fetch();
          return route.abort('failed');
        }
        return route.continue();
      },
    );

    await tableCard(page, 'table-5', 'free').click();
    await page.getByRole('button', { name: 'New order' }).click();
    const form = page.getByRole('dialog', { name: 'New order for Table 5' });
    await form.waitFor({ timeout: WAIT });

    await form.getByRole('tab', { name: 'Mains' }).click();
    await form.locator('.pick[data-item-id="classic-burger"]').click();
    const options = page.getByRole('dialog', { name: 'Options for Classic burger' });
    await options.waitFor({ timeout: WAIT });
    // Doneness is required: the dialog will not add the burger without it.
    await options.locator('button[type="submit"]:disabled', { hasText: 'Choose doneness' }).waitFor({ timeout: WAIT });
    await options.getByText('Medium', { exact: true }).click();
    await options.getByRole('button', { name: 'Add to order' }).click();
    await form.getByRole('tab', { name: 'Drinks' }).click();
    await form.locator('.pick[data-item-id="black-tea"]').click();
    await form.locator('.pick[data-item-id="black-tea"]').click();
    await form.locator('.cart-line[data-item-id="black-tea"] .stepper-value', { hasText: '2' }).waitFor({ timeout: WAIT });
    await saveScreenshot(page, 'admin-order-form');

    await form.getByRole('button', { name: 'Send to kitchen' }).click();
    await form.waitFor({ state: 'detached', timeout: WAIT });

    expect(posted.length).toBeGreaterThanOrEqual(2);
    expect(new Set(posted).size).toBe(1);
    await expect
      .poll(async () => {
        const response = await hub.request<{ orders: OrderBody[] }>('GET', '/api/orders?status=all', undefined, await token('waiter'));
        return response.body.orders.filter((order) => order.tableId === 'table-5').map((order) => order.id);
      }, POLL)
      .toEqual([posted[0]]);
    await tableCard(page, 'table-5', 'waiting').waitFor({ timeout: WAIT });
  });

  it('opens, moves and closes a visit', async () => {
    const page = await signIn('waiter');
    await tableCard(page, 'table-7', 'free').click();
    const panel = page.locator('.panel[data-panel-table="table-7"]');
    await panel.getByRole('button', { name: 'Open visit' }).click();
    await tableCard(page, 'table-7', 'open').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiTable('table-7'))?.state, POLL).toBe('open');
    const visitId = (await apiTable('table-7'))?.visit?.id;
    expect(visitId).toBeTruthy();

    await panel.getByRole('combobox', { name: 'Move to table' }).selectOption('table-8');
    await panel.getByRole('button', { name: 'Move' }).click();
    await tableCard(page, 'table-8', 'open').waitFor({ timeout: WAIT });
    await tableCard(page, 'table-7', 'free').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiTable('table-8'))?.visit?.id, POLL).toBe(visitId);
    expect((await apiTable('table-7'))?.visit).toBeNull();

    const moved = page.locator('.panel[data-panel-table="table-8"]');
    await moved.getByRole('button', { name: 'Close visit…' }).click();
    await moved.getByRole('button', { name: 'Close visit', exact: true }).click();
    await tableCard(page, 'table-8', 'free').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await apiTable('table-8'))?.state, POLL).toBe('free');
  });

  it("highlights guests' calls until a waiter acknowledges them", async () => {
    const page = await signIn('waiter');
    const [waiterCall, billCall] = await Promise.all([hub.guestToken('table-10'), hub.guestToken('table-11')]);
    expect((await hub.request('POST', '/api/guest/requests', { kind: 'waiter' }, waiterCall)).status).toBe(201);
    expect((await hub.request('POST', '/api/guest/requests', { kind: 'bill' }, billCall)).status).toBe(201);

    await page.locator('.table-card.table-calling[data-table-id="table-10"]').waitFor({ timeout: WAIT });
    await page.locator('.table-card.table-calling[data-table-id="table-11"][data-state="bill"]').waitFor({ timeout: WAIT });
    const call = page.locator('.call', { hasText: 'Table 10' });
    await call.waitFor({ timeout: WAIT });
    await saveScreenshot(page, 'admin-tables');

    await call.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('.table-card[data-table-id="table-10"]:not(.table-calling)').waitFor({ timeout: WAIT });
    await call.waitFor({ state: 'detached', timeout: WAIT });
    await expect
      .poll(async () => {
        const response = await hub.request<{ tables: Array<{ id: string; pendingRequests: unknown[] }> }>('GET', '/api/tables', undefined, await token('waiter'));
        return response.body.tables.filter((table) => table.pendingRequests.length > 0).map((table) => table.id);
      }, POLL)
      .toEqual(['table-11']);
    expect(await page.locator('.table-card.table-calling[data-table-id="table-11"]').count()).toBe(1);

    // The day so far, as the floor sees it.
    await openSection(page, 'Orders');
    await page.locator('.order-card').first().waitFor({ timeout: WAIT });
    await saveScreenshot(page, 'admin-orders');
  });

  it("shows a table's QR, downloads it as PNG and opens the printable sheet", async () => {
    const page = await signIn('manager');
    await tableCard(page, 'table-9').click();
    const image = page.locator('.panel[data-panel-table="table-9"] img.qr-img');
    await image.waitFor({ timeout: WAIT });
    // Functions, not strings: the pages' CSP forbids eval, which Playwright needs to poll a string.
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>('.panel img.qr-img');
        return !!img && img.complete && img.naturalWidth > 0;
      },
      undefined,
      { timeout: WAIT },
    );

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), page.getByRole('button', { name: 'Download PNG' }).click()]);
    const png = PNG.sync.read(readFileSync(await download.path()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toMatch(new RegExp(`/t/${hub.tableCode('table-9')}$`));

    // A manager can issue a new code, so a photo of the old card stops working.
    const oldCode = hub.tableCode('table-9');
    await page.getByRole('button', { name: 'New code…' }).click();
    await page.getByRole('button', { name: 'Replace code' }).click();
    await expect.poll(() => hub.tableCode('table-9'), POLL).not.toBe(oldCode);
    expect((await hub.request('POST', '/api/guest/visits', { tableCode: oldCode })).status).toBe(404);

    const [sheet] = await Promise.all([page.waitForEvent('popup', { timeout: WAIT }), page.getByRole('button', { name: 'Print QR codes' }).click()]);
    await sheet.waitForURL(/^blob:/, { timeout: WAIT });
    await sheet.waitForFunction(() => !!document.body && document.body.innerText.includes('Table 12'), undefined, { timeout: WAIT });
    await saveScreenshot(sheet, 'admin-qr-sheet');
  });

  it('lets a manager add a person, whose PIN then works, and switch them off', async () => {
    const page = await signIn('manager');
    await openSection(page, 'Staff');
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.locator('input[name="name"]').fill('Ada <b>Lovelace</b>');
    await form.locator('select[name="role"]').selectOption('waiter');
    await form.locator('input[name="pin"]').fill('48151623');
    await form.getByRole('button', { name: 'Add' }).click();
    const row = page.locator('.staff-row', { hasText: 'Ada <b>Lovelace</b>' });
    await row.waitFor({ timeout: WAIT });
    expect((await hub.request('POST', '/api/staff/login', { pin: '48151623' })).status).toBe(200);

    // Switching someone off asks first (their PIN stops working and their screens close).
    await row.getByRole('button', { name: 'Deactivate…' }).click();
    await row.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.locator('.staff-row[data-active="false"]', { hasText: 'Ada' }).waitFor({ timeout: WAIT });
    // Checked through the list, not by trying the PIN: wrong PINs from one address lead to a lockout.
    await expect
      .poll(async () => {
        const list = await hub.request<{ staff: Array<{ name: string; active: boolean }> }>('GET', '/api/staff', undefined, await token('manager'));
        return list.body.staff.find((member) => member.name === 'Ada <b>Lovelace</b>')?.active;
      }, POLL)
      .toBe(false);
  });

  it('sends a kitchen login to the kitchen display', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.baseUrl}/admin/tables`);
    await typePin(page, PINS.kitchen);
    await page.waitForURL(/\/kds\/$/, { timeout: WAIT });
  });
});

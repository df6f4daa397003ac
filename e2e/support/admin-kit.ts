/**
 * What the admin page's money and online-task browser tests share: staff tokens and signed-in pages
 * (each a browser context, closed with the kit), guest orders made ready and served through the API,
 * a visit's bill as the hub has it, and a table's panel opened as a person would.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newId } from '@onemoment/shared/ids';
import type { BillView } from '@onemoment/shared/schemas/payments';
import type { TestHub } from '../../hub/test/harness.ts';
import { typePin } from './admin-pages.ts';
import { saveScreenshot } from './browser.ts';

export { waitForApi } from './guest-phones.ts';
export const WAIT = { timeout: 30_000 };
export const PINS = { manager: '1111', waiter: '2222', kitchen: '3333', front_desk: '4444', housekeeping: '5555' } as const;
export type Role = keyof typeof PINS;

export interface KitOrder {
  id: string;
  visitId: string;
  items: Array<{ id: string; menuItemId: string; status: string }>;
}

export class AdminKit {
  private readonly contexts: BrowserContext[] = [];
  private readonly tokens: Partial<Record<Role, string>> = {};

  constructor(
    readonly hub: TestHub,
    private readonly browser: Browser,
  ) {}

  async token(role: Role): Promise<string> {
    this.tokens[role] ??= await this.hub.login(PINS[role]);
    return this.tokens[role];
  }

  /** A staff request that must succeed (2xx); returns the body. */
  async staff<T = unknown>(method: string, path: string, body: unknown, role: Role): Promise<T> {
    const response = await this.hub.request<T>(method, path, body, await this.token(role));
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  }

  async signIn(role: Exclude<Role, 'kitchen'>, path = '/admin/tables', viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    this.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${this.hub.baseUrl}${path}`);
    await typePin(page, PINS[role]);
    await page.locator('.conn[data-state="live"]').waitFor(WAIT);
    return page;
  }

  /** A guest orders at a table (opening its visit). */
  async guestOrder(tableId: string, items: Array<{ menuItemId: string; quantity: number }>): Promise<KitOrder> {
    const response = await this.hub.request<KitOrder>('POST', '/api/guest/orders', { id: newId(), items }, await this.hub.guestToken(tableId));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  /** The kitchen makes everything and the waiter serves it: nothing is left to serve at the table. */
  async serveAll(order: KitOrder): Promise<void> {
    await this.staff('POST', `/api/orders/${order.id}/transition`, { to: 'accepted' }, 'waiter');
    for (const item of order.items) await this.staff('POST', `/api/kds/items/${item.id}/bump`, {}, 'kitchen');
    await this.staff('POST', `/api/orders/${order.id}/transition`, { to: 'served' }, 'waiter');
  }

  async bill(visitId: string): Promise<BillView> {
    return this.staff<BillView>('GET', `/api/visits/${visitId}/bill`, undefined, 'manager');
  }

  async visitOf(tableId: string): Promise<string | null> {
    const tables = await this.staff<{ tables: Array<{ id: string; visit: { id: string } | null }> }>('GET', '/api/tables', undefined, 'waiter');
    return tables.tables.find((table) => table.id === tableId)?.visit?.id ?? null;
  }

  /** Taps a table on the floor and waits for its panel with the bill read. */
  async openTable(page: Page, tableId: string): Promise<Locator> {
    const panel = page.locator(`.panel[data-panel-table="${tableId}"]`);
    if ((await panel.count()) === 0) await page.locator(`.table-card[data-table-id="${tableId}"]`).click();
    await panel.locator('section.bill[data-bill-status]').waitFor(WAIT);
    return panel;
  }

  async close(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close().catch(() => undefined);
  }
}

/** A screenshot for the docs without the toasts of the steps before it (they fade on their own time). */
export async function saveCleanScreenshot(page: Page, name: string): Promise<string> {
  const style = await page.addStyleTag({ content: '.toasts { visibility: hidden !important; }' });
  try {
    return await saveScreenshot(page, name);
  } finally {
    await style.evaluate((element) => (element as Element).remove());
  }
}

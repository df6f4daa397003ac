/**
 * What the guest page's browser tests share: phones (a browser context each, closed with the kit), the
 * guest link of a table, and reads of the hub's state that wait until it shows what a test expects.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestHub } from '../../hub/test/harness.ts';

export const WAIT = { timeout: 30_000 };
export const PHONE = { width: 390, height: 844 };

export interface StaffOrder {
  id: string;
  visitId: string;
  tableId: string;
  status: string;
  items: Array<{ id: string; menuItemId: string; status: string }>;
}

export interface StaffTable {
  id: string;
  name: string;
  visit: null | { id: string };
  pendingRequests: Array<{ id: string; kind: string }>;
}

export class GuestPhones {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly hub: TestHub,
    private readonly browser: Browser,
    /** A manager's token and a waiter's, for reading orders and tables. */
    private readonly staff: { manager: string; waiter: string },
  ) {}

  /**
   * A new phone-sized browser context (its own storage and service workers). A test that routes the
   * page's requests blocks the service worker: a request the worker lets through can miss the route.
   */
  async newPhone(serviceWorkers: 'allow' | 'block' = 'allow'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ viewport: PHONE, locale: 'en-GB', hasTouch: true, isMobile: true, reducedMotion: 'reduce', serviceWorkers });
    this.contexts.push(context);
    return { context, page: await context.newPage() };
  }

  /**
   * Opens a table's guest link (on a new phone, or a new tab of `context`) and waits for the menu.
   * `baseUrl` reaches the hub another way (a link the test can cut).
   */
  async openGuest(
    tableId: string,
    options: { context?: BrowserContext; baseUrl?: string; serviceWorkers?: 'allow' | 'block' } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const phone = options.context ? { context: options.context, page: await options.context.newPage() } : await this.newPhone(options.serviceWorkers);
    await phone.page.goto(`${options.baseUrl ?? this.hub.baseUrl}/t/${this.hub.tableCode(tableId)}`);
    await phone.page.locator('[data-item-id="lemonade"]').first().waitFor(WAIT);
    return phone;
  }

  async ordersOf(tableId: string): Promise<StaffOrder[]> {
    const response = await this.hub.request<{ orders: StaffOrder[] }>('GET', '/api/orders?status=all', undefined, this.staff.manager);
    expect(response.status).toBe(200);
    return response.body.orders.filter((order) => order.tableId === tableId);
  }

  async tableOf(tableId: string): Promise<StaffTable> {
    const response = await this.hub.request<{ tables: StaffTable[] }>('GET', '/api/tables', undefined, this.staff.waiter);
    expect(response.status).toBe(200);
    return response.body.tables.find((table) => table.id === tableId)!;
  }

  async close(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close().catch(() => undefined);
  }
}

/**
 * Reads the hub until `check` holds: the page acts on its own time (a socket event, an outbox retry),
 * so a test waits for the state, re-reading it, and fails with what it saw last.
 */
export async function waitForApi<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT.timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} never happened; last seen ${JSON.stringify(last)}`);
}

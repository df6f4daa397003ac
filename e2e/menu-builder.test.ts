/**
 * A manager builds a menu in a real browser against a real hub: a category and a dish added, the dish
 * given allergens, a tax rate, modifiers and a photo, the menu reordered by the arrow buttons and by
 * drag, then the dish and the category archived. Every step waits for the hub to agree (the API
 * polled), never for a fixed time.
 */
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot, watchDialogs } from './support/browser.ts';
import { typePin } from './support/admin-pages.ts';

const WAIT = 30_000;
const POLL = { timeout: WAIT, interval: 100 };

interface Item {
  id: string;
  name: string;
  priceMinor: number;
  station: string;
  allergens: string[];
  taxRateBp: number;
  photoUrl: string | null;
  thumbnailUrl: string | null;
  modifierGroups: Array<{ name: string; minChoices: number; maxChoices: number; modifiers: Array<{ name: string; priceMinor: number }> }>;
}
interface Menu {
  categories: Array<{ id: string; name: string; items: Item[] }>;
}

let hub: TestHub;
let browser: Browser;
let manager: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub(), launchBrowser()]);
  manager = await hub.login('1111');
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const staffMenu = async () => (await hub.request<Menu>('GET', '/api/menu?lang=en', undefined, manager)).body;
const category = async (name: string) => (await staffMenu()).categories.find((candidate) => candidate.name === name);
const item = async (name: string) => (await staffMenu()).categories.flatMap((c) => c.items).find((candidate) => candidate.name === name);

/** A tablet; `height` tall enough for the whole menu where a drag must not scroll the page mid-gesture. */
async function signInAsManager(height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${hub.baseUrl}/admin/menu`);
  await typePin(page, '1111');
  await page.locator('.conn[data-state="live"]').waitFor({ timeout: WAIT });
  await page.locator('nav.tabs').getByRole('link', { name: /^Menu/ }).click();
  await page.locator('h1', { hasText: 'Menu' }).waitFor({ timeout: WAIT });
  await page.locator('.menu-row').first().waitFor({ timeout: WAIT });
  return page;
}

describe('the menu builder page', { timeout: 120_000 }, () => {
  it('builds a category and a dish with allergens, tax, modifiers and a photo, then archives them', async () => {
    const page = await signInAsManager();
    const dialogs = watchDialogs(page);

    // A category: empty, so guests do not see it yet.
    await page.locator('input[name="new-category"]').fill('Summer specials');
    await page.getByRole('button', { name: 'Add category' }).click();
    const section = page.locator('section.menu-category', { has: page.locator('h2', { hasText: 'Summer specials' }) });
    await section.locator('.empty-category').waitFor({ timeout: WAIT });
    await expect.poll(async () => (await category('Summer specials'))?.items.length, POLL).toBe(0);

    // A dish in it, at the cold station.
    await section.getByRole('button', { name: '+ Add item to Summer specials' }).click();
    await section.locator('input[name="new-item-name"]').fill('Gazpacho');
    await section.locator('input[name="new-item-price"]').fill('7.50');
    await section.locator('select[name="new-item-station"]').selectOption('cold');
    await section.getByRole('button', { name: 'Add item', exact: true }).click();
    const row = section.locator('.menu-row', { hasText: 'Gazpacho' });
    await row.waitFor({ timeout: WAIT });
    await expect.poll(async () => (await item('Gazpacho'))?.priceMinor, POLL).toBe(750);
    expect((await item('Gazpacho'))?.station).toBe('cold');

    // Every other field in its editor.
    await row.getByRole('button', { name: 'Edit' }).click();
    await row.getByRole('checkbox', { name: 'Celery' }).check();
    await row.getByRole('checkbox', { name: 'Sulphites' }).check();
    await row.locator('input[name="tax"]').fill('10');
    await row.getByRole('button', { name: 'Add modifier group' }).click();
    const group = row.getByTestId('modifier-group');
    await group.locator('input[name="group-name"]').fill('Size');
    await group.locator('input[name="group-min"]').fill('1');
    await group.locator('input[name="group-max"]').fill('1');
    await group.locator('input[name="modifier-name"]').fill('Small');
    await group.getByRole('button', { name: 'Add option' }).click();
    await group.locator('input[name="modifier-name"]').nth(1).fill('Large');
    await group.locator('input[name="modifier-price"]').nth(1).fill('2.50');
    await row.getByRole('button', { name: 'Save', exact: true }).click();
    await row.getByTestId('saved').waitFor({ timeout: WAIT });
    await expect
      .poll(async () => {
        const saved = await item('Gazpacho');
        return saved && { allergens: saved.allergens, taxRateBp: saved.taxRateBp, groups: saved.modifierGroups.map((g) => [g.name, g.minChoices, g.maxChoices, g.modifiers.map((m) => [m.name, m.priceMinor])]) };
      }, POLL)
      .toEqual({ allergens: ['celery', 'sulphites'], taxRateBp: 1000, groups: [['Size', 1, 1, [['Small', 0], ['Large', 250]]]] });

    // A photo, shown at once and kept resized by the hub.
    const png = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 220, g: 60, b: 40 } } }).png().toBuffer();
    await row.locator('input[name="photo"]').setInputFiles({ name: 'gazpacho.png', mimeType: 'image/png', buffer: png });
    await expect.poll(async () => (await item('Gazpacho'))?.photoUrl ?? null, POLL).not.toBeNull();
    await row.locator('img.menu-thumb').waitFor({ timeout: WAIT });
    await page.waitForFunction((selector) => (document.querySelector(selector) as HTMLImageElement | null)?.naturalWidth === 320, '.menu-row img.menu-thumb[src*="-thumb"]', { timeout: WAIT });
    await saveScreenshot(page, 'menu-builder-editor');

    // The dish is on the guest menu with its photo.
    const guest = await hub.guestToken('table-5');
    const guestMenu = (await hub.request<Menu>('GET', '/api/guest/menu', undefined, guest)).body;
    expect(guestMenu.categories.find((c) => c.name === 'Summer specials')?.items[0]).toMatchObject({ name: 'Gazpacho', thumbnailUrl: expect.stringContaining('-thumb') });

    // Archive the dish, after a confirmation in the page.
    await row.getByRole('button', { name: 'Archive…' }).click();
    await row.getByRole('group', { name: 'Confirm archive' }).getByRole('button', { name: 'Archive', exact: true }).click();
    await row.waitFor({ state: 'detached', timeout: WAIT });
    await expect.poll(async () => (await item('Gazpacho')) ?? null, POLL).toBeNull();

    // And the category.
    await section.locator('.category-head').getByRole('button', { name: 'Archive…' }).click();
    await section.getByRole('group', { name: 'Confirm archive' }).getByRole('button', { name: 'Archive', exact: true }).click();
    await section.waitFor({ state: 'detached', timeout: WAIT });
    await expect.poll(async () => (await category('Summer specials')) ?? null, POLL).toBeNull();
    expect(dialogs).toEqual([]);
  });

  it('reorders with the arrow buttons and by drag', async () => {
    const page = await signInAsManager(4000);
    const order = async () => (await staffMenu()).categories.map((c) => c.id);
    const before = await order();
    expect(before.slice(0, 2)).toEqual(['starters', 'mains']);

    // Keyboard-reachable buttons: Mains up, above Starters.
    await page.getByRole('button', { name: 'Move Mains up' }).click();
    await expect.poll(order, POLL).toEqual(['mains', 'starters', ...before.slice(2)]);
    await page.locator('section.menu-category').first().and(page.locator('[data-category-id="mains"]')).waitFor({ timeout: WAIT });

    // An item within its category, by its button.
    const drinks = (await staffMenu()).categories.find((c) => c.id === 'drinks')!.items.map((i) => i.id);
    const second = page.locator(`.menu-row[data-item-id="${drinks[1]}"]`);
    await second.getByRole('button', { name: /^Move .* up$/ }).click();
    const drinkOrder = async () => (await staffMenu()).categories.find((c) => c.id === 'drinks')!.items.map((i) => i.id);
    await expect.poll(drinkOrder, POLL).toEqual([drinks[1], drinks[0], ...drinks.slice(2)]);

    // By drag: the last category onto the first place.
    const current = await order();
    const last = current.at(-1)!;
    await page.locator(`section[data-category-id="${last}"] .category-head h2`).dragTo(page.locator(`section[data-category-id="${current[0]}"] .category-head h2`));
    await expect.poll(order, POLL).toEqual([last, ...current.slice(0, -1)]);
  });
});

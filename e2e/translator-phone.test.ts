/**
 * Issue 14, the translator on a 360 px phone in Russian and on the staff tablet: opening Talk starts no
 * conversation for staff; with speech recognition unavailable there is no hold-to-talk button; the send
 * button stays on screen; the guest's allergy question, which the engine translates only in part,
 * reaches staff marked as partial, with the guest's own words beside it and the nut words highlighted.
 *
 * Real hub, real Chromium. Russian→English Apertium is not installed here, so an in-process engine
 * stands in for it, answering in Apertium's own marked form ("*орехи" for a word it does not know).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextEngine } from '../hub/src/translator/text/index.ts';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot, watchDialogs } from './support/browser.ts';
import type { Browser } from 'playwright-core';

const WAIT = { timeout: 15_000 };
const PHONE = { width: 360, height: 740 };
const TABLE = { id: 'table-7', name: 'Table 7' };
const QUESTION = 'У меня аллергия на орехи. Есть ли орехи в чизкейке?';
const MANAGER_PIN = '1111';

const russianStandIn: TextEngine = {
  id: 'apertium',
  pairs: () => [{ from: 'ru', to: 'en' }],
  translate: async (text) => (text === QUESTION ? 'I am allergic to *орехи *есть *ли *орехи *в *чизкейке.' : text),
};

describe('the translator on a small phone, and a partial translation on the staff tablet', { timeout: 180_000 }, () => {
  let hub: TestHub;
  let browser: Browser;
  let manager: string;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startTestHub({ hubOptions: { translator: { textEngines: [russianStandIn] } } }), launchBrowser()]);
    manager = await hub.login(MANAGER_PIN);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const openConversations = async () => (await hub.request('GET', '/api/translator/conversations', undefined, manager)).body.conversations as unknown[];

  it('fits 360 px in Russian, offers no hold-to-talk without speech, starts nothing until the guest writes, and marks the partial line', async () => {
    const guestContext = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', reducedMotion: 'reduce' });
    const guest = await guestContext.newPage();
    const guestDialogs = watchDialogs(guest);
    await guest.goto(`${hub.baseUrl}/t/${hub.tableCode(TABLE.id)}`);
    await guest.getByTestId('open-translator').click(WAIT);
    await guest.getByTestId('talk-view').waitFor(WAIT);
    // The hub has no speech model: the page says so and offers no button to hold.
    await guest.getByTestId('translator-status').waitFor(WAIT);
    expect(await guest.getByTestId('talk').count()).toBe(0);
    // Simply opening Talk starts no conversation on the staff side.
    expect(await openConversations()).toEqual([]);

    await guest.getByTestId('talk-text').fill(QUESTION);
    const send = guest.getByTestId('talk-send');
    await send.and(guest.locator(':enabled')).waitFor(WAIT);
    await expectWithinWidth(guest, PHONE.width);
    await send.scrollIntoViewIfNeeded(WAIT);
    const box = await send.boundingBox();
    expect(box, 'the send button is laid out').not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    await saveScreenshot(guest, 'translator-phone-ru-360');

    await send.click();
    const ownLine = guest.locator('[data-testid="conversation-line"][data-speaker="guest"][data-partial="true"]');
    await ownLine.waitFor(WAIT);
    await ownLine.getByTestId('line-partial').waitFor(WAIT);
    expect(await openConversations()).toHaveLength(1);
    await expectWithinWidth(guest, PHONE.width);

    // The staff tablet: the line is marked partial, not bold, with the guest's words beside it.
    const staffContext = await browser.newContext({ viewport: { width: 1180, height: 820 } });
    const staff = await staffContext.newPage();
    const staffDialogs = watchDialogs(staff);
    await staff.goto(`${hub.baseUrl}/admin/tables`);
    const pad = staff.locator('.pin-pad');
    await pad.waitFor(WAIT);
    for (const digit of MANAGER_PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await staff.locator('.conn[data-state="live"]').waitFor(WAIT);
    await staff.locator('nav.tabs').getByRole('link', { name: /^Translator/ }).click();
    await staff.getByTestId('conversation-item').filter({ hasText: new RegExp(`^${TABLE.name}(?!\\d)`) }).click(WAIT);
    // Languages go by their own names, never a bare code.
    await staff.getByTestId('conversation-panel').filter({ hasText: 'Guest speaks Русский' }).waitFor(WAIT);

    const line = staff.locator('[data-testid="conversation-line"][data-speaker="guest"]');
    await line.waitFor(WAIT);
    expect(await line.getAttribute('data-partial')).toBe('true');
    await line.getByTestId('line-partial').waitFor(WAIT);
    expect(await line.locator('.line-main').innerText()).toBe('I am allergic to орехи есть ли орехи в чизкейке.');
    expect(await line.getByTestId('line-original').innerText()).toBe(QUESTION);
    const weight = await line.locator('.line-main').evaluate((element) => Number(getComputedStyle(element).fontWeight));
    expect(weight, 'a partial translation is not set in bold').toBeLessThan(500);
    // The nuts are highlighted in the translation and in the guest's own words; the untranslated words are marked.
    expect(await line.locator('.line-main mark[data-allergen="nuts"]').count()).toBe(2);
    expect(await line.locator('[data-testid="line-original"] mark[data-allergen="nuts"]').count()).toBe(2);
    expect(await line.locator('.line-main mark[data-untranslated="true"]').allInnerTexts()).toEqual(['орехи', 'есть', 'ли', 'орехи', 'в', 'чизкейке']);
    const languageOptions = await staff.getByTestId('new-conversation-language').locator('option:not([disabled])').allInnerTexts();
    expect(languageOptions.length).toBeGreaterThan(5);
    for (const name of languageOptions) expect(name, 'a language shown by name').not.toMatch(/^[A-Z]{2,3}$/);
    expect(languageOptions).toContain('Deutsch');
    await saveScreenshot(staff, 'translator-staff-partial');

    expect(guestDialogs).toEqual([]);
    expect(staffDialogs).toEqual([]);
    await guestContext.close();
    await staffContext.close();
  });
});

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function expectWithinWidth(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/**
 * The guest's check-in page in Chromium at phone size against a real hub: it opens from the booking's
 * link, shows the stay, takes the form, a photo of the ID (a PNG the test makes) and a signature drawn
 * with the mouse, refuses to send without consent, and then the front desk's API shows the
 * registration with its photo and signature. An unknown link says so in words.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../hub/src/clock.ts';
import { bookStay, startCheckInHub, type CheckInTestHub } from '../hub/src/hotel/check-in/test-support.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { PHONE, WAIT, waitForApi } from './support/guest-phones.ts';

const DOCS_SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

describe('guest page: online check-in', () => {
  let t: CheckInTestHub;
  let browser: Browser;
  let desk: string;

  beforeAll(async () => {
    t = await startCheckInHub({ clock: new ManualClock(new Date('2026-06-01T12:00:00Z')) });
    browser = await launchBrowser();
    desk = await t.login('4444');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function phone(): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
    return context.newPage();
  }

  /** Draws a wavy stroke across the signature pad with the mouse. */
  async function sign(page: Page): Promise<void> {
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let step = 1; step <= 24; step += 1) {
      const x = box.x + 20 + ((box.width - 40) * step) / 24;
      const y = box.y + box.height * (0.5 + 0.3 * Math.sin(step / 3));
      await page.mouse.move(x, y, { steps: 2 });
    }
    await page.mouse.up();
  }

  it('checks a guest in from their phone: form, ID photo, signature, consent', async () => {
    const { booking, code } = await bookStay(t, desk, { arrival: '2026-06-02', departure: '2026-06-05' });
    const page = await phone();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // The link printed in the booking's QR, reached at the address the test's hub listens on.
    expect(booking.checkInUrl).toBe(`${t.hub.context.publicUrl()}/checkin/${code}`);
    await page.goto(`${t.baseUrl}/checkin/${code}`);
    await page.getByTestId('registration-form').waitFor(WAIT);
    expect(await page.getByTestId('stay').innerText()).toContain('Standard, room assigned at arrival');
    expect(await page.getByTestId('stay-arrival').innerText()).toBe('Tue, 2 June 2026');
    expect(await page.locator('input[name="fullName"]').inputValue()).toBe('Guest A');

    await page.locator('select[name="nationality"]').selectOption('GR');
    await page.locator('input[name="documentNumber"]').fill('AB1234567');
    // Markup typed into the address is text: it is stored and shown as typed, and nothing runs.
    await page.locator('textarea[name="address"]').fill('12 Harbour Road <img src=x onerror=alert(1)>');

    const idPhoto = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#b7c9dc' } })
      .composite([{ input: Buffer.from('<svg width="1200" height="800"><rect x="80" y="120" width="300" height="380" fill="#7a8ea3"/></svg>') }])
      .png()
      .toBuffer();
    await page.getByTestId('id-photo-input').setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: idPhoto });
    await page.getByTestId('id-photo-saved').waitFor(WAIT);
    expect(await page.getByTestId('id-photo-preview').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1200);

    // Without a signature, and then without consent, the page says what is missing.
    await page.getByTestId('submit-registration').click();
    expect(await page.getByTestId('form-error').innerText()).toBe('Please sign in the box before you send the form.');
    await sign(page);
    await page.getByTestId('submit-registration').click();
    expect(await page.getByTestId('form-error').innerText()).toBe('Please tick the box to agree before you send the form.');
    await page.locator('input[name="consent"]').check();

    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Ticking the box answered the message, so it has gone.
    await page.getByTestId('form-error').waitFor({ state: 'detached', ...WAIT });
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = await saveScreenshot(page, 'guest-check-in');
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(shot, `${DOCS_SCREENSHOTS}guest-check-in.png`);

    await page.getByTestId('submit-registration').click();
    await page.getByTestId('check-in-done').waitFor(WAIT);
    expect(await page.getByTestId('check-in-done').innerText()).toContain('See you on Tue, 2 June 2026!');

    const registration = await waitForApi(
      async () => (await t.request('GET', `/api/hotel/bookings/${booking.id}/registration`, undefined, desk)).body,
      (view) => view.registered === true,
      'the registration',
    );
    expect(registration).toMatchObject({
      form: { fullName: 'Guest A', nationality: 'GR', documentType: 'passport', documentNumber: 'AB1234567', address: '12 Harbour Road <img src=x onerror=alert(1)>', arrival: '2026-06-02', departure: '2026-06-05' },
      idPhoto: { onFile: true },
      signature: true,
    });
    const signature = await t.send('GET', `/api/hotel/bookings/${booking.id}/signature`, { token: desk });
    const stats = await sharp(Buffer.from(await signature.arrayBuffer())).stats();
    // Ink on the pad: the alpha channel is not the same everywhere.
    expect(stats.channels[3]!.max).toBeGreaterThan(stats.channels[3]!.min);
    const photo = await sharp(Buffer.from(await (await t.send('GET', `/api/hotel/bookings/${booking.id}/id-photo`, { token: desk })).arrayBuffer())).metadata();
    expect(photo).toMatchObject({ format: 'jpeg', width: 1200, height: 800 });
    expect((await t.request('GET', `/api/hotel/bookings/${booking.id}`, undefined, desk)).body.registered).toBe(true);
    expect(dialogs).toEqual([]);
  });

  it('says so in words when the link is not valid', async () => {
    const page = await phone();
    await page.goto(`${t.baseUrl}/checkin/nosuchcode99`);
    await page.getByTestId('page-error').waitFor(WAIT);
    expect(await page.getByTestId('page-error').innerText()).toBe('This check-in link is not valid: please check it, or ask the front desk for a new one.');
  });
});

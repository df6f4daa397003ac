/**
 * The translator conversation in two real browsers against a real hub with the real speech engine
 * (whisper.cpp on the synthetic tiny model: its words are nonsense, but the recording, upload,
 * recognition and live delivery are all real). Each browser has a fake microphone that plays a sentence
 * spoken by espeak-ng: a Russian guest at their table's page, an English-speaking manager on the staff
 * Translator page. Each holds their talk button, lets go, and both pages end up with both lines; a phrase
 * the staff taps reaches the guest in Russian from the phrasebook.
 *
 * Every step waits for a state the pages show (a button's data-state, its clock, a line with an id),
 * never for a fixed time; recognition gets two minutes, as a busy 2-core box can queue it behind others.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page, Request, Route } from 'playwright-core';
import { decodeWavSamples, readWavHeader } from '@onemoment/speech/audio/wav';
import { writeSyntheticModel } from '@onemoment/speech/whisper/synthetic-model';
import { phraseText } from '../hub/src/translator/phrasebook/phrasebook.ts';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { rmsDbfs, speakToWav } from '../speech/test/support/audio.ts';
import { fakeMicrophoneArgs, launchBrowser, saveScreenshot, watchDialogs } from './support/browser.ts';

const WAIT = { timeout: 15_000 };
/**
 * From pressing the button to the hub's answer: the take, upload, queue, recognition, translation. The
 * hub stops a recognition itself after 60 s of work (504), so the wait is longer than that: when the hub
 * gives up, its answer says why. The first take also starts the recogniser; on a loaded 2-core box with
 * another speech test running beside this one it took 71 s.
 */
const RECOGNITION = { timeout: 120_000 };
const GUEST_SENTENCE = 'Добрый вечер, можно нам меню и два стакана воды?';
const STAFF_SENTENCE = 'Of course, I will bring the menu and two glasses of water right away.';
const TABLE = { id: 'table-3', name: 'Table 3' };
const PHRASE_ID = 'one-moment';
const MANAGER_PIN = '1111';

interface SpokenTake {
  /** Milliseconds from pressing the button to letting it go, from letting go to the hub's answer to the
   *  upload, and from letting go to the line on screen. */
  heldMs: number;
  releaseToAnswerMs: number;
  releaseToLineMs: number;
  lineId: string;
}

describe('translator conversation between a guest and staff', { timeout: 360_000 }, () => {
  let hub: TestHub;
  let guestBrowser: Browser;
  let staffBrowser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-translator-e2e-'));
  const audioDir = mkdtempSync(join(tmpdir(), 'onemoment-fake-mic-'));

  beforeAll(async () => {
    // One installed model is the active one; it must be there before the hub starts.
    mkdirSync(join(dataDir, 'models'));
    writeSyntheticModel(join(dataDir, 'models'));
    // espeak-ng writes mono 16-bit PCM, which Chromium's fake capture device plays (looped).
    const guestWav = join(audioDir, 'guest.wav');
    const staffWav = join(audioDir, 'staff.wav');
    writeFileSync(guestWav, speakToWav(GUEST_SENTENCE, { voice: 'ru' }));
    writeFileSync(staffWav, speakToWav(STAFF_SENTENCE, { voice: 'en' }));
    [hub, guestBrowser, staffBrowser] = await Promise.all([
      startTestHub({ dataDir }),
      launchBrowser(fakeMicrophoneArgs(guestWav)),
      launchBrowser(fakeMicrophoneArgs(staffWav)),
    ]);
  });

  afterAll(async () => {
    await guestBrowser?.close();
    await staffBrowser?.close();
    await hub?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(audioDir, { recursive: true, force: true });
  });

  it('each side holds to talk, both pages show both lines live, and a tapped phrase reaches the guest in Russian', async () => {
    // The guest, in a Russian phone browser, opens "Talk to staff" from their table's page.
    // No service worker: speak() reads each upload through a route, which a worker's fetch can slip past.
    const guestContext = await guestBrowser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ru-RU', reducedMotion: 'reduce', serviceWorkers: 'block' });
    const guest = await guestContext.newPage();
    const guestDialogs = watchDialogs(guest);
    await guest.goto(`${hub.baseUrl}/t/${hub.tableCode(TABLE.id)}`);
    await guest.getByTestId('open-translator').click(WAIT);
    await guest.getByTestId('talk-view').waitFor(WAIT);
    const guestTalk = guest.locator('[data-testid="talk"]:enabled');
    await guestTalk.waitFor(WAIT); // on once the hub says speech is ready and the conversation is open

    const guestTake = await speak(guest, guestTalk, 'guest');
    const guestLineOnGuestPage = lineById(guest, guestTake.lineId);
    expect(await guestLineOnGuestPage.getAttribute('data-speaker')).toBe('guest');
    expect(await mainText(guestLineOnGuestPage)).not.toBe('');

    // A manager signs in on the tablet and opens the Translator page.
    const staffContext = await staffBrowser.newContext({ viewport: { width: 1180, height: 820 } });
    const staff = await staffContext.newPage();
    const staffDialogs = watchDialogs(staff);
    await staff.goto(`${hub.baseUrl}/admin/tables`);
    const pad = staff.locator('.pin-pad');
    await pad.waitFor(WAIT);
    for (const digit of MANAGER_PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await staff.locator('.conn[data-state="live"]').waitFor(WAIT);
    await staff.locator('nav.tabs').getByRole('link', { name: /^Translator/ }).click();
    await staff.locator('h1', { hasText: 'Translator' }).waitFor(WAIT);

    // The hub's status has arrived (the model card shows it) and it is not a "no model" warning.
    await staff.getByTestId('model-synthetic-tiny').filter({ hasText: 'Active' }).waitFor(WAIT);
    expect(await staff.getByTestId('translator-status').count()).toBe(0);

    // The table's conversation, with the guest's line already in it.
    await staff.getByTestId('conversation-item').filter({ hasText: new RegExp(`^${TABLE.name}(?!\\d)`) }).click(WAIT);
    await staff.getByTestId('conversation-panel').waitFor(WAIT);
    const guestLineOnStaffPage = lineById(staff, guestTake.lineId);
    await guestLineOnStaffPage.waitFor(WAIT);
    expect(await guestLineOnStaffPage.getAttribute('data-speaker')).toBe('guest');
    expect(await mainText(guestLineOnStaffPage)).not.toBe('');

    const staffTalk = staff.locator('[data-testid="talk-staff"]:enabled');
    await staffTalk.waitFor(WAIT);
    await staff.getByTestId(`phrase-${PHRASE_ID}`).waitFor(WAIT); // the panel is complete: nothing moves the button now
    const staffTake = await speak(staff, staffTalk, 'staff');

    // Both pages show both lines: the staff's spoken line reaches the guest over the socket.
    const staffLineOnGuestPage = lineById(guest, staffTake.lineId);
    const reachedGuestAt = Date.now();
    await staffLineOnGuestPage.waitFor(WAIT);
    const staffLineToGuestMs = Date.now() - reachedGuestAt;
    for (const [page, line, speaker] of [
      [guest, guestLineOnGuestPage, 'guest'],
      [guest, staffLineOnGuestPage, 'staff'],
      [staff, guestLineOnStaffPage, 'guest'],
      [staff, lineById(staff, staffTake.lineId), 'staff'],
    ] as const) {
      await line.waitFor(WAIT);
      expect(await line.getAttribute('data-speaker')).toBe(speaker);
      expect((await mainText(line)).length, `${speaker} line on the ${page === guest ? 'guest' : 'staff'} page`).toBeGreaterThan(0);
    }
    for (const page of [guest, staff]) {
      expect(await page.locator('[data-testid="conversation-line"][data-speaker="guest"]').count()).toBe(1);
      expect(await page.locator('[data-testid="conversation-line"][data-speaker="staff"]').count()).toBe(1);
    }

    // A phrase the staff taps arrives in the guest's language, word for word from the phrasebook.
    const russian = phraseText(PHRASE_ID, 'ru');
    expect(russian).toBeTruthy();
    await staff.getByTestId(`phrase-${PHRASE_ID}`).click(WAIT);
    const phraseOnGuestPage = guest.locator('[data-testid="conversation-line"][data-speaker="staff"]').filter({ hasText: russian! });
    await phraseOnGuestPage.waitFor(WAIT);
    expect(await mainText(phraseOnGuestPage)).toBe(russian);
    await expect.poll(() => staff.locator('[data-testid="conversation-line"][data-speaker="staff"]').count(), { ...WAIT, interval: 100 }).toBe(2);

    await saveScreenshot(guest, 'translator-guest');
    await saveScreenshot(staff, 'translator-staff');
    expect(guestDialogs).toEqual([]);
    expect(staffDialogs).toEqual([]);

    console.info(
      `translator e2e: guest held ${guestTake.heldMs} ms, answer ${guestTake.releaseToAnswerMs} ms and line visible ${guestTake.releaseToLineMs} ms after release; ` +
        `staff held ${staffTake.heldMs} ms, answer ${staffTake.releaseToAnswerMs} ms and line visible ${staffTake.releaseToLineMs} ms after release ` +
        `(on the guest page ${staffLineToGuestMs} ms later)`,
    );
    await guestContext.close();
    await staffContext.close();
  });
});

/**
 * Presses a hold-to-talk button with the mouse, keeps it held while the person speaks (about two seconds,
 * read off the button's own clock, which counts the audio the recorder receives), lets go, and waits for
 * the hub's line for that recording to appear on the same page. Checks on the way that what was uploaded
 * is the 16 kHz WAV the recorder makes, with about two seconds of sound in it: the fake microphone played.
 */
async function speak(page: Page, button: Locator, speaker: 'guest' | 'staff'): Promise<SpokenTake> {
  // Passed on untouched, but routed: only then does Chromium hand over a Blob upload's bytes to read.
  const isSpeechUpload = (url: URL) => /^\/api\/translator\/conversations\/[^/]+\/speech$/.test(url.pathname);
  const passOn = (route: Route) => route.continue();
  await page.route(isSpeechUpload, passOn);
  const answered = page.waitForResponse((response) => response.request().method() === 'POST' && isSpeechUpload(new URL(response.url())), RECOGNITION);
  answered.catch(() => undefined); // awaited below; a failure before the release must not also report this

  // hover() scrolls the button into view, waits until it is still and nothing covers it, and leaves the
  // mouse on its centre: the press lands on the button even if lines were arriving just before.
  await button.hover(WAIT);
  const pressedAt = Date.now();
  await page.mouse.down();
  await button.and(page.locator('[data-state="recording"]')).waitFor(WAIT);
  await button.filter({ hasText: /\b0:0[2-9]\b/ }).waitFor(WAIT);
  await page.mouse.up();
  const releasedAt = Date.now();

  const response = await answered;
  const answeredAt = Date.now();
  await page.unroute(isSpeechUpload, passOn);
  checkRecording(response.request(), speaker);
  expect(response.status(), `${speaker}'s speech upload: ${await response.text()}`).toBe(201);
  const line = (await response.json()) as { id: string; speaker: string; text: string };
  expect(line.speaker).toBe(speaker);
  expect(line.text.trim()).not.toBe('');

  await lineById(page, line.id).waitFor(WAIT); // the page has the same answer, and the socket's event
  return { heldMs: releasedAt - pressedAt, releaseToAnswerMs: answeredAt - releasedAt, releaseToLineMs: Date.now() - releasedAt, lineId: line.id };
}

function checkRecording(request: Request, speaker: string): void {
  expect(request.headers()['content-type']).toBe('audio/wav');
  const body = request.postDataBuffer();
  expect(body, `${speaker}'s upload has a body`).not.toBeNull();
  const header = readWavHeader(body!);
  expect(header.sampleRate).toBe(16_000);
  expect(header.channels).toBe(1);
  const [samples] = decodeWavSamples(body!, header);
  expect(samples!.length / header.sampleRate, `${speaker}'s recording length (s)`).toBeGreaterThan(1.8);
  expect(rmsDbfs(samples!), `${speaker}'s recording level (dBFS)`).toBeGreaterThan(-40);
}

function lineById(page: Page, lineId: string): Locator {
  return page.locator(`[data-testid="conversation-line"][data-line-id="${lineId}"]`);
}

/** The line's main text: what the reader of that page reads (their own words, or the translation). */
async function mainText(line: Locator): Promise<string> {
  return ((await line.locator('.talk-line__main, .line-main').first().textContent()) ?? '').trim();
}

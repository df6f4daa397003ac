/**
 * A manager with no terminal installs a speech model: on the staff app's Translator page, with no model
 * on the hub, they press "Download the … model", watch the bar and its MB count while the hub fetches it
 * from a fake model server (a real HTTP server that holds the file half-way until the test lets it
 * go), and see the model become the active one, without reloading the page or restarting the hub.
 *
 * Every step waits for something the page shows (a data-state, a text), never for a fixed time.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { catalogEntry, headerOnlyModel, startFakeModelServer, type FakeModelServer } from '../hub/test/support/fake-model-server.ts';
import { launchBrowser, saveScreenshot, watchDialogs } from './support/browser.ts';

const WAIT = { timeout: 30_000 };
const MANAGER_PIN = '1111';
const MODEL = headerOnlyModel(3 * 1024 * 1024 + 17);
const HELD_AT = 1024 * 1024;

describe('the manager downloads a speech model from the Translator page', { timeout: 120_000 }, () => {
  let hub: TestHub;
  let server: FakeModelServer;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-model-download-e2e-'));

  beforeAll(async () => {
    server = await startFakeModelServer({ 'ggml-e2e-small.bin': MODEL });
    [hub, browser] = await Promise.all([
      startTestHub({ dataDir, env: { MODELS_BASE_URL: server.baseUrl }, hubOptions: { translator: { modelCatalog: [catalogEntry('e2e-small', MODEL)] } } }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('presses Download, sees the progress, and the model becomes the active one', async () => {
    const context = await browser.newContext({ viewport: { width: 1180, height: 820 } });
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(`${hub.baseUrl}/admin/translator`);
    const pad = page.locator('.pin-pad');
    await pad.waitFor(WAIT);
    for (const digit of MANAGER_PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('h1', { hasText: 'Translator' }).waitFor(WAIT);

    const card = page.getByTestId('speech-model');
    const download = card.getByTestId('download-suggested');
    await download.waitFor(WAIT);
    expect(await download.textContent()).toBe('Download the e2e-small model (3.0 MB)');
    expect(await card.textContent()).not.toContain('npm');

    server.holdAfter = HELD_AT;
    await download.click();
    // The hub has the first megabyte and waits for the rest: the bar and the count say so, with Cancel.
    const row = card.locator('[data-testid="download-e2e-small"][data-state="downloading"]');
    await row.getByTestId('download-progress').filter({ hasText: /^1\.0 MB of 3\.0 MB$/ }).waitFor(WAIT);
    expect(await row.locator('progress').getAttribute('value')).toBe('33');
    await row.getByRole('button', { name: 'Cancel' }).waitFor(WAIT);
    await saveScreenshot(page, 'admin-model-download');

    server.release();
    // Done: the model is listed and active, the download row is gone, and the page was never reloaded.
    await card.getByTestId('model-e2e-small').filter({ hasText: 'Active' }).waitFor(WAIT);
    await row.waitFor({ state: 'detached', ...WAIT });
    expect(await card.getByTestId('download-suggested').count()).toBe(0);
    expect(readdirSync(join(dataDir, 'models'))).toEqual(['ggml-e2e-small.bin']);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});

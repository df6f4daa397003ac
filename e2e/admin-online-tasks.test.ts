/**
 * What the hub still owes the internet, on a real hub in real Chromium: the header says how many
 * online tasks wait and how old the oldest is; the Online tasks page lists a task that waits (its
 * vendor's module is not running) and one a vendor refused, in plain words; a manager retries the
 * refused one and cancels the waiting one with a reason. Every step waits for a state.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { OutboxJobView } from '@onemoment/shared/schemas/outbox';
import type { Clock } from '../hub/src/clock.ts';
import { VendorError, type VendorAdapter } from '../hub/src/outbox/vendor-adapter.ts';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser } from './support/browser.ts';
import { AdminKit, WAIT, saveCleanScreenshot, waitForApi } from './support/admin-kit.ts';

const MINUTE = 60_000;

/** The system clock, which a test may set back to make a job that has waited a while. */
const clock: Clock & { offsetMs: number } = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

/** A booking service that knows no such room: every send is refused, so the job waits for a person. */
const refusingBookings: VendorAdapter<{ room: string; guest: string }, never> = {
  vendor: 'test-bookings',
  label: 'Test bookings',
  budget: () => ({ windows: [{ limit: 10, intervalMs: 1_000 }], concurrency: 1 }),
  resendSafety: 'read_only',
  describe: (job) => `Book room ${job.payload.room} for ${job.payload.guest}`,
  send: async () => {
    throw new VendorError('permanent', 'Room 12 does not exist at this property', { status: 404 });
  },
  record: () => undefined,
};

let hub: TestHub;
let browser: Browser;
let kit: AdminKit;

beforeAll(async () => {
  [hub, browser] = await Promise.all([startTestHub({ clock }), launchBrowser()]);
  kit = new AdminKit(hub, browser);
  hub.hub.context.outbox.register(refusingBookings);
});
afterEach(async () => {
  await kit.close();
});
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

async function enqueue(vendor: string, kind: string, key: string, payload: unknown, ageMs = 0): Promise<string> {
  clock.offsetMs = -ageMs;
  try {
    const { id } = await hub.hub.context.commands.run((tx) => hub.hub.context.outbox.enqueue(tx, { vendor, kind, idempotencyKey: key, payload }));
    return id;
  } finally {
    clock.offsetMs = 0;
  }
}

async function job(id: string): Promise<OutboxJobView> {
  return kit.staff<OutboxJobView>('GET', `/api/outbox/jobs/${id}`, undefined, 'manager');
}

describe('online tasks', { timeout: 120_000 }, () => {
  it('shows the waiting task’s age in the header; lists tasks in plain words; retries one and cancels one with a reason', async () => {
    // Made 12 minutes ago for a vendor whose module does not run here: it waits.
    const waitingId = await enqueue('test-airalo', 'order', 'esim-7', { plan: '10 GB' }, 12 * MINUTE);
    const refusedId = await enqueue('test-bookings', 'reservation', 'stay-12', { room: '12', guest: 'booking 7' });
    await waitForApi(() => job(refusedId), (view) => view.state === 'needs_person', 'the booking waiting for a person');

    const page = await kit.signIn('manager');
    const header = page.locator('header.topbar .internet-owed');
    const tasksLine = header.locator('[data-owed="tasks"]');
    await tasksLine.filter({ hasText: /^Online tasks: 1 waiting, oldest 1[2-9] min · 1 needs a person$/ }).waitFor(WAIT);
    // The tab says a task waits for a person.
    await page.locator('nav.tabs').getByRole('link', { name: /^Online tasks/ }).locator('.badge', { hasText: '1' }).waitFor(WAIT);

    // The header's line opens the page.
    await tasksLine.click();
    await page.locator('h1', { hasText: 'Online tasks' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/admin/online-tasks');

    const refused = page.locator(`.task[data-job-id="${refusedId}"][data-state="needs_person"]`);
    await refused.waitFor(WAIT);
    expect(await refused.locator('.task-vendor').textContent()).toBe('Test bookings');
    await refused.getByText('Book room 12 for booking 7').waitFor(WAIT);
    await refused.locator('.task-problem', { hasText: 'The service does not know what this task asks for' }).filter({ hasText: 'Room 12 does not exist at this property' }).waitFor(WAIT);

    const waiting = page.locator(`.task[data-job-id="${waitingId}"][data-state="waiting"]`);
    await waiting.waitFor(WAIT);
    await waiting.getByTestId('task-age').filter({ hasText: /^waiting 1[2-9] min$/ }).waitFor(WAIT);
    await waiting.getByText('waits until its module runs on this hub').waitFor(WAIT);
    await saveCleanScreenshot(page, 'admin-online-tasks');

    // Retry the refused booking now: it is sent again (and refused again).
    const attemptsBefore = (await job(refusedId)).attempts;
    await refused.getByRole('button', { name: 'Retry now' }).click();
    await page.locator('.toast', { hasText: 'Test bookings: trying again now' }).waitFor(WAIT);
    await waitForApi(() => job(refusedId), (view) => view.state === 'needs_person' && view.attempts >= 1 && view.lastError !== null, 'the booking tried again');
    expect(attemptsBefore).toBeGreaterThanOrEqual(1);

    // Cancel the waiting order with a reason.
    await waiting.getByRole('button', { name: 'Cancel…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this online task' });
    const confirm = dialog.getByRole('button', { name: 'Cancel the task' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator('input[name="reason"]').fill('The guest bought the eSIM at the airport');
    await confirm.click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT.timeout });
    await waiting.waitFor({ state: 'detached', timeout: WAIT.timeout });
    expect(await job(waitingId)).toMatchObject({ state: 'cancelled', cancelReason: 'The guest bought the eSIM at the airport' });

    // Nothing waits any more; the header says only what needs a person.
    await tasksLine.filter({ hasText: /^Online tasks: 1 needs a person$/ }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Finished' }).click();
    await page.locator(`.task[data-job-id="${waitingId}"][data-state="cancelled"]`).getByText('Cancelled: The guest bought the eSIM at the airport').waitFor(WAIT);
  });

  it('tells a waiter too (without links), and goes quiet once nothing is owed', async () => {
    const refusedId = await enqueue('test-bookings', 'reservation', 'stay-14', { room: '14', guest: 'booking 9' });
    await waitForApi(() => job(refusedId), (view) => view.state === 'needs_person', 'the second booking waiting for a person');
    const waiter = await kit.signIn('waiter');
    const line = waiter.locator('header.topbar .internet-owed [data-owed="tasks"]');
    await line.filter({ hasText: /needs? a person$/ }).waitFor(WAIT);
    expect(await line.evaluate((element) => element.tagName)).toBe('SPAN');

    const { jobs } = await kit.staff<{ jobs: OutboxJobView[] }>('GET', '/api/outbox/jobs?state=needs_person', undefined, 'manager');
    for (const view of jobs) await kit.staff('POST', `/api/outbox/jobs/${view.id}/cancel`, { reason: 'Sorted out by phone' }, 'manager');
    await waiter.locator('header.topbar .internet-owed').waitFor({ state: 'detached', timeout: WAIT.timeout });
  });
});

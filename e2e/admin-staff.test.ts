/**
 * The Staff page in a real browser against a real hub: a manager renames a person, changes their role
 * (their open screens are checked again at once), and switches someone off only after confirming.
 * Each step waits for the row's data attributes and for the hub's list to agree.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { typePin } from './support/admin-pages.ts';

const WAIT = 30_000;
const POLL = { timeout: WAIT, interval: 100 };

interface Member {
  id: string;
  name: string;
  role: string;
  active: boolean;
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

async function staffPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 820 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${hub.baseUrl}/admin/staff`);
  await typePin(page, '1111');
  await page.locator('h1', { hasText: 'Staff' }).waitFor({ timeout: WAIT });
  await page.locator('.staff-row').first().waitFor({ timeout: WAIT });
  return page;
}

async function add(name: string, role: string, pin: string): Promise<Member> {
  const response = await hub.request<Member>('POST', '/api/staff', { name, role, pin }, manager);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function member(id: string): Promise<Member | undefined> {
  const list = await hub.request<{ staff: Member[] }>('GET', '/api/staff', undefined, manager);
  return list.body.staff.find((m) => m.id === id);
}

describe('the Staff page', { timeout: 90_000 }, () => {
  it('renames a person and changes their role', async () => {
    const person = await add('Jon', 'waiter', '50607080');
    const page = await staffPage();
    const row = page.locator(`.staff-row[data-staff-id="${person.id}"]`);
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = row.getByRole('form', { name: 'Edit Jon' });
    await form.locator('input[name="name"]').fill('Jonathan Ó Briain');
    await form.locator('select[name="role"]').selectOption('front_desk');
    await form.getByRole('button', { name: 'Save' }).click();

    await page.locator(`.staff-row[data-staff-id="${person.id}"][data-role="front_desk"]`, { hasText: 'Jonathan Ó Briain' }).waitFor({ timeout: WAIT });
    await expect.poll(() => member(person.id), POLL).toEqual({ id: person.id, name: 'Jonathan Ó Briain', role: 'front_desk', active: true });
    // Their PIN now logs in with the new role and name.
    const login = await hub.request('POST', '/api/staff/login', { pin: '50607080' });
    expect(login.body).toMatchObject({ role: 'front_desk', name: 'Jonathan Ó Briain' });
  });

  it('lets managers rename themselves (the header follows) but not change their own role', async () => {
    const page = await staffPage();
    const self = page.locator('.staff-row[data-staff-id="staff-manager"]');
    await self.getByRole('button', { name: 'Edit' }).click();
    const role = self.locator('select[name="role"]');
    await role.waitFor({ timeout: WAIT });
    expect(await role.isDisabled()).toBe(true);
    // A save with nothing changed is not even offered.
    expect(await self.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    await self.locator('input[name="name"]').fill('Maria');
    await self.getByRole('button', { name: 'Save' }).click();
    await page.locator('header.topbar .who-name', { hasText: 'Maria' }).waitFor({ timeout: WAIT });
    await expect.poll(async () => (await member('staff-manager'))?.name, POLL).toBe('Maria');
  });

  it('asks before switching someone off, and keeps them on when told to', async () => {
    const person = await add('Kai', 'kitchen', '91929394');
    const page = await staffPage();
    const row = page.locator(`.staff-row[data-staff-id="${person.id}"]`);
    await row.getByRole('button', { name: 'Deactivate…' }).click();
    const confirm = row.getByRole('group', { name: 'Deactivate Kai' });
    await confirm.waitFor({ timeout: WAIT });
    await saveScreenshot(page, 'admin-staff-confirm');

    await confirm.getByRole('button', { name: 'Keep active' }).click();
    await confirm.waitFor({ state: 'detached', timeout: WAIT });
    expect((await member(person.id))?.active).toBe(true);

    await row.getByRole('button', { name: 'Deactivate…' }).click();
    await confirm.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.locator(`.staff-row[data-staff-id="${person.id}"][data-active="false"]`).waitFor({ timeout: WAIT });
    await expect.poll(async () => (await member(person.id))?.active, POLL).toBe(false);

    // Switching back on needs no confirmation: nothing is lost by it.
    await row.getByRole('button', { name: 'Activate' }).click();
    await page.locator(`.staff-row[data-staff-id="${person.id}"][data-active="true"]`).waitFor({ timeout: WAIT });
  });

  it("shows the hub's refusal on the row: a PIN someone else uses", async () => {
    const person = await add('Lee', 'waiter', '73737373');
    const page = await staffPage();
    const row = page.locator(`.staff-row[data-staff-id="${person.id}"]`);
    await row.getByRole('button', { name: 'Change PIN' }).click();
    await row.getByLabel('New PIN for Lee').fill('2222');
    await row.getByRole('button', { name: 'Save PIN' }).click();
    await row.getByRole('alert').filter({ hasText: 'already used' }).waitFor({ timeout: WAIT });
  });
});

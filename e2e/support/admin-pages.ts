/** What the admin page's browser tests share: signing in on the PIN pad as a person would. */
import type { Page } from 'playwright-core';

const WAIT = { timeout: 30_000 };

/** Types a PIN on the sign-in pad and taps "Sign in" (the page must be showing the pad, or about to). */
export async function typePin(page: Page, pin: string): Promise<void> {
  const pad = page.locator('.pin-pad');
  await pad.waitFor(WAIT);
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
}

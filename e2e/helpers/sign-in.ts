import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../src/test/app.js';
import type { Kompas } from './kompas.js';

/** The last 30-second step used per secret in this test process. */
const lastStep = new Map<string, number>();

/**
 * A code for a step not used yet with this secret: the server accepts each step once, with one
 * step of drift, so a second sign-in within the same half minute takes the next step's code (and
 * a third waits for it).
 */
async function freshCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (lastStep.get(secret) ?? -1) + 1);
  if (step > now + 1) await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 500));
  lastStep.set(secret, step);
  return generate({ secret, epoch: step * 30 });
}

/**
 * Signs in through the Dutch sign-in screens, password then the authenticator code, as every
 * account with a role of MFA_ROLES must (the chief, a head of service, the officer…).
 */
export async function signInWithCode(k: Kompas, page: Page, user: { email: string }, secret: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${k.base}/sign-in`);
  await page.evaluate(() => localStorage.setItem('kompas_locale', 'nl'));
  await page.reload();
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(/\/sign-in\/totp(\?|$)/); // the code step, not the set-up
  await page.getByLabel('Code van zes cijfers').fill(await freshCode(secret));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

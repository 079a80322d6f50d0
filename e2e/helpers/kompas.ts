import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import { createTestApp, sessionFor, type Session, type TestApp } from '../../src/test/app.js';
import type { Locale } from '../../src/shared/roles.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';

export interface Kompas extends TestApp {
  base: string;
}

/**
 * The real server (all modules, built web app) on a fresh database, listening on a free local port
 * (with `smtp`: mail goes to a test SMTP server; with `today`: the services read the day from this
 * clock, which the test moves, see Deps.today).
 */
export async function startKompas(opts: { smtp?: boolean; today?: () => string } = {}): Promise<Kompas> {
  const t = await createTestApp(opts);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, base: `http://127.0.0.1:${port}` };
}

export interface Browsing {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** One Chromium per test file, one context (axe needs a page from browser.newContext()). */
export async function openBrowser(opts: { viewport?: { width: number; height: number } } = {}): Promise<Browsing> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: 'nl-BE' });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}

/** Signs a user in by cookie (the sign-in screens have their own test), with the second factor done. */
export async function signInByCookie(k: Kompas, context: BrowserContext, userId: string, opts: { mfa?: boolean } = {}): Promise<void> {
  const s = await sessionFor(k, userId, { mfa: opts.mfa ?? true });
  await context.clearCookies();
  await context.addCookies([{ name: 'kompas_session', value: s.cookies.kompas_session, url: k.base, httpOnly: true, sameSite: 'Lax' }]);
}

/**
 * Signs the browser in with a session made by the tests, e.g. `unlockedSessionFor`'s (the key for
 * encrypted records unlocked, as after a sign-in with the password: sealed pages open without the
 * unlock dialog). Make one per user and reuse it: unlocking is throttled.
 */
export async function signInWithSession(k: Kompas, context: BrowserContext, s: Session): Promise<void> {
  await context.clearCookies();
  await context.addCookies([{ name: 'kompas_session', value: s.cookies.kompas_session, url: k.base, httpOnly: true, sameSite: 'Lax' }]);
}

/** A visitor without cookies (a context of its own), in Dutch; close its context when done. */
export async function visitor(b: Browsing): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.browser.newContext({ locale: 'nl-BE', viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

/** The UI language for the next page loads (what the language menu stores). */
export async function useLanguage(page: Page, locale: Locale): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('kompas_locale', l), locale);
}

/**
 * Waits until the page shows its heading and no loading indicator (every page shows one while
 * its data comes in), without waiting for the network to stay idle, which costs half a second.
 */
export async function settled(page: Page, opts: { networkIdle?: boolean } = {}): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (opts.networkIdle) await page.waitForLoadState('networkidle');
  // Until none is left: sections of a page load side by side (first() is whichever still shows).
  await page.getByText(/Loading…|Bezig met laden…|Chargement…|Wird geladen…/).first().waitFor({ state: 'detached' });
}

export async function axeViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}
/** axe finds nothing on the page (`what` names it in the failure). */
export async function expectAxeClean(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

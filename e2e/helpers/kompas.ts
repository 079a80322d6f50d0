import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import { createTestApp, ownerQuery, sessionFor, type Session, type TestApp } from '../../src/test/app.js';
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

/**
 * Opens a select's list. A select whose options come from a read (members, a plan's tree, …) does
 * not open while it has none, so a click before the read lands does nothing: click again until open.
 */
export async function openSelect(page: Page, trigger: Locator): Promise<void> {
  const open = trigger.and(page.locator('[aria-expanded="true"]'));
  for (let attempt = 1; ; attempt++) {
    if ((await open.count()) === 0) await trigger.click();
    try {
      await open.waitFor({ timeout: 2_000 });
      return;
    } catch (e) {
      if (attempt === 8) throw e;
    }
  }
}

/** Picks an option of a select, once its list is open (see openSelect). */
export async function chooseOption(page: Page, trigger: Locator, option: string | RegExp): Promise<void> {
  await openSelect(page, trigger);
  await page.getByRole('option', { name: option }).click();
}

/** A page of the signed-in person in a language (the one the language menu stores; Dutch unless said), settled. */
export async function openPage(k: Kompas, page: Page, url: string, locale: Locale = 'nl'): Promise<void> {
  await page.goto(`${k.base}/`);
  await useLanguage(page, locale);
  await page.goto(`${k.base}${url}`);
  await settled(page);
}

/** Gives test users their names, in their account and in the organisation's member list (the pages show the latter). */
export async function nameUsers(k: Kompas, names: readonly (readonly [{ id: string }, string])[]): Promise<void> {
  for (const [u, name] of names) {
    await ownerQuery(k, 'UPDATE app_user SET display_name = $2 WHERE id = $1', [u.id, name]);
    await ownerQuery(k, 'UPDATE organisation_member SET display_name = $2 WHERE user_id = $1', [u.id, name]);
  }
}

/**
 * A draft policy plan for this year and the next three with a strategic objective 'SD 1' and, when
 * `od` is given, an operational objective 'OD 1.1' under it (where a finding's plan entry goes).
 */
export async function draftPlan(s: Session, orgId: string, texts: { title: string; sd: string; od?: string }): Promise<{ planId: string; sdId: string; odId?: string }> {
  const year = new Date().getFullYear();
  const plans = `/api/orgs/${orgId}/plans`;
  const created = await s.post(plans, { title: texts.title, periodFrom: year, periodTo: year + 3 });
  expect(created.statusCode, created.body).toBe(201);
  const planId = created.json().plan.id as string;
  const sd = await s.post(`${plans}/${planId}/objectives`, { code: 'SD 1', title: texts.sd });
  expect(sd.statusCode, sd.body).toBe(201);
  const sdId = sd.json().id as string;
  if (!texts.od) return { planId, sdId };
  const od = await s.post(`${plans}/${planId}/objectives`, { parentId: sdId, code: 'OD 1.1', title: texts.od });
  expect(od.statusCode, od.body).toBe(201);
  return { planId, sdId, odId: od.json().id as string };
}

export async function axeViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}
/** axe finds nothing on the page (`what` names it in the failure). */
export async function expectAxeClean(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

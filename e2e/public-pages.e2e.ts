import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { createOrganisation, ownerQuery } from '../src/test/app.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './helpers/browser.js';
import { axeViolations, settled, startKompas, type Kompas } from './helpers/kompas.js';

/**
 * The public landing page /p/<code> (decision 0013): no sign-in, no cookie, no request to any
 * other origin or to /api/auth, strict CSP without violations, in the visitor's language.
 */
let k: Kompas;
let browser: Browser;
const CODE = `PZ${process.pid}`;

beforeAll(async () => {
  [k, browser] = await Promise.all([startKompas(), chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })]);
  const orgId = await createOrganisation(k, { code: CODE });
  await ownerQuery(k, `UPDATE organisation SET names = $2, settings = settings || $3::jsonb WHERE id = $1`, [
    orgId,
    JSON.stringify({ nl: 'Politiezone Kempen', fr: 'Zone de police Kempen' }),
    JSON.stringify({ publicContactText: { nl: 'Onthaal: 014 00 00 00, elke dag van 8 tot 20 uur.', fr: 'Accueil : 014 00 00 00, tous les jours de 8 à 20 heures.' } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await k?.close();
});

interface Visit {
  context: BrowserContext;
  page: Page;
  requests: Request[];
  cspViolations: string[];
}

/** A fresh browser profile (no cookies) in one language, recording every request and CSP violation. */
async function visit(locale: string, path: string): Promise<Visit> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests: Request[] = [];
  const cspViolations: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  // Where a violation comes from (directive, source file and line, the blocked sample).
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { cspReports?: string[] };
      (w.cspReports ??= []).push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample} <${(e.target as Element)?.nodeName ?? ''}>`);
    });
  });
  await page.goto(`${k.base}${path}`);
  await settled(page);
  return { context, page, requests, cspViolations };
}

/** Nothing left behind or sent elsewhere. */
async function expectNoTraces(v: Visit) {
  const origin = new URL(k.base).origin;
  const urls = v.requests.map((r) => r.url());
  expect(urls.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
  expect(urls.filter((u) => new URL(u).pathname.startsWith('/api/') && !new URL(u).pathname.startsWith('/api/public/'))).toEqual([]);
  expect(urls.some((u) => new URL(u).pathname === `/api/public/orgs/${CODE}`)).toBe(true);
  for (const r of v.requests) expect(await r.headerValue('referer'), r.url()).toBeNull();
  expect(await v.page.evaluate(() => document.cookie)).toBe('');
  expect(await v.context.cookies()).toEqual([]); // httpOnly ones included
  expect(await v.page.evaluate(() => localStorage.length)).toBe(0);
  expect(await v.page.evaluate(() => (window as unknown as { cspReports?: string[] }).cspReports ?? [])).toEqual([]);
  expect(v.cspViolations).toEqual([]);
}

describe('public landing page', () => {
  it('shows the organisation, its contact text and the empty state in Dutch, with no traces and axe clean', async () => {
    const v = await visit('nl-BE', `/p/${CODE}`);
    const { page } = v;
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Politiezone Kempen');
    expect(await page.title()).toBe('Politiezone Kempen – Kompas');
    await page.getByRole('heading', { level: 2, name: 'Onlinediensten' }).waitFor();
    await page.getByText('Deze organisatie biedt hier nog geen onlinediensten aan.').waitFor();
    await page.getByText('Onthaal: 014 00 00 00, elke dag van 8 tot 20 uur.').waitFor();
    await page.getByText('Deze pagina plaatst geen cookies en bewaart uw IP-adres niet.').waitFor();
    // The signed-in shell is not there.
    expect(await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await expectNoTraces(v);
    await v.context.close();
  });

  it("opens in the browser's language (French) and switches language on the page, kept in the address only", async () => {
    const v = await visit('fr-BE', `/p/${CODE}`);
    const { page } = v;
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Zone de police Kempen');
    await page.getByRole('heading', { level: 2, name: 'Services en ligne' }).waitFor();
    await page.getByText('Cette organisation ne propose pas encore de services en ligne ici.').waitFor();
    await page.getByText('Accueil : 014 00 00 00, tous les jours de 8 à 20 heures.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /Langue/ }).click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('heading', { level: 2, name: 'Online-Dienste' }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('de');
    // No German name: the Dutch one, and the contact text in Dutch marked as such.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Politiezone Kempen');
    expect(await page.getByText('Onthaal: 014 00 00 00', { exact: false }).getAttribute('lang')).toBe('nl');
    expect(await axeViolations(page)).toEqual([]);
    // A reload stays in German: the address says so.
    await page.reload();
    await settled(page);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
    await expectNoTraces(v);
    await v.context.close();
  });

  it('answers an unknown organisation code with a public 404 page, axe clean', async () => {
    const v = await visit('nl-BE', '/p/NO-SUCH-ZONE');
    const { page } = v;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
    await page.getByText(/Op dit adres staat geen openbare pagina/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(v.requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/auth'))).toEqual([]);
    expect(await v.context.cookies()).toEqual([]);
    await v.context.close();
  });
});

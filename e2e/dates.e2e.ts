import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { createOrganisation, createUser, ownerQuery } from '../src/test/app.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, useLanguage, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * Dates are shown and typed in the person's language, not the browser's: this browser is set to
 * American English in New York (mm/dd/yyyy, and midnight UTC is still yesterday there), and the
 * pages must still show 31/12/… in Dutch and 31.12.… in German, and store 2026-12-31.
 */
let k: Kompas;
let b: Browsing;
let ctx: BrowserContext;
let page: Page;
let orgId: string;
const YEAR = new Date().getFullYear(); // 31 December of this year is never before today
const colleagues: { id: string; email: string }[] = [];

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  ctx = await b.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'America/New_York' });
  page = await ctx.newPage();
  orgId = await createOrganisation(k, { name: 'Politiezone Datum' });
  const admin = await createUser(k, { roles: [{ orgId, role: 'administrator' }], locale: 'nl' });
  colleagues.push(await createUser(k, { roles: [{ orgId, role: 'staff_member' }] }), await createUser(k, { roles: [{ orgId, role: 'staff_member' }] }));
  await signInByCookie(k, ctx, admin.id);
});

afterAll(async () => {
  await ctx?.close();
  await b?.close();
  await k?.close();
});

/** Types a date as a person does: focus the first part (day in these languages), then only the digits. */
async function typeDate(field: Locator, digits: string) {
  await field.getByRole('spinbutton').first().click();
  await page.keyboard.type(digits);
}

/** What the field shows: its parts and separators, without the calendar button's icon and invisible direction marks. */
async function shown(field: Locator): Promise<string> {
  return ((await field.textContent()) ?? '').replace(/[\u200e\u200f\u2066-\u2069▦]/g, '').trim();
}

/** Opens the role assignment dialog in `lang` and returns its two date fields. */
async function openAssignDialog(lang: 'nl' | 'de', l: { open: string; from: string; until: string }) {
  await page.goto(`${k.base}/o/${orgId}/roles`);
  await useLanguage(page, lang);
  await page.reload();
  await settled(page);
  await page.getByRole('button', { name: l.open }).click();
  const dialog = page.getByRole('dialog', { name: l.open });
  await dialog.waitFor();
  return { dialog, from: dialog.getByRole('group', { name: l.from }), until: dialog.getByRole('group', { name: l.until }) };
}

describe('date fields', () => {
  it('a Dutch page shows today as dd/mm/yyyy, accepts 31/12 typed as digits, stores the ISO date and lists it as dd/mm/yyyy', async () => {
    const f = await openAssignDialog('nl', { open: 'Rol toekennen', from: 'Geldig vanaf', until: 'Geldig tot' });
    // Today in New York, in Dutch order, whatever the browser's own language.
    const today = new Intl.DateTimeFormat('nl-BE', { timeZone: 'America/New_York', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(await shown(f.from)).toBe(today);
    // The parts are labelled spin buttons: dag, maand, jaar (React Aria's Dutch).
    const parts = f.until.getByRole('spinbutton');
    expect(await parts.count()).toBe(3);
    expect(await parts.nth(0).getAttribute('aria-label')).toMatch(/^dag/i);
    expect(await parts.nth(1).getAttribute('aria-label')).toMatch(/^maand/i);
    expect(await parts.nth(2).getAttribute('aria-label')).toMatch(/^jaar/i);
    await typeDate(f.until, `3112${YEAR}`);
    expect(await shown(f.until)).toBe(`31/12/${YEAR}`);
    expect(await axeViolations(page)).toEqual([]);

    // The calendar: a dialog with a grid of days, in Dutch, also clean.
    await f.until.getByRole('button').click();
    const calendar = page.getByRole('dialog').filter({ has: page.getByRole('grid') });
    await calendar.getByRole('grid', { name: /december/i }).waitFor(); // opens on the chosen month, named in Dutch
    expect(await calendar.locator('th').first().textContent()).toMatch(/^m/i); // the week starts on Monday (maandag)
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await calendar.waitFor({ state: 'detached' });

    await f.dialog.getByRole('button', { name: /Gebruiker/ }).click();
    await page.getByRole('option', { name: new RegExp(colleagues[0]!.email) }).click();
    await f.dialog.getByRole('button', { name: /^Kies een rol|^Rol/ }).click();
    await page.getByRole('option', { name: 'Auditor' }).click();
    await f.dialog.getByRole('button', { name: 'Toekennen', exact: true }).click();
    await page.getByText('De rol is toegekend.').waitFor();
    const [a] = await ownerQuery<{ to: string }>(k, `SELECT valid_to::text AS to FROM role_assignment WHERE organisation_id = $1 AND user_id = $2 AND role = 'auditor'`, [orgId, colleagues[0]!.id]);
    expect(a?.to).toBe(`${YEAR}-12-31`);
    await page.getByRole('grid', { name: 'Roltoekenningen' }).getByRole('row').filter({ hasText: 'Auditor' }).filter({ hasText: `31/12/${YEAR}` }).waitFor();
  }, 180_000); // three axe scans on a loaded machine

  it('a German page shows and accepts 31.12.yyyy', async () => {
    const f = await openAssignDialog('de', { open: 'Rolle zuweisen', from: 'Gültig ab', until: 'Gültig bis' });
    const today = new Intl.DateTimeFormat('de-BE', { timeZone: 'America/New_York', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(await shown(f.from)).toBe(today);
    expect(await f.until.getByRole('spinbutton').first().getAttribute('aria-label')).toMatch(/^tag/i);
    await typeDate(f.until, `3112${YEAR}`);
    expect(await shown(f.until)).toBe(`31.12.${YEAR}`);
    expect(await axeViolations(page)).toEqual([]);

    await f.dialog.getByRole('button', { name: /Benutzer/ }).click();
    await page.getByRole('option', { name: new RegExp(colleagues[1]!.email) }).click();
    await f.dialog.getByRole('button', { name: /^Wählen Sie eine Rolle|^Rolle/ }).click();
    await page.getByRole('option', { name: 'Auditor' }).click();
    await f.dialog.getByRole('button', { name: 'Zuweisen', exact: true }).click();
    await page.getByText('Die Rolle wurde zugewiesen.').waitFor();
    const [a] = await ownerQuery<{ to: string }>(k, `SELECT valid_to::text AS to FROM role_assignment WHERE organisation_id = $1 AND user_id = $2 AND role = 'auditor'`, [orgId, colleagues[1]!.id]);
    expect(a?.to).toBe(`${YEAR}-12-31`);
    await page.getByRole('grid', { name: 'Rollenzuweisungen' }).getByRole('row').filter({ hasText: `31.12.${YEAR}` }).first().waitFor();
  }, 120_000);
});

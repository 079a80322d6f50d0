import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ownerQuery, sessionFor } from '../src/test/app.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, useLanguage, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The AIG model's guidance on the plan's sections page: beside every empty field for the person who
 * can fill it, gone from the page once the field is filled, collapsed in the edit dialog, and never
 * part of what is saved.
 */

let k: Kompas;
let b: Browsing;
let orgId: string;
let planId: string;
const YEAR = new Date().getFullYear();
/**
 * One per empty guided field of a plan made from the model: all eleven (identification …
 * communication) but the actors, which the model fills with its example actor types.
 */
const GUIDED = 10;

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Testdorp' });
  const officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'en' });
  const r = await (await sessionFor(k, officer.id, { mfa: true })).post(`/api/orgs/${orgId}/plans`,
    { title: 'Integrity policy plan', periodFrom: YEAR, periodTo: YEAR + 4, templateKey: 'model' });
  expect(r.statusCode, r.body).toBe(201);
  planId = r.json().plan.id;
  await signInByCookie(k, b.context, officer.id);
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('guidance of the AIG model', () => {
  it('stands beside every empty field of a plan made from the model, and the page passes axe', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}`);
    await useLanguage(page, 'en');
    await page.goto(`${k.base}/o/${orgId}/plans/${planId}`);
    await settled(page);
    const notes = page.getByRole('note');
    await expect.poll(() => notes.count()).toBe(GUIDED);
    await page.getByRole('note').filter({ hasText: 'Determine the specific needs.' }).waitFor();
    await page.getByText('Map the core values, codes, norms and/or rules').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('collapses in the dialog once the field is filled, and leaves the page', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Edit 7. Communication' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('note').filter({ hasText: 'Determine how communication will take place' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel('7. Communication').fill('Integrity is on the agenda of every briefing.');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Integrity is on the agenda of every briefing.').waitFor();
    await expect.poll(() => page.getByRole('note').count()).toBe(GUIDED - 1);
    expect(await page.getByText('Determine how communication will take place').count()).toBe(0);

    // The saved text is the plan's; the guidance was never part of it.
    const [{ sections }] = await ownerQuery<{ sections: Record<string, unknown> }>(k, 'SELECT sections FROM plan WHERE id = $1', [planId]);
    expect(sections.communication).toBe('Integrity is on the agenda of every briefing.');
    expect(sections.needs).toEqual([]);
    await page.getByRole('button', { name: 'Edit 7. Communication' }).click();
    dialog = page.getByRole('dialog');
    const summary = dialog.getByText('Guidance from the AIG model');
    await summary.waitFor();
    await expect.poll(() => dialog.getByText('Determine how communication will take place').isVisible()).toBe(false);
    await summary.click();
    await dialog.getByText('Determine how communication will take place').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('is shown in the reader\'s language', async () => {
    const { page } = b;
    for (const locale of ['fr', 'de', 'nl'] as const) {
      await useLanguage(page, locale);
      await page.goto(`${k.base}/o/${orgId}/plans/${planId}`);
      await settled(page);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
      await expect.poll(() => page.getByRole('note').count()).toBe(GUIDED - 1);
    }
  });
});

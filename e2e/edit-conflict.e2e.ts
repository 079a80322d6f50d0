import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecret } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { createOrganisation, createUser, ownerQuery, sessionFor } from '../src/test/app.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * Lost edits (issue 15, ADR 0011): the integrity officer and the chief open the same action of a
 * draft plan in two browsers. The officer saves first; the chief's save then shows that someone
 * else changed it meanwhile, with both versions side by side and the chief's text still in the
 * form; "keep my version" saves it over the officer's. The conflict state passes axe.
 */

let k: Kompas;
let b: Browsing;
let second: BrowserContext;
let orgId: string;
let planId: string;
let actionId: string;

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k);
  const officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], totpSecret: generateSecret({ length: 20 }), locale: 'nl' });
  const chief = await createUser(k, { roles: [{ orgId, role: 'chief' }], totpSecret: generateSecret({ length: 20 }), locale: 'nl' });
  const s = await sessionFor(k, officer.id, { mfa: true });
  const year = new Date().getFullYear();
  planId = (await s.post(`/api/orgs/${orgId}/plans`, { title: 'Integriteitsbeleidsplan', periodFrom: year, periodTo: year + 4 })).json().plan.id;
  const sd = (await s.post(`/api/orgs/${orgId}/plans/${planId}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' })).json();
  actionId = (await s.post(`/api/orgs/${orgId}/plans/${planId}/actions`, { objectiveId: sd.id, title: 'Dilemmatraining' })).json().id;
  await signInByCookie(k, b.context, officer.id);
  second = await b.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  await signInByCookie(k, second, chief.id);
});
afterAll(async () => {
  await second?.close();
  await b?.close();
  await k?.close();
});

async function openAction(page: Page) {
  await page.goto(`${k.base}/o/${orgId}/plans/${planId}/actions?action=${actionId}`);
  await settled(page);
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

describe('two people editing the same action', () => {
  it('the second sees the conflict with their text kept, compares, and keeps their version', async () => {
    const officerPage = b.page;
    const chiefPage = await second.newPage();
    const mine = await openAction(officerPage);
    const theirs = await openAction(chiefPage);

    await mine.getByLabel('Titel').fill('Dilemmatraining voor alle ploegen');
    await mine.getByRole('button', { name: 'Opslaan' }).click();
    await mine.waitFor({ state: 'detached' });

    await theirs.getByLabel('Titel').fill('Dilemmatraining voor leidinggevenden');
    await theirs.getByLabel('Beschrijving').fill('Twee sessies per jaar, met casussen uit de eigen zone.');
    await theirs.getByRole('button', { name: 'Opslaan' }).click();
    const alert = theirs.getByRole('alert').filter({ hasText: 'Iemand anders heeft dit intussen gewijzigd' });
    await alert.waitFor();
    // What the chief typed is still in the form; the officer's version is shown beside it.
    expect(await theirs.getByLabel('Titel').inputValue()).toBe('Dilemmatraining voor leidinggevenden');
    expect(await theirs.getByLabel('Beschrijving').inputValue()).toBe('Twee sessies per jaar, met casussen uit de eigen zone.');
    const row = alert.locator('tbody tr').filter({ hasText: 'Titel' });
    expect(await row.textContent()).toContain('Dilemmatraining voor alle ploegen');
    expect(await row.textContent()).toContain('Dilemmatraining voor leidinggevenden');
    // Nothing of the chief's save was stored.
    const [before] = await ownerQuery<{ title: string; description: string | null }>(k, 'SELECT title, description FROM plan_action WHERE id = $1', [actionId]);
    expect(before).toEqual({ title: 'Dilemmatraining voor alle ploegen', description: null });
    expect(await axeViolations(chiefPage)).toEqual([]);

    await alert.getByRole('button', { name: 'Mijn versie behouden' }).click();
    await theirs.waitFor({ state: 'detached' });
    const [after] = await ownerQuery<{ title: string; description: string | null; revision: number }>(k, 'SELECT title, description, revision FROM plan_action WHERE id = $1', [actionId]);
    expect(after).toEqual({ title: 'Dilemmatraining voor leidinggevenden', description: 'Twee sessies per jaar, met casussen uit de eigen zone.', revision: 3 });
  });
});

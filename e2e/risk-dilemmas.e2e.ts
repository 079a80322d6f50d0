import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOrganisation, createUser, ownerQuery } from '../src/test/app.js';
import { expectAxeClean as noViolations, openBrowser, openPage, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The dilemma inventory in the browser (issue 21), in Dutch, with axe on every screen: a staff member
 * shares a dilemma anonymously (the page says what is stored); nothing of them is stored with it; the
 * integrity officer sees it without an author, tags it with a second theme and marks it used in training.
 */

const SITUATION = 'Een vriendin vraagt of ik in de gegevensbank wil kijken of haar nieuwe vriend gekend is. Ze maakt zich zorgen om haar kinderen.';

let k: Kompas;
let b: Browsing;
let orgId: string;
let staff: { id: string };
let officer: { id: string };

const open = (page: Page, url: string) => openPage(k, page, url);

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Dilemma' });
  staff = await createUser(k, { roles: [{ orgId, role: 'staff_member' }], locale: 'nl' });
  officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'nl' });
  await ownerQuery(k, 'UPDATE app_user SET display_name = $2 WHERE id = $1', [staff.id, 'Pieter Maes']);
}, 120_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('the dilemma inventory', () => {
  it('a staff member shares a dilemma anonymously', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, staff.id, { mfa: false });
    await open(page, `/o/${orgId}/risk/dilemmas/share`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ethische dilemma\'s');
    await noViolations(page, 'share form');
    // Sharing without choosing named or anonymous is refused at the form.
    await page.getByLabel('De situatie').fill(SITUATION);
    await page.getByRole('checkbox', { name: 'Vertrouwelijke informatie' }).check({ force: true });
    await page.getByRole('button', { name: 'Het dilemma delen' }).click();
    await page.getByText('Kies of je met je naam of anoniem deelt.').waitFor();
    await noViolations(page, 'share form with an error');
    // The anonymous choice says what is stored.
    await page.getByText('niet je naam, niet het uur, niet je adres').waitFor();
    await page.getByRole('radio', { name: /^Anoniem/ }).check({ force: true });
    await page.getByRole('button', { name: 'Het dilemma delen' }).click();
    await page.getByText('Bedankt. Je dilemma is anoniem bewaard.').waitFor();
    await noViolations(page, 'shared');
    // Not among their own, and nothing of them is stored with it.
    await page.getByText('Je hebt nog geen dilemma met je naam gedeeld.').waitFor();
    const rows = await ownerQuery<{ submitted_by: string | null; updated_at: Date | null }>(k, 'SELECT submitted_by, updated_at FROM risk_dilemma WHERE organisation_id = $1', [orgId]);
    expect(rows).toEqual([{ submitted_by: null, updated_at: null }]);
    const audit = await ownerQuery(k, `SELECT 1 FROM audit_event WHERE actor_user_id = $1 AND action LIKE 'risk.dilemma%'`, [staff.id]);
    expect(audit).toEqual([]);
  });

  it('the officer sees it without an author, tags it and marks it used in training', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, officer.id);
    await open(page, `/o/${orgId}/risk/dilemmas`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Inventaris van dilemma\'s');
    const card = page.getByRole('listitem').filter({ hasText: SITUATION });
    await card.getByRole('heading', { name: /^Anoniem gedeeld op / }).waitFor();
    expect(await card.getByText('Pieter Maes').count()).toBe(0);
    await card.getByText('Nieuw', { exact: true }).waitFor();
    await noViolations(page, 'inventory');

    await card.getByRole('button', { name: /^Labelen en bekijken/ }).click();
    await card.getByRole('checkbox', { name: 'Loyaliteit tegenover collega’s' }).check({ force: true });
    await card.getByRole('button', { name: /Status$/ }).click();
    await page.getByRole('option', { name: 'Gebruikt in opleiding' }).click();
    await card.getByLabel('Notitie van de integriteitsverantwoordelijke').fill('Casus voor de korpslesdag.');
    await noViolations(page, 'editor');
    await card.getByRole('button', { name: 'Opslaan' }).click();
    // Saved: the form closes and the card shows the new status, themes and note.
    await card.getByRole('button', { name: /^Labelen en bekijken/ }).waitFor();
    expect(await card.locator('form').count()).toBe(0);
    await card.getByText('Casus voor de korpslesdag.').waitFor();
    await card.getByText('Gebruikt in opleiding', { exact: true }).waitFor();
    await card.getByText('Loyaliteit tegenover collega’s', { exact: true }).waitFor();
    await noViolations(page, 'reviewed');

    // The filter on status finds it; the CSV link carries the filter.
    await page.getByRole('button', { name: /Status$/ }).click();
    await page.getByRole('option', { name: 'Gebruikt in opleiding' }).click();
    await page.getByText('1 dilemma', { exact: true }).waitFor();
    // The count read '1 dilemma' before the filter too: wait for the link to take the filter rather than read it at once.
    await expect.poll(() => page.getByRole('link', { name: /CSV/ }).getAttribute('href')).toContain('status=used_in_training');
    const [row] = await ownerQuery<{ status: string; themes: string[] }>(k, 'SELECT status, themes FROM risk_dilemma WHERE organisation_id = $1', [orgId]);
    expect(row).toEqual({ status: 'used_in_training', themes: ['confidential_information', 'loyalty_to_colleagues'] });
  });
});

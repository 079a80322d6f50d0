import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecret } from 'otplib';
import type { Page } from 'playwright-core';
import type { Locale } from '../src/shared/roles.js';
import { createOrganisation, createUser, ownerQuery, sessionFor } from '../src/test/app.js';
import { completeForSubmission } from '../src/server/modules/plan/plan-workflow.testkit.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, useLanguage, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The plan's workflow in the browser (issue 17), in Dutch and in French, with axe on every screen
 * and dialog of it: the officer's incomplete plan is refused with the reasons listed in the dialog;
 * completed, it is submitted; the chief is mailed in their language, finds it on the home page,
 * follows the tile to it and approves it after the dialog said what will happen: it goes in force
 * at once and ends the plan in force for the same years.
 */

const YEAR = new Date().getFullYear();

interface Texts {
  submit: string; incomplete: string; missingResponsible: string; odOwner: string; plansToApprove: string; awaiting: string;
  waiting: string; approve: string; now: string; replaces: string; mailSubject: string; cancel: string; inForce: string;
}

const TEXTS: Partial<Record<Locale, Texts>> = {
  nl: {
    submit: 'Ter goedkeuring voorleggen',
    incomplete: 'Het plan is nog niet volledig genoeg om ter goedkeuring voor te leggen. Nog ontbrekend:',
    missingResponsible: 'Deel 1: de verantwoordelijke (mandaathouder of eindverantwoordelijke integriteit).',
    odOwner: 'Operationele doelstelling OD 1.1 Risicoanalyse: wie ervoor verantwoordelijk is.',
    plansToApprove: 'Goed te keuren plannen',
    awaiting: 'wachten op uw goedkeuring',
    waiting: 'Wat op u wacht in het beleidsplan',
    approve: 'Goedkeuren',
    now: 'De periode is begonnen: het plan wordt meteen van kracht.',
    replaces: 'Per jaar kan maar één plan van kracht zijn. Dit plan vervangt het plan dat van kracht is en vandaag eindigt:',
    mailSubject: 'Kompas: een beleidsplan wacht op uw goedkeuring',
    cancel: 'Annuleren',
    inForce: 'van kracht',
  },
  fr: {
    submit: 'Soumettre pour approbation',
    incomplete: 'Le plan n\'est pas encore assez complet pour être soumis pour approbation. Il manque encore :',
    missingResponsible: 'Partie 1 : le responsable (mandataire ou responsable final de l\'intégrité).',
    odOwner: 'Objectif opérationnel OD 1.1 Risicoanalyse : qui en est responsable.',
    plansToApprove: 'Plans à approuver',
    awaiting: 'en attente de votre approbation',
    waiting: 'Ce qui vous attend dans le plan de politique',
    approve: 'Approuver',
    now: 'Sa période a commencé : le plan entre immédiatement en vigueur.',
    replaces: 'Un seul plan peut être en vigueur pour une année. Ce plan remplace le plan en vigueur, qui prend fin aujourd\'hui :',
    mailSubject: 'Kompas : un plan de politique attend votre approbation',
    cancel: 'Annuler',
    inForce: 'en vigueur',
  },
};

let k: Kompas;
let b: Browsing;
beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
});
afterAll(async () => {
  await b?.close();
  await k?.close();
});

const planStatus = async (id: string) => (await ownerQuery<{ status: string }>(k, 'SELECT status FROM plan WHERE id = $1', [id]))[0].status;

async function noViolations(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

/** A page of the signed-in person in their language: the language the menu stores, then the page. */
async function open(page: Page, locale: Locale, url: string) {
  await page.goto(`${k.base}/`);
  await useLanguage(page, locale);
  await page.goto(`${k.base}${url}`);
  await settled(page);
}

describe.each(['nl', 'fr'] as const)('the policy plan waits for the right person (%s)', (locale) => {
  const T = TEXTS[locale]!;
  let orgId: string;
  let officer: { id: string; email: string };
  let chief: { id: string; email: string };
  let running: string;
  let planId: string;

  beforeAll(async () => {
    orgId = await createOrganisation(k, { name: locale === 'nl' ? 'Politiezone Workflow' : 'Zone de police Workflow' });
    officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], totpSecret: generateSecret({ length: 20 }), locale });
    chief = await createUser(k, { roles: [{ orgId, role: 'chief' }], totpSecret: generateSecret({ length: 20 }), locale });
    const asOfficer = await sessionFor(k, officer.id);
    const asChief = await sessionFor(k, chief.id);
    const base = `/api/orgs/${orgId}/plans`;
    // The plan in force until now, for some of the same years.
    running = (await asOfficer.post(base, { title: 'Integriteitsplan 2023', periodFrom: YEAR - 2, periodTo: YEAR + 1 })).json().plan.id;
    await completeForSubmission(asOfficer, orgId, running);
    expect((await asOfficer.post(`${base}/${running}/submit`)).statusCode).toBe(200);
    expect((await asChief.post(`${base}/${running}/approve`)).json().plan.status).toBe('in_force');
    // The new plan: objectives and an action, but no sections yet and nobody responsible for its OD.
    planId = (await asOfficer.post(base, { title: `Integriteitsbeleidsplan ${YEAR}–${YEAR + 3}`, periodFrom: YEAR, periodTo: YEAR + 3 })).json().plan.id;
    const sd = (await asOfficer.post(`${base}/${planId}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' })).json();
    const od = (await asOfficer.post(`${base}/${planId}/objectives`, { parentId: sd.id, code: 'OD 1.1', title: 'Risicoanalyse' })).json();
    expect((await asOfficer.post(`${base}/${planId}/actions`, { objectiveId: od.id, title: 'Kwetsbare processen in kaart brengen', ownerLabel: 'Dienst intern toezicht' })).statusCode).toBe(201);
  });

  it('refuses an incomplete plan and names what is missing; completed, it is submitted', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, officer.id);
    await open(page, locale, `/o/${orgId}/plans/${planId}`);
    await page.getByRole('button', { name: T.submit, exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: T.submit, exact: true }).click();
    const reasons = dialog.getByRole('alert');
    await reasons.getByText(T.incomplete).waitFor();
    const items = await reasons.getByRole('listitem').allTextContents();
    expect(items).toContain(T.missingResponsible);
    expect(items).toContain(T.odOwner);
    expect(await planStatus(planId)).toBe('draft');
    await noViolations(page, 'submission refused, with its reasons');
    await dialog.getByRole('button', { name: T.cancel }).click();
    await dialog.waitFor({ state: 'detached' });

    // The officer completes the plan (sections, the OD's owner), then submits it.
    await completeForSubmission(await sessionFor(k, officer.id), orgId, planId);
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: T.submit, exact: true }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: T.submit, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => planStatus(planId)).toBe('submitted');
    // The chief is mailed, in their language, with a link to the plan.
    const mails = await ownerQuery<{ to_address: string; locale: string; subject: string; body_text: string }>(k,
      `SELECT to_address, locale, subject, body_text FROM mail_outbox WHERE organisation_id = $1 AND template = 'plan.submitted' AND strpos(body_text, $2) > 0`, [orgId, planId]);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: chief.email, locale, subject: T.mailSubject });
    expect(mails[0].body_text).toContain(`/o/${orgId}/plans/${planId}`);
  });

  it('the chief finds it on the home page, follows the tile and approves it, told first that it replaces the plan in force', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, chief.id);
    await open(page, locale, `/o/${orgId}`);
    const tile = page.getByRole('link', { name: new RegExp(T.plansToApprove) });
    await expect.poll(() => tile.textContent()).toContain(`1 ${T.awaiting}`);
    await noViolations(page, 'home page with the plan waiting');

    await tile.click();
    await page.getByRole('heading', { level: 1, name: T.waiting }).waitFor();
    await settled(page);
    await noViolations(page, 'what waits for the chief');
    await page.getByRole('link', { name: new RegExp(`^Integriteitsbeleidsplan ${YEAR}–${YEAR + 3}`) }).click();
    await page.waitForURL(new RegExp(`/plans/${planId}$`));
    await settled(page);

    await page.getByRole('button', { name: T.approve, exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(T.now).waitFor();
    await dialog.getByText(T.replaces).waitFor();
    await dialog.getByRole('listitem').filter({ hasText: 'Integriteitsplan 2023' }).waitFor();
    await noViolations(page, 'approval dialog saying what will happen');
    await dialog.getByRole('button', { name: T.approve, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => planStatus(planId)).toBe('in_force');
    expect(await planStatus(running)).toBe('superseded');
    await page.getByText(T.inForce, { exact: true }).first().waitFor();

    // Nothing waits any more.
    await open(page, locale, `/o/${orgId}`);
    await expect.poll(() => page.getByRole('link', { name: new RegExp(T.plansToApprove) }).textContent()).toContain(`0 ${T.awaiting}`);
  });
});

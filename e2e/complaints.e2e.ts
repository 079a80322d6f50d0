import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createOrganisation, createUser, ifMatch, TEST_PASSWORD, unlockedSessionFor } from '../src/test/app.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The complaints desk in the browser (issue 19), in English, with axe on the screens and dialogs:
 * a citizen files a named complaint with a file on the public page and gets the reference and the
 * status code once; checks the status; the coordinator (key locked: unlocks first) triages the
 * complaint and assigns a handler; the handler answers from the template; the citizen reads the
 * answer; a second handler cannot open the first one's complaint, on screen nor through the API.
 */

let k: Kompas;
let b: Browsing;
let orgId: string;
const users = { coordinator: '', handler: '', other: '' };
let handlerName = '';
const CODE = `KL${process.pid}`;
const MARKER = `marker-${process.pid}-${Date.now()}`;
const FILE = { name: 'photo-notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`What I saw on the evening of 3 March (${MARKER}).\n`) };
const ANSWER = `After hearing the officers we found your complaint partly justified (${MARKER}).`;

let code = '';
let reference = '';
let complaintId = '';

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  await b.context.addInitScript(() => localStorage.setItem('kompas_locale', 'en'));
  orgId = await createOrganisation(k, { code: CODE, name: 'Politiezone Kempen' });
  const officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }] });
  const coordinator = await createUser(k, { roles: [{ orgId, role: 'complaints_coordinator' }], locale: 'en' });
  const handler = await createUser(k, { roles: [{ orgId, role: 'complaint_handler' }], locale: 'en' });
  const other = await createUser(k, { roles: [{ orgId, role: 'complaint_handler' }], locale: 'en' });
  Object.assign(users, { coordinator: coordinator.id, handler: handler.id, other: other.id });
  // Key pairs exist (as after a first sign-in with the password); the browser sessions start with them locked.
  const [off, coord] = [await unlockedSessionFor(k, officer.id), await unlockedSessionFor(k, coordinator.id)];
  await unlockedSessionFor(k, handler.id);
  await unlockedSessionFor(k, other.id);
  expect((await off.post(`/api/orgs/${orgId}/vault/escrow`)).statusCode).toBe(201);
  const settings = (await coord.get(`/api/orgs/${orgId}/complaints/settings`)).json() as { revision: number; themes: unknown[]; answerTemplates: unknown; triageDays: number };
  const opened = await coord.put(`/api/orgs/${orgId}/complaints/settings`, {
    open: true, themes: settings.themes, answerTemplates: settings.answerTemplates, triageDays: settings.triageDays,
    intro: { en: 'The complaints coordinator of the zone examines every complaint.', nl: 'De klachtencoördinator van de zone onderzoekt elke klacht.' },
  }, ifMatch(settings.revision));
  expect(opened.statusCode, opened.body).toBe(200);
  const options = (await coord.get(`/api/orgs/${orgId}/complaints/options`)).json() as { handlers: { id: string; displayName: string }[] };
  handlerName = options.handlers.find((h) => h.id === handler.id)?.displayName ?? '';
  expect(handlerName).not.toBe('');
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

async function expectAxeClean(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

/** A citizen without cookies. */
async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

/** Opens the status page with the code (typed into the form, never in the address). */
async function openStatus(page: Page) {
  await page.goto(`${k.base}/p/${CODE}/complaint/status?lang=en`);
  await settled(page);
  await page.getByLabel('Status code').fill(code);
  await page.getByRole('button', { name: 'Show the status' }).click();
  await page.getByRole('heading', { level: 1, name: `Your complaint ${reference}` }).waitFor();
  expect(page.url()).not.toContain(code.replace(/\s/g, ''));
}

/** Signs a staff member in (key locked) and opens the complaint through the list, unlocking the key. */
async function openFromList(who: string) {
  const { page, context } = b;
  await signInByCookie(k, context, who);
  await page.goto(`${k.base}/o/${orgId}/complaints`);
  await settled(page);
  const row = page.getByRole('row', { name: new RegExp(reference) });
  await row.waitFor();
  await row.getByRole('link', { name: reference }).click();
  const unlock = page.getByRole('dialog', { name: 'Unlock your key' });
  await unlock.waitFor();
  await unlock.getByLabel('Password').fill(TEST_PASSWORD);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { level: 1, name: `Complaint ${reference}` }).waitFor();
  await page.getByText(MARKER, { exact: false }).first().waitFor();
  complaintId = /\/complaints\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  expect(complaintId).not.toBe('');
}

describe('complaints desk', () => {
  it('a citizen files a complaint with a file and gets the reference and the status code once', async () => {
    const { context, page } = await visitor();
    await page.goto(`${k.base}/p/${CODE}?lang=en`);
    await settled(page);
    await page.getByRole('link', { name: /File a complaint about the police/ }).click();
    await page.getByRole('heading', { level: 1, name: 'File a complaint' }).waitFor();
    await page.getByText('The complaints coordinator of the zone examines every complaint.').waitFor();
    await expectAxeClean(page, 'public complaint form');

    // Nothing filled in: the missing answers are listed and announced.
    await page.getByRole('button', { name: 'Next: check your complaint' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Some answers are missing or not right:' });
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBe(3);
    await expectAxeClean(page, 'public complaint form with errors');

    await page.getByRole('radio', { name: /^With your name/ }).check({ force: true });
    await page.getByRole('textbox', { name: 'Your name', exact: true }).fill('Marie Claes');
    await page.getByLabel('E-mail address (optional)').fill('marie.claes@example.be');
    await page.getByLabel(/^What happened\?/).fill(`An officer shouted at me during a traffic check and kept my papers. ${MARKER}`);
    await page.getByLabel('Where did it happen? (optional)').fill('Grote Markt, Geel');
    await page.getByLabel('Who was involved? (optional)').fill('Combi with number plate 1-ABC-123');
    await page.getByLabel('Add files (optional)').setInputFiles(FILE);
    await page.getByRole('list', { name: 'Chosen files' }).getByText(FILE.name).waitFor();
    await page.getByText('I have read the privacy notice').click();
    await page.getByRole('button', { name: 'Next: check your complaint' }).click();

    await page.getByRole('heading', { name: 'Check your complaint before you send it' }).waitFor();
    await page.getByText('Marie Claes').waitFor();
    await expectAxeClean(page, 'review step');
    await page.getByRole('button', { name: 'Send the complaint' }).click();

    await page.getByRole('heading', { level: 1, name: 'Your complaint has been sent' }).waitFor();
    code = (await page.getByTestId('status-code').textContent()) ?? '';
    expect(code.replace(/\s/g, '').length).toBeGreaterThanOrEqual(8);
    reference = /Reference: (\S+)/.exec((await page.getByText(/^Reference:/).first().textContent()) ?? '')?.[1] ?? '';
    expect(reference).toMatch(/^[A-Z]+-\d{4}-\d{4}$/);
    await expectAxeClean(page, 'receipt');
    const compact = code.replace(/\s/g, '');
    expect(page.url()).not.toContain(compact);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(compact);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 180_000);

  it('the citizen checks the status with the code', async () => {
    const { context, page } = await visitor();
    await page.goto(`${k.base}/p/${CODE}/complaint/status?lang=en`);
    await settled(page);
    await expectAxeClean(page, 'status form');
    await page.getByLabel('Status code').fill('0000 0000 0000 0000');
    await page.getByRole('button', { name: 'Show the status' }).click();
    await page.locator('main [role=alert]').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The status of your complaint');

    await openStatus(page);
    await page.getByText('Your complaint has arrived. The organisation has not confirmed receipt yet.').waitFor();
    await page.getByText('There is no answer yet. Come back later.').waitFor();
    await expectAxeClean(page, 'status page');
    await context.close();
  }, 120_000);

  it('the coordinator triages the complaint and assigns a handler', async () => {
    const { page } = b;
    await openFromList(users.coordinator);
    await page.getByText('marie.claes@example.be').waitFor();
    await page.getByRole('button', { name: `Download ${FILE.name}` }).waitFor();
    await expectAxeClean(page, 'complaint page');

    await page.locator('main [data-print=hide]').getByRole('button', { name: 'Triage', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Triage complaint ${reference}` });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Admissible', exact: true }).check({ force: true });
    // Nothing else chosen: said at the fields.
    await dialog.getByRole('button', { name: 'Record the triage' }).click();
    await dialog.getByText('Choose at least one theme.').waitFor();
    await expectAxeClean(page, 'triage dialog');
    await dialog.getByText('Behaviour and attitude').click();
    await dialog.getByRole('button', { name: /Seriousness/ }).click();
    await page.getByRole('option', { name: 'Medium' }).click();
    await dialog.getByRole('button', { name: /Handler/ }).click();
    await page.getByRole('option', { name: handlerName }).click();
    await dialog.getByRole('button', { name: 'Record the triage' }).click();
    await page.getByRole('status').filter({ hasText: 'The triage is recorded.' }).waitFor();
    await page.locator('main dl').getByText(handlerName).waitFor();
    await page.locator('main dl').getByText('Behaviour and attitude').waitFor();
  }, 180_000);

  it('the handler answers from the template', async () => {
    const { page } = b;
    await openFromList(users.handler);
    await page.locator('main [data-print=hide]').getByRole('button', { name: 'Answer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Answer complaint ${reference}` });
    await dialog.waitFor();
    const draft = await dialog.getByLabel('Answer to the complainant').inputValue();
    expect(draft).toContain(reference);
    await dialog.getByRole('button', { name: /Decision/ }).click();
    await page.getByRole('option', { name: 'Partly well-founded' }).click();
    await dialog.getByLabel('Answer to the complainant').fill(`${draft}\n\n${ANSWER}`);
    await expectAxeClean(page, 'answer dialog');
    await dialog.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('status').filter({ hasText: 'The answer is sent.' }).waitFor();
    await page.locator('#complaint-answer ~ div').getByText(ANSWER, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Download as PDF' }).waitFor();
  }, 180_000);

  it('the citizen reads the answer', async () => {
    const { context, page } = await visitor();
    await openStatus(page);
    await page.getByText('The organisation has answered your complaint. You can read the answer below.').waitFor();
    await page.getByTestId('answer').getByText(ANSWER, { exact: false }).waitFor();
    await page.getByText('Partly well-founded').first().waitFor();
    await expectAxeClean(page, 'status page with the answer');
    await page.getByRole('button', { name: 'Leave my complaint' }).click();
    await page.getByRole('heading', { level: 1, name: 'The status of your complaint' }).waitFor();
    expect(await page.getByText(ANSWER, { exact: false }).count()).toBe(0);
    await context.close();
  }, 120_000);

  it('another handler sees neither the complaint in the list nor its page, and the API answers 404', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, users.other);
    await page.goto(`${k.base}/o/${orgId}/complaints`);
    await settled(page);
    await page.getByText('No complaint is assigned to you.').waitFor();
    expect(await page.getByText(reference).count()).toBe(0);

    await page.goto(`${k.base}/o/${orgId}/complaints/${complaintId}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.getByText(MARKER, { exact: false }).count()).toBe(0);
    const statuses = await page.evaluate(async ([o, c]) => {
      const urls = [`/api/orgs/${o}/complaints/${c}`, `/api/orgs/${o}/complaints/${c}/answer.pdf`];
      return Promise.all(urls.map(async (u) => (await fetch(u, { credentials: 'same-origin' })).status));
    }, [orgId, complaintId]);
    expect(statuses).toEqual([404, 404]);
  }, 120_000);
});

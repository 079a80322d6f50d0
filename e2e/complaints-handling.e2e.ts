import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import { createOrganisation, createUser, ifMatch, ownerQuery, sessionFor, unlockedSessionFor, type Session } from '../src/test/app.js';
import { todayInBelgium } from '../src/server/platform/deadlines/index.js';
import { multipart, type Part } from '../src/server/modules/reporting/reporting.testkit.js';
import { withOrgTx } from '../src/server/platform/db/tx.js';
import { createEscrowKey } from '../src/server/platform/vault/index.js';
import { expectAxeClean, openBrowser, settled, signInWithSession, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The complaints desk's handling in the browser (issue 19), beyond the citizen's path of
 * complaints.e2e.ts: staff register complaints received by telephone and forwarded by Comité P;
 * the coordinator triages with themes, a unit and staff members involved; the handler records a
 * note, a hearing and a document, answers in the complainant's language (Word and PDF) and closes
 * with measures and lessons; a complaint forwarded to the judicial authorities says when and to
 * whom; the desk's settings (themes, triage target) with a stale save refused; the statistics and
 * the yearly report in French (recommendations, Word/PDF, public version, CSV for oversight).
 * Each test has a zone of its own; fixtures come through the API, every step of a person through
 * the screens; axe on each screen and dialog.
 */

let k: Kompas;
let b: Browsing;
const MARK = `m${process.pid}`;
const YEAR = Number(todayInBelgium().slice(0, 4));

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

// Fixtures -----------------------------------------------------------------------------------------

interface Zone {
  org: string;
  users: { coordinator: string; handler: string };
  /** Sessions with the key for sealed records unlocked (as after a sign-in with the password). */
  s: { coordinator: Session; handler: Session };
  unitId: string;
  unitName: string;
  /** Staff members of the zone (the staff list), none with an account. */
  staff: { id: string; name: string; number: string }[];
}

/**
 * A zone with its escrow key and its desk open (the default themes and answer templates), a
 * coordinator, a handler, a unit and two staff members. Unlocking a key is throttled per address
 * (10 a minute): only the coordinator's is unlocked unless the test needs the handler's.
 */
async function zone(opts: { handler?: boolean } = {}): Promise<Zone> {
  const org = await createOrganisation(k);
  const coordinator = await createUser(k, { roles: [{ orgId: org, role: 'complaints_coordinator' }] });
  const handler = await createUser(k, { roles: [{ orgId: org, role: 'complaint_handler' }] });
  const s = { coordinator: await unlockedSessionFor(k, coordinator.id), handler: await (opts.handler ? unlockedSessionFor : sessionFor)(k, handler.id) };
  await withOrgTx(k.db.db, org, (tx) => createEscrowKey(tx, org, coordinator.id));
  const current = (await s.coordinator.get(api(org, '/settings'))).json() as { revision: number; themes: unknown; answerTemplates: unknown; triageDays: number };
  const opened = await s.coordinator.put(api(org, '/settings'), {
    open: true, intro: { en: 'The complaints coordinator examines every complaint.' }, themes: current.themes, triageDays: current.triageDays,
    answerTemplates: current.answerTemplates,
  }, ifMatch(current.revision));
  expect(opened.statusCode, opened.body).toBe(200);
  const unitName = 'Brigade canine Sud';
  const [unit] = await ownerQuery<{ id: string }>(k, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'BCS', $2) RETURNING id`, [org, unitName]);
  const staff = [];
  for (const [number, first, last] of [['P4711', 'Piet', 'Vermeulen'], ['P4712', 'Sofie', 'Janssens']]) {
    const [p] = await ownerQuery<{ id: string }>(k, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, unit_id)
                                                    VALUES ($1, $2, $3, $4, 'operational', '2015-01-01', $5) RETURNING id`, [org, number, first, last, unit.id]);
    staff.push({ id: p.id, name: `${first} ${last}`, number });
  }
  return { org, users: { coordinator: coordinator.id, handler: handler.id }, s, unitId: unit.id, unitName, staff };
}

const api = (org: string, rest = '') => `/api/orgs/${org}/complaints${rest}`;

/** A complaint the coordinator registered (through the API: a fixture), received by telephone unless told otherwise. */
async function registered(z: Zone, body: Record<string, unknown> = {}, files: Part[] = []): Promise<{ id: string; reference: string }> {
  const m = multipart([{ name: 'complaint', value: JSON.stringify({ channel: 'phone', anonymous: false, name: 'Amélie Dubois', what: `Le policier a refusé de prendre ma plainte. ${MARK}`, language: 'fr', ...body }) }, ...files]);
  const r = await z.s.coordinator.request('POST', api(z.org), m.payload, m.headers);
  expect(r.statusCode, r.body).toBe(201);
  const { id, reference } = r.json() as { id: string; reference: string };
  return { id, reference };
}

async function displayName(z: Zone, userId: string): Promise<string> {
  const options = (await z.s.coordinator.get(api(z.org, '/options'))).json() as { handlers: { id: string; displayName: string }[] };
  const name = options.handlers.find((h) => h.id === userId)?.displayName ?? '';
  expect(name).not.toBe('');
  return name;
}

/** A day `n` days from today in Belgium, as yyyy-mm-dd. */
function plusDays(n: number): string {
  const d = new Date(`${todayInBelgium()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
/** yyyy-mm-dd as the English (British) pages show it. */
const shown = (day: string) => day.split('-').reverse().join('/');

// Browser helpers ----------------------------------------------------------------------------------

/**
 * A browser of its own for one person (its own cookies and stored language), in Belgian time so
 * the browser's today is the server's. Their account's language is English (the test accounts'
 * default) and nothing is stored on the device: the pages open in English.
 */
async function browserFor(s: Session): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } });
  await signInWithSession(k, context, s);
  return { context, page: await context.newPage() };
}

async function withBrowser(s: Session, fn: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
  const { context, page } = await browserFor(s);
  try {
    await fn(page, context);
  } finally {
    await context.close();
  }
}

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Picks `option` in the select named `label` within `scope` (a React Aria select: a button, then the list). */
async function choose(page: Page, scope: Locator | Page, label: string, option: string) {
  await scope.getByRole('button', { name: new RegExp(`${escape(label)}$`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types a date as a person does: the first part (the day, in English as in Dutch), then the digits. */
async function typeDate(page: Page, scope: Locator, label: string, day: string) {
  await scope.getByRole('group', { name: label }).getByRole('spinbutton').first().click();
  const [y, m, d] = day.split('-');
  await page.keyboard.type(`${d}${m}${y}`);
}

const actions = (page: Page) => page.locator('main [data-print=hide]');

async function openComplaint(page: Page, z: Zone, c: { id: string; reference: string }) {
  await page.goto(`${k.base}/o/${z.org}/complaints/${c.id}`);
  await page.getByRole('heading', { level: 1, name: `Complaint ${c.reference}` }).waitFor();
  await settled(page);
}

/** What a click on `trigger` downloads: its suggested name and its bytes. */
async function download(page: Page, trigger: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), trigger.click()]) as [Download, unknown];
  return { name: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
}

/** The text parts of a .docx: the body and the styles (where the document's language is set). */
function docx(bytes: Buffer): { document: string; styles: string } {
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const files = unzipSync(new Uint8Array(bytes));
  return { document: strFromU8(files['word/document.xml']), styles: strFromU8(files['word/styles.xml']) };
}

function expectPdf(bytes: Buffer, lang: string) {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  expect(text).toContain(`/Lang (${lang})`);
}

// Tests --------------------------------------------------------------------------------------------

describe('complaints handling', () => {
  it('staff register a complaint received by telephone and one forwarded by Comité P with its reference; the list shows each with its channel', async () => {
    const w = await zone();
    await withBrowser(w.s.coordinator, async (page) => {
      await page.goto(`${k.base}/o/${w.org}/complaints`);
      await page.getByRole('heading', { level: 1, name: 'Complaints' }).waitFor();
      await settled(page);
      await page.getByText('There are no complaints yet.').waitFor();
      await expectAxeClean(page, 'empty complaints list');

      await page.getByRole('link', { name: 'Register a complaint' }).click();
      await page.getByRole('heading', { level: 1, name: 'Register a complaint' }).waitFor();
      await expectAxeClean(page, 'registration form');
      // Nothing filled in: each missing answer is said at its field, nothing is registered.
      await page.getByRole('button', { name: 'Register the complaint' }).click();
      await page.getByText('Choose how the complaint came in.').waitFor();
      await page.getByText("Enter the complainant's name, or tick that the complaint is anonymous.").waitFor();
      await page.getByText('Describe what happened.').waitFor();
      await expectAxeClean(page, 'registration form with errors');
      expect(await ownerQuery(k, 'SELECT 1 FROM complaint WHERE organisation_id = $1', [w.org])).toEqual([]);

      // By telephone, from a French-speaking citizen.
      await choose(page, page.locator('main'), 'Channel', 'Telephone');
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Jean Lambert');
      await page.getByLabel('Telephone number (optional)').fill('0470 12 34 56');
      await choose(page, page.locator('main'), 'Language of the complainant', 'Français');
      await page.getByLabel('What happened?').fill(`Au téléphone : un agent a été impoli au guichet. ${MARK}`);
      await page.getByRole('button', { name: 'Register the complaint' }).click();
      const phoneHeading = page.getByRole('heading', { level: 1, name: /^Complaint [A-Z]+-\d{4}-\d{4}$/ });
      await phoneHeading.waitFor();
      await settled(page);
      const phoneRef = ((await phoneHeading.textContent()) ?? '').replace('Complaint ', '');
      const summary = page.locator('main dl').first();
      expect(await summary.textContent()).toContain('Telephone');
      await summary.getByText('Jean Lambert').waitFor();
      await summary.getByText('0470 12 34 56').waitFor();
      await summary.getByText('Français').waitFor();
      await summary.getByText(/^Registered by Test User \d+$/).waitFor();
      await expectAxeClean(page, 'registered complaint');

      // Forwarded by Comité P, anonymous, with Comité P's reference.
      await page.getByRole('link', { name: 'Back to the complaints' }).click();
      await page.getByRole('link', { name: 'Register a complaint' }).click();
      await page.getByRole('heading', { level: 1, name: 'Register a complaint' }).waitFor();
      await choose(page, page.locator('main'), 'Channel', 'Forwarded by another authority');
      // Forwarded without saying by whom: said at the field.
      await page.getByRole('checkbox', { name: 'The complainant does not give their name (anonymous)' }).check({ force: true });
      await page.getByLabel('What happened?').fill(`Comité P: a citizen says an officer used force during an arrest. ${MARK}`);
      await page.getByRole('button', { name: 'Register the complaint' }).click();
      await page.getByText('Choose who forwarded the complaint.').waitFor();
      await choose(page, page.locator('main'), 'Forwarded by', 'Comité P');
      await page.getByLabel('Their reference (optional)').fill('CP-2026-04711');
      await expectAxeClean(page, 'registration form for a forwarded complaint');
      await page.getByRole('button', { name: 'Register the complaint' }).click();
      const fwdHeading = page.getByRole('heading', { level: 1, name: /^Complaint [A-Z]+-\d{4}-\d{4}$/ });
      await page.waitForURL((u) => /\/complaints\/[0-9a-f-]{36}$/.test(u.pathname));
      await settled(page);
      const fwdRef = ((await fwdHeading.textContent()) ?? '').replace('Complaint ', '');
      expect(fwdRef).not.toBe(phoneRef);
      expect(await summary.textContent()).toContain('Forwarded by another authority · Comité P · their reference CP-2026-04711');
      await summary.getByText(/^Anonymous/).waitFor();

      // The list: both, each with its channel, nothing assigned yet.
      await page.getByRole('link', { name: 'Back to the complaints' }).click();
      await settled(page);
      const phoneRow = page.getByRole('row', { name: new RegExp(phoneRef) });
      const fwdRow = page.getByRole('row', { name: new RegExp(fwdRef) });
      await phoneRow.getByRole('gridcell', { name: 'Telephone', exact: true }).waitFor();
      await fwdRow.getByRole('gridcell', { name: 'Forwarded by another authority', exact: true }).waitFor();
      expect(await phoneRow.textContent()).toContain('Not assigned');
      expect(await page.locator('main tbody tr').count()).toBe(2);
      await expectAxeClean(page, 'complaints list');
      // What was registered is what the server holds.
      const rows = await ownerQuery<{ reference: string; channel: string; forwarded_by: string | null; forwarding_reference: string | null; language: string; anonymous: boolean }>(k,
        'SELECT reference, channel, forwarded_by, forwarding_reference, language, anonymous FROM complaint WHERE organisation_id = $1 ORDER BY reference', [w.org]);
      expect(rows).toEqual([
        { reference: phoneRef, channel: 'phone', forwarded_by: null, forwarding_reference: null, language: 'fr', anonymous: false },
        { reference: fwdRef, channel: 'forwarded', forwarded_by: 'comite_p', forwarding_reference: 'CP-2026-04711', language: 'en', anonymous: true },
      ]);
    });
  }, 120_000);

  it('the coordinator triages with themes, unit and staff involved and assigns a handler; the handler records a note, a hearing and a document, answers in French (Word, PDF) and closes with measures and lessons', async () => {
    const z = await zone({ handler: true });
    const w = z;
    const c = await registered(w, { email: 'amelie.dubois@example.be' });
    const handlerName = await displayName(w, w.users.handler);
    const piet = z.staff[0];

    await withBrowser(w.s.coordinator, async (page) => {
      await openComplaint(page, w, c);
      await actions(page).getByRole('button', { name: 'Triage', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Triage complaint ${c.reference}` });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: 'Admissible', exact: true }).check({ force: true });
      await dialog.getByRole('checkbox', { name: 'Failure to act' }).check({ force: true });
      await dialog.getByRole('checkbox', { name: 'Behaviour and attitude' }).check({ force: true });
      await choose(page, dialog, 'Seriousness', 'High');
      await choose(page, dialog, 'Unit concerned (optional)', z.unitName);
      // The staff member involved, found in the staff list by part of the name.
      await dialog.getByRole('searchbox', { name: 'Find a staff member' }).fill('vermeul');
      await dialog.getByRole('button', { name: `Add ${piet.name}` }).click();
      await dialog.getByRole('list', { name: 'Staff members involved (optional)' }).getByText(`${piet.name} (${piet.number})`).waitFor();
      await choose(page, dialog, 'Handler', handlerName);
      await expectAxeClean(page, 'triage dialog, filled in');
      await dialog.getByRole('button', { name: 'Record the triage' }).click();
      await page.getByRole('status').filter({ hasText: 'The triage is recorded.' }).waitFor();
      const summary = page.locator('main dl').first();
      await summary.getByText('Failure to act, Behaviour and attitude').or(summary.getByText('Behaviour and attitude, Failure to act')).waitFor();
      await summary.getByText('High', { exact: true }).waitFor();
      await summary.getByText(z.unitName, { exact: true }).waitFor();
      await summary.getByText(`${piet.name} (${piet.number})`, { exact: true }).waitFor();
      await summary.getByText(handlerName, { exact: true }).waitFor();
      await expectAxeClean(page, 'triaged complaint');
    });

    const NOTE = `Checked the duty roster: two officers at the desk that evening. ${MARK}`;
    const HEARING = `Hearing of the officer: he says the desk was closing and he asked her to come back. ${MARK}`;
    const MEASURES = 'The officer receives coaching on reception at the desk.';
    const LESSONS = 'The desk stays staffed until closing time; complaints are always taken.';
    const DOC = { name: 'roster-extract.txt', mimeType: 'text/plain', buffer: Buffer.from(`Desk roster, evening shift. ${MARK}\n`) };
    const hearingDay = plusDays(-1);

    await withBrowser(w.s.handler, async (page) => {
      await openComplaint(page, w, c);
      const entries = page.locator('section[aria-labelledby=complaint-entries]');
      await entries.getByText('Nothing recorded yet.').waitFor();

      // An investigation note.
      await actions(page).getByRole('button', { name: 'Add a note or hearing' }).click();
      let dialog = page.getByRole('dialog', { name: `Add to the file of complaint ${c.reference}` });
      await dialog.waitFor();
      await dialog.getByLabel('Note', { exact: true }).fill(NOTE);
      await expectAxeClean(page, 'note dialog');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'The entry is added to the file.' }).waitFor();
      await entries.getByText(NOTE).waitFor();

      // A hearing record, of yesterday.
      await actions(page).getByRole('button', { name: 'Add a note or hearing' }).click();
      dialog = page.getByRole('dialog', { name: `Add to the file of complaint ${c.reference}` });
      await dialog.getByRole('radio', { name: 'A hearing record' }).check({ force: true });
      await typeDate(page, dialog, 'Day of the hearing', hearingDay);
      await dialog.getByLabel('Record of the hearing').fill(HEARING);
      await expectAxeClean(page, 'hearing dialog');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      const hearing = entries.getByRole('listitem').filter({ hasText: HEARING });
      await hearing.waitFor();
      expect(await hearing.textContent()).toContain(`Hearing record${shown(hearingDay)}`);
      expect(await entries.getByRole('listitem').filter({ hasText: NOTE }).textContent()).toContain('Investigation note');

      // A document, uploaded and downloaded back as it was.
      const files = page.locator('section[aria-labelledby=complaint-files]');
      await files.getByText('No files.').waitFor();
      await files.getByLabel('Add documents').setInputFiles(DOC);
      await files.getByRole('button', { name: 'Add the documents' }).click();
      await files.getByRole('status').filter({ hasText: 'The documents are added.' }).waitFor();
      const got = await download(page, files.getByRole('button', { name: `Download ${DOC.name}` }));
      expect(got.name).toBe(DOC.name);
      expect(got.bytes.toString('utf8')).toBe(DOC.buffer.toString('utf8'));
      await expectAxeClean(page, 'complaint with entries and a document');

      // The answer starts from the French template; the decision is filled in on sending.
      await actions(page).getByRole('button', { name: 'Answer', exact: true }).click();
      dialog = page.getByRole('dialog', { name: `Answer complaint ${c.reference}` });
      await dialog.waitFor();
      const draft = await dialog.getByLabel('Answer to the complainant').inputValue();
      expect(draft).toContain('Madame, Monsieur');
      expect(draft).toContain(c.reference);
      await dialog.getByRole('button', { name: 'Send the answer' }).click();
      await dialog.getByText('Choose the decision.').waitFor();
      await expectAxeClean(page, 'answer dialog with an error');
      await choose(page, dialog, 'Decision', 'Well-founded');
      const answer = draft.replace('[Explication]', `Nous avons entendu le policier ${MARK}.`);
      await dialog.getByLabel('Answer to the complainant').fill(answer);
      await dialog.getByRole('button', { name: 'Send the answer' }).click();
      await page.getByRole('status').filter({ hasText: 'The answer is sent.' }).waitFor();
      const answerSection = page.locator('section[aria-labelledby=complaint-answer]');
      await answerSection.getByText(`Nous avons entendu le policier ${MARK}.`, { exact: false }).waitFor();
      // The complainant never reads the template's placeholder: the decision is in their words.
      expect(await answerSection.textContent()).toContain('la plainte est fondée');
      expect(await answerSection.textContent()).not.toContain('{decision}');

      const word = await download(page, answerSection.getByRole('button', { name: 'Download as Word' }));
      expect(word.name).toBe(`Réponse ${c.reference}.docx`);
      const doc = docx(word.bytes);
      expect(doc.document).toContain('Réponse à votre plainte');
      expect(doc.document).toContain(c.reference);
      expect(doc.document).toContain(`Nous avons entendu le policier ${MARK}.`);
      expect(doc.styles).toContain('w:val="fr-BE"');
      const pdf = await download(page, answerSection.getByRole('button', { name: 'Download as PDF' }));
      expect(pdf.name).toBe(`Réponse ${c.reference}.pdf`);
      expectPdf(pdf.bytes, 'fr-BE');

      // Closing with the measures taken and the lessons learned.
      await actions(page).getByRole('button', { name: 'Close', exact: true }).click();
      dialog = page.getByRole('dialog', { name: `Close complaint ${c.reference}` });
      await dialog.waitFor();
      await dialog.getByLabel('Measures taken (optional)').fill(MEASURES);
      await dialog.getByLabel('Lessons learned (optional)').fill(LESSONS);
      await expectAxeClean(page, 'close dialog');
      await dialog.getByRole('button', { name: 'Close the complaint' }).click();
      await page.getByRole('status').filter({ hasText: 'The complaint is closed.' }).waitFor();
      // The page reloads the complaint after the step.
      const summary = page.locator('main dl').first();
      await expect.poll(() => summary.textContent()).toContain(`Closed${shown(todayInBelgium())}`);
      expect(await summary.textContent()).toContain('StatusClosed');
      expect(await summary.textContent()).toContain(`DecisionWell-founded · ${shown(todayInBelgium())}`);
      for (const [label, text] of [['Measures taken', MEASURES], ['Lessons learned', LESSONS]]) {
        const entry = entries.getByRole('listitem').filter({ hasText: text });
        await entry.waitFor();
        expect(await entry.textContent()).toContain(label);
      }
      // A closed complaint offers no further step.
      expect(await actions(page).getByRole('button').count()).toBe(0);
      await expectAxeClean(page, 'closed complaint');
    });
  }, 120_000);

  it('the coordinator forwards a complaint to the judicial authorities; the complaint says when and to whom', async () => {
    const w = await zone();
    const c = await registered(w, { receivedOn: plusDays(-6), name: 'Karel De Smet', language: 'nl', what: `Een agent nam mijn gsm af zonder reden. ${MARK}` });
    const sentOn = plusDays(-2);
    const TO_WHOM = 'Parket Antwerpen, afdeling Turnhout, notitie TU.12.L1.004711/26: mogelijke diefstal door een politieambtenaar.';
    await withBrowser(w.s.coordinator, async (page) => {
      await openComplaint(page, w, c);
      await actions(page).getByRole('button', { name: 'Forward', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Forward complaint ${c.reference}` });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Record the forwarding' }).click();
      await dialog.getByText('Choose where the complaint was sent.').waitFor();
      await expectAxeClean(page, 'forward dialog with an error');
      await choose(page, dialog, 'Sent to', 'The judicial authorities');
      await typeDate(page, dialog, 'Sent on', sentOn);
      await dialog.getByLabel('To whom exactly, and why (optional)').fill(TO_WHOM);
      await dialog.getByRole('button', { name: 'Record the forwarding' }).click();
      await page.getByRole('status').filter({ hasText: 'The complaint is recorded as forwarded and closed for this desk.' }).waitFor();

      // The page reloads the complaint after the step.
      const summary = page.locator('main dl').first();
      await expect.poll(() => summary.textContent()).toContain(`ForwardedThe judicial authorities · ${shown(sentOn)}`);
      expect(await summary.textContent()).toContain('StatusForwarded');
      const history = page.locator('section[aria-labelledby=complaint-history]');
      const event = history.getByRole('listitem').filter({ hasText: TO_WHOM });
      await event.waitFor();
      expect(await event.textContent()).toMatch(new RegExp(`^${escape(shown(sentOn))}: Forwarded · Test User \\d+`));
      // Forwarded: closed for this desk, no step left but notes? None: the desk no longer handles it.
      for (const step of ['Triage', 'Forward', 'Answer']) expect(await actions(page).getByRole('button', { name: step, exact: true }).count()).toBe(0);
      await expectAxeClean(page, 'forwarded complaint');

      await page.getByRole('link', { name: 'Back to the complaints' }).click();
      await settled(page);
      await page.getByRole('row', { name: new RegExp(c.reference) }).getByText('Forwarded', { exact: true }).waitFor();
    });
    const [row] = await ownerQuery<{ status: string; forwarded_to: string; forwarded_on: string }>(k,
      `SELECT status, forwarded_to, forwarded_on::text FROM complaint WHERE id = $1`, [c.id]);
    expect(row).toEqual({ status: 'forwarded', forwarded_to: 'judicial', forwarded_on: sentOn });
  }, 120_000);

  it('settings: the coordinator edits the themes and the triage target; a save from a second, stale page shows the conflict and overwrites nothing', async () => {
    const w = await zone();
    const c = await registered(w);
    await withBrowser(w.s.coordinator, async (page, context) => {
      // The triage clock before: the default target of 14 days.
      await openComplaint(page, w, c);
      await page.locator('main dl').first().getByText(/^Triage: 14 days left/).waitFor();

      const settingsUrl = `${k.base}/o/${w.org}/complaints/settings`;
      await page.goto(settingsUrl);
      await page.getByRole('heading', { level: 1, name: 'Settings of the complaints desk' }).waitFor();
      await settled(page);
      await expectAxeClean(page, 'settings page');
      // A second page on the same settings, opened before the first saves.
      const stale = await context.newPage();
      await stale.goto(settingsUrl);
      await stale.getByRole('heading', { level: 1, name: 'Settings of the complaints desk' }).waitFor();
      await settled(stale);

      // Traffic no longer offered; a new theme in four languages; triage within 10 days.
      await page.getByRole('group', { name: 'Traffic' }).getByRole('checkbox', { name: 'Offered at triage' }).uncheck({ force: true });
      await page.getByRole('button', { name: 'Add a theme' }).click();
      const added = page.locator('fieldset').last();
      await added.getByLabel('Name (Dutch)').fill('Taalgebruik aan het onthaal');
      await added.getByLabel('Name (French)').fill("Emploi des langues à l'accueil");
      await added.getByLabel('Name (German)').fill('Sprachgebrauch am Empfang');
      await added.getByLabel('Name (English)').fill('Language used at the desk');
      await page.getByRole('group', { name: 'Language used at the desk' }).waitFor();
      await page.getByLabel('Triage within (days after receipt)').fill('10');
      await expectAxeClean(page, 'settings page, edited');
      await page.getByRole('button', { name: 'Save the settings' }).click();
      await page.getByRole('status').filter({ hasText: 'The settings are saved.' }).waitFor();

      // The stale page: another target and a renamed theme; its save is refused and says why.
      await stale.getByLabel('Triage within (days after receipt)').fill('30');
      await stale.getByRole('group', { name: 'Behaviour and attitude' }).getByLabel('Name (English)').fill('Conduct');
      await stale.getByRole('button', { name: 'Save the settings' }).click();
      const conflict = stale.getByRole('alert').filter({ hasText: 'Someone else changed this in the meantime' });
      await conflict.waitFor();
      await conflict.getByText('Compare with the current version before saving again.', { exact: false }).waitFor();
      expect(await stale.getByRole('status').filter({ hasText: 'The settings are saved.' }).count()).toBe(0);
      // What was typed stays in the form.
      expect(await stale.getByLabel('Triage within (days after receipt)').inputValue()).toBe('30');
      await expectAxeClean(stale, 'settings page with the conflict');

      // Nothing of the stale save was stored.
      const saved = (await w.s.coordinator.get(api(w.org, '/settings'))).json() as { triageDays: number; themes: { id: string; label: Record<string, string>; active: boolean }[]; revision: number };
      expect(saved.triageDays).toBe(10);
      expect(saved.themes.find((t) => t.id === 'behaviour')?.label.en).toBe('Behaviour and attitude');
      expect(saved.themes.find((t) => t.id === 'traffic')?.active).toBe(false);
      expect(saved.themes.filter((t) => t.label.en === 'Language used at the desk')).toHaveLength(1);

      // Taking their version: the stale page now shows the saved settings.
      await conflict.getByRole('button', { name: 'Take their version' }).click();
      await expect.poll(() => stale.getByLabel('Triage within (days after receipt)').inputValue()).toBe('10');
      await stale.getByRole('group', { name: 'Language used at the desk' }).waitFor();
      await stale.close();

      // The target moved the open complaint's clock; triage offers the new theme and not Traffic.
      await openComplaint(page, w, c);
      await page.locator('main dl').first().getByText(/^Triage: 10 days left/).waitFor();
      await actions(page).getByRole('button', { name: 'Triage', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Triage complaint ${c.reference}` });
      await dialog.getByRole('radio', { name: 'Admissible', exact: true }).check({ force: true });
      await dialog.getByRole('checkbox', { name: 'Language used at the desk' }).waitFor();
      await dialog.getByRole('checkbox', { name: 'Behaviour and attitude' }).waitFor();
      expect(await dialog.getByRole('checkbox', { name: 'Traffic' }).count()).toBe(0);
    });
  }, 120_000);

  it('statistics and the yearly report, in French: the coordinator switches language, writes recommendations and downloads the report, its public version without names, and the figures for oversight', async () => {
    const z = await zone();
    const w = z;
    const [piet, sofie] = z.staff;
    // Four complaints of this year: three by telephone naming Piet Vermeulen (a repeated-complaints signal), one letter.
    const complainants = ['Amélie Dubois', 'Jean Lambert', 'Marie Claes', 'Lotte Wouters'];
    for (const [i, name] of complainants.entries()) {
      const c = await registered(w, { channel: i === 3 ? 'letter' : 'phone', name, receivedOn: `${YEAR}-01-${String(10 + i).padStart(2, '0')}` });
      const v = (await w.s.coordinator.get(api(w.org, `/${c.id}`))).json() as { revision: number };
      const r = await w.s.coordinator.post(api(w.org, `/${c.id}/triage`), {
        admissible: true, themes: ['behaviour'], seriousness: 'medium', unitId: z.unitId, staff: i === 3 ? [sofie.id] : [piet.id], handlerUserId: w.users.coordinator,
      }, ifMatch(v.revision));
      expect(r.statusCode, r.body).toBe(200);
    }
    const RECOMMENDATIONS = `Former les agents du guichet à la gestion des conflits. ${MARK}\n\nPublier les heures du guichet sur le site de la zone.`;

    await withBrowser(w.s.coordinator, async (page) => {
      await page.goto(`${k.base}/o/${w.org}/complaints/stats`);
      await page.getByRole('heading', { level: 1, name: 'Complaints statistics' }).waitFor();
      await settled(page);
      // The language menu in the header, as a person switches.
      await page.getByRole('button', { name: /Language$/ }).click();
      await page.getByRole('option', { name: 'Français' }).click();
      await page.getByRole('heading', { level: 1, name: 'Statistiques des plaintes' }).waitFor();
      await settled(page);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
      const counts = page.locator('main dl').first();
      expect(await counts.textContent()).toContain('Plaintes reçues4');
      await page.getByRole('heading', { level: 2, name: 'Délais de traitement par rapport aux objectifs' }).waitFor();
      // The signal names the staff member, on this screen only.
      const repeated = page.getByRole('grid', { name: 'Membres du personnel visés par des plaintes répétées' });
      await repeated.getByRole('rowheader', { name: `${piet.name} (${piet.number})` }).waitFor();
      expect(await repeated.getByText(sofie.name).count()).toBe(0);
      await expectAxeClean(page, 'statistics page in French');
      // A wider window (4 complaints within 12 months): nobody reaches it; the form says it saved.
      await page.getByLabel('Plaintes', { exact: true }).fill('4');
      await page.getByRole('button', { name: 'Enregistrer la période' }).click();
      await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();
      await repeated.getByText("Personne n'atteint le seuil cette année.").waitFor();
      expect(await repeated.getByText(piet.name).count()).toBe(0);
      expect(await page.getByLabel('Plaintes', { exact: true }).inputValue()).toBe('4');

      // The listing for the authorities: an end before the start is refused at the field; then January's complaints, one a line, no names.
      const listing = page.getByRole('region', { name: 'Liste pour les autorités' });
      const csvButton = listing.getByRole('button', { name: 'Télécharger la liste (CSV)' });
      await typeDate(page, listing, 'Du', `${YEAR}-01-31`);
      await typeDate(page, listing, "Jusqu'au (inclus)", `${YEAR}-01-01`);
      await csvButton.click();
      await listing.getByText('La fin de la période ne peut pas précéder son début.').waitFor();
      await expectAxeClean(page, 'listing for the authorities with an error, in French');
      await typeDate(page, listing, "Jusqu'au (inclus)", `${YEAR}-01-31`);
      await typeDate(page, listing, 'Du', `${YEAR}-01-01`);
      const list = await download(page, csvButton);
      expect(list.name).toMatch(new RegExp(`liste des plaintes pour les autorités ${YEAR}-01-01 - ${YEAR}-01-31\\.csv$`));
      const rows = list.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(rows[0]).toMatch(/^Référence;Reçue le;Canal;Anonyme;/);
      expect(rows).toHaveLength(5);
      for (const name of [piet.name, sofie.name, ...complainants]) expect(rows.join('\n')).not.toContain(name);

      await page.getByRole('link', { name: `Rapport annuel ${YEAR}` }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapport annuel sur les plaintes' }).waitFor();
      await settled(page);
      await page.getByText("Aucune recommandation n'a été rédigée pour cette année.").or(page.getByLabel('Recommandations')).first().waitFor();
      await page.getByLabel('Recommandations').fill(RECOMMENDATIONS);
      await page.getByRole('button', { name: 'Enregistrer les recommandations' }).click();
      await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();
      await expectAxeClean(page, 'yearly report page in French');
      // Kept: a reload (still in French) shows them.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Rapport annuel sur les plaintes' }).waitFor();
      await settled(page);
      await expect.poll(() => page.getByLabel('Recommandations').inputValue()).toBe(RECOMMENDATIONS);

      // The report for the organisation: French, the recommendations, the unit's name; no staff member, no complainant.
      const report = await download(page, page.getByRole('link', { name: `Télécharger le rapport annuel de ${YEAR} en Word` }));
      expect(report.name).toMatch(new RegExp(`rapport plaintes ${YEAR}\\.docx$`));
      const reportDoc = docx(report.bytes);
      expect(reportDoc.document).toContain(`Rapport sur les plaintes ${YEAR}`);
      expect(reportDoc.document).toContain(`Former les agents du guichet à la gestion des conflits. ${MARK}`);
      expect(reportDoc.document).toContain(z.unitName);
      expect(reportDoc.styles).toContain('w:val="fr-BE"');
      for (const name of [piet.name, 'Vermeulen', sofie.name, ...complainants]) expect(reportDoc.document).not.toContain(name);
      expectPdf((await download(page, page.getByRole('link', { name: `Télécharger le rapport annuel de ${YEAR} en PDF` }))).bytes, 'fr-BE');

      // The public version: the recommendations, no unit, no names.
      const pub = docx((await download(page, page.getByRole('link', { name: `Télécharger la version publique de ${YEAR} en Word` }))).bytes);
      expect(pub.document).toContain(`Rapport sur les plaintes ${YEAR} (version publique)`);
      expect(pub.document).toContain('Publier les heures du guichet sur le site de la zone.');
      for (const name of [z.unitName, piet.name, 'Vermeulen', 'Janssens', ...complainants]) expect(pub.document).not.toContain(name);
      expectPdf((await download(page, page.getByRole('link', { name: `Télécharger la version publique de ${YEAR} en PDF` }))).bytes, 'fr-BE');

      // The figures for oversight: French headings, one figure a line, no unit named.
      const csv = (await download(page, page.getByRole('link', { name: `Télécharger les chiffres anonymisés de ${YEAR} pour le contrôle en CSV` }))).bytes.toString('utf8');
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('Section;Élément;Code;Valeur;Masqué (petit nombre)');
      expect(lines).toContain(`Rapport sur les plaintes ${YEAR} (version publique);Année;year;${YEAR};0`);
      for (const name of [z.unitName, piet.name, ...complainants]) expect(csv).not.toContain(name);
    });
    // Each download is recorded.
    const exports = await ownerQuery<{ n: number }>(k, `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND action = 'complaints.yearly_report_export'`, [w.org]);
    expect(exports[0].n).toBe(5);
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateSecret } from 'otplib';
import { createOrganisation, createUser, ownerQuery, sessionFor, TEST_PASSWORD, unlockedSessionFor } from '../src/test/app.js';
import { DEFAULT_QUESTIONS } from '../src/server/modules/reporting/defaults.js';
import { filePart, multipart, publicRequest, reportPart } from '../src/server/modules/reporting/reporting.testkit.js';
import { LOCALES, type Locale } from '../src/shared/roles.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/** Every page (and the dialogs and states that change a page much), scanned by axe in each language: 0 violations. */
let k: Kompas;
let b: Browsing;
let orgId: string;
let personId: string;
let mailId: string;
const users: Record<'admin' | 'dpo' | 'totp' | 'setup' | 'officer' | 'officer2' | 'counsellor' | 'core' | 'coordinator' | 'aigAdmin' | 'inspector', string> = { admin: '', dpo: '', totp: '', setup: '', officer: '', officer2: '', counsellor: '', core: '', coordinator: '', aigAdmin: '', inspector: '' };
/** The reporting channel: the organisation's public code, a report and its receipt. */
const reporting = { code: '', reportId: '', receipt: '' };
/** The complaints desk: one complaint with a file, and its status code. */
const complaints = { complaintId: '', code: '' };
/** Maturity: a baseline being scored (the officer is an assessor) and a yearly measurement in consolidation. */
const maturity = { scoring: '', consolidating: '' };
/** Risk analysis: one being scored (the officer takes part), one completed, one in consolidation. */
const risk = { scoring: '', completed: '', consolidating: '' };
/** Maturity frameworks: the inspectorate whose administrator manages them, and a draft version to preview. */
const frameworks = { aig: '', draft: '' };

type Who = 'anonymous' | keyof typeof users;
interface Visit {
  name: string;
  who: Who;
  /** The page's address; public pages take the language in it (they remember nothing on the device). */
  path: (locale: Locale) => string;
  /** Brings the page into the state to scan (a dialog open, a result shown). */
  then?: (page: Page) => Promise<void>;
}

const CSV = 'stamnummer;naam;voornaam;categorie;startdatum\nA11Y01;Peeters;Jan;operationeel;2024-03-01\nA11Y02;;Els;calog;31/02/2024\n';

/** The page's main action (in the page header) opens a dialog. */
async function openPageAction(p: Page) {
  await p.locator('main [data-print=hide] button').first().click();
  await p.getByRole('dialog').waitFor();
}

/** The public reporting form, filled in anonymously up to the review step. */
async function reviewReport(p: Page) {
  await p.getByRole('radio').nth(2).check({ force: true });
  await p.locator('main textarea').first().fill('Een collega nam in beslag genomen geld mee.');
  await p.locator('main form button[type=submit]').last().click();
  await p.locator('#report-review').waitFor();
}

/** A report's page opens with the unlock dialog (the session was made without the password); unlocked, it shows the report. */
async function unlockedReport(p: Page) {
  const dialog = p.getByRole('dialog');
  await dialog.waitFor();
  await dialog.locator('input[type=password]').fill(TEST_PASSWORD);
  await dialog.locator('button[type=submit]').click();
  await p.locator('#case-report').waitFor();
}

/** On a report's page (its key unlocked first if this session has not yet), the dialog of the first button of one of its sections. */
async function reportDialog(p: Page, section: 'case-advice' | 'case-protection' | 'case-report') {
  await p.locator('#case-report, [role=dialog]').first().waitFor();
  if (await p.getByRole('dialog').count()) await unlockedReport(p);
  await p.locator(`section[aria-labelledby=${section}] button`).first().click();
  await p.getByRole('dialog').waitFor();
}

/** The public complaint form, filled in anonymously up to the review step. */
async function reviewComplaint(p: Page) {
  await p.getByRole('radio').nth(1).check({ force: true });
  await p.locator('main textarea').first().fill('Een agent sprak mij onbeleefd aan.');
  await p.locator('main [role=checkbox], main input[type=checkbox]').last().check({ force: true });
  await p.locator('main form button[type=submit]').last().click();
  await p.locator('#complaint-review').waitFor();
}

/** A complaint's page opens with the unlock dialog (the session was made without the password); unlocked, it shows the complaint. */
async function unlockedComplaint(p: Page) {
  const dialog = p.getByRole('dialog');
  await dialog.waitFor();
  await dialog.locator('input[type=password]').fill(TEST_PASSWORD);
  await dialog.locator('button[type=submit]').click();
  await p.locator('#complaint-facts').waitFor();
}

const VISITS: Visit[] = [
  { name: 'sign-in', who: 'anonymous', path: () => '/sign-in' },
  { name: 'forgot password', who: 'anonymous', path: () => '/forgot-password' },
  { name: 'reset password', who: 'anonymous', path: () => '/reset-password#token=0123456789abcdef0123456789abcdef' },
  { name: 'reset password without token', who: 'anonymous', path: () => '/reset-password' },
  { name: 'not found', who: 'anonymous', path: () => '/no/such/page' },
  { name: 'second factor', who: 'totp', path: () => '/sign-in/totp' },
  { name: 'authenticator set-up', who: 'setup', path: () => '/sign-in/totp-setup', then: (p) => p.getByRole('img').waitFor() },
  { name: 'home', who: 'admin', path: () => `/o/${orgId}` },
  { name: 'organisation settings', who: 'admin', path: () => `/o/${orgId}/settings` },
  { name: 'units', who: 'admin', path: () => `/o/${orgId}/units` },
  { name: 'unit dialog', who: 'admin', path: () => `/o/${orgId}/units`, then: openPageAction },
  { name: 'staff list', who: 'admin', path: () => `/o/${orgId}/people` },
  { name: 'staff member', who: 'admin', path: () => `/o/${orgId}/people/${personId}` },
  { name: 'new staff member', who: 'admin', path: () => `/o/${orgId}/people/new` },
  { name: 'import', who: 'admin', path: () => `/o/${orgId}/people/import` },
  {
    name: 'import preview', who: 'admin', path: () => `/o/${orgId}/people/import`,
    then: async (p) => {
      await p.locator('textarea').fill(CSV);
      await p.locator('form button[type=submit]').click();
      await p.locator('table.import-errors').waitFor();
    },
  },
  { name: 'users', who: 'admin', path: () => `/o/${orgId}/users` },
  { name: 'roles', who: 'admin', path: () => `/o/${orgId}/roles` },
  { name: 'assign role dialog', who: 'admin', path: () => `/o/${orgId}/roles`, then: openPageAction },
  { name: 'outbox', who: 'admin', path: () => `/o/${orgId}/outbox` },
  { name: 'e-mail', who: 'admin', path: () => `/o/${orgId}/outbox/${mailId}` },
  { name: 'jobs', who: 'admin', path: () => `/o/${orgId}/jobs` },
  { name: 'sessions', who: 'admin', path: () => '/account/sessions' },
  { name: 'change password', who: 'admin', path: () => '/account/password' },
  { name: 'authenticator app', who: 'admin', path: () => '/account/authenticator' },
  { name: 'not found in the shell', who: 'admin', path: () => `/o/${orgId}/nothing-here` },
  { name: 'audit trail', who: 'dpo', path: () => `/o/${orgId}/audit` },
  { name: 'reporting figures', who: 'admin', path: () => `/o/${orgId}/reporting/figures` },
  { name: 'public reporting page', who: 'anonymous', path: (l) => `/p/${reporting.code}/report?lang=${l}` },
  {
    name: 'public reporting page, answers missing', who: 'anonymous', path: (l) => `/p/${reporting.code}/report?lang=${l}`,
    then: async (p) => { await p.locator('main form button[type=submit]').last().click(); await p.locator('main [role=alert]').first().waitFor(); },
  },
  { name: 'public reporting review', who: 'anonymous', path: (l) => `/p/${reporting.code}/report?lang=${l}`, then: reviewReport },
  {
    name: 'public reporting receipt', who: 'anonymous', path: (l) => `/p/${reporting.code}/report?lang=${l}`,
    then: async (p) => {
      await reviewReport(p);
      await p.locator('section[aria-labelledby=report-review] button').last().click();
      await p.getByTestId('receipt').waitFor();
      // Noted: leaving the page no longer asks first.
      await p.locator('main [data-print=hide] label').last().click();
    },
  },
  { name: 'public follow-up', who: 'anonymous', path: (l) => `/p/${reporting.code}/report/follow-up?lang=${l}` },
  {
    name: 'public follow-up, report open', who: 'anonymous', path: (l) => `/p/${reporting.code}/report/follow-up?lang=${l}`,
    then: async (p) => { await p.locator('main input').first().fill(reporting.receipt); await p.locator('main form button[type=submit]').click(); await p.locator('#portal-messages').waitFor(); },
  },
  { name: 'reports inbox', who: 'officer', path: () => `/o/${orgId}/reports` },
  { name: 'reporting settings', who: 'officer', path: () => `/o/${orgId}/reporting/settings` },
  // Each officer's session starts with the key locked: the page is scanned as it opens, then after unlocking.
  { name: 'unlock dialog', who: 'officer', path: () => `/o/${orgId}/reports/${reporting.reportId}`, then: (p) => p.getByRole('dialog').waitFor() },
  { name: 'report step dialog', who: 'officer', path: () => `/o/${orgId}/reports/${reporting.reportId}`, then: async (p) => { await unlockedReport(p); await openPageAction(p); } },
  { name: 'report', who: 'officer2', path: () => `/o/${orgId}/reports/${reporting.reportId}`, then: unlockedReport },
  { name: 'core-group advice dialog', who: 'officer2', path: () => `/o/${orgId}/reports/${reporting.reportId}`, then: (p) => reportDialog(p, 'case-advice') },
  { name: 'protective measure dialog', who: 'officer2', path: () => `/o/${orgId}/reports/${reporting.reportId}`, then: (p) => reportDialog(p, 'case-protection') },
  { name: 'masking dialog', who: 'officer2', path: () => `/o/${orgId}/reports/${reporting.reportId}`, then: (p) => reportDialog(p, 'case-report') },
  { name: 'report for someone', who: 'counsellor', path: () => `/o/${orgId}/reports/new` },
  { name: 'public complaint form', who: 'anonymous', path: (l) => `/p/${reporting.code}/complaint?lang=${l}` },
  {
    name: 'public complaint form, answers missing', who: 'anonymous', path: (l) => `/p/${reporting.code}/complaint?lang=${l}`,
    then: async (p) => { await p.locator('main form button[type=submit]').last().click(); await p.locator('main [role=alert]').first().waitFor(); },
  },
  {
    name: 'public complaint receipt', who: 'anonymous', path: (l) => `/p/${reporting.code}/complaint?lang=${l}`,
    then: async (p) => {
      await reviewComplaint(p);
      await p.locator('section[aria-labelledby=complaint-review] button').last().click();
      await p.getByTestId('status-code').waitFor();
      // Noted: leaving the page no longer asks first.
      await p.locator('main [data-print=hide] label').last().click();
    },
  },
  {
    name: 'public complaint status', who: 'anonymous', path: (l) => `/p/${reporting.code}/complaint/status?lang=${l}`,
    then: async (p) => { await p.locator('main input').first().fill(complaints.code); await p.locator('main form button[type=submit]').click(); await p.locator('#status-answer').waitFor(); },
  },
  { name: 'complaints list', who: 'coordinator', path: () => `/o/${orgId}/complaints` },
  { name: 'register a complaint', who: 'coordinator', path: () => `/o/${orgId}/complaints/new` },
  { name: 'complaints desk settings', who: 'coordinator', path: () => `/o/${orgId}/complaints/settings` },
  { name: 'complaints statistics', who: 'coordinator', path: () => `/o/${orgId}/complaints/stats` },
  { name: 'complaints yearly report', who: 'coordinator', path: () => `/o/${orgId}/complaints/yearly-report` },
  { name: 'complaint', who: 'coordinator', path: () => `/o/${orgId}/complaints/${complaints.complaintId}`, then: unlockedComplaint },
  { name: 'complaint step dialog', who: 'coordinator', path: () => `/o/${orgId}/complaints/${complaints.complaintId}`, then: async (p) => { await p.locator('#complaint-facts').waitFor(); await openPageAction(p); } },
  { name: 'audit integrity result', who: 'dpo', path: () => `/o/${orgId}/audit`, then: async (p) => { await p.locator('main [data-print=hide] button').first().click(); await p.locator('[aria-live=polite]', { hasText: /\d/ }).first().waitFor(); } },
  { name: 'maturity measurements', who: 'officer', path: () => `/o/${orgId}/maturity` },
  { name: 'new maturity measurement', who: 'officer', path: () => `/o/${orgId}/maturity/new` },
  { name: 'maturity scoring', who: 'officer', path: () => `/o/${orgId}/maturity/${maturity.scoring}` },
  {
    // The officer's own file and link to the completed risk analysis on the first criterion, and the picker of a record to link, grouped by kind.
    name: 'maturity scoring, evidence and record picker', who: 'officer', path: () => `/o/${orgId}/maturity/${maturity.scoring}`,
    then: async (p) => {
      await p.locator(`main a[href$="/risk/analyses/${risk.completed}"]`).first().waitFor();
      await p.getByTestId('link-record').first().click();
      const picker = p.getByTestId('record-link-picker');
      await picker.locator('button').first().click();
      await p.getByRole('option').last().click();
      await picker.locator('button').nth(1).click();
      await p.getByRole('option').first().click();
      // Kind and record chosen: "Link to my score" is enabled (two selects, link, cancel).
      await picker.locator('button:not([disabled])').nth(3).waitFor();
    },
  },
  { name: 'maturity consolidation', who: 'officer', path: () => `/o/${orgId}/maturity/${maturity.consolidating}/consolidation` },
  {
    name: 'maturity consolidation, evidence', who: 'officer', path: () => `/o/${orgId}/maturity/${maturity.consolidating}/consolidation`,
    then: (p) => p.locator('main a[download]').first().waitFor(),
  },
  { name: 'maturity matrix', who: 'officer', path: () => `/o/${orgId}/maturity/${maturity.consolidating}/matrix` },
  { name: 'maturity trend', who: 'officer', path: () => `/o/${orgId}/maturity/trend` },
  { name: 'dashboard', who: 'officer', path: () => `/o/${orgId}/dashboard` },
  { name: 'risk analyses', who: 'officer', path: () => `/o/${orgId}/risk` },
  { name: 'new risk analysis', who: 'officer', path: () => `/o/${orgId}/risk/new` },
  { name: 'risk inventory', who: 'officer', path: () => `/o/${orgId}/risk/inventory` },
  { name: 'risk catalogue dialog', who: 'officer', path: () => `/o/${orgId}/risk/inventory`, then: openPageAction },
  { name: 'risk scoring', who: 'officer', path: () => `/o/${orgId}/risk/analyses/${risk.scoring}` },
  { name: 'risk consolidation', who: 'officer', path: () => `/o/${orgId}/risk/analyses/${risk.consolidating}/consolidation` },
  { name: 'completed risk analysis', who: 'officer', path: () => `/o/${orgId}/risk/analyses/${risk.completed}/consolidation` },
  { name: 'risk register', who: 'officer', path: () => `/o/${orgId}/risk/register` },
  { name: 'risk comparison', who: 'officer', path: () => `/o/${orgId}/risk/compare` },
  { name: 'risk matrix', who: 'officer', path: () => `/o/${orgId}/risk/settings` },
  // The inspectorate's anonymised view of the risk analyses: the completed analysis above counts, under the threshold, so
  // every count is withheld and the page explains that instead of a table of withheld rows.
  { name: 'risks across organisations', who: 'inspector', path: () => `/o/${frameworks.aig}/oversight/risk`, then: (p) => p.locator('main [class*=empty]').waitFor() },
  { name: 'maturity frameworks', who: 'aigAdmin', path: () => `/o/${frameworks.aig}/maturity/frameworks` },
  {
    name: 'maturity framework import refused', who: 'aigAdmin', path: () => `/o/${frameworks.aig}/maturity/frameworks`,
    then: async (p) => {
      await p.locator('#framework-file').setInputFiles({ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from('{"code":"imf","title":{},"criteria":[]}') });
      await p.locator('main section button').last().click();
      await p.locator('main [role=alert] li').first().waitFor();
    },
  },
  { name: 'maturity framework draft', who: 'aigAdmin', path: () => `/o/${frameworks.aig}/maturity/frameworks/${frameworks.draft}` },
  {
    name: 'maturity framework publish dialog', who: 'aigAdmin', path: () => `/o/${frameworks.aig}/maturity/frameworks/${frameworks.draft}`,
    then: async (p) => { await p.locator('main [data-print=hide] button').first().click(); await p.getByRole('alertdialog').waitFor(); },
  },
  { name: 'share a dilemma', who: 'core', path: () => `/o/${orgId}/risk/dilemmas/share` },
  { name: 'dilemma inventory', who: 'officer', path: () => `/o/${orgId}/risk/dilemmas` },
  {
    name: 'dilemma review', who: 'officer', path: () => `/o/${orgId}/risk/dilemmas`,
    then: async (p) => { await p.locator('main ul li button').first().click(); await p.locator('main ul li form').first().waitFor(); },
  },
];

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Kempen' });
  const [unit] = await ownerQuery<{ id: string }>(k, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'INT', 'Interventie') RETURNING id`, [orgId]);
  [{ id: personId }] = await ownerQuery<{ id: string }>(k,
    `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, unit_id, start_date) VALUES ($1, '82000001', 'An', 'Wouters', 'calog', $2, '2019-09-01') RETURNING id`, [orgId, unit.id]);
  [{ id: mailId }] = await ownerQuery<{ id: string }>(k,
    `INSERT INTO mail_outbox (organisation_id, to_address, locale, template, subject, body_text, status) VALUES ($1, 'an.wouters@example.org', 'nl', 'invitation', 'Uitnodiging Kompas', 'Beste,\n\nU bent uitgenodigd.', 'outbox') RETURNING id`, [orgId]);
  // Also platform administrator: the jobs page is theirs only.
  users.admin = (await createUser(k, { roles: [{ orgId, role: 'administrator' }, { orgId, role: 'chief' }], platformAdmin: true })).id;
  users.dpo = (await createUser(k, { roles: [{ orgId, role: 'dpo' }] })).id;
  users.totp = (await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], totpSecret: generateSecret({ length: 20 }) })).id;
  users.setup = (await createUser(k, { roles: [{ orgId, role: 'auditor' }] })).id;
  await reportingChannel();
  await complaintsDesk();
  await maturityMeasurements();
  await riskAnalyses();
  await maturityEvidence();
  await maturityFrameworks();
  // The inspectorate's oversight member (the risk analyses across organisations).
  users.inspector = (await createUser(k, { roles: [{ orgId: frameworks.aig, role: 'oversight' }] })).id;
  await riskDilemmas();
});

/** Two dilemmas: one named (the core-group member's own list shows it), one anonymous. */
async function riskDilemmas() {
  const core = await sessionFor(k, users.core);
  const base = `/api/orgs/${orgId}/risk/dilemmas`;
  for (const anonymous of [false, true]) {
    const r = await core.post(base, { text: 'Een dankbare burger brengt pralines naar de wachtdienst.', themes: ['gifts_and_favours'], processCode: 'schoten.gifts', anonymous });
    expect(r.statusCode, r.body).toBe(201);
  }
}

/** An inspectorate with an administrator, and a draft framework version (the default one under another code). */
async function maturityFrameworks() {
  frameworks.aig = await createOrganisation(k, { kind: 'inspectorate', name: 'AIG Toegankelijkheid' });
  users.aigAdmin = (await createUser(k, { roles: [{ orgId: frameworks.aig, role: 'administrator' }] })).id;
  const file = JSON.parse(readFileSync('src/server/modules/maturity/frameworks/imf-v1.json', 'utf8'));
  const draft = await (await sessionFor(k, users.aigAdmin)).post('/api/maturity/frameworks', { ...file, code: 'a11y' });
  expect(draft.statusCode, draft.body).toBe(201);
  frameworks.draft = draft.json().id;
}

/**
 * Three processes from the catalogue; an analysis being scored by both officers; one the second
 * officer scored and the first completed (the register's heat map); one in consolidation with a
 * disagreement-free agreed process, a control and a recommendation.
 */
async function riskAnalyses() {
  const [officer, officer2] = await Promise.all([sessionFor(k, users.officer), sessionFor(k, users.officer2)]);
  const base = `/api/orgs/${orgId}/risk`;
  const added = await officer.post(`${base}/processes/from-catalogue`, { codes: ['schoten.seized_evidence', 'schoten.database_consultation', 'schoten.fuel_cards'] });
  expect(added.statusCode, added.body).toBe(201);
  const processIds = (added.json() as { items: { id: string }[] }).items.map((p) => p.id);
  const scores = (likelihood: number) => ({
    inherent: { money: 2, goods: 2, information: 1, power: 1, external: 0 }, aggravating: { supervision: 1, combined_duties: 1, pressure: 0, rotation: 2 },
    likelihood, impact: 4, comment: 'Onderbouwing',
  });
  const analysis = async (title: string, participants: string[]) => {
    const r = await officer.post(`${base}/analyses`, { title, scopeNote: 'Drie prioritaire processen.', processIds, participantUserIds: participants });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    expect((await officer.post(`${base}/analyses/${id}/start`)).statusCode).toBe(200);
    return id;
  };
  risk.scoring = await analysis('Risicoanalyse 2025', [users.officer, users.officer2]);
  for (const [which, agreeAll] of [['completed', true], ['consolidating', false]] as const) {
    const id = await analysis(which === 'completed' ? 'Risicoanalyse 2026' : 'Herbeoordeling 2027', [users.officer2]);
    for (const [i, p] of processIds.entries()) {
      expect((await officer2.put(`${base}/analyses/${id}/scores/${p}`, scores(i + 2), { 'if-match': '"0"' })).statusCode).toBe(200);
    }
    expect((await officer.post(`${base}/analyses/${id}/consolidate`)).statusCode).toBe(200);
    for (const [i, p] of (agreeAll ? processIds : processIds.slice(0, 1)).entries()) {
      const r = await officer.put(`${base}/analyses/${id}/consolidation/${p}`, { ...scores(i + 2), reason: 'Zoals gescoord' }, { 'if-match': '"0"' });
      expect(r.statusCode, r.body).toBe(200);
    }
    const p0 = processIds[0];
    expect((await officer.post(`${base}/analyses/${id}/processes/${p0}/controls`, { description: 'Vier-ogenprincipe', type: 'preventive', effectiveness: 'partly' })).statusCode).toBe(201);
    expect((await officer.post(`${base}/analyses/${id}/processes/${p0}/recommendations`, { text: 'Een tweede sleutelhouder aanduiden.' })).statusCode).toBe(201);
    if (agreeAll) expect((await officer.post(`${base}/analyses/${id}/complete`)).statusCode).toBe(200);
    risk[which] = id;
  }
}

/** A baseline being scored by both officers, and a yearly measurement scored by the second one and consolidated, with a gap and a disagreement-free agreed level. */
async function maturityMeasurements() {
  const [officer, officer2] = await Promise.all([sessionFor(k, users.officer), sessionFor(k, users.officer2)]);
  const base = `/api/orgs/${orgId}/maturity/measurements`;
  const scoring = await officer.post(base, { kind: 'baseline', year: 2025, assessorUserIds: [users.officer, users.officer2] });
  expect(scoring.statusCode, scoring.body).toBe(201);
  maturity.scoring = scoring.json().id;
  const yearly = await officer.post(base, { kind: 'yearly', year: 2026, assessorUserIds: [users.officer2] });
  expect(yearly.statusCode, yearly.body).toBe(201);
  const m = yearly.json() as { id: string; criteria: { criterion: { id: string } }[] };
  maturity.consolidating = m.id;
  for (const [i, r] of m.criteria.entries()) {
    expect((await officer2.put(`${base}/${m.id}/scores/${r.criterion.id}`, { level: i % 5, evidence: 'Onderbouwing' }, { 'if-match': '"0"' })).statusCode).toBe(200);
  }
  // A file on the first score: the consolidation lists it under the assessor.
  const file = multipart([filePart('aanwezigheden.txt', 'text/plain', Buffer.from('aanwezigheden dilemmatraining\n'))]);
  const up = await officer2.request('POST', `${base}/${m.id}/scores/${m.criteria[0].criterion.id}/files`, file.payload, file.headers);
  expect(up.statusCode, up.body).toBe(201);
  expect((await officer.post(`${base}/${m.id}/consolidate`)).statusCode).toBe(200);
  const [first] = m.criteria;
  expect((await officer.put(`${base}/${m.id}/consolidation/${first.criterion.id}`, { agreedLevel: 0, targetLevel: 2, reason: 'Nog niets' }, { 'if-match': '"0"' })).statusCode).toBe(200);
}

/** The officer's evidence on the first criterion of the baseline being scored: a file and a link to the completed risk analysis. */
async function maturityEvidence() {
  const officer = await sessionFor(k, users.officer);
  const base = `/api/orgs/${orgId}/maturity/measurements/${maturity.scoring}`;
  const m = (await officer.get(base)).json() as { criteria: { criterion: { id: string } }[] };
  const crit = m.criteria[0].criterion.id;
  const file = multipart([filePart('verslag.txt', 'text/plain', Buffer.from('verslag van de werkgroep\n'))]);
  const up = await officer.request('POST', `${base}/scores/${crit}/files`, file.payload, file.headers);
  expect(up.statusCode, up.body).toBe(201);
  const link = await officer.post(`${base}/scores/${crit}/links`, { kind: 'risk.analysis', recordId: risk.completed });
  expect(link.statusCode, link.body).toBe(201);
}

/** The complaints desk open (the escrow key exists: reportingChannel made it), a coordinator with a key pair, and one named complaint with a file. */
async function complaintsDesk() {
  users.coordinator = (await createUser(k, { roles: [{ orgId, role: 'complaints_coordinator' }] })).id;
  const coordinator = await unlockedSessionFor(k, users.coordinator);
  const base = `/api/orgs/${orgId}/complaints`;
  const settings = (await coordinator.get(`${base}/settings`)).json() as { revision: number; themes: unknown[]; answerTemplates: unknown; triageDays: number };
  const put = await coordinator.put(`${base}/settings`, {
    open: true, themes: settings.themes, answerTemplates: settings.answerTemplates, triageDays: settings.triageDays,
    intro: { nl: 'De klachtencoördinator onderzoekt elke klacht.', fr: 'Le coordinateur des plaintes examine chaque plainte.', de: 'Der Beschwerdekoordinator prüft jede Beschwerde.', en: 'The complaints coordinator examines every complaint.' },
  }, { 'if-match': `"${settings.revision}"` });
  expect(put.statusCode, put.body).toBe(200);
  const m = multipart([
    { name: 'complaint', value: JSON.stringify({ anonymous: false, name: 'Marie Claes', email: 'marie.claes@example.be', what: 'Een agent hield mijn papieren bij een controle.', consent: true }) },
    filePart('notities.txt', 'text/plain', Buffer.from('notities\n')),
  ]);
  const filed = await publicRequest(k, { method: 'POST', url: `/api/public/orgs/${reporting.code}/complaints`, payload: m.payload, headers: m.headers });
  expect(filed.statusCode, filed.body).toBe(201);
  complaints.code = filed.json().code;
  const [row] = await ownerQuery<{ id: string }>(k, `SELECT id FROM complaint WHERE organisation_id = $1`, [orgId]);
  complaints.complaintId = row.id;
}

/** The reporting channel open with an escrow key, an officer with a key pair, a counsellor, a core-group member, and one anonymous report with a file. */
async function reportingChannel() {
  const [org] = await ownerQuery<{ code: string }>(k, `SELECT code FROM organisation WHERE id = $1`, [orgId]);
  reporting.code = org.code;
  users.officer = (await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }] })).id;
  users.officer2 = (await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }] })).id;
  users.counsellor = (await createUser(k, { roles: [{ orgId, role: 'confidential_counsellor' }] })).id;
  // A core-group member with a key pair: the advice dialog offers them.
  users.core = (await createUser(k, { roles: [{ orgId, role: 'core_group_member' }] })).id;
  await unlockedSessionFor(k, users.core);
  // Both officers have a key pair before the report comes (the report is sealed to them).
  await unlockedSessionFor(k, users.officer2);
  const officer = await unlockedSessionFor(k, users.officer);
  expect((await officer.post(`/api/orgs/${orgId}/vault/escrow`)).statusCode).toBe(201);
  const base = `/api/orgs/${orgId}/reporting`;
  const settings = (await officer.get(`${base}/settings`)).json() as { revision: number };
  const put = await officer.put(`${base}/settings`, {
    open: true, questions: DEFAULT_QUESTIONS, ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3, 6, 12], retentionMonths: 60, autoAck: null, recipients: [],
    intro: { nl: 'Meldingen gaan naar de verantwoordelijke integriteit.', fr: 'Les signalements vont au responsable intégrité.', de: 'Meldungen gehen an den Integritätsbeauftragten.', en: 'Reports go to the integrity officer.' },
  }, { 'if-match': `"${settings.revision}"` });
  expect(put.statusCode, put.body).toBe(200);
  const m = multipart([reportPart({ identityMode: 'anonymous', answers: { what: 'Een collega neemt brandstof mee.' }, exclude: [] }), filePart('bewijs.txt', 'text/plain', Buffer.from('bewijs\n'))]);
  const filed = await publicRequest(k, { method: 'POST', url: `/api/public/orgs/${reporting.code}/reporting/reports`, payload: m.payload, headers: m.headers });
  expect(filed.statusCode, filed.body).toBe(201);
  reporting.receipt = filed.json().receipt;
  const [row] = await ownerQuery<{ id: string }>(k, `SELECT id FROM report WHERE organisation_id = $1`, [orgId]);
  reporting.reportId = row.id;
}

afterAll(async () => {
  await b?.close();
  await k?.close();
});

const locales = process.env.A11Y_LOCALES ? (process.env.A11Y_LOCALES.split(',') as Locale[]) : LOCALES;
/** A11Y_VISITS=maturity,risk: only the visits whose name contains one of these (a quick walk of one area in every language). */
const only = process.env.A11Y_VISITS?.split(',');
const visits = only ? VISITS.filter((v) => only.some((o) => v.name.includes(o))) : VISITS;

describe.each(locales)('accessibility in %s', (locale: Locale) => {
  it('every page has 0 axe violations (WCAG 2.1 A and AA)', async () => {
    const { page, context } = b;
    await context.addInitScript((l) => localStorage.setItem('kompas_locale', l), locale);
    const found: Record<string, unknown> = {};
    let current: Who | null = null;
    for (const v of visits) {
      if (v.who !== current) {
        if (v.who === 'anonymous') await context.clearCookies();
        else await signInByCookie(k, context, users[v.who], { mfa: v.who !== 'totp' && v.who !== 'setup' });
        current = v.who;
      }
      await page.goto(`${k.base}${v.path(locale)}`);
      await settled(page);
      await v.then?.(page);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      const violations = await axeViolations(page);
      if (violations.length) found[v.name] = violations;
    }
    expect(found).toEqual({});
  }, 600_000); // some 60 pages with axe each: on a busy 2-core machine a language takes six minutes and more
});

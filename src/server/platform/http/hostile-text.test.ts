import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';

/**
 * Hostile text walked through representative endpoints of every module: a NUL (PostgreSQL
 * refuses it in text), other control characters and lone surrogates are refused at the edge
 * with a 400 that names the field, and nothing is stored.
 */

const NUL = '\u0000';
const YEAR = new Date().getUTCFullYear();
let t: TestApp;
let org: string;
let officer: Session;
let platformAdmin: Session;
let planId: string;
let objectiveId: string;
let indicatorId: string;
let actionId: string;

/** Every table a request could write to, as one digest (sessions left out: reading touches last_seen_at). */
const TABLES = ['organisation', 'org_unit', 'person', 'app_user', 'role_assignment', 'plan', 'plan_objective', 'plan_indicator', 'plan_indicator_measurement',
  'plan_action', 'plan_action_update', 'plan_action_evidence', 'plan_evaluation', 'audit_event', 'mail_outbox', 'stored_file', 'deadline'];
async function digest(): Promise<string> {
  const parts = TABLES.map((tb) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${tb} x)`);
  const [r] = await ownerQuery<{ d: string }>(t, `SELECT concat_ws(',', ${parts.join(', ')}) AS d`);
  return r.d;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  const roles = (['administrator', 'integrity_officer', 'chief', 'dpo', 'auditor'] as const).map((role) => ({ orgId: org, role }));
  officer = await sessionFor(t, (await createUser(t, { roles })).id);
  platformAdmin = await sessionFor(t, (await createUser(t, { platformAdmin: true })).id);
  const base = `/api/orgs/${org}/plans`;
  const plan = await officer.post(base, { title: 'Integriteitsbeleidsplan', periodFrom: YEAR, periodTo: YEAR + 2 });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json().plan.id;
  const sd = await officer.post(`${base}/${planId}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' });
  objectiveId = sd.json().id;
  const ind = await officer.post(`${base}/${planId}/objectives/${objectiveId}/indicators`, { name: 'Opgeleide personeelsleden' });
  expect(ind.statusCode, ind.body).toBe(201);
  indicatorId = ind.json().id;
  const action = await officer.post(`${base}/${planId}/actions`, { objectiveId, title: 'Dilemmatraining' });
  expect(action.statusCode, action.body).toBe(201);
  actionId = action.json().id;
});
afterAll(async () => { await t?.close(); });

type Case = [name: string, who: () => Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: () => string, body?: () => unknown];
const p = () => `/api/orgs/${org}/plans/${planId}`;
const person = { personnelNumber: 'P1', firstName: 'Jan', lastName: 'Peeters', staffCategory: 'operational', startDate: '2020-01-01' };

const cases: Case[] = [
  // plan
  ['plan title', () => officer, 'POST', () => `/api/orgs/${org}/plans`, () => ({ title: `Plan${NUL}`, periodFrom: YEAR, periodTo: YEAR + 1 })],
  ['plan title with a line break', () => officer, 'POST', () => `/api/orgs/${org}/plans`, () => ({ title: 'Plan\nB', periodFrom: YEAR, periodTo: YEAR + 1 })],
  ['plan title with a lone surrogate', () => officer, 'POST', () => `/api/orgs/${org}/plans`, () => ({ title: 'Plan \ud800', periodFrom: YEAR, periodTo: YEAR + 1 })],
  ['plan section text', () => officer, 'PATCH', p, () => ({ sections: { ambition: `Ambitie${NUL}` } })],
  ['plan section text with a C1 control', () => officer, 'PATCH', p, () => ({ sections: { monitoring: 'Opvolging\u0085' } })],
  ['responsible person', () => officer, 'PATCH', p, () => ({ sections: { identification: { entityName: 'Zone', responsible: [{ name: `Jan${NUL}`, role: 'korpschef' }] } } })],
  ['confidential notes', () => officer, 'PATCH', p, () => ({ confidentialNotes: `nota${NUL}` })],
  ['objective title', () => officer, 'POST', () => `${p()}/objectives`, () => ({ title: `SD${NUL}` })],
  ['indicator unit', () => officer, 'POST', () => `${p()}/objectives/${objectiveId}/indicators`, () => ({ name: 'Aantal', unit: `%${NUL}` })],
  ['measurement note', () => officer, 'PUT', () => `${p()}/indicators/${indicatorId}/measurements/${YEAR}`, () => ({ value: 3, note: `n${NUL}` })],
  ['action title', () => officer, 'POST', () => `${p()}/actions`, () => ({ objectiveId, title: `Actie${NUL}` })],
  ['action notes', () => officer, 'PATCH', () => `${p()}/actions/${actionId}`, () => ({ notes: `nota${NUL}` })],
  ['action co-actor', () => officer, 'PATCH', () => `${p()}/actions/${actionId}`, () => ({ coActors: [`HR${NUL}`] })],
  ['evaluation text', () => officer, 'POST', () => `${p()}/evaluations`, () => ({ year: YEAR, doneText: `gedaan${NUL}` })],
  // people
  ['staff member name', () => officer, 'POST', () => `/api/orgs/${org}/people`, () => ({ ...person, firstName: `Jan${NUL}` })],
  ['staff member function', () => officer, 'POST', () => `/api/orgs/${org}/people`, () => ({ ...person, functionTitle: `inspecteur${NUL}` })],
  ['staff search', () => officer, 'GET', () => `/api/orgs/${org}/people?q=Jan%00`],
  ['staff export search', () => officer, 'GET', () => `/api/orgs/${org}/people/export.csv?q=%00`],
  // organisations
  ['unit name', () => officer, 'POST', () => `/api/orgs/${org}/units`, () => ({ code: 'U1', name: `Recherche${NUL}` })],
  ['organisation name', () => officer, 'PUT', () => `/api/orgs/${org}`, () => ({ names: { nl: `Zone${NUL}` } })],
  ['welcome text', () => officer, 'PUT', () => `/api/orgs/${org}`, () => ({ settings: { welcomeText: { nl: `Welkom${NUL}` } } })],
  ['new organisation', () => platformAdmin, 'POST', () => '/api/admin/organisations', () => ({ code: 'NEW1', kind: 'local_police_zone', names: { nl: `Nieuw${NUL}` } })],
  // accounts and identity provider
  ['user display name', () => officer, 'POST', () => `/api/orgs/${org}/users`, () => ({ email: 'new.user@test.kompas', displayName: `Nieuw${NUL}`, locale: 'nl' })],
  ['identity provider client id', () => officer, 'PUT', () => `/api/orgs/${org}/identity-provider`, () => ({ issuer: 'https://idp.example.org', clientId: `kompas${NUL}` })],
  ['single sign-on organisation code', () => officer, 'GET', () => '/api/auth/oidc/Z%00/start'],
  ['password reset token', () => officer, 'POST', () => '/api/auth/password/reset', () => ({ token: `${'a'.repeat(20)}${NUL}`, password: 'a long enough password' })],
  // audit trail
  ['audit record filter', () => officer, 'GET', () => `/api/orgs/${org}/audit?recordId=x%00`],
];

describe('control characters in text fields, filters and search terms', () => {
  it.each(cases)('%s: 400 naming the field, nothing stored', async (_name, who, method, url, body) => {
    const before = await digest();
    const r = await who().request(method, url(), body?.());
    expect(r.statusCode, r.body).toBe(400);
    const err = r.json();
    expect(err.code).toBe('validation_failed');
    const issue = err.fields.find((f: { message: string }) => f.message === 'This field contains characters that are not allowed (control characters).');
    expect(issue, r.body).toBeDefined();
    expect(issue.field).not.toBe('');
    expect(await digest()).toBe(before);
  });

  it('the message is translated', async () => {
    const fr = await sessionFor(t, (await createUser(t, { roles: [{ orgId: org, role: 'administrator' }], locale: 'fr' })).id);
    const r = await fr.post(`/api/orgs/${org}/units`, { code: 'U1', name: `Recherche${NUL}` });
    expect(r.json().fields).toEqual([expect.objectContaining({ field: 'name', message: 'Ce champ contient des caractères non autorisés (caractères de contrôle).' })]);
  });

  it('multi-line fields keep line breaks and tabs', async () => {
    const [{ revision }] = await ownerQuery<{ revision: number }>(t, `SELECT revision FROM plan WHERE id = $1`, [planId]);
    const r = await officer.request('PATCH', p(), { sections: { ambition: 'Regel 1\r\nRegel 2\n\tingesprongen' }, confidentialNotes: 'a\nb' }, { 'if-match': `"${revision}"` });
    expect(r.statusCode, r.body).toBe(200);
    const [row] = await ownerQuery<{ ambition: string }>(t, `SELECT sections->>'ambition' AS ambition FROM plan WHERE id = $1`, [planId]);
    expect(row.ambition).toBe('Regel 1\r\nRegel 2\n\tingesprongen');
  });
});

describe('control characters in HR import cells', () => {
  const header = 'stamnummer;naam;voornaam;categorie;startdatum;functie;dienst\n';
  it.each(['preview', 'commit'] as const)('%s: the line is refused with its field named, not a 500', async (mode) => {
    const before = await digest();
    const csv = `${header}900;Peeters;Jan${NUL};operationeel;01/09/2019;;\n901;Maes;An;CALog;2019-09-01;ins\u0001pecteur;\n902;Claes;Eva;CALog;2019-09-01;;RE${NUL}CH\n`;
    const r = await officer.post(`/api/orgs/${org}/people/import`, { csv, mode });
    expect(r.statusCode, r.body).toBe(mode === 'preview' ? 200 : 400);
    const report = r.json().report;
    expect(report.invalid.map((i: { line: number; errors: { field: string; code: string }[] }) => [i.line, i.errors.map((e) => e.field)])).toEqual([
      [2, ['firstName']], [3, ['functionTitle']], [4, ['unitCode']],
    ]);
    expect(report.invalid[0].errors[0].message).toBe('This field contains characters that are not allowed (control characters).');
    expect(await digest()).toBe(before);
  });
});

describe('malformed multipart uploads', () => {
  const boundary = '----kompasHostile';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lijst.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const upload = (body: string, contentType = `multipart/form-data; boundary=${boundary}`) =>
    officer.request('POST', `${p()}/actions/${actionId}/evidence`, Buffer.from(body), { 'content-type': contentType });

  it.each([
    ['a body cut off before its closing boundary', `${head}%PDF-1.4\n% afgebroken`],
    ['a body cut off inside its closing boundary', `${head}%PDF-1.4\r\n--${boundary}`],
    ['a content type without a boundary', `${head}%PDF-1.4\r\n--${boundary}--\r\n`, 'multipart/form-data'],
  ])('%s: 400 multipart_invalid, nothing stored', async (_name, body, contentType?: string) => {
    const before = await digest();
    const r = await upload(body, contentType);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().code).toBe('multipart_invalid');
    expect(r.json().message).toBe('The upload is incomplete or malformed. Send the file again.');
    expect(await digest()).toBe(before);
  });
});

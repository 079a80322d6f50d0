import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOrganisation, createUser, ownerQuery, sessionFor, type Session } from '../src/test/app.js';
import {
  chooseOption, draftPlan, expectAxeClean as noViolations, nameUsers, openBrowser, openPage, openSelect, settled, signInByCookie, startKompas, type Browsing, type Kompas,
} from './helpers/kompas.js';

/**
 * A score's evidence and the assessor list in the browser (issue 20), in English, axe on every screen:
 * the officer adds an assessor while scoring (a change saved meanwhile shows the conflict panel), then
 * takes one off who already scored (the dialog says their scores go and asks to confirm); the
 * remaining assessor attaches a file to D1 and links it to an action of the policy plan and to a
 * completed risk analysis they took part in (the picker groups records by kind); in the consolidation
 * the officer sees all three and downloads the file.
 */

const YEAR = new Date().getFullYear();
const ACTION = 'Dilemma training for every team';
const ANALYSIS = 'Risk analysis of vulnerable functions';
const NOTE = 'Attendance list of the dilemma trainings, spring session.\n';

interface Detail {
  id: string; status: string; revision: number;
  assessors: { userId: string; displayName: string; scored: number }[];
  criteria: { criterion: { id: string; code: string }; myScore: { revision: number } | null }[];
}

let k: Kompas;
let b: Browsing;
let orgId: string;
let officer: { id: string };
let tom: { id: string };
let jan: { id: string };
let karin: { id: string };
let asOfficer: Session;
let asTom: Session;
let asJan: Session;
let measurementId: string;

const mUrl = () => `/api/orgs/${orgId}/maturity/measurements/${measurementId}`;
const detail = async (s: Session) => (await s.get(mUrl())).json() as Detail;
const criterionSection = (page: Page, code: string) => page.getByRole('region', { name: new RegExp(`^${code} `) });

const open = (page: Page, url: string) => openPage(k, page, url, 'en');

async function scoreAll(s: Session, level: number, only?: string[]) {
  const d = await detail(s);
  for (const r of d.criteria) {
    if (only && !only.includes(r.criterion.code)) continue;
    const res = await s.put(`${mUrl()}/scores/${r.criterion.id}`, { level, evidence: `Basis for ${r.criterion.code}` }, { 'if-match': `"${r.myScore?.revision ?? 0}"` });
    expect(res.statusCode, res.body).toBe(200);
  }
}

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Police zone Evidence' });
  officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'en' });
  tom = await createUser(k, { roles: [{ orgId, role: 'head_of_service' }], locale: 'en' });
  jan = await createUser(k, { roles: [{ orgId, role: 'head_of_service' }], locale: 'en' });
  karin = await createUser(k, { roles: [{ orgId, role: 'chief' }], locale: 'en' });
  await nameUsers(k, [[officer, 'Els Peeters'], [tom, 'Tom Janssens'], [jan, 'Jan Claes'], [karin, 'Karin Wouters']]);
  asOfficer = await sessionFor(k, officer.id);
  asTom = await sessionFor(k, tom.id);
  asJan = await sessionFor(k, jan.id);
  const { planId, sdId } = await draftPlan(asOfficer, orgId, { title: `Integrity policy plan ${YEAR}–${YEAR + 3}`, sd: 'Guide towards integrity' });
  expect((await asOfficer.post(`/api/orgs/${orgId}/plans/${planId}/actions`, { objectiveId: sdId, title: ACTION })).statusCode).toBe(201);
  // A completed risk analysis Tom took part in: he may link it.
  const risk = `/api/orgs/${orgId}/risk`;
  const proc = await asOfficer.post(`${risk}/processes`, { kind: 'process', name: 'Seized goods' });
  expect(proc.statusCode, proc.body).toBe(201);
  const an = await asOfficer.post(`${risk}/analyses`, { title: ANALYSIS, scopeNote: '', processIds: [proc.json().id], participantUserIds: [tom.id] });
  expect(an.statusCode, an.body).toBe(201);
  const analysis = `${risk}/analyses/${an.json().id}`;
  for (const step of ['start', 'consolidate']) expect((await asOfficer.post(`${analysis}/${step}`)).statusCode).toBe(200);
  const agreed = await asOfficer.put(`${analysis}/consolidation/${proc.json().id}`, {
    inherent: { money: 1, goods: 2, information: 1, power: 1, external: 0 }, aggravating: { supervision: 1, combined_duties: 1, pressure: 0, rotation: 1 },
    likelihood: 2, impact: 3, comment: '', reason: 'Discussed together.',
  }, { 'if-match': '"0"' });
  expect(agreed.statusCode, agreed.body).toBe(200);
  expect((await asOfficer.post(`${analysis}/complete`)).statusCode).toBe(200);
  const m = await asOfficer.post(`/api/orgs/${orgId}/maturity/measurements`, { kind: 'baseline', year: YEAR, assessorUserIds: [tom.id] });
  expect(m.statusCode, m.body).toBe(201);
  measurementId = m.json().id;
}, 120_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

// The scoring page holds every criterion: axe on it and its saves ran past 60 s on a loaded machine.
describe('assessors and evidence of a maturity measurement', { timeout: 150_000 }, () => {
  it('the officer adds an assessor while scoring; a change saved meanwhile shows the conflict panel', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, officer.id);
    await open(page, `/o/${orgId}/maturity/${measurementId}`);
    await page.getByRole('button', { name: 'Change the assessors' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the assessors' });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: 'Jan Claes' }).check({ force: true });
    await noViolations(page, 'assessors dialog');
    // Meanwhile, in another tab, Karin is added.
    const now = await detail(asOfficer);
    expect((await asOfficer.patch(mUrl(), { assessorUserIds: [tom.id, karin.id] }, { 'if-match': `"${now.revision}"` })).statusCode).toBe(200);
    await dialog.getByRole('button', { name: 'Save the assessors' }).click();
    await dialog.getByText('Someone else changed this in the meantime', { exact: true }).waitFor();
    await dialog.getByText('Karin Wouters, Tom Janssens').waitFor();
    await noViolations(page, 'assessors conflict');
    await dialog.getByRole('button', { name: 'Keep my version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await detail(asOfficer)).assessors.map((a) => a.displayName).sort()).toEqual(['Jan Claes', 'Tom Janssens']);
    await page.getByText(/Jan Claes \(0\/\d+\)/).waitFor();
  });

  it('taking off an assessor who already scored asks to confirm and says their scores go', async () => {
    const { page } = b;
    await scoreAll(asJan, 2, ['D1', 'D2']);
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: 'Change the assessors' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the assessors' });
    await dialog.getByRole('checkbox', { name: /^Jan Claes/ }).uncheck({ force: true });
    await dialog.getByRole('button', { name: 'Save the assessors' }).click();
    await dialog.getByText(/Jan Claes already scored 2 of \d+ criteria\. Taking them off deletes their scores, files and links/).waitFor();
    await noViolations(page, 'assessor removal warning');
    expect((await detail(asOfficer)).assessors.map((a) => a.displayName)).toContain('Jan Claes');
    await dialog.getByRole('button', { name: 'Delete their scores and save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await detail(asOfficer)).assessors.map((a) => a.displayName)).toEqual(['Tom Janssens']);
    const [left] = await ownerQuery<{ n: number }>(k, 'SELECT count(*)::int AS n FROM maturity_score WHERE measurement_id = $1 AND assessor_user_id = $2', [measurementId, jan.id]);
    expect(left.n).toBe(0);
  });

  it('the assessor attaches a file to D1 and links it to an action of the policy plan and to a completed risk analysis', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, tom.id);
    await open(page, `/o/${orgId}/maturity/${measurementId}`);
    const d1 = criterionSection(page, 'D1');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), d1.getByRole('button', { name: 'Attach a file to D1' }).click()]);
    await chooser.setFiles({ name: 'attendance.txt', mimeType: 'text/plain', buffer: Buffer.from(NOTE) });
    await d1.getByRole('link', { name: 'attendance.txt' }).waitFor();
    await d1.getByRole('button', { name: 'Link a record to D1' }).click();
    // Each list comes from a read (kinds, plans, the plan's tree): a select opens once its options came.
    await chooseOption(page, d1.getByRole('button', { name: /Kind of record/ }), 'Policy plan: objective or action');
    await chooseOption(page, d1.getByRole('button', { name: /Policy plan$/ }), new RegExp(`^Integrity policy plan ${YEAR}`));
    await chooseOption(page, d1.getByRole('button', { name: /Objective or action$/ }), new RegExp(ACTION));
    await d1.getByRole('button', { name: 'Link to my score' }).click();
    await d1.getByRole('link', { name: `Plan action: ${ACTION}` }).waitFor();
    // The records of the risk module come in their own group: the completed analysis, with the day it was completed.
    await d1.getByRole('button', { name: 'Link a record to D1' }).click();
    await openSelect(page, d1.getByRole('button', { name: /Kind of record/ }));
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual(['Policy plan: objective or action', 'Completed risk analyses']);
    await page.getByRole('option', { name: 'Completed risk analyses' }).click();
    await chooseOption(page, d1.getByRole('button', { name: /Record$/ }), new RegExp(`^${ANALYSIS} \\(`));
    await noViolations(page, 'record picker, risk analysis chosen');
    await d1.getByRole('button', { name: 'Link to my score' }).click();
    await d1.getByRole('link', { name: `Risk analysis: ${ANALYSIS}` }).waitFor();
    await noViolations(page, 'scoring with evidence');
    // A hostile file is refused with the platform's message, nothing added.
    const [again] = await Promise.all([page.waitForEvent('filechooser'), d1.getByRole('button', { name: 'Attach a file to D1' }).click()]);
    await again.setFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ this is no pdf') });
    await d1.getByRole('alert').first().waitFor();
    expect(await d1.getByRole('link', { name: 'report.pdf' }).count()).toBe(0);
  });

  it('in the consolidation the officer sees the file and the linked action, and downloads the file', async () => {
    const { page, context } = b;
    await scoreAll(asTom, 2);
    expect((await asOfficer.post(`${mUrl()}/consolidate`)).statusCode).toBe(200);
    await signInByCookie(k, context, officer.id);
    await open(page, `/o/${orgId}/maturity/${measurementId}/consolidation`);
    const d1 = criterionSection(page, 'D1');
    const evidence = d1.getByRole('list', { name: 'Files and links of Tom Janssens for D1' });
    await evidence.getByRole('link', { name: `Plan action: ${ACTION}` }).waitFor();
    await evidence.getByRole('link', { name: `Risk analysis: ${ANALYSIS}` }).waitFor();
    const file = evidence.getByRole('link', { name: 'attendance.txt' });
    const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
    expect(download.suggestedFilename()).toBe('attendance.txt');
    expect(fs.readFileSync((await download.path())!, 'utf8')).toBe(NOTE);
    expect(await evidence.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    await noViolations(page, 'consolidation with evidence');
    const [audited] = await ownerQuery<{ n: number }>(k, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'maturity.evidence_download' AND record_id = $1 AND actor_user_id = $2`, [measurementId, officer.id]);
    expect(audited.n).toBe(1);

    // The assessor still finds their own file and link beside their score, read-only now.
    await signInByCookie(k, context, tom.id);
    await open(page, `/o/${orgId}/maturity/${measurementId}`);
    const own = criterionSection(page, 'D1').getByRole('list', { name: 'Your files and links for D1' });
    await own.getByRole('link', { name: 'attendance.txt' }).waitFor();
    await own.getByRole('link', { name: `Plan action: ${ACTION}` }).waitFor();
    expect(await own.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    await noViolations(page, 'criteria after scoring, with own evidence');
  });
});

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { createOrganisation, createUser, sessionFor, type Session } from '../src/test/app.js';
import { expectAxeClean, nameUsers, openBrowser, openPage, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The risk analysis's files and its oversight view in the browser, in Dutch (issue 21): the integrity
 * officer downloads the register as CSV from the register page (Dutch headings, the completed
 * analysis's band, formula-safe); an inspector of the AIG opens the page of the catalogue processes
 * most often rated high risk, where five zones' high ratings show as a count and a single zone's rating
 * is withheld, with axe on the page.
 */

const SEIZED = 'schoten.seized_evidence';
const FUEL = 'schoten.fuel_cards';

let k: Kompas;
let b: Browsing;
let orgId: string;
let aig: string;
let officer: { id: string };
let inspector: { id: string };

/** A completed analysis of `codes` in `org` by its officer, every process agreed at likelihood × impact. */
async function completedAnalysis(s: Session, userId: string, org: string, codes: string[], at: (code: string) => [number, number]) {
  const base = `/api/orgs/${org}/risk`;
  const added = await s.post(`${base}/processes/from-catalogue`, { codes });
  expect(added.statusCode, added.body).toBe(201);
  const procs = (added.json() as { items: { id: string; catalogueCode: string }[] }).items;
  const a = await s.post(`${base}/analyses`, { title: 'Risicoanalyse 2026', scopeNote: 'Prioritaire processen', processIds: procs.map((p) => p.id), participantUserIds: [userId] });
  expect(a.statusCode, a.body).toBe(201);
  const id = a.json().id as string;
  for (const step of ['start', 'consolidate']) expect((await s.post(`${base}/analyses/${id}/${step}`)).statusCode).toBe(200);
  for (const p of procs) {
    const [likelihood, impact] = at(p.catalogueCode);
    const r = await s.put(`${base}/analyses/${id}/consolidation/${p.id}`, {
      inherent: { money: 1, goods: 2, information: 1, power: 1, external: 0 }, aggravating: { supervision: 1, combined_duties: 0, pressure: 1, rotation: 1 },
      likelihood, impact, comment: '', reason: 'Zo afgesproken',
    }, { 'if-match': '"0"' });
    expect(r.statusCode, r.body).toBe(200);
  }
  expect((await s.post(`${base}/analyses/${id}/complete`)).statusCode).toBe(200);
}

async function download(page: Page, trigger: Locator): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), trigger.click()]) as [Download, unknown];
  return { name: d.suggestedFilename(), text: fs.readFileSync((await d.path())!, 'utf8') };
}

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Export' });
  officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'nl' });
  await nameUsers(k, [[officer, 'Els Peeters']]);
  await completedAnalysis(await sessionFor(k, officer.id), officer.id, orgId, [SEIZED, FUEL], (code) => (code === SEIZED ? [5, 5] : [1, 2]));
  // Four more zones rate seized evidence high (five in all); one of them also rates fuel cards high (withheld: one zone).
  for (let i = 0; i < 4; i++) {
    const zone = await createOrganisation(k, { name: `Zone ${i}` });
    const o = await createUser(k, { roles: [{ orgId: zone, role: 'integrity_officer' }] });
    await completedAnalysis(await sessionFor(k, o.id), o.id, zone, [SEIZED, FUEL], (code) => (code === SEIZED ? [4, 5] : i === 0 ? [5, 4] : [1, 1]));
  }
  aig = await createOrganisation(k, { kind: 'inspectorate', name: 'AIG Export' });
  inspector = await createUser(k, { roles: [{ orgId: aig, role: 'oversight' }], locale: 'nl' });
}, 180_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('the risk analysis\'s files and oversight view', () => {
  it('the officer downloads the register as CSV from the register page', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, officer.id);
    await openPage(k, page, `/o/${orgId}/risk/register`);
    const file = await download(page, page.getByRole('link', { name: 'het risicoregister downloaden als csv' }));
    expect(file.name).toMatch(/^Politiezone Export - Risicoregister \d{4}-\d{2}-\d{2}\.csv$/);
    const lines = file.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0].split(';').slice(0, 3)).toEqual(['Proces of functie', 'Soort', 'Catalogus-code']);
    expect(lines).toHaveLength(3);
    // Highest risk first: seized evidence at 5 × 5, very high, first analysis, no action in the plan.
    expect(lines[1]).toContain(SEIZED);
    expect(lines[1]).toContain(';zeer hoog;25;');
    expect(lines[1]).toContain(';eerste analyse;ja;');
    expect(lines[2]).toContain(FUEL);
  });

  it('the inspector sees how many zones rated each catalogue process high, small counts withheld', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, inspector.id);
    await openPage(k, page, `/o/${aig}`);
    // The nav link and the home tile read as the page's title.
    await page.getByRole('link', { name: 'Processen die het vaakst als hoog risico beoordeeld worden' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Processen die het vaakst als hoog risico beoordeeld worden' }).waitFor();
    const table = page.getByRole('grid', { name: 'Processen die het vaakst als hoog risico beoordeeld worden' });
    // Most often rated high first: seized evidence by the five zones.
    const first = table.getByRole('row').nth(1);
    await first.getByRole('rowheader', { name: /inbeslaggenomen/ }).waitFor();
    await first.getByRole('gridcell', { name: '5', exact: true }).waitFor();
    // Fuel cards: one zone rated it high; below the threshold of five, so not shown.
    await table.getByRole('row', { name: /tankkaarten/ }).getByRole('gridcell', { name: 'te weinig om te tonen' }).waitFor();
    await page.getByText('Organisaties met een afgeronde analyse van catalogusprocessen: 5').waitFor();
    await expectAxeClean(page, 'risks across organisations');
  });
});

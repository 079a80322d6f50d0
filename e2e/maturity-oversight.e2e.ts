import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOrganisation, createUser, ifMatch, sessionFor, type Session } from '../src/test/app.js';
import { expectAxeClean, openBrowser, openPage, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The cross-organisation view of maturity in the browser (issue 20), in Dutch, axe on every page.
 * Set up through the API: five police zones (no staff: the band under 150) and four federal units
 * each with an approved measurement this year. The chief of a zone agrees to be named (and meets a
 * stale choice); the officer of a zone sees its levels against the zones' quantiles, the officer of a
 * unit the too-small notice; the inspectorate sees the zones' figures, the units as too small to
 * show, and the consenting zone's name.
 */

const YEAR = new Date().getFullYear();
const TOO_SMALL = 'te klein om te tonen (minder dan vijf organisaties)';

interface Org { id: string; officer: { id: string }; chief: { id: string } }
let k: Kompas;
let b: Browsing;
const zones: Org[] = [];
const units: Org[] = [];
let aig: string;
let inspector: { id: string };

/** An approved measurement of this year with every criterion agreed at `level` (the officer is the one assessor). */
async function approvedMeasurement(org: Org, level: number) {
  const officer: Session = await sessionFor(k, org.officer.id);
  const chief: Session = await sessionFor(k, org.chief.id);
  const base = `/api/orgs/${org.id}/maturity/measurements`;
  const created = await officer.post(base, { kind: 'baseline', year: YEAR, assessorUserIds: [org.officer.id] });
  expect(created.statusCode, created.body).toBe(201);
  const m = created.json() as { id: string; criteria: { criterion: { id: string } }[] };
  for (const r of m.criteria) {
    const res = await officer.put(`${base}/${m.id}/scores/${r.criterion.id}`, { level, evidence: 'Onderbouwing' }, ifMatch(0));
    expect(res.statusCode, res.body).toBe(200);
  }
  expect((await officer.post(`${base}/${m.id}/consolidate`)).statusCode).toBe(200);
  for (const r of m.criteria) {
    const res = await officer.put(`${base}/${m.id}/consolidation/${r.criterion.id}`, { agreedLevel: level, targetLevel: Math.min(4, level + 1), reason: 'Samen besproken.' }, ifMatch(0));
    expect(res.statusCode, res.body).toBe(200);
  }
  const submitted = await officer.post(`${base}/${m.id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await chief.post(`${base}/${m.id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
}

async function organisation(kind: string, name: string): Promise<Org> {
  const id = await createOrganisation(k, { kind, name });
  return {
    id,
    officer: await createUser(k, { roles: [{ orgId: id, role: 'integrity_officer' }], locale: 'nl' }),
    chief: await createUser(k, { roles: [{ orgId: id, role: 'chief' }], locale: 'nl' }),
  };
}

const open = (page: Page, url: string) => openPage(k, page, url);

/** The cells (td) of the rows of a table, by the table's region name. */
const cellsOf = (page: Page, region: string) => page.getByRole('region', { name: region }).locator('tbody tr').evaluateAll(
  (rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  for (let i = 0; i < 5; i++) zones.push(await organisation('local_police_zone', `Politiezone Vergelijking ${i}`));
  for (let i = 0; i < 4; i++) units.push(await organisation('federal_unit', `Federale eenheid ${i}`));
  // Zones at 0 1 2 3 4 (median 2, quartiles 1 and 3); units at 1 2 3 4 (a group of four: no figure).
  for (const [i, z] of zones.entries()) await approvedMeasurement(z, i);
  for (const [i, u] of units.entries()) await approvedMeasurement(u, i + 1);
  aig = await createOrganisation(k, { kind: 'inspectorate', name: 'AIG Vergelijking' });
  inspector = await createUser(k, { roles: [{ orgId: aig, role: 'oversight' }], locale: 'nl' });
}, 240_000);
afterAll(async () => { await b?.close(); await k?.close(); });

describe('maturity across organisations', () => {
  it('the chief of a zone agrees to be named; a stale choice shows both versions', async () => {
    const { page, context } = b;
    const zone = zones[0]!;
    await signInByCookie(k, context, zone.chief.id);
    await open(page, `/o/${zone.id}/maturity/peers`);
    const form = page.getByRole('region', { name: 'Naamsvermelding aan de toezichthouders' });
    await form.getByRole('checkbox').check({ force: true });
    await expectAxeClean(page, 'peer comparison (chief)');
    await form.getByRole('button', { name: 'Keuze bewaren' }).click();
    await form.getByText('Keuze bewaard.').waitFor();
    // Meanwhile someone else withdraws it: the next save from the page meets the conflict.
    const other = await sessionFor(k, zone.chief.id);
    const url = `/api/orgs/${zone.id}/maturity/oversight-consent`;
    expect((await other.put(url, { consented: false }, ifMatch(1))).statusCode).toBe(200);
    await form.getByRole('checkbox').uncheck({ force: true });
    await form.getByRole('checkbox').check({ force: true });
    await form.getByRole('button', { name: 'Keuze bewaren' }).click();
    await form.getByText('Iemand anders heeft dit intussen gewijzigd').first().waitFor();
    await expectAxeClean(page, 'consent conflict');
    await form.getByRole('button', { name: 'Mijn versie behouden' }).click();
    await form.getByText('Keuze bewaard.').waitFor();
    expect((await other.get(url)).json()).toMatchObject({ consented: true, revision: 3 });
  });

  it('the officer of a zone sees its levels against the zones\' quantiles', async () => {
    const { page, context } = b;
    const zone = zones[2]!;
    await signInByCookie(k, context, zone.officer.id);
    await open(page, `/o/${zone.id}/maturity/peers`);
    await page.getByText('Politiezones met minder dan 150 personeelsleden').first().waitFor();
    // Three pillars; own 2; the zones 0 1 2 3 4: p25 1, median 2, p75 3 (polled: the table fills when its read lands).
    const own = ['2', '1', '2', '3'];
    await expect.poll(async () => (await cellsOf(page, 'Ons gemiddelde overeengekomen niveau en de kwantielen van de vergelijkingsgroep per pijler')).map((row) => row.slice(1)), { timeout: 15_000 }).toEqual([own, own, own]);
    expect(await page.getByText(TOO_SMALL).count()).toBe(0);
    // The officer does not choose the naming.
    expect(await page.getByRole('button', { name: 'Keuze bewaren' }).count()).toBe(0);
    await expectAxeClean(page, 'peer comparison (officer)');
  });

  it('the officer of a federal unit (a group of four) gets the too-small notice, no figure', async () => {
    const { page, context } = b;
    const unit = units[0]!;
    await signInByCookie(k, context, unit.officer.id);
    await open(page, `/o/${unit.id}/maturity/peers`);
    await page.getByText(TOO_SMALL).first().waitFor();
    const withheld = ['1', TOO_SMALL];
    await expect.poll(async () => (await cellsOf(page, 'Ons gemiddelde overeengekomen niveau en de kwantielen van de vergelijkingsgroep per pijler')).map((row) => row.slice(1)), { timeout: 15_000 }).toEqual([withheld, withheld, withheld]);
    await expectAxeClean(page, 'peer comparison (too small)');
  });

  it('the inspectorate sees the zones\' figures, the units as too small to show, and the consenting zone\'s name', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, inspector.id);
    await open(page, `/o/${aig}`);
    await page.getByRole('link', { name: 'Maturiteit van de organisaties' }).first().click();
    // The home page's heading stays until the new page shows: wait for this page's own.
    await page.getByRole('heading', { level: 1, name: 'Maturiteit van de organisaties', exact: true }).waitFor();
    await settled(page);
    await page.getByText('Politiezone Vergelijking 0').waitFor();
    expect(await page.getByText('Politiezone Vergelijking 1').count()).toBe(0);
    const groups = () => cellsOf(page, 'Mediaan van het gemiddelde niveau van de organisaties per pijler, per vergelijkingsgroep');
    await expect.poll(async () => (await groups()).find((r) => r[0] === 'Politiezones met minder dan 150 personeelsleden'), { timeout: 15_000 })
      .toEqual(['Politiezones met minder dan 150 personeelsleden', '5', '5', '2', '2', '2']);
    const unitsRow = (await groups()).find((r) => r[0] === 'Federale eenheden')!;
    expect(unitsRow).toEqual(['Federale eenheden', '4', '4', TOO_SMALL]);
    expect(unitsRow).not.toContain('0');
    await expectAxeClean(page, 'oversight overview');
    // The units alone: every figure withheld, the notice instead of a chart.
    await page.getByRole('button', { name: /Vergelijkingsgroep/ }).click();
    await page.getByRole('option', { name: 'Federale eenheden' }).click();
    await page.getByText(/, Federale eenheden\.$/).waitFor();
    // The caption changes with the choice; the table may still hold the previous group's figures until the new read lands.
    const unitPillars = async () => (await cellsOf(page, 'Per pijler: gemiddeld overeengekomen niveau en kwantielen per pijler')).map((row) => row.slice(1));
    await expect.poll(unitPillars, { timeout: 15_000 }).toEqual([['4', TOO_SMALL], ['4', TOO_SMALL], ['4', TOO_SMALL]]);
    expect(await page.getByRole('img', { name: /radardiagram/ }).count()).toBe(0);
    await expectAxeClean(page, 'oversight overview, units');
  });
});

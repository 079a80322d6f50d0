import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOrganisation, createUser, ownerQuery, sessionFor, type Session } from '../src/test/app.js';
import {
  chooseOption, draftPlan, expectAxeClean as noViolations, nameUsers, openBrowser, openPage, settled, signInByCookie, startKompas, type Browsing, type Kompas,
} from './helpers/kompas.js';

/**
 * The integrity risk analysis in the browser (issue 21), in Dutch, with axe on every screen: the
 * integrity officer fills the inventory from the catalogue (three of Schoten's 16 priority processes
 * through the dialog, the rest through the API), names an owner (a stale save shows the conflict
 * panel), runs a workshop on the three with two participants; each scores on their own and they
 * disagree on seized evidence; the officer sees the disagreement in words, agrees the scores with a
 * reason, records a control and a recommendation, turns the recommendation into an action of the
 * draft policy plan and completes the analysis; the register shows the heat map with its table and
 * the high risk without an action; a second analysis lowers the risk of seized evidence and the
 * comparison shows it.
 */

const YEAR = new Date().getFullYear();
const SEIZED = 'Beheer van inbeslaggenomen overtuigingsstukken';
const DATABASE = 'Consultatie van gegevensbanken';
const FUEL = 'Opvolging van het gebruik van tankkaarten';

interface Process { id: string; name: string; catalogueCode: string | null; revision: number }
interface Analysis { id: string; status: string; revision: number; processes: { process: { id: string; name: string } }[] }
interface Scores { likelihood: number; impact: number; money?: number }

let k: Kompas;
let b: Browsing;
let orgId: string;
let officer: { id: string };
let tom: { id: string };
let sara: { id: string };
let asOfficer: Session;
let asTom: Session;
let asSara: Session;
let analysisId: string;
const processes: Record<string, string> = {};

const base = () => `/api/orgs/${orgId}/risk`;
const aUrl = (id = analysisId) => `${base()}/analyses/${id}`;

/** A page of the signed-in person, in Dutch. */
const open = (page: Page, url: string) => openPage(k, page, url);

/** A process's section on the scoring or consolidation page. */
const processSection = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });

const body = (x: Scores) => ({
  inherent: { money: x.money ?? 1, goods: 1, information: 2, power: 1, external: 1 },
  aggravating: { supervision: 1, combined_duties: 0, pressure: 1, rotation: 1 },
  likelihood: x.likelihood, impact: x.impact, comment: '',
});

/** A participant's scores through the API (their first save of each process). */
async function score(s: Session, id: string, byName: Record<string, Scores>) {
  for (const [name, x] of Object.entries(byName)) {
    const res = await s.put(`${aUrl(id)}/scores/${processes[name]}`, body(x), { 'if-match': '"0"' });
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** The officer's agreed scores through the API (first agreement of each process). */
async function agree(id: string, byName: Record<string, Scores>) {
  for (const [name, x] of Object.entries(byName)) {
    const res = await asOfficer.put(`${aUrl(id)}/consolidation/${processes[name]}`, { ...body(x), reason: 'Zo afgesproken in de workshop' }, { 'if-match': '"0"' });
    expect(res.statusCode, res.body).toBe(200);
  }
}

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Risico' });
  officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'nl' });
  tom = await createUser(k, { roles: [{ orgId, role: 'head_of_service' }], locale: 'nl' });
  sara = await createUser(k, { roles: [{ orgId, role: 'staff_member' }], locale: 'nl' });
  await nameUsers(k, [[officer, 'Els Peeters'], [tom, 'Tom Janssens'], [sara, 'Sara Maes']]);
  // The HR list: the owners of processes and recommendations come from it.
  for (const [nr, first, last] of [['83000001', 'An', 'Wouters'], ['83000002', 'Bart', 'Claes']]) {
    await ownerQuery(k, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date) VALUES ($1, $2, $3, $4, 'operational', '2018-01-01')`, [orgId, nr, first, last]);
  }
  [asOfficer, asTom, asSara] = await Promise.all([sessionFor(k, officer.id), sessionFor(k, tom.id), sessionFor(k, sara.id)]);
  // A draft policy plan with a strategic and an operational objective: the recommendation's action goes under the latter.
  await draftPlan(asOfficer, orgId, { title: `Integriteitsbeleidsplan ${YEAR}–${YEAR + 3}`, sd: 'Integriteit bepalen', od: 'Kwetsbare processen beheersen' });
}, 120_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('a workshop risk analysis, from the inventory to the plan and the comparison', () => {
  it('the officer adds three priority processes from the catalogue, the rest through the API, and names an owner', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, officer.id);
    await open(page, `/o/${orgId}/risk/inventory`);
    await noViolations(page, 'empty inventory');
    await page.getByRole('button', { name: 'Toevoegen uit de catalogus' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    for (const name of [SEIZED, DATABASE, FUEL]) await dialog.getByRole('checkbox', { name }).check({ force: true });
    await noViolations(page, 'catalogue dialog');
    await dialog.getByRole('button', { name: '3 toevoegen aan de inventaris' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: SEIZED }).waitFor();
    // The other priority processes of Schoten through the API: 16 in the inventory.
    const catalogue = (await asOfficer.get(`${base()}/catalogue`)).json() as { items: { code: string; source: string; inInventory: boolean }[] };
    const rest = catalogue.items.filter((e) => e.source === 'schoten' && !e.inInventory).map((e) => e.code);
    expect(rest).toHaveLength(13);
    expect((await asOfficer.post(`${base()}/processes/from-catalogue`, { codes: rest })).statusCode).toBe(201);
    const list = (await asOfficer.get(`${base()}/processes`)).json() as { items: Process[] };
    expect(list.items.filter((p) => p.catalogueCode?.startsWith('schoten.'))).toHaveLength(16);
    for (const p of list.items) processes[p.name] = p.id;

    // The owner of seized evidence, chosen from the HR list; meanwhile (another tab) its name changed: both versions shown, mine kept.
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: `${SEIZED} wijzigen` }).click();
    const edit = page.getByRole('dialog');
    await edit.waitFor();
    await chooseOption(page, edit.getByRole('button', { name: /Eigenaar/ }), 'An Wouters');
    const seized = list.items.find((p) => p.name === SEIZED)!;
    const other = await asOfficer.patch(`${base()}/processes/${seized.id}`, { description: 'Intussen aangevuld' }, { 'if-match': `"${seized.revision}"` });
    expect(other.statusCode, other.body).toBe(200);
    await edit.getByRole('button', { name: 'Opslaan' }).click();
    await edit.getByText('Iemand anders heeft dit intussen gewijzigd').first().waitFor();
    await edit.getByText('Intussen aangevuld').waitFor();
    await noViolations(page, 'process conflict');
    await edit.getByRole('button', { name: 'Mijn versie behouden' }).click();
    await edit.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: new RegExp(`^${SEIZED}`) }).getByText('An Wouters').waitFor();
    await noViolations(page, 'inventory');
  });

  it('the officer starts an analysis of three processes with two participants; the six steps are shown', async () => {
    const { page } = b;
    await open(page, `/o/${orgId}/risk`);
    await noViolations(page, 'no analysis yet');
    await page.getByRole('link', { name: 'Nieuwe risicoanalyse' }).click();
    await settled(page);
    await page.getByRole('textbox', { name: 'Titel' }).fill(`Risicoanalyse ${YEAR}`);
    await page.getByRole('textbox', { name: 'Afbakening (stap 1)' }).fill('De drie processen met geld, goederen en informatie.');
    for (const name of [SEIZED, DATABASE, FUEL]) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check({ force: true });
    await page.getByRole('checkbox', { name: 'Tom Janssens' }).check({ force: true });
    await noViolations(page, 'new analysis');
    await page.getByRole('button', { name: 'De analyse aanmaken' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Risicoanalyse ${YEAR}`);
    analysisId = page.url().split('/analyses/')[1]!;
    // The second participant added to the draft.
    await page.getByRole('checkbox', { name: 'Sara Maes' }).check({ force: true });
    await page.getByRole('button', { name: 'Afbakening en deelnemers opslaan' }).click();
    await page.getByText('Afbakening en deelnemers opgeslagen.').waitFor();
    await page.getByText('Sara Maes (0/3)').waitFor();
    await noViolations(page, 'draft analysis');
    const steps = page.getByRole('list', { name: 'De zes stappen van de risicoanalyse' });
    expect(await steps.getByRole('listitem').count()).toBe(6);
    expect(await steps.getByRole('link', { name: "Ethische dilemma's" }).getAttribute('href')).toBe(`/o/${orgId}/risk/dilemmas`);
    await page.getByRole('button', { name: 'Het scoren starten' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await noViolations(page, 'start dialog');
    await dialog.getByRole('button', { name: 'Het scoren starten' }).click();
    await page.getByText('Deelnemers aan het scoren').first().waitFor();
    await noViolations(page, 'analysis being scored (officer)');
  });

  it('each participant scores on their own, and they disagree on seized evidence', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, tom.id);
    // The home page says what waits for him, and leads there.
    await open(page, `/o/${orgId}`);
    await page.getByRole('link', { name: /Integriteitsrisicoanalyse/ }).getByText('3 processen wachten op uw scores').waitFor();
    await open(page, `/o/${orgId}/risk`);
    await page.getByRole('link', { name: `Risicoanalyse ${YEAR}` }).click();
    await settled(page);
    await noViolations(page, 'analyses of a participant');
    await page.getByText('U scoorde 0 van de 3 processen.').waitFor();
    const section = processSection(page, SEIZED);
    await section.getByRole('radiogroup', { name: 'Contact met geld' }).getByRole('radio', { name: '3 – veel' }).check({ force: true });
    await section.getByRole('radiogroup', { name: 'Contact met goederen' }).getByRole('radio', { name: '3 – veel' }).check({ force: true });
    await section.getByRole('radiogroup', { name: /^Kans/ }).getByRole('radio', { name: '4' }).check({ force: true });
    await section.getByRole('radiogroup', { name: /^Impact/ }).getByRole('radio', { name: '5' }).check({ force: true });
    await section.getByText('Risicoscore 4 × 5 = 20').waitFor();
    await section.getByRole('textbox', { name: 'Opmerking' }).fill('Geld en drugs liggen soms een nacht onbewaakt.');
    await noViolations(page, 'scoring');
    await section.getByRole('button', { name: 'De scores opslaan' }).click();
    await section.getByText('Scores opgeslagen.').waitFor();
    await page.getByText('U scoorde 1 van de 3 processen.').waitFor();
    await score(asTom, analysisId, { [DATABASE]: { likelihood: 3, impact: 4 }, [FUEL]: { likelihood: 2, impact: 2 } });
    // Sara: seized evidence two levels lower on both; she does not see Tom's scores.
    await score(asSara, analysisId, { [SEIZED]: { likelihood: 2, impact: 3 }, [DATABASE]: { likelihood: 3, impact: 4 }, [FUEL]: { likelihood: 2, impact: 2 } });
    const own = (await asSara.get(aUrl())).json() as { processes: { process: { id: string }; myScore: { likelihood: number } | null }[] };
    expect(own.processes.find((r) => r.process.id === processes[SEIZED])!.myScore!.likelihood).toBe(2);
    const consolidation = await asSara.get(`${aUrl()}/consolidation`);
    expect(consolidation.statusCode).toBe(409);
  });

  it('the officer sees the disagreement in words, agrees the scores with a reason, records a control and a recommendation', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, officer.id);
    await open(page, `/o/${orgId}/risk/analyses/${analysisId}`);
    await page.getByRole('button', { name: 'De consolidatie starten' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'De consolidatie starten' }).click();
    await page.waitForURL(/\/consolidation$/);
    await settled(page);
    const section = processSection(page, SEIZED);
    await section.getByText(/De deelnemers zijn het oneens \(verschil van 2 in de kans en van 2 in de impact/).waitFor();
    const table = section.getByRole('table', { name: `Scores van de deelnemers voor ${SEIZED}` });
    expect((await table.getByRole('row', { name: /^Kans/ }).getByRole('cell').allTextContents()).sort()).toEqual(['2', '4']);
    await page.getByText(/^1 proces waarover de deelnemers het oneens zijn\. Overeengekomen scores vastgelegd voor 0 van de 3 processen\./).waitFor();
    await noViolations(page, 'consolidation');
    // Agreed at 4 × 4 with a reason; the other two through the API.
    await section.getByRole('radiogroup', { name: /^Kans/ }).getByRole('radio', { name: '4' }).check({ force: true });
    await section.getByRole('radiogroup', { name: /^Impact/ }).getByRole('radio', { name: '4' }).check({ force: true });
    await section.getByRole('textbox', { name: 'Reden voor de overeengekomen scores' }).fill('Het geld ligt in een kluis, maar de sleutel wordt gedeeld.');
    await section.getByRole('button', { name: 'De overeengekomen scores opslaan' }).click();
    await section.getByText('Overeengekomen scores opgeslagen.').waitFor();
    await agree(analysisId, { [DATABASE]: { likelihood: 3, impact: 4 }, [FUEL]: { likelihood: 2, impact: 2 } });

    await section.getByRole('textbox', { name: 'Nieuwe beheersmaatregel' }).fill('Vier-ogenprincipe bij het openen van de kluis');
    await section.getByRole('button', { name: /Type/ }).last().click();
    await page.getByRole('option', { name: 'Detecterend' }).click();
    await section.getByRole('button', { name: /Doeltreffendheid/ }).last().click();
    await page.getByRole('option', { name: 'Werkt gedeeltelijk' }).click();
    await section.getByRole('button', { name: 'De beheersmaatregel toevoegen' }).click();
    await expect.poll(() => section.getByRole('textbox', { name: 'Beheersmaatregel', exact: true }).inputValue()).toBe('Vier-ogenprincipe bij het openen van de kluis');

    await section.getByRole('textbox', { name: 'Nieuwe aanbeveling' }).fill('Een tweede sleutelhouder aanduiden en elke opening registreren.');
    await chooseOption(page, section.getByRole('button', { name: /Eigenaar/ }).last(), 'Bart Claes');
    await section.getByRole('button', { name: 'De aanbeveling toevoegen' }).click();
    await section.getByText(/^Eigenaar: Bart Claes/).waitFor();
    await noViolations(page, 'control and recommendation');
  });

  it('the recommendation becomes an action of the draft plan in one step, and the analysis is completed', async () => {
    const { page } = b;
    const section = processSection(page, SEIZED);
    await section.getByRole('button', { name: 'Van aanbeveling 1 een actie in het plan maken' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await chooseOption(page, dialog.getByRole('button', { name: /Doelstelling/ }), /^OD 1\.1 /);
    await noViolations(page, 'plan entry dialog');
    await dialog.getByRole('button', { name: 'Aanmaken in het plan' }).click();
    await section.getByRole('link', { name: 'Actie: Een tweede sleutelhouder aanduiden en elke opening registreren.' }).waitFor();
    const [action] = await ownerQuery<{ title: string }>(k, 'SELECT title FROM plan_action WHERE organisation_id = $1', [orgId]);
    expect(action?.title).toBe('Een tweede sleutelhouder aanduiden en elke opening registreren.');

    await page.getByRole('button', { name: 'De analyse afronden' }).click();
    // The high risk of the databases has no recommendation: the dialog says so, and completing stays possible.
    const complete = page.getByRole('alertdialog');
    await complete.getByText('1 proces met een hoog of zeer hoog risico heeft geen aanbeveling:').waitFor();
    expect(await complete.getByRole('listitem').allTextContents()).toEqual([`${DATABASE} (Hoog risico)`]);
    await complete.getByRole('button', { name: 'De analyse afronden' }).click();
    await page.getByText('Afgerond (vergrendeld)').first().waitFor();
    await page.getByText('Deze analyse is afgerond en vergrendeld: alleen de opvolging van haar aanbevelingen kan nog wijzigen.').waitFor();
    expect(await page.getByRole('button', { name: 'De overeengekomen scores opslaan' }).count()).toBe(0);
    expect(((await asOfficer.get(aUrl())).json() as Analysis).status).toBe('completed');
    await noViolations(page, 'completed analysis');
  });

  it('the register shows the heat map with its table, and the high risk without an action', async () => {
    const { page } = b;
    await open(page, `/o/${orgId}/risk/register`);
    const cells = page.getByRole('table', { name: 'Processen per cel van de risicokaart' });
    await cells.getByRole('row', { name: /^4 × 4/ }).getByText(SEIZED).waitFor();
    await cells.getByRole('row', { name: /^3 × 4/ }).getByText(DATABASE).waitFor();
    // The grid says each cell's band in words, beside the count.
    // By default the register's own view, as the table and figures beside it; its caption says so.
    const heat = page.getByRole('table', { name: /^Alle 3 geanalyseerde processen van het register, elk met zijn restrisico/ });
    await page.getByRole('group', { name: 'Download het risicoregister:' }).getByRole('link', { name: /pdf/i }).waitFor();
    // Rows: two header rows, then likelihood 5, 4, …; cells: impact 1, 2, …
    expect(await heat.getByRole('row').nth(3).getByRole('cell').nth(3).textContent()).toBe('1Hoog risico');
    await noViolations(page, 'register');
    await page.getByRole('checkbox', { name: "Alleen de hoge risico's zonder actie in het plan tonen" }).check({ force: true });
    const register = page.getByRole('grid', { name: 'Risicoregister' });
    await register.getByRole('rowheader', { name: DATABASE }).waitFor();
    // Database was listed before the filter too: wait for the filtered list to leave seized evidence out.
    await expect.poll(() => register.getByRole('rowheader', { name: SEIZED }).count()).toBe(0);
    await noViolations(page, 'register filtered');
  });

  it('a second analysis lowers the risk of seized evidence, and the comparison shows it', async () => {
    const { page } = b;
    const created = await asOfficer.post(`${base()}/analyses`, {
      title: `Herbeoordeling ${YEAR + 1}`, processIds: [processes[SEIZED], processes[DATABASE], processes[FUEL]], participantUserIds: [tom.id, sara.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const second = (created.json() as Analysis).id;
    expect((await asOfficer.post(`${aUrl(second)}/start`)).statusCode).toBe(200);
    const same = { [DATABASE]: { likelihood: 3, impact: 4 }, [FUEL]: { likelihood: 2, impact: 2 } };
    await score(asTom, second, { [SEIZED]: { likelihood: 2, impact: 3 }, ...same });
    await score(asSara, second, { [SEIZED]: { likelihood: 2, impact: 3 }, ...same });
    expect((await asOfficer.post(`${aUrl(second)}/consolidate`)).statusCode).toBe(200);
    await agree(second, { [SEIZED]: { likelihood: 2, impact: 3 }, ...same });
    const done = await asOfficer.post(`${aUrl(second)}/complete`);
    expect(done.statusCode, done.body).toBe(200);

    // Nothing recorded in steps 5 and 6 of the second analysis: they do not read 'done'.
    await open(page, `/o/${orgId}/risk/analyses/${second}`);
    await expect.poll(() => page.getByText('niets vastgelegd').count()).toBe(2);

    await open(page, `/o/${orgId}/risk/compare`);
    const table = page.getByRole('grid', { name: `Verschuivingen van Risicoanalyse ${YEAR} naar Herbeoordeling ${YEAR + 1}` });
    await table.getByRole('row', { name: new RegExp(`^${SEIZED}`) }).getByText('Lager risico').waitFor();
    await table.getByRole('row', { name: new RegExp(`^${DATABASE}`) }).getByText('Risico ongewijzigd').waitFor();
    await noViolations(page, 'comparison');
  });
  it('the officer changes the matrix: a band that goes down is refused, a stale save shows the other version', async () => {
    const { page } = b;
    await open(page, `/o/${orgId}/risk/settings`);
    await noViolations(page, 'matrix settings');
    const cell = (l: number, i: number) => page.getByRole('button', { name: new RegExp(`Kans ${l}, impact ${i}$`) });
    const choose = async (l: number, i: number, band: string) => {
      await cell(l, i).click();
      await page.getByRole('option', { name: band, exact: true }).click();
    };
    // Medium at the lowest likelihood and impact, with low beside it: refused, the server's message in Dutch.
    await choose(1, 1, 'Gemiddeld risico');
    await page.getByRole('button', { name: 'De matrix opslaan' }).click();
    await page.getByRole('alert').filter({ hasText: /^De matrix is niet geldig/ }).waitFor();
    await noViolations(page, 'matrix refused');
    await choose(1, 1, 'Laag risico');
    // Meanwhile (another tab) likelihood 3 × impact 3 became high.
    const now = (await asOfficer.get(`${base()}/settings`)).json() as { revision: number; likelihoodLevels: number; impactLevels: number; matrix: string[][] };
    const theirs = now.matrix.map((row) => [...row]);
    theirs[2]![2] = 'high';
    const other = await asOfficer.put(`${base()}/settings`, { likelihoodLevels: 5, impactLevels: 5, matrix: theirs }, { 'if-match': `"${now.revision}"` });
    expect(other.statusCode, other.body).toBe(200);
    await choose(4, 4, 'Zeer hoog risico');
    await page.getByRole('button', { name: 'De matrix opslaan' }).click();
    await page.getByText('Iemand anders heeft dit intussen gewijzigd').first().waitFor();
    await noViolations(page, 'matrix conflict');
    await page.getByRole('button', { name: 'Mijn versie behouden' }).click();
    await page.getByText('Matrix opgeslagen.').waitFor();
    const saved = (await asOfficer.get(`${base()}/settings`)).json() as { matrix: string[][] };
    expect(saved.matrix[3]![3]).toBe('very_high');
    expect(saved.matrix[2]![2]).toBe('medium');
    // The analyses keep the matrix they were made with.
    const first = (await asOfficer.get(aUrl())).json() as { matrix: { matrix: string[][] } };
    expect(first.matrix.matrix[3]![3]).toBe('high');
  });

  it('a process no longer relevant is archived, and shown again on request', async () => {
    const { page } = b;
    const GIFTS = 'Ontvangen van geschenken';
    await open(page, `/o/${orgId}/risk/inventory`);
    await page.getByRole('button', { name: `${GIFTS} archiveren` }).click();
    await page.getByRole('rowheader', { name: GIFTS }).waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: 'Ook gearchiveerde processen tonen' }).check({ force: true });
    await page.getByRole('row', { name: new RegExp(`^${GIFTS} \\(gearchiveerd\\)`) }).waitFor();
    await page.getByRole('button', { name: `${GIFTS} terugzetten` }).waitFor();
    await noViolations(page, 'inventory with archived');
  });

  it('a page opened by someone without the right says so once, without forms or refusals', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, sara.id);
    for (const path of ['register', 'inventory', 'settings', 'compare']) {
      await open(page, `/o/${orgId}/risk/${path}`);
      await page.getByText('Deze pagina is niet voor u bedoeld.').waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.getByRole('grid').count() + await page.getByRole('button', { name: /opslaan|toevoegen/i }).count()).toBe(0);
    }
    await noViolations(page, 'not for you');
    await signInByCookie(k, context, tom.id);
    await open(page, `/o/${orgId}/risk/new`);
    await page.getByText('Deze pagina is niet voor u bedoeld.').waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
  });
});

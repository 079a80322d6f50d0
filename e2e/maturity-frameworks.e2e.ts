import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { createOrganisation, createUser, sessionFor } from '../src/test/app.js';
import { expectAxeClean, openBrowser, openPage, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * Framework administration in the browser (issue 20), in Dutch, axe on every state: the administrator
 * of the inspectorate downloads the current version as JSON, changes a criterion, meets the server's
 * refusal of a broken file (named per criterion and field), imports the changed file as a draft,
 * reads it in French, publishes it (new measurements take it), and deletes another draft. The
 * officer of a zone has no menu entry and finds no administration behind the address.
 */

let k: Kompas;
let b: Browsing;
let aig: string;
let admin: { id: string };
let zone: string;
let officer: { id: string };

const NEW_TITLE = {
  nl: 'Risicoanalyse, elk jaar herzien', fr: 'Analyse des risques, revue chaque année', de: 'Risikoanalyse, jedes Jahr überprüft', en: 'Risk analysis, reviewed every year',
};

const open = (page: Page, url: string) => openPage(k, page, url);

/** Puts a JSON text into the file field, as a chosen file. */
const chooseFile = (page: Page, name: string, body: unknown) =>
  page.getByLabel('JSON-bestand').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body, null, 2)) });

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  aig = await createOrganisation(k, { kind: 'inspectorate', name: 'AIG Referentiekaders' });
  admin = await createUser(k, { roles: [{ orgId: aig, role: 'administrator' }], locale: 'nl' });
  zone = await createOrganisation(k, { name: 'Politiezone Referentie' });
  officer = await createUser(k, { roles: [{ orgId: zone, role: 'integrity_officer' }], locale: 'nl' });
}, 180_000);
afterAll(async () => { await b?.close(); await k?.close(); });

describe('maturity frameworks', () => {
  let file: { criteria: { code: string; title: Record<string, string>; function?: string | null; levels: unknown[] }[] } & Record<string, unknown>;

  it('the administrator of the inspectorate finds the page and downloads the current version', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, admin.id);
    await open(page, `/o/${aig}`);
    await page.getByRole('link', { name: 'Referentiekaders maturiteit' }).first().click();
    // The home page's heading stays until the new page shows: wait for this page's own.
    await page.getByRole('heading', { level: 1, name: 'Referentiekaders maturiteit', exact: true }).waitFor();
    await settled(page);
    const table = page.getByRole('region', { name: 'Versies van de referentiekaders voor maturiteit' });
    const row = table.locator('tbody tr').first();
    await row.getByText('Gepubliceerd, in gebruik voor nieuwe metingen').waitFor();
    expect(await row.locator('td').nth(0).textContent()).toBe('1');
    expect(await row.locator('td').nth(2).textContent()).toBe('28');
    await expectAxeClean(page, 'frameworks list');

    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'De huidige versie downloaden als JSON' }).click()]) as [Download, unknown];
    expect(d.suggestedFilename()).toBe('imf-v1.json');
    file = JSON.parse(fs.readFileSync((await d.path())!, 'utf8'));
    expect(file.code).toBe('imf');
    expect(file.criteria).toHaveLength(28);
  });

  it('a broken file is refused with the problems named per criterion; not JSON is caught before sending', async () => {
    const { page } = b;
    await chooseFile(page, 'kapot.json', '{ "code": "imf", ');
    await page.getByRole('button', { name: 'Controleren en als ontwerp importeren' }).click();
    await page.getByText(/^Dit is geen geldige JSON, dus er is niets verstuurd\./).waitFor();

    const [first, second] = file.criteria;
    const broken = { ...file, criteria: [{ ...first, levels: first!.levels.slice(0, 4) }, { ...second, function: null }, ...file.criteria.slice(2)] };
    await chooseFile(page, 'imf-kapot.json', broken);
    await page.getByRole('button', { name: 'Controleren en als ontwerp importeren' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Het bestand is niet geïmporteerd' });
    await alert.waitFor();
    const items = await alert.locator('li').allTextContents();
    const levels = items.find((x) => x.startsWith(`Criterium 1 (${first!.code}) › Niveaubeschrijvingen: `));
    expect(levels, items.join(' | ')).toContain('precies vijf niveaubeschrijvingen');
    expect(items.some((x) => x.startsWith(`Criterium 2 (${second!.code}) › Functie: `)), items.join(' | ')).toBe(true);
    // The server's own words, in Dutch: the function rule of the contract.
    expect(items.find((x) => x.startsWith(`Criterium 2 (${second!.code})`))).not.toContain('function_pillar');
    await expectAxeClean(page, 'frameworks import refused');
    // Nothing was stored.
    const list = (await (await sessionFor(k, admin.id)).get('/api/maturity/frameworks')).json() as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });

  it('the changed file becomes a draft, read in French, then published; new measurements take it', async () => {
    const { page } = b;
    const changed = { ...file, criteria: [{ ...file.criteria[0], title: NEW_TITLE }, ...file.criteria.slice(1)] };
    await chooseFile(page, 'imf-v2.json', changed);
    await page.getByText('Gelezen: imf-v2.json.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Controleren en als ontwerp importeren' }).click();
    await page.getByRole('heading', { level: 1, name: /versie 2$/ }).waitFor();
    await settled(page);
    await page.getByText('Dit is een ontwerp', { exact: false }).waitFor();
    const code = file.criteria[0]!.code;
    await page.getByRole('heading', { level: 4, name: `${code} ${NEW_TITLE.nl}` }).waitFor();
    await page.getByRole('button', { name: /Taal van de teksten/ }).click();
    await page.getByRole('option', { name: 'Frans' }).click();
    await page.getByRole('heading', { level: 4, name: `${code} ${NEW_TITLE.fr}` }).waitFor();
    await expectAxeClean(page, 'framework draft preview');

    await page.getByRole('button', { name: 'Publiceren' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('behouden de versie waarmee ze gestart zijn', { exact: false }).waitFor();
    await expectAxeClean(page, 'publish dialog');
    await dialog.getByRole('button', { name: 'Publiceren' }).click();
    await page.locator('main').getByText('Gepubliceerd, in gebruik voor nieuwe metingen').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Publiceren' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Alle versies van de referentiekaders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referentiekaders maturiteit', exact: true }).waitFor();
    await settled(page);
    const rows = page.getByRole('region', { name: 'Versies van de referentiekaders voor maturiteit' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(1).getByText('Gepubliceerd, vervangen door een nieuwere versie').waitFor();

    const s = await sessionFor(k, officer.id);
    const m = await s.post(`/api/orgs/${zone}/maturity/measurements`, { kind: 'baseline', year: 2026, assessorUserIds: [officer.id] });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().framework.version).toBe(2);
    expect(m.json().criteria[0].criterion.title).toEqual(NEW_TITLE);
  });

  it('a draft can be deleted after confirming', async () => {
    const { page } = b;
    await chooseFile(page, 'proef.json', { ...file, code: 'imf-proef' });
    await page.getByRole('button', { name: 'Controleren en als ontwerp importeren' }).click();
    await page.getByRole('heading', { level: 1, name: /versie 1$/ }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Het ontwerp verwijderen' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Het ontwerp verwijderen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referentiekaders maturiteit', exact: true }).waitFor();
    await settled(page);
    // The list may still be the one read before the deletion until it is read again: the two versions of imf, no draft.
    const rows = page.getByRole('region', { name: 'Versies van de referentiekaders voor maturiteit' }).locator('tbody tr');
    await expect.poll(async () => [await rows.count(), await page.getByText('(imf-proef)').count()]).toEqual([2, 0]);
  });

  it('the officer of a zone has no menu entry and finds no administration behind the address', async () => {
    const { page, context } = b;
    await signInByCookie(k, context, officer.id);
    await open(page, `/o/${zone}`);
    await page.getByRole('link', { name: 'Maturiteit' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Referentiekaders maturiteit' }).count()).toBe(0);
    await open(page, `/o/${zone}/maturity/frameworks`);
    await page.getByText('worden beheerd door de beheerders van de inspectie', { exact: false }).waitFor();
    expect(await page.getByLabel('JSON-bestand').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Versies van de referentiekaders voor maturiteit' }).count()).toBe(0);
    await expectAxeClean(page, 'frameworks page, not for this role');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ifMatch, ownerQuery } from '../src/test/app.js';
import { todayInBelgium } from '../src/server/platform/deadlines/index.js';
import { addMonths } from '../src/server/modules/reporting/reprisals.js';
import { api, filed, openChannel, readReport, reportingWorld, type ReportingWorld } from '../src/server/modules/reporting/reporting.testkit.js';
import { expectAxeClean, openBrowser, settled, signInWithSession, startKompas, visitor, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The reporting pages in the browser, what issue 18's review found missing: the catalogue loads per
 * module (the first page carries the shell's texts only; a module's texts come with its pages and
 * follow a change of language); the advice to report from a private device and network; the file
 * field's button in the page's language, by mouse and keyboard; the reprisal question once on the
 * follow-up page; the counsellor's own words on the receipt.
 */

let k: Kompas;
let b: Browsing;
let w: ReportingWorld;
let receipt = '';
const FILE = { name: 'verslag.txt', mimeType: 'text/plain', buffer: Buffer.from('Verslag van de dienst.\n') };

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  w = await reportingWorld(k);
  await openChannel(w);
  // A report acknowledged three months and a day ago: the 3-month reprisal check-in is due.
  const r = await filed(k, w);
  receipt = r.receipt;
  const v = await readReport(w.s.officer, w, r.id);
  expect((await w.s.officer.post(api(w, `/reports/${r.id}/acknowledge`), {}, ifMatch(v.revision))).statusCode).toBe(200);
  await ownerQuery(k, `UPDATE report SET acknowledged_on = $2::date WHERE id = $1`, [r.id, addMonths(todayInBelgium(), -3)]);
}, 180_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

/** The catalogue chunks a page downloaded (`messages-<locale>-<part>-<hash>.js`), as `<locale>/<part>`. */
function catalogueChunks(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('response', (r) => {
    const m = /\/messages-([a-z]{2})-([\w-]+?)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname);
    if (m) seen.add(`${m[1]}/${m[2]}`);
  });
  return seen;
}

describe('the catalogue in parts', () => {
  it('the sign-in page loads only the shell texts', async () => {
    const { context, page } = await visitor(b);
    const chunks = catalogueChunks(page);
    await page.goto(`${k.base}/sign-in`);
    await page.getByRole('button', { name: 'Aanmelden' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect([...chunks]).toEqual(['nl/app']);
    await context.close();
  });

  it("the public reporting page loads the reporting texts with its page, and a change of language loads them again in the new language", async () => {
    const { context, page } = await visitor(b);
    const chunks = catalogueChunks(page);
    await page.goto(`${k.base}/p/${w.code}/report`);
    await page.getByRole('heading', { level: 1, name: 'Een integriteitsschending melden' }).waitFor();
    await page.getByRole('button', { name: 'Volgende: uw melding nakijken' }).waitFor();
    expect([...chunks].sort()).toEqual(['nl/app', 'nl/reporting']);

    await page.getByRole('button', { name: /Taal/ }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: "Signaler une atteinte à l'intégrité" }).waitFor();
    await page.getByRole('button', { name: 'Suivant : vérifier votre signalement' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    expect([...chunks].sort()).toEqual(['fr/app', 'fr/reporting', 'nl/app', 'nl/reporting']);
    await context.close();
  });
});

describe('the public pages', () => {
  it('advise a private device and network, and the file field speaks the page language (mouse and keyboard)', async () => {
    const { context, page } = await visitor(b);
    await page.goto(`${k.base}/p/${w.code}/report`);
    await settled(page);
    await page.getByText('Gebruik een eigen toestel en een eigen netwerk.').waitFor();
    await page.getByText('niet een werkcomputer, het politienetwerk of de wifi ervan', { exact: false }).waitFor();

    // The visible button is in Dutch; the input under it keeps its label and help.
    const input = page.getByLabel('Bestanden toevoegen (facultatief)');
    expect(await input.getAttribute('type')).toBe('file');
    await page.getByText('Bestanden kiezen', { exact: true }).waitFor();
    // A click where the button shows lands on the transparent input over it (hence `force`: the input "intercepts" it).
    const [byMouse] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Bestanden kiezen', { exact: true }).click({ force: true })]);
    expect(byMouse.isMultiple()).toBe(true);
    await byMouse.setFiles(FILE);
    await page.getByRole('list', { name: 'Gekozen bestanden' }).getByText('verslag.txt').waitFor();

    // One tab stop, reached with the keyboard; Enter opens the browser's file chooser.
    await page.getByLabel('Waar is het gebeurd?').focus();
    let steps = 0;
    while (!(await input.evaluate((el) => el === document.activeElement)) && steps++ < 10) await page.keyboard.press('Tab');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    const [byKey] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    await byKey.setFiles({ ...FILE, name: 'tweede.txt' });
    await page.getByRole('list', { name: 'Gekozen bestanden' }).getByText('tweede.txt').waitFor();
    await expectAxeClean(page, 'public reporting page with files');
    await context.close();
  });

  it('the follow-up page advises a private device, and asks about reprisals once when a check-in is due', async () => {
    const { context, page } = await visitor(b);
    await page.goto(`${k.base}/p/${w.code}/report/follow-up`);
    await settled(page);
    await page.getByText('Gebruik een eigen toestel en een eigen netwerk.').waitFor();
    await page.getByLabel('Ontvangstcode').fill(receipt);
    await page.getByRole('button', { name: 'Mijn melding openen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Bescherming tegen represailles' }).waitFor();
    const question = page.getByText('Hebt u sinds uw melding represailles ondergaan?');
    await question.first().waitFor();
    await settled(page);
    expect(await question.count()).toBe(1);
    expect(await page.getByText('De wet beschermt u tegen represailles', { exact: false }).count()).toBe(1);
    await expectAxeClean(page, 'follow-up page with a reprisal check-in');
    await context.close();
  });
});

describe("the counsellor's receipt", () => {
  it('tells the counsellor to hand the code to the person, not that nobody can give it to them again', async () => {
    const { context, page } = await visitor(b);
    await context.addInitScript(() => localStorage.setItem('kompas_locale', 'nl'));
    await signInWithSession(k, context, w.s.counsellor);
    await page.goto(`${k.base}/o/${w.org}/reports/new`);
    await settled(page);
    await page.getByRole('radio', { name: /^Anoniem/ }).check({ force: true });
    await page.getByLabel('Wat is er gebeurd?').fill('Een collega neemt brandstof mee voor eigen gebruik.');
    await page.getByLabel('Waar is het gebeurd?').fill('Commissariaat Centrum');
    await page.getByRole('button', { name: /^Volgende/ }).click();
    await page.getByRole('button', { name: 'De melding versturen' }).click();
    await page.getByTestId('receipt').waitFor();
    await page.getByText('Geef hem zelf aan de persoon, niet per e-mail', { exact: false }).waitFor();
    expect(await page.getByText('kan hem u opnieuw geven', { exact: false }).count()).toBe(0);
    await expectAxeClean(page, "counsellor's receipt");
    page.on('dialog', (d) => void d.accept());
    await context.close();
  });
});

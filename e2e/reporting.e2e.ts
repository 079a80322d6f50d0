import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, TEST_PASSWORD, unlockedSessionFor } from '../src/test/app.js';
import { expectAxeClean, openBrowser, settled, signInByCookie, startKompas, visitor as newVisitor, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The reporting channel in the browser (issue 18), in Dutch, with axe on every screen and dialog:
 * the integrity officer creates the escrow key and opens the channel; an anonymous reporter files a
 * report with a file on the public page and sees the receipt once; the officer (signed in without
 * the password, so the key must be unlocked first) finds it in the inbox, confirms receipt and asks
 * a question; the reporter comes back with the receipt, reads the question and answers; the officer
 * reads the answer and closes the report with an outcome.
 */

let k: Kompas;
let b: Browsing;
let orgId: string;
let officer: { id: string; email: string };
const CODE = `MEL${process.pid}`;
const MARKER = `marker-${process.pid}-${Date.now()}`;
const FILE = { name: 'bewijs.txt', mimeType: 'text/plain', buffer: Buffer.from(`Verslag van de dienst van 3 maart (${MARKER}).\n`) };

let receipt = '';
let reference = '';

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { code: CODE, name: 'Politiezone Kempen' });
  officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'nl' });
  // The officer's key pair exists (as after a first sign-in with the password); this browser session has it locked.
  await unlockedSessionFor(k, officer.id);
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

const visitor = () => newVisitor(b);

describe('reporting channel', () => {
  it('the officer creates the escrow key (shown once) and opens the channel', async () => {
    const { page, context } = b;
    await context.addInitScript(() => localStorage.setItem('kompas_locale', 'nl'));
    await signInByCookie(k, context, officer.id);
    await page.goto(`${k.base}/o/${orgId}/reporting/settings`);
    await settled(page);
    await page.getByText('De meldpagina neemt nu geen meldingen aan.').waitFor();
    await expectAxeClean(page, 'settings');

    await page.getByRole('button', { name: 'Reservesleutel aanmaken' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'De reservesleutel aanmaken?' });
    await confirm.getByRole('button', { name: 'Reservesleutel aanmaken' }).click();
    await page.getByText('Deze privésleutel wordt maar deze ene keer getoond.').waitFor();
    expect(await page.locator('pre').textContent()).toMatch(/^kompas-escrow-1:/);
    await expectAxeClean(page, 'escrow key shown');
    const hide = page.getByRole('button', { name: 'De sleutel verbergen' });
    expect(await hide.isDisabled()).toBe(true);
    await page.getByText('Ik heb de privésleutel afgedrukt of offline bewaard, op een veilige plaats').click();
    await hide.click();
    await page.getByText('Vingerafdruk').first().waitFor();
    expect(await page.locator('pre').count()).toBe(0);

    await page.getByLabel('Inleiding (Nederlands)').fill('Meldingen gaan naar de verantwoordelijke integriteit. Extern kunt u terecht bij het Comité P.');
    await page.getByText('De meldpagina is open: mensen kunnen meldingen doen').click();
    await page.getByRole('button', { name: 'De instellingen opslaan' }).click();
    await page.getByText('De meldpagina neemt meldingen aan op').waitFor();
  }, 120_000);

  it('an anonymous reporter files a report with a file and sees the receipt once', async () => {
    const { context, page } = await visitor();
    await page.goto(`${k.base}/p/${CODE}`);
    await settled(page);
    await page.getByRole('link', { name: /Een integriteitsschending melden/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Een integriteitsschending melden' }).waitFor();
    await page.getByText('Extern kunt u terecht bij het Comité P.').waitFor();
    await expectAxeClean(page, 'public reporting page');

    // Nothing chosen, nothing answered: the missing answers are listed and announced.
    await page.getByRole('button', { name: 'Volgende: uw melding nakijken' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Sommige antwoorden ontbreken of kloppen niet:' });
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBe(2);
    await expectAxeClean(page, 'public reporting page with errors');

    await page.getByRole('radio', { name: /^Anoniem/ }).check({ force: true });
    await page.getByLabel('Wat is er gebeurd?').fill(`Een collega nam in beslag genomen geld mee naar huis. ${MARKER}`);
    await page.getByLabel('Waar is het gebeurd?').fill('Commissariaat Centrum');
    await page.getByLabel('Bestanden toevoegen (facultatief)').setInputFiles(FILE);
    await page.getByRole('list', { name: 'Gekozen bestanden' }).getByText('bewijs.txt').waitFor();
    await page.getByRole('button', { name: 'Volgende: uw melding nakijken' }).click();

    await page.getByRole('heading', { name: 'Kijk uw melding na voor u ze verstuurt' }).waitFor();
    await page.getByText('U koos om anoniem te melden.', { exact: false }).waitFor();
    await expectAxeClean(page, 'review step');
    await page.getByRole('button', { name: 'De melding versturen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Uw melding is verstuurd' }).waitFor();
    receipt = (await page.getByTestId('receipt').textContent()) ?? '';
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    reference = /Referentie: (\S+)/.exec((await page.getByText(/^Referentie:/).textContent()) ?? '')?.[1] ?? '';
    expect(reference).toMatch(/^MEL-\d{4}-\d{4}$/);
    await page.getByText('Schrijf deze ontvangstcode nu op.').waitFor();
    await expectAxeClean(page, 'receipt');
    // Never in the address, nor in the browser's storage.
    const digits = receipt.replace(/\s/g, '');
    expect(page.url()).not.toContain(digits);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(digits);
    expect(await context.cookies()).toEqual([]);

    // Shown once: after a reload the page starts afresh.
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Een integriteitsschending melden' }).waitFor();
    expect(await page.getByTestId('receipt').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('the officer unlocks the key, finds the report, confirms receipt and asks a question', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}`);
    await settled(page);
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Meldingen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Meldingen van integriteitsschendingen' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Anoniem');
    expect(await row.textContent()).toMatch(/Ontvangst bevestigen: nog (7|6) dagen/);
    await expectAxeClean(page, 'inbox');
    await row.getByRole('link', { name: reference }).click();

    // Signed in without the password: the key is locked in this session.
    const unlock = page.getByRole('dialog', { name: 'Uw sleutel ontgrendelen' });
    await unlock.waitFor();
    await expectAxeClean(page, 'unlock dialog');
    await unlock.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await unlock.getByRole('button', { name: 'Ontgrendelen' }).click();
    await page.getByRole('heading', { level: 1, name: `Melding ${reference}` }).waitFor();
    await page.getByText(MARKER, { exact: false }).first().waitFor();
    await page.getByText('de identiteit van de melder is niet gekend.', { exact: false }).waitFor();
    await expectAxeClean(page, 'case page');

    // The attachment, decrypted.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'bewijs.txt downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe('bewijs.txt');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toContain(MARKER);

    await page.locator('main [data-print=hide]').getByRole('button', { name: 'Ontvangst bevestigen' }).click();
    const ack = page.getByRole('dialog', { name: `Ontvangst van melding ${reference} bevestigen?` });
    await ack.waitFor();
    await expectAxeClean(page, 'acknowledge dialog');
    await ack.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
    await page.getByRole('status').filter({ hasText: 'Ontvangst bevestigd.' }).waitFor();
    await page.getByText(/Terugkoppeling: nog \d+ dagen/).waitFor();

    await page.getByLabel('Bericht', { exact: true }).fill('Dank u. Op welke dag gebeurde dit precies?');
    await page.getByRole('button', { name: 'Het bericht versturen' }).click();
    await page.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }).waitFor();
    await page.getByRole('list').getByText('Op welke dag gebeurde dit precies?').waitFor();
  }, 120_000);

  it('the reporter comes back with the receipt, reads the question and answers', async () => {
    const { context, page } = await visitor();
    await page.goto(`${k.base}/p/${CODE}/report/follow-up`);
    await settled(page);
    await page.getByRole('heading', { level: 1, name: 'Uw melding opvolgen' }).waitFor();
    await expectAxeClean(page, 'follow-up form');
    await page.getByLabel('Ontvangstcode').fill('1234 5678 9012 3456');
    await page.getByRole('button', { name: 'Mijn melding openen' }).click();
    await page.locator('main [role=alert]').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw melding opvolgen');

    await page.getByLabel('Ontvangstcode').fill(receipt);
    await page.getByRole('button', { name: 'Mijn melding openen' }).click();
    await page.getByRole('heading', { level: 1, name: `Uw melding ${reference}` }).waitFor();
    await page.getByText('De ontvanger heeft de ontvangst van uw melding bevestigd en beoordeelt ze.').waitFor();
    await page.getByText(/U krijgt uiterlijk op \d{2}\/\d{2}\/\d{4} terugkoppeling/).waitFor();
    await page.getByText('Op welke dag gebeurde dit precies?').waitFor();
    await page.getByText(MARKER, { exact: false }).first().waitFor();
    await expectAxeClean(page, 'portal');
    expect(page.url()).not.toContain(receipt.replace(/\s/g, ''));

    await page.getByLabel('Uw bericht').fill('Op maandag 3 maart, rond de middag.');
    await page.getByRole('button', { name: 'Het bericht versturen' }).click();
    await page.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }).waitFor();
    await page.getByRole('list').getByText('Op maandag 3 maart, rond de middag.').waitFor();

    await page.getByRole('button', { name: 'Mijn melding verlaten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw melding opvolgen' }).waitFor();
    expect(await page.getByText('Op maandag 3 maart').count()).toBe(0);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 120_000);

  it('the officer reads the answer and closes the report with an outcome', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/reports`);
    await settled(page);
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('1 nieuw bericht').waitFor();
    await row.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { level: 1, name: `Melding ${reference}` }).waitFor();
    await page.getByText('Op maandag 3 maart, rond de middag.').waitFor();

    await page.locator('main [data-print=hide]').getByRole('button', { name: 'De melding afsluiten' }).click();
    const close = page.getByRole('dialog', { name: `Melding ${reference} afsluiten` });
    await close.waitFor();
    // No outcome chosen: said at the field.
    await close.getByRole('button', { name: 'De melding afsluiten' }).click();
    await close.getByText('Kies een uitkomst.').waitFor();
    await close.getByRole('button', { name: /Uitkomst/ }).click();
    await page.getByRole('option', { name: 'Ongegrond' }).click();
    await close.getByLabel('Bericht aan de melder (facultatief)').fill('Na onderzoek bleek het geld correct geregistreerd. Dank voor uw melding.');
    await expectAxeClean(page, 'close dialog');
    await close.getByRole('button', { name: 'De melding afsluiten' }).click();
    await page.getByRole('status').filter({ hasText: 'De melding is afgesloten.' }).waitFor();
    await page.getByText('Ongegrond', { exact: false }).first().waitFor();
    expect(await page.locator('main [data-print=hide]').getByRole('button', { name: 'De melding afsluiten' }).count()).toBe(0);
    expect(await page.getByLabel('Bericht', { exact: true }).count()).toBe(0);
    await expectAxeClean(page, 'closed case');
  }, 120_000);
});

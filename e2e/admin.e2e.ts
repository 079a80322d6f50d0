import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ownerQuery } from '../src/test/app.js';
import { openBrowser, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

let k: Kompas;
let b: Browsing;
let orgId: string;
let colleague: { id: string; email: string };

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Kempen' });
  await ownerQuery(k, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'INT', 'Interventie')`, [orgId]);
  const admin = await createUser(k, { roles: [{ orgId, role: 'administrator' }], locale: 'nl' });
  colleague = await createUser(k, { roles: [{ orgId, role: 'staff_member' }] });
  await signInByCookie(k, b.context, admin.id);
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

const CSV = [
  'stamnummer;naam;voornaam;categorie;dienstcode;startdatum',
  'E2E0001;Peeters;Jan;operationeel;INT;2024-03-01',
  'E2E0002;Janssens;Els;calog;INT;31/02/2024',
  'E2E0003;Wouters;An;calog;INT;01/09/2019',
].join('\n');

describe('staff import', () => {
  it('previews a file with a bad row (line and reason), refuses "load all", loads only the valid rows after confirmation', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/people/import`);
    await settled(page);
    await page.getByLabel('Inhoud van het CSV-bestand').fill(CSV);
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    const bad = page.getByRole('table', { name: 'Rijen met fouten' });
    await bad.waitFor();
    const rows = bad.getByRole('row');
    expect(await rows.count()).toBe(2); // header + the one bad row
    const row = rows.nth(1);
    expect(await row.getByRole('rowheader').textContent()).toBe('3');
    expect(await row.textContent()).toContain('E2E0002');
    expect(await row.textContent()).toContain('In dienst sinds');
    await page.getByText('1 van de 3 rijen bevatten fouten').waitFor();

    expect(await page.getByRole('button', { name: 'Alle rijen laden' }).isDisabled()).toBe(true);
    expect(await ownerQuery(k, `SELECT 1 FROM person WHERE organisation_id = $1`, [orgId])).toHaveLength(0);

    await page.getByRole('button', { name: 'Alleen de geldige rijen laden' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Alleen de geldige rijen laden?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '2 geldige rijen laden' }).click();
    await page.getByText('De personeelslijst is bijgewerkt: 2 toegevoegd, 0 gewijzigd, 0 ongewijzigd.').waitFor();
    const stored = await ownerQuery<{ personnel_number: string }>(k, `SELECT personnel_number FROM person WHERE organisation_id = $1 ORDER BY 1`, [orgId]);
    expect(stored.map((p) => p.personnel_number)).toEqual(['E2E0001', 'E2E0003']);
  });

  it('finds the new staff member in the list and opens the record', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Personeelslijst openen' }).click();
    await settled(page);
    await page.getByLabel('Zoeken op naam of stamnummer').fill('Peeters');
    await page.getByText('1 personeelsleden gevonden').waitFor();
    await page.getByRole('link', { name: 'Peeters, Jan' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Jan Peeters');
    await page.getByText('E2E0001').waitFor();
  });
});

describe('role assignments', () => {
  it('assigns a role through the dialog and withdraws it after confirmation', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/roles`);
    await settled(page);
    await page.getByRole('button', { name: 'Rol toekennen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rol toekennen' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /Gebruiker/ }).click();
    await page.getByRole('option', { name: new RegExp(colleague.email) }).click();
    await dialog.getByRole('button', { name: /^Kies een rol|Rol/ }).click();
    await page.getByRole('option', { name: 'Auditor' }).click();
    await dialog.getByRole('button', { name: 'Toekennen' }).click();
    await page.getByText('De rol is toegekend.').waitFor();
    const grid = page.getByRole('grid', { name: 'Roltoekenningen' });
    await grid.getByRole('row').filter({ hasText: 'Auditor' }).waitFor();
    const [a] = await ownerQuery<{ id: string; withdrawn_at: Date | null }>(k, `SELECT id, withdrawn_at FROM role_assignment WHERE organisation_id = $1 AND user_id = $2 AND role = 'auditor'`, [orgId, colleague.id]);
    expect(a.withdrawn_at).toBeNull();

    await grid.getByRole('button', { name: /^Auditor intrekken bij/ }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Deze rol intrekken?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Intrekken' }).click();
    await page.getByText('De rol is ingetrokken.').waitFor();
    await expect.poll(async () => (await ownerQuery<{ w: boolean }>(k, `SELECT withdrawn_at IS NOT NULL AS w FROM role_assignment WHERE id = $1`, [a.id]))[0].w).toBe(true);
    await grid.getByRole('row').filter({ hasText: 'Auditor' }).waitFor({ state: 'detached' });
  });
});

describe('background jobs', () => {
  it("are not in an organisation administrator's navigation (the queue is the platform's), but in a platform administrator's", async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}`);
    await settled(page);
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    await nav.getByRole('link', { name: 'Uitgaande berichten' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Taken' }).count()).toBe(0);

    const root = await createUser(k, { platformAdmin: true, locale: 'nl' });
    await signInByCookie(k, b.context, root.id);
    await page.goto(`${k.base}/o/${orgId}`);
    await settled(page);
    await nav.getByRole('link', { name: 'Taken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Achtergrondtaken' }).waitFor();
  });
});

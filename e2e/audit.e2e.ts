import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ownerQuery, sessionFor } from '../src/test/app.js';
import { openBrowser, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

let k: Kompas;
let b: Browsing;
let orgId: string;
let unitAction: string;

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Kempen' });
  const admin = await createUser(k, { roles: [{ orgId, role: 'administrator' }] });
  const dpo = await createUser(k, { roles: [{ orgId, role: 'dpo' }], locale: 'nl' });
  // Some history to look at: an administrator creates three units through the API.
  const s = await sessionFor(k, admin.id);
  for (const code of ['INT', 'REC', 'DIT']) expect((await s.post(`/api/orgs/${orgId}/units`, { code, name: `Dienst ${code}` })).statusCode).toBe(201);
  [{ action: unitAction }] = await ownerQuery<{ action: string }>(k, `SELECT action FROM audit_event WHERE organisation_id = $1 AND record_type = 'org_unit' LIMIT 1`, [orgId]);
  await signInByCookie(k, b.context, dpo.id);
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('audit trail', () => {
  it('filters on an action and shows only those events', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/audit`);
    await settled(page);
    const grid = page.getByRole('grid', { name: 'Auditgebeurtenissen' });
    await grid.waitFor();
    await page.getByRole('button', { name: /Actie/ }).click();
    await page.getByRole('option', { name: unitAction, exact: true }).click();
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.getByText('3 gebeurtenissen getoond').waitFor();
    const rows = grid.getByRole('row');
    expect(await rows.count()).toBe(4); // header + 3 unit creations
    for (let i = 1; i < 4; i++) expect(await rows.nth(i).textContent()).toContain(unitAction);
    // The filter is in the address: a reload (or a bookmark) shows the same events, and the
    // back button returns to the unfiltered trail.
    expect(new URL(page.url()).searchParams.get('action')).toBe(unitAction);
    await page.reload();
    await page.getByText('3 gebeurtenissen getoond').waitFor();
    expect(await page.getByRole('button', { name: /Actie/ }).textContent()).toContain(unitAction);
    await page.goBack();
    await page.getByText(/^\d+ gebeurtenissen getoond$/).filter({ hasNotText: /^3 / }).waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBeNull();
  });

  it('checks the integrity: intact with the number of events, then names the first broken row', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Integriteit controleren' }).click();
    await page.getByText(/De audittrail is intact \(\d+ gebeurtenissen gecontroleerd\)\./).waitFor();

    // A superuser alters one row behind the triggers, as an attacker with database access could.
    const [target] = await ownerQuery<{ id: string }>(k, `SELECT id FROM audit_event WHERE organisation_id = $1 AND record_type = 'org_unit' ORDER BY chain_seq LIMIT 1 OFFSET 1`, [orgId]);
    const c = new pg.Client({ connectionString: k.db.url });
    await c.connect();
    await c.query(`SET session_replication_role = replica`);
    await c.query(`UPDATE audit_event SET details = '{"forged": true}' WHERE id = $1`, [target.id]);
    await c.end();

    await page.getByRole('button', { name: 'Integriteit controleren' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'verbroken' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`De audittrail is verbroken bij gebeurtenis ${target.id}`);
    expect(await alert.textContent()).toContain('vingerafdruk');
  });
});

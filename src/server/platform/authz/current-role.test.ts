import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, type TestApp } from '../../../test/app.js';
import { withOrgTx } from '../db/tx.js';
import { currentRoleCondition } from './current-role.js';

let t: TestApp;
let org: string;
const year = new Date().getUTCFullYear();
const ids: Record<string, string> = {};

const assign = async (label: string, from: string, to: string | null, withdrawn = false) => {
  const u = await createUser(t);
  ids[label] = (await ownerQuery<{ id: string }>(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from, valid_to, withdrawn_at)
    VALUES ($1, $2, 'chief', $3, $4, CASE WHEN $5 THEN now() END) RETURNING id`, [org, u.id, from, to, withdrawn]))[0].id;
};
const labelsOf = (rows: { id: string }[]) => Object.entries(ids).filter(([, id]) => rows.some((r) => r.id === id)).map(([l]) => l).sort();

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  await assign('open', '2020-01-01', null);
  await assign('ended', '2020-01-01', '2021-12-31');
  await assign('future', `${year + 1}-01-01`, null);
  await assign('withdrawn', '2020-01-01', null, true);
  await assign('lastDayToday', '2020-01-01', new Date().toISOString().slice(0, 10));
});
afterAll(async () => { await t?.close(); });

describe('currentRoleCondition', () => {
  it('holds for an assignment begun, not ended and not withdrawn; the last day of validity included', async () => {
    const rows = await withOrgTx(t.db.db, org, async (tx) => (await tx.execute<{ id: string }>(sql`
      SELECT ra.id FROM role_assignment ra WHERE ra.organisation_id = ${org} AND ${currentRoleCondition('ra')}`)).rows);
    expect(labelsOf(rows)).toEqual(['lastDayToday', 'open']);
  });

  it('on another day, and on an unaliased table', async () => {
    const on = (day: string) => withOrgTx(t.db.db, org, async (tx) => labelsOf((await tx.execute<{ id: string }>(sql`
      SELECT id FROM role_assignment WHERE organisation_id = ${org} AND ${currentRoleCondition('', day)}`)).rows));
    expect(await on('2021-06-01')).toEqual(['ended', 'lastDayToday', 'open']);
    expect(await on('2021-12-31')).toEqual(['ended', 'lastDayToday', 'open']);
    expect(await on('2022-01-01')).toEqual(['lastDayToday', 'open']);
    expect(await on(`${year + 1}-06-01`)).toEqual(['future', 'open']);
    expect(await on('2019-12-31')).toEqual([]);
  });

  it('refuses an alias that is not a plain identifier (it is written into the SQL)', () => {
    expect(() => currentRoleCondition('ra; DROP TABLE role_assignment; --')).toThrow(/bad alias/);
    expect(() => currentRoleCondition('RA')).toThrow(/bad alias/);
  });
});

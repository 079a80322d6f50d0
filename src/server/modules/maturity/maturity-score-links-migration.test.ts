import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import { MIGRATIONS_DIR } from '../../platform/db/migrate.js';
import { APP_ROLE } from '../../platform/db/pool.js';
import type { PlanTree } from '../plan/contract.js';
import type { EvidenceList } from './evidence-contract.js';
import { maturityWorld, mBase, newMeasurement, type MaturityWorld } from './maturity.testkit.js';

/**
 * Migration 0037: the plan actions a score named (the old maturity_score.action_ids) become links of
 * the score's evidence. The test gives a migrated database the old column back, fills it, and runs
 * the migration's own statements: the data move as the application role (row-level security forced,
 * so the migration's system scope is what lets it through), the column drop as the owner.
 */

const statements = fs.readFileSync(path.join(MIGRATIONS_DIR, '0037_maturity_score_action_links.sql'), 'utf8')
  .split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);

let t: TestApp;
let w: MaturityWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await maturityWorld(t);
});
afterAll(async () => { await t.close(); });

describe('migration 0037: score actions to evidence links', () => {
  it('moves each action a score named to a link of that assessor\'s evidence, once, and drops the old column', async () => {
    const plans = `/api/orgs/${w.org}/plans`;
    const planId = ((await w.s.officer.post(plans, { title: 'Integriteitsbeleidsplan', periodFrom: 2025, periodTo: 2029 })).json() as PlanTree).plan.id;
    const sdId = (await w.s.officer.post(`${plans}/${planId}/objectives`, { code: 'SD 1', title: 'Integriteit omschrijven' })).json().id;
    const actions: string[] = [];
    for (const title of ['Dilemmatraining', 'Risicoanalyse']) actions.push((await w.s.officer.post(`${plans}/${planId}/actions`, { objectiveId: sdId, title })).json().id);
    const m = await newMeasurement(w);
    const [c0, c1] = m.criteria.map((r) => r.criterion.id);
    for (const c of [c0, c1]) expect((await w.s.anna.put(`${mBase(w)}/${m.id}/scores/${c}`, { level: 2, evidence: 'zie plan' }, ifMatch(0))).statusCode).toBe(200);
    // Anna already linked the first action to c0 through the evidence: it stays one link.
    expect((await w.s.anna.post(`${mBase(w)}/${m.id}/scores/${c0}/links`, { kind: 'plan.action', recordId: actions[0] })).statusCode).toBe(201);

    // The shape before the migration: the score's action ids.
    await ownerQuery(t, `ALTER TABLE maturity_score ADD COLUMN action_ids uuid[] NOT NULL DEFAULT '{}'::uuid[]`);
    await ownerQuery(t, `UPDATE maturity_score SET action_ids = $3::uuid[] WHERE measurement_id = $1 AND criterion_id = $2`, [m.id, c0, actions]);
    await ownerQuery(t, `UPDATE maturity_score SET action_ids = $3::uuid[] WHERE measurement_id = $1 AND criterion_id = $2`, [m.id, c1, [actions[1]]]);
    const [{ updated_at: scoredAt }] = await ownerQuery<{ updated_at: Date }>(t, `SELECT updated_at FROM maturity_score WHERE measurement_id = $1 AND criterion_id = $2`, [m.id, c1]);

    expect(statements.at(-1)).toMatch(/DROP COLUMN "action_ids"/);
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SET LOCAL ROLE ${APP_ROLE}`);
      for (const s of statements.slice(0, -1)) await c.query(s);
      // The system scope does not outlive the move.
      expect((await c.query(`SELECT current_setting('kompas.scope', true) AS s`)).rows[0].s).toBe('');
      await c.query('RESET ROLE');
      await c.query(statements.at(-1)!);
      await c.query('COMMIT');
    } finally {
      await c.end();
    }

    const rows = await ownerQuery<{ criterion_id: string; assessor_user_id: string; record_kind: string; record_id: string; created_at: Date }>(t,
      `SELECT criterion_id, assessor_user_id, record_kind, record_id, created_at FROM maturity_evidence WHERE measurement_id = $1 ORDER BY criterion_id = $2 DESC, record_id`, [m.id, c0]);
    expect(rows.map((r) => [r.criterion_id, r.assessor_user_id, r.record_kind, r.record_id]).sort()).toEqual([
      [c0, w.users.anna.id, 'plan.action', actions[0]],
      [c0, w.users.anna.id, 'plan.action', actions[1]],
      [c1, w.users.anna.id, 'plan.action', actions[1]],
    ].sort());
    expect(rows.find((r) => r.criterion_id === c1)!.created_at).toEqual(scoredAt);
    expect(await ownerQuery(t, `SELECT 1 FROM information_schema.columns WHERE table_name = 'maturity_score' AND column_name = 'action_ids'`)).toEqual([]);

    // The assessor reads them as any link: the action's current title and page.
    const list = (await w.s.anna.get(`${mBase(w)}/${m.id}/evidence`)).json() as EvidenceList;
    expect(list.items.filter((e) => e.criterionId === c1).map((e) => e.link?.record?.title)).toEqual(['Risicoanalyse']);
    expect(list.items.filter((e) => e.criterionId === c0).map((e) => e.link?.record?.title).sort()).toEqual(['Dilemmatraining', 'Risicoanalyse']);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { withDb } from '../../../test/global-setup.js';
import { newMasterKey, Sealer, sealerFor } from '../../platform/crypto/sealing.js';
import { MIGRATIONS_DIR } from '../../platform/db/migrate.js';
import type { PlanTree } from './contract.js';
import { completeForSubmission } from './plan-workflow.testkit.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';

/** Issue 16: evidence is stored by the platform's file service (platform/files), with the plan's rows beside it. */
let t: TestApp;
let w: PlanWorld;
let planId: string;
let actionId: string;
const base = () => `/api/orgs/${w.org}/plans`;
const marker = `BEWIJS-${randomBytes(4).toString('hex')}`;
const pdf = Buffer.from(`%PDF-1.4\n1 0 obj (${marker}) endobj\n%%EOF\n`);

function form(name: string, type: string, content: Buffer) {
  const boundary = '----kompas' + randomBytes(6).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (name: string, type: string, content: Buffer, action = actionId, plan = planId) => {
  const f = form(name, type, content);
  return w.s.owner.request('POST', `${base()}/${plan}/actions/${action}/evidence`, f.body, f.headers);
};
const files = () => ownerQuery<{ id: string; record_type: string; record_id: string; content: Buffer; sha256: string }>(t,
  `SELECT id, record_type, record_id, content, sha256 FROM stored_file WHERE organisation_id = $1 ORDER BY created_at, id`, [w.org]);

beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
  const p = (await w.s.officer.post(base(), { title: 'Plan met bewijs', periodFrom: YEAR, periodTo: YEAR + 4 })).json() as PlanTree;
  planId = p.plan.id;
  const sd = (await w.s.officer.post(`${base()}/${planId}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' })).json().id;
  actionId = (await w.s.officer.post(`${base()}/${planId}/actions`, { objectiveId: sd, title: 'Dilemmatraining', ownerUserId: w.users.owner.id })).json().id;
  await completeForSubmission(w.s.officer, w.org, planId);
  expect((await w.s.officer.post(`${base()}/${planId}/submit`)).statusCode).toBe(200);
  expect((await w.s.chief.post(`${base()}/${planId}/approve`)).statusCode).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('plan evidence on the platform file store', () => {
  let evidenceId: string;

  it('stores an upload as one sealed file on the action, under the evidence id, and gives it back', async () => {
    const r = await upload('aanwezigheden.pdf', 'application/pdf', pdf);
    expect(r.statusCode, r.body).toBe(201);
    evidenceId = r.json().id;
    const [f] = await files();
    expect(f).toMatchObject({ id: evidenceId, record_type: 'plan_action', record_id: actionId, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(f.content.includes(marker)).toBe(false);
    expect(sealerFor(t.deps.config.dataDir).openBytes('files', f.content)?.equals(pdf)).toBe(true);
    const [ev] = await ownerQuery<{ file_id: string; data: Buffer | null }>(t, `SELECT file_id, data FROM plan_action_evidence WHERE id = $1`, [evidenceId]);
    expect(ev).toEqual({ file_id: evidenceId, data: null });
    const dl = await w.s.officer.get(`${base()}/${planId}/actions/${actionId}/evidence/${evidenceId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    const audit = await ownerQuery<{ action: string; record_type: string; record_id: string; details: Record<string, unknown> }>(t,
      `SELECT action, record_type, record_id, details FROM audit_event WHERE details->>'evidenceId' = $1 ORDER BY id`, [evidenceId]);
    expect(audit.map((a) => [a.action, a.record_type, a.record_id])).toEqual([['plan.evidence_upload', 'plan', planId], ['plan.evidence_download', 'plan', planId]]);
    expect(audit[0].details).toMatchObject({ actionId, evidenceId, fileId: evidenceId, size: pdf.length, contentType: 'application/pdf' });
  });

  it('refuses a spoofed file with the error that names the problem, and stores nothing', async () => {
    const before = (await files()).length;
    const exe = await upload('factuur.pdf', 'application/pdf', Buffer.concat([Buffer.from('MZ'), randomBytes(64)]));
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'file_content', field: 'file' });
    const html = await upload('foto.png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.json()).toMatchObject({ code: 'file_content' });
    const empty = await upload('leeg.txt', 'text/plain', Buffer.alloc(0));
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'file_empty']);
    expect((await files()).length).toBe(before);
  });

  it('a new version copies the file onto its action; deleting that action deletes its copy only, deleting evidence its file', async () => {
    expect((await w.s.officer.post(`${base()}/${planId}/put-in-force`)).statusCode).toBeLessThan(500);
    const v2 = await w.s.officer.post(`${base()}/${planId}/new-version`);
    expect(v2.statusCode, v2.body).toBe(201);
    const tree = v2.json() as PlanTree;
    const copied = tree.objectives[0].actions[0];
    const [ev2] = (await w.s.officer.get(`${base()}/${tree.plan.id}/actions/${copied.id}/evidence`)).json().items;
    expect(ev2.id).not.toBe(evidenceId);
    // A copy keeps the original's created_at, so compare as a set.
    expect((await files()).map((f) => [f.id, f.record_id]).sort()).toEqual([[evidenceId, actionId], [ev2.id, copied.id]].sort());
    expect((await w.s.officer.get(`${base()}/${tree.plan.id}/actions/${copied.id}/evidence/${ev2.id}`)).rawPayload.equals(pdf)).toBe(true);

    expect((await w.s.officer.delete(`${base()}/${tree.plan.id}/actions/${copied.id}`)).statusCode).toBe(204);
    expect((await files()).map((f) => f.id)).toEqual([evidenceId]);

    expect((await w.s.owner.delete(`${base()}/${planId}/actions/${actionId}/evidence/${evidenceId}`)).statusCode).toBe(204);
    expect(await files()).toEqual([]);
    expect(await ownerQuery(t, `SELECT 1 FROM plan_action_evidence WHERE id = $1`, [evidenceId])).toEqual([]);
    expect(await ownerQuery(t, `SELECT 1 FROM audit_event WHERE action = 'plan.evidence_delete' AND details->>'evidenceId' = $1`, [evidenceId])).toHaveLength(1);
    expect((await w.s.owner.delete(`${base()}/${planId}/actions/${actionId}/evidence/${evidenceId}`)).statusCode).toBe(404);
  });
});

describe('migration 0019', () => {
  it('moves the evidence stored before it onto the file store, content as it is, and deletes files with their action', async () => {
    // A database at migration 0018 with evidence in the old table, sealed and (from before sealing) plain.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-mig-'));
    fs.mkdirSync(path.join(dir, 'meta'));
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.idx < 19);
    for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
    const name = `kompas_m_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('pgBaseUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const c = new pg.Client({ connectionString: withDb(inject('pgBaseUrl'), name) });
    await c.connect();
    try {
      await migrate(drizzle(c), { migrationsFolder: dir });
      const S = new Sealer(newMasterKey());
      const one = async (q: string, p: unknown[]) => (await c.query<{ id: string }>(q, p)).rows[0].id;
      const org = await one(`INSERT INTO organisation (kind, code, names) VALUES ('local_police_zone', 'M1', '{"nl":"Zone"}') RETURNING id`, []);
      const plan = await one(`INSERT INTO plan (organisation_id, lineage_id, title, period_from, period_to, language) VALUES ($1, gen_random_uuid(), 'P', 2026, 2030, 'nl') RETURNING id`, [org]);
      const obj = await one(`INSERT INTO plan_objective (organisation_id, plan_id, title) VALUES ($1, $2, 'SD') RETURNING id`, [org, plan]);
      const act = await one(`INSERT INTO plan_action (organisation_id, plan_id, objective_id, title) VALUES ($1, $2, $3, 'A') RETURNING id`, [org, plan, obj]);
      const sealed = S.sealBytes('files', pdf);
      const plain = Buffer.from('oude lijst\n');
      const e1 = await one(`INSERT INTO plan_action_evidence (organisation_id, plan_id, action_id, filename, content_type, size, sha256, data)
        VALUES ($1, $2, $3, 'a.pdf', 'application/pdf', $4, $5, $6) RETURNING id`, [org, plan, act, pdf.length, createHash('sha256').update(pdf).digest('hex'), sealed]);
      const e2 = await one(`INSERT INTO plan_action_evidence (organisation_id, plan_id, action_id, filename, content_type, size, sha256, data)
        VALUES ($1, $2, $3, 'b.txt', 'text/plain', $4, $5, $6) RETURNING id`, [org, plan, act, plain.length, createHash('sha256').update(plain).digest('hex'), plain]);

      await migrate(drizzle(c), { migrationsFolder: MIGRATIONS_DIR });
      const { rows: moved } = await c.query<{ id: string; file_id: string; data: Buffer | null }>(`SELECT id, file_id, data FROM plan_action_evidence ORDER BY filename`);
      expect(moved).toEqual([{ id: e1, file_id: e1, data: null }, { id: e2, file_id: e2, data: null }]);
      const { rows: stored } = await c.query<{ id: string; record_type: string; record_id: string; filename: string; media_type: string; content: Buffer }>(
        `SELECT id, record_type, record_id, filename, media_type, content FROM stored_file ORDER BY filename`);
      expect(stored.map((f) => [f.id, f.record_type, f.record_id, f.filename, f.media_type])).toEqual([
        [e1, 'plan_action', act, 'a.pdf', 'application/pdf'], [e2, 'plan_action', act, 'b.txt', 'text/plain']]);
      expect(stored[0].content.equals(sealed)).toBe(true);
      expect(S.openBytes('files', stored[0].content)?.equals(pdf)).toBe(true);
      expect(stored[1].content.equals(plain)).toBe(true);
      // An action's files go with it, here by the cascade from its plan.
      await c.query(`DELETE FROM plan WHERE id = $1`, [plan]);
      expect((await c.query(`SELECT count(*)::int AS n FROM stored_file`)).rows[0].n).toBe(0);
    } finally {
      await c.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

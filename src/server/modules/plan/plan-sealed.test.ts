import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { columnsHoldingMarkers, markersInDump } from '../../../test/at-rest.js';
import { sealPlainValues } from '../../platform/crypto/index.js';
import type { PlanTree } from './contract.js';
import { docxText, planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { completeForSubmission } from './plan-workflow.testkit.js';

/**
 * Issue 14: a copy of the database (and of the data dir without its key) reveals none of the
 * plan's confidential content, while the people allowed to read it still do.
 */
let t: TestApp;
let w: PlanWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
});
afterAll(async () => { await t.close(); });

const tag = randomBytes(4).toString('hex');
const M = {
  plan: `ZEGEL-PLANNOTA-${tag}`,
  action: `ZEGEL-ACTIENOTA-${tag}`,
  progress: `ZEGEL-VOORTGANG-${tag}`,
  file: `ZEGEL-BESTAND-${tag}`,
  legacy: `ZEGEL-OUD-${tag}`,
  legacyFile: `ZEGEL-OUDBESTAND-${tag}`,
};

function form(name: string, type: string, content: Buffer) {
  const boundary = '----kompas' + randomBytes(6).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A change to the plan, made on the revision the client saw (optimistic concurrency, ADR 0011). */
async function patchPlan(planId: string, body: Record<string, unknown>) {
  const current = (await w.s.officer.get(`/api/orgs/${w.org}/plans/${planId}`)).json() as { plan: { revision?: number } };
  return w.s.officer.request('PATCH', `/api/orgs/${w.org}/plans/${planId}`, body, { 'if-match': `"${current.plan.revision ?? 0}"` });
}

/** The plan's tables, which every scan must cover. */
const PLAN_TABLES = ['plan', 'plan_action', 'plan_action_update', 'plan_action_evidence'];
const databaseHits = (markers: string[]) => columnsHoldingMarkers(t.db.url, markers, { tables: PLAN_TABLES });
const dumpHits = (markers: string[]) => markersInDump(t.db.url, markers, { tables: ['plan_action_evidence'] });

/** Files under the data dir (keys, uploads if any ever go there). */
function dataDirHits(markers: string[]): string[] {
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.statSync(p).size < 64 * 1024 * 1024) {
        const b = fs.readFileSync(p);
        for (const m of markers) if (b.includes(m)) hits.push(`${p}: ${m}`);
      }
    }
  };
  walk(t.deps.config.dataDir);
  return hits;
}

describe('confidential plan content at rest', () => {
  let planId: string;
  let actionId: string;
  let evidenceId: string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.from(`1 0 obj (${M.file}) endobj\n`), randomBytes(2048), Buffer.from('\n%%EOF\n')]);
  const base = () => `/api/orgs/${w.org}/plans`;

  beforeAll(async () => {
    const created = await w.s.officer.post(base(), { title: 'Verzegeld plan', periodFrom: YEAR, periodTo: YEAR + 4 });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json() as PlanTree;
    planId = p.plan.id;
    const r = await patchPlan(planId, { confidentialNotes: M.plan });
    expect(r.statusCode, r.body).toBe(200);
    const sd = (await w.s.officer.post(`${base()}/${planId}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' })).json().id;
    const a = await w.s.officer.post(`${base()}/${planId}/actions`, { objectiveId: sd, title: 'Dilemmatraining', ownerUserId: w.users.owner.id, notes: M.action });
    expect(a.statusCode, a.body).toBe(201);
    actionId = a.json().id;
    expect(a.json().notes).toBe(M.action);
    await completeForSubmission(w.s.officer, w.org, planId);
    expect((await w.s.officer.post(`${base()}/${planId}/submit`)).statusCode).toBe(200);
    expect((await w.s.chief.post(`${base()}/${planId}/approve`)).statusCode).toBe(200);
    const u = await w.s.owner.post(`${base()}/${planId}/actions/${actionId}/updates`, { progress: 40, status: 'in_progress', note: M.progress });
    expect(u.statusCode, u.body).toBe(201);
    const f = form('aanwezigheden.pdf', 'application/pdf', pdf);
    const up = await w.s.owner.request('POST', `${base()}/${planId}/actions/${actionId}/evidence`, f.body, f.headers);
    expect(up.statusCode, up.body).toBe(201);
    evidenceId = up.json().id;
  });

  it('stores none of the notes, progress notes or evidence bytes in clear (tables, dump, data dir)', async () => {
    const markers = [M.plan, M.action, M.progress, M.file];
    expect(await databaseHits(markers)).toEqual([]);
    expect(dumpHits(markers)).toEqual([]);
    expect(dataDirHits(markers)).toEqual([]);
    const [plan] = await ownerQuery<{ confidential_notes: string }>(t, `SELECT confidential_notes FROM plan WHERE id = $1`, [planId]);
    expect(plan.confidential_notes).toMatch(/^enc:v1:/);
  });

  it('still gives the content to the people allowed to read it', async () => {
    const tree = (await w.s.officer.get(`${base()}/${planId}`)).json() as PlanTree;
    expect(tree.plan.confidentialNotes).toBe(M.plan);
    const action = tree.objectives[0].actions[0];
    expect(action.notes).toBe(M.progress); // the latest progress note is the action's working note
    const history = (await w.s.owner.get(`${base()}/${planId}/actions/${actionId}/updates`)).json().items;
    expect(history.map((h: { note: string | null }) => h.note)).toContain(M.progress);
    const mine = (await w.s.owner.get(`/api/orgs/${w.org}/my-actions`)).json().items;
    expect(mine.find((i: { id: string }) => i.id === actionId).notes).toBe(M.progress);
    const dl = await w.s.owner.get(`${base()}/${planId}/actions/${actionId}/evidence/${evidenceId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    // Those who may not read the notes still get nothing.
    const staffView = (await w.s.staff.get(`${base()}/${planId}`)).json() as PlanTree;
    expect(staffView.plan.confidentialNotes).toBeNull();
    expect(staffView.objectives[0].actions[0].notes).toBeNull();
  });

  it('exports still work and, as before, never carry the confidential notes', async () => {
    const docx = await w.s.officer.get(`${base()}/${planId}/export.docx`);
    expect(docx.statusCode).toBe(200);
    const text = docxText(docx.rawPayload);
    expect(text).toContain('Dilemmatraining');
    const csv = await w.s.officer.get(`${base()}/${planId}/actions.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Dilemmatraining');
    for (const m of [M.plan, M.action, M.progress]) {
      expect(text).not.toContain(m);
      expect(csv.body).not.toContain(m);
    }
  });

  it('a new version carries the sealed notes over, readable and still sealed', async () => {
    expect((await w.s.officer.post(`${base()}/${planId}/put-in-force`)).statusCode).toBeLessThan(500);
    const v2 = await w.s.officer.post(`${base()}/${planId}/new-version`);
    expect(v2.statusCode, v2.body).toBe(201);
    const tree = v2.json() as PlanTree;
    expect(tree.plan.confidentialNotes).toBe(M.plan);
    const copied = tree.objectives[0].actions[0];
    const dl = await w.s.officer.get(`${base()}/${tree.plan.id}/actions/${copied.id}/evidence`);
    const [ev] = dl.json().items;
    const file = await w.s.officer.get(`${base()}/${tree.plan.id}/actions/${copied.id}/evidence/${ev.id}`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(await databaseHits([M.plan, M.progress, M.file])).toEqual([]);
  });

  it('seals rows written in clear before sealing existed (the boot step), which stay readable', async () => {
    const p = (await w.s.officer.post(base(), { title: 'Oud plan', periodFrom: YEAR, periodTo: YEAR + 4 })).json() as PlanTree;
    const sd = (await w.s.officer.post(`${base()}/${p.plan.id}/objectives`, { code: 'SD 1', title: 'Oud' })).json().id;
    const a = (await w.s.officer.post(`${base()}/${p.plan.id}/actions`, { objectiveId: sd, title: 'Oude actie', ownerUserId: w.users.owner.id })).json().id;
    const legacyFile = Buffer.from(`Aanwezigheden ${M.legacyFile}\n`);
    await ownerQuery(t, `UPDATE plan SET confidential_notes = $2 WHERE id = $1`, [p.plan.id, M.legacy]);
    await ownerQuery(t, `UPDATE plan_action SET notes = $2 WHERE id = $1`, [a, M.legacy]);
    const [ev] = await ownerQuery<{ id: string }>(t, `INSERT INTO plan_action_evidence (organisation_id, plan_id, action_id, filename, content_type, size, sha256, data)
      VALUES ($1, $2, $3, 'oud.txt', 'text/plain', $4, 'x', $5) RETURNING id`, [w.org, p.plan.id, a, legacyFile.length, legacyFile]);
    expect(await databaseHits([M.legacy, M.legacyFile])).not.toEqual([]);

    const counts = await sealPlainValues(t.db.url, t.deps.config.dataDir, process.env, () => {});
    expect(counts['plan.confidential_notes']).toBeGreaterThanOrEqual(1);
    expect(counts['plan_action_evidence.data']).toBeGreaterThanOrEqual(1);
    expect(await databaseHits([M.legacy, M.legacyFile])).toEqual([]);
    // Idempotent: nothing is sealed twice.
    const again = await sealPlainValues(t.db.url, t.deps.config.dataDir, process.env, () => {});
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    const audit = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'platform.sealed_at_rest'`);
    expect(audit[0].n).toBeGreaterThanOrEqual(2);

    const tree = (await w.s.officer.get(`${base()}/${p.plan.id}`)).json() as PlanTree;
    expect(tree.plan.confidentialNotes).toBe(M.legacy);
    expect(tree.objectives[0].actions[0].notes).toBe(M.legacy);
    const file = await w.s.officer.get(`${base()}/${p.plan.id}/actions/${a}/evidence/${ev.id}`);
    expect(file.rawPayload.equals(legacyFile)).toBe(true);
  });

  it('a sealed value that was tampered with is an error, never shown as something else', async () => {
    const p = (await w.s.officer.post(base(), { title: 'Gemanipuleerd', periodFrom: YEAR, periodTo: YEAR + 4 })).json() as PlanTree;
    expect((await patchPlan(p.plan.id, { confidentialNotes: 'iets' })).statusCode).toBe(200);
    const [row] = await ownerQuery<{ confidential_notes: string }>(t, `SELECT confidential_notes FROM plan WHERE id = $1`, [p.plan.id]);
    const flipped = row.confidential_notes.slice(0, -2) + (row.confidential_notes.endsWith('AA') ? 'BB' : 'AA');
    await ownerQuery(t, `UPDATE plan SET confidential_notes = $2 WHERE id = $1`, [p.plan.id, flipped]);
    const r = await w.s.officer.get(`${base()}/${p.plan.id}`);
    expect(r.statusCode).toBe(500);
    expect(r.json().code).toBe('internal');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import type { ObjectiveNode, PlanTree } from './contract.js';
import { docxText, planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { completeForSubmission } from './plan-workflow.testkit.js';
import { makePlanService } from './service.js';
import { adoptText, listTemplates } from './templates/index.js';

let t: TestApp;
let w: PlanWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
});
afterAll(async () => { await t.close(); });

const base = () => `/api/orgs/${w.org}/plans`;
const flat = (nodes: ObjectiveNode[]): ObjectiveNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);

async function newPlan(body: Record<string, unknown> = {}): Promise<PlanTree> {
  const r = await w.s.officer.post(base(), { title: 'Integriteitsbeleidsplan', periodFrom: YEAR, periodTo: YEAR + 4, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** A small plan: SD 1 → OD 1.1 (+ one action owned by `owner`, one by unit A), SD 2 without OD. */
async function smallPlan() {
  const plan = await newPlan();
  const sd = (await w.s.officer.post(`${base()}/${plan.plan.id}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' })).json();
  const od = (await w.s.officer.post(`${base()}/${plan.plan.id}/objectives`, { parentId: sd.id, code: 'OD 1.1', title: 'Risicoanalyse kwetsbare processen' })).json();
  await w.s.officer.post(`${base()}/${plan.plan.id}/objectives`, { code: 'SD 2', title: 'Begeleiden naar integriteit' });
  const a1 = await w.s.officer.post(`${base()}/${plan.plan.id}/actions`, {
    objectiveId: od.id, title: 'Dilemmatraining voor alle personeelsleden', ownerUserId: w.users.owner.id, startDate: `${YEAR}-01-01`, dueDate: `${YEAR + 1}-06-30`,
    imfFunction: 'guide', imfLayer: 'core', nature: 'stimulating', meansBudgetEur: 2500, meansTime: '2 dagen', notes: 'vertrouwelijke nota',
  });
  expect(a1.statusCode, a1.body).toBe(201);
  const a2 = await w.s.officer.post(`${base()}/${plan.plan.id}/actions`, {
    objectiveId: od.id, title: 'Steekproef raadplegingen databanken', ownerUnitId: w.unitA, dueDate: `${YEAR + 2}-12-31`, imfFunction: 'monitor', nature: 'controlling',
  });
  expect(a2.statusCode, a2.body).toBe(201);
  return { planId: plan.plan.id as string, sd: sd.id as string, od: od.id as string, a1: a1.json().id as string, a2: a2.json().id as string };
}

/**
 * The tests share one organisation, where only one plan may be in force for a year (ADR 0011): a test
 * bringing its plan in force first retires those of earlier tests (other lineages; its own older
 * versions are superseded by the approval itself).
 */
async function retireOtherPlans(planId: string) {
  await ownerQuery(t, `UPDATE plan SET status = 'superseded', superseded_at = now()
                        WHERE organisation_id = $1 AND status IN ('approved', 'in_force') AND lineage_id <> (SELECT lineage_id FROM plan WHERE id = $2)`, [w.org, planId]);
}

/** The plan's current edit revision. */
const planRevision = async (planId: string) => ((await w.s.officer.get(`${base()}/${planId}`)).json() as PlanTree).plan.revision;

async function bringInForce(planId: string) {
  await retireOtherPlans(planId);
  // Submission needs a plan that can be judged (issue 17): the sections of the AIG model, objectives and owners.
  await completeForSubmission(w.s.officer, w.org, planId);
  expect((await w.s.officer.post(`${base()}/${planId}/submit`)).statusCode).toBe(200);
  const r = await w.s.chief.post(`${base()}/${planId}/approve`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PlanTree;
}

describe('templates', () => {
  it('lists the templates with their counts', async () => {
    const r = await w.s.staff.get('/api/plan-templates');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { key: string; strategicObjectives: number }[];
    expect(items.map((i) => i.key).sort()).toEqual(['carma', 'elsene', 'federal', 'model', 'schoten']);
  });

  it.each(listTemplates().map((tpl) => [tpl.key, tpl] as const))('creates a plan from %s with the template\'s objectives and actions', async (key, tpl) => {
    const plan = await newPlan({ templateKey: key });
    const all = flat(plan.objectives);
    const sds = tpl.strategicObjectives;
    expect(plan.counts.strategicObjectives).toBe(sds.length);
    expect(plan.counts.operationalObjectives).toBe(sds.reduce((s, sd) => s + sd.operationalObjectives.length, 0));
    expect(plan.counts.actions).toBe(sds.reduce((s, sd) => s + sd.operationalObjectives.reduce((x, od) => x + od.actions.length, 0), 0));
    expect(plan.plan.templateKey).toBe(key);
    // The entity is the organisation adopting the template, not the seed's own zone.
    expect(plan.plan.sections.identification.entityName).toMatch(/Zone/);
    if (tpl.entityName) expect(plan.plan.sections.identification.entityName).not.toBe(tpl.entityName);
    expect(plan.plan.sections.values.length).toBe(tpl.values.length);
    expect(plan.plan.sections.actors.length).toBe(tpl.actors.length);
    // Titles and owners are copied as the seed writes them, with the adopting organisation's name for the seed's own.
    const adopted = (text: string) => adoptText(text, plan.plan.sections.identification.entityName);
    if (sds.length) {
      expect(plan.objectives[0].title).toBe(adopted(sds[0].title));
      const od = sds.flatMap((s) => s.operationalObjectives).find((o) => o.owner);
      if (od) expect(all.find((o) => o.code === od.code && o.title === adopted(od.title))?.ownerLabel).toBe(od.owner);
    }
  });

  it('starts empty with the organisation as entity', async () => {
    const plan = await newPlan();
    expect(plan.objectives).toEqual([]);
    expect(plan.plan.sections.identification.entityName).toMatch(/Zone/);
    expect(plan.plan.status).toBe('draft');
  });
});

describe('lifecycle', () => {
  it('draft → submitted → approved/in force, with refusals of the wrong roles', async () => {
    const { planId } = await smallPlan();
    // Staff members and dpo do not see drafts; the dpo does not even reach plans.
    expect((await w.s.staff.get(`${base()}/${planId}`)).statusCode).toBe(404);
    expect((await w.s.dpo.get(`${base()}/${planId}`)).statusCode).toBe(403);
    expect((await w.s.dpo.get(base())).statusCode).toBe(403);
    expect((await w.s.staff.get(base())).json().items).toEqual([]);
    expect((await w.s.head.get(`${base()}/${planId}`)).statusCode).toBe(200);
    // Only the officer submits; only the chief approves.
    expect((await w.s.chief.post(`${base()}/${planId}/submit`)).statusCode).toBe(403);
    expect((await w.s.head.post(`${base()}/${planId}/submit`)).statusCode).toBe(403);
    expect((await w.s.chief.post(`${base()}/${planId}/approve`)).json().code).toBe('plan_wrong_status');
    await completeForSubmission(w.s.officer, w.org, planId);
    const submitted = await w.s.officer.post(`${base()}/${planId}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect((await w.s.officer.patch(`${base()}/${planId}`, { title: 'X' }, ifMatch(submitted.json().plan.revision))).json().code).toBe('plan_not_draft');
    expect((await w.s.officer.post(`${base()}/${planId}/approve`)).statusCode).toBe(403);
    expect((await w.s.staff.post(`${base()}/${planId}/approve`)).statusCode).toBe(404);
    await retireOtherPlans(planId);
    const approved = (await w.s.chief.post(`${base()}/${planId}/approve`)).json() as PlanTree;
    expect(approved.plan.status).toBe('in_force'); // the period has started
    expect(approved.plan.approvedAt).not.toBeNull();
    // Staff now read it, without confidential notes.
    const asStaff = (await w.s.staff.get(`${base()}/${planId}`)).json() as PlanTree;
    expect(asStaff.plan.confidentialNotes).toBeNull();
    expect(flat(asStaff.objectives).flatMap((o) => o.actions).every((a) => a.notes === null && !a.notesVisible)).toBe(true);
    expect(asStaff.permissions).toMatchObject({ edit: false, notes: false });
    expect(((await w.s.head.get(`${base()}/${planId}`)).json() as PlanTree).permissions.notes).toBe(false);
    expect(approved.permissions.notes).toBe(true);
    const audits = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE record_id = $1 ORDER BY id`, [planId]);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['plan.create', 'plan.objective_create', 'plan.action_create', 'plan.submit', 'plan.approve', 'plan.in_force']));
  });

  it('a plan whose period starts later stays approved until put in force by the chief', async () => {
    const plan = await newPlan({ periodFrom: YEAR + 1, periodTo: YEAR + 5 });
    const approved = await bringInForce(plan.plan.id);
    expect(approved.plan.status).toBe('approved');
    expect((await w.s.officer.post(`${base()}/${plan.plan.id}/put-in-force`)).statusCode).toBe(403);
    const r = await w.s.chief.post(`${base()}/${plan.plan.id}/put-in-force`);
    expect(r.json().plan.status).toBe('in_force');
  });

  it('the daily job puts approved plans in force when their period starts', async () => {
    const plan = await newPlan({ periodFrom: YEAR + 2, periodTo: YEAR + 6 });
    await bringInForce(plan.plan.id);
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'http://x', dataDir: t.deps.config.dataDir });
    await retireOtherPlans(plan.plan.id);
    await svc.activateDuePlans(`${YEAR + 1}-12-31`);
    expect((await w.s.officer.get(`${base()}/${plan.plan.id}`)).json().plan.status).toBe('approved');
    expect(await svc.activateDuePlans(`${YEAR + 2}-01-01`)).toBeGreaterThanOrEqual(1);
    expect((await w.s.officer.get(`${base()}/${plan.plan.id}`)).json().plan.status).toBe('in_force');
  });

  it('returns a submitted plan to draft', async () => {
    const plan = await newPlan();
    await completeForSubmission(w.s.officer, w.org, plan.plan.id);
    await w.s.officer.post(`${base()}/${plan.plan.id}/submit`);
    expect((await w.s.staff.post(`${base()}/${plan.plan.id}/return-to-draft`)).statusCode).toBe(404);
    expect((await w.s.chief.post(`${base()}/${plan.plan.id}/return-to-draft`)).json().plan.status).toBe('draft');
  });
});

describe('actions', () => {
  it('owners update their own actions, not others; heads of service those of their unit', async () => {
    const { planId, a1, a2 } = await smallPlan();
    // Not yet running: no progress on a draft.
    expect((await w.s.owner.post(`${base()}/${planId}/actions/${a1}/updates`, { progress: 10 })).json().code).toBe('plan_wrong_status');
    await bringInForce(planId);
    const r = await w.s.owner.post(`${base()}/${planId}/actions/${a1}/updates`, { status: 'in_progress', progress: 40, note: 'Eerste sessies gegeven' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'in_progress', progress: 40, notes: 'Eerste sessies gegeven', canUpdate: true });
    await w.s.owner.post(`${base()}/${planId}/actions/${a1}/updates`, { status: 'done' });
    const hist = (await w.s.owner.get(`${base()}/${planId}/actions/${a1}/updates`)).json().items;
    expect(hist.map((h: { status: string; progress: number }) => [h.status, h.progress])).toEqual([['done', 100], ['in_progress', 40]]);
    // The owner may not touch the unit's action, another staff member may not touch theirs.
    expect((await w.s.owner.post(`${base()}/${planId}/actions/${a2}/updates`, { progress: 50 })).statusCode).toBe(403);
    expect((await w.s.staff.post(`${base()}/${planId}/actions/${a1}/updates`, { progress: 50 })).statusCode).toBe(403);
    expect((await w.s.dpo.post(`${base()}/${planId}/actions/${a1}/updates`, { progress: 50 })).statusCode).toBe(403);
    // The head of unit A updates the unit's action, not the owner's one.
    expect((await w.s.head.post(`${base()}/${planId}/actions/${a2}/updates`, { progress: 20 })).statusCode).toBe(201);
    expect((await w.s.head.post(`${base()}/${planId}/actions/${a1}/updates`, { progress: 20 })).statusCode).toBe(403);
    // ... and those of the units under unit A.
    const [sub] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, parent_id, code, name) VALUES ($1, $2, $3, 'Lokale recherche') RETURNING id`, [w.org, w.unitA, `SUB-${planId.slice(0, 8)}`]);
    await ownerQuery(t, `UPDATE plan_action SET owner_unit_id = $2 WHERE id = $1`, [a2, sub.id]);
    expect((await w.s.head.post(`${base()}/${planId}/actions/${a2}/updates`, { progress: 25 })).statusCode).toBe(201);
    await ownerQuery(t, `UPDATE plan_action SET owner_unit_id = $2 WHERE id = $1`, [a2, w.unitB]);
    expect((await w.s.head.post(`${base()}/${planId}/actions/${a2}/updates`, { progress: 30 })).statusCode).toBe(403);
    // Owners do not redefine actions.
    expect((await w.s.owner.patch(`${base()}/${planId}/actions/${a1}`, { title: 'x' }, ifMatch(1))).statusCode).toBe(403);
    const rows = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM plan_action_update WHERE action_id = $1`, [a1]);
    expect(rows[0].n).toBe(2);
    const audit = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE record_id = $1 AND action = 'plan.action_progress'`, [planId]);
    expect(audit[0].n).toBe(4);
    // My actions: the owner's list across plans of the organisation.
    const mine = (await w.s.owner.get(`/api/orgs/${w.org}/my-actions`)).json().items;
    expect(mine.some((a: { id: string; plan: { id: string } }) => a.id === a1 && a.plan.id === planId)).toBe(true);
    expect(mine.some((a: { id: string }) => a.id === a2)).toBe(false);
    expect(mine.find((a: { id: string }) => a.id === a1).viaUnit).toBe(false);
    // A head of service's list also holds the actions of their units (a2 now belongs to unit B).
    const headList = async () => (await w.s.head.get(`/api/orgs/${w.org}/my-actions`)).json().items as { id: string; viaUnit: boolean }[];
    expect((await headList()).some((a) => a.id === a2)).toBe(false);
    await ownerQuery(t, `UPDATE plan_action SET owner_unit_id = $2 WHERE id = $1`, [a2, w.unitA]);
    expect((await headList()).find((a) => a.id === a2)).toMatchObject({ viaUnit: true });
    expect((await headList()).some((a) => a.id === a1)).toBe(false);
  });

  it('derives late in SQL and filters by status, owner, unit, IMF function and year', async () => {
    const { planId, a1, a2 } = await smallPlan();
    await ownerQuery(t, `UPDATE plan_action SET start_date = '2020-01-01', due_date = '2021-01-31' WHERE id = $1`, [a2]);
    const tree = (await w.s.officer.get(`${base()}/${planId}`)).json() as PlanTree;
    const a = flat(tree.objectives).flatMap((o) => o.actions);
    expect(a.find((x) => x.id === a2)).toMatchObject({ status: 'late', storedStatus: 'planned' });
    expect(a.find((x) => x.id === a1)!.status).toBe('planned');
    expect(tree.counts.lateActions).toBe(1);
    expect(tree.counts.objectivesWithoutAction).toBe(1); // SD 2
    expect(tree.objectives.find((o) => o.code === 'SD 2')!.withoutAction).toBe(true);
    const ids = async (q: string) => flat(((await w.s.officer.get(`${base()}/${planId}?${q}`)).json() as PlanTree).objectives).flatMap((o) => o.actions.map((x) => x.id));
    expect(await ids('status=late')).toEqual([a2]);
    expect(await ids(`owner=${w.users.owner.id}`)).toEqual([a1]);
    expect(await ids(`unit=${w.unitA}`)).toEqual([a2]);
    // A unit stands for its sub-units too; a sub-unit not for the unit above it.
    const [sub] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, parent_id, code, name) VALUES ($1, $2, $3, 'Lokale recherche') RETURNING id`, [w.org, w.unitA, `SUB-${planId.slice(0, 8)}`]);
    await ownerQuery(t, `UPDATE plan_action SET owner_unit_id = $2 WHERE id = $1`, [a2, sub.id]);
    expect(await ids(`unit=${w.unitA}`)).toEqual([a2]);
    expect(await ids(`unit=${sub.id}`)).toEqual([a2]);
    await ownerQuery(t, `UPDATE plan_action SET owner_unit_id = $2 WHERE id = $1`, [a2, w.unitA]);
    expect(await ids(`unit=${sub.id}`)).toEqual([]);
    expect(await ids('imfFunction=guide')).toEqual([a1]);
    expect(await ids('year=2020')).toEqual([a2]);
    expect(await ids(`year=${YEAR + 1}`)).toEqual([a1]);
    // Stopped is never late.
    await ownerQuery(t, `UPDATE plan_action SET status = 'stopped' WHERE id = $1`, [a2]);
    expect(await ids('status=late')).toEqual([]);
    const timeline = (await w.s.officer.get(`${base()}/${planId}/timeline`)).json();
    expect(timeline.groups.map((g: { objective: { code: string }; actions: unknown[] }) => [g.objective.code, g.actions.length])).toEqual([['SD 1', 2], ['SD 2', 0]]);
  });

  it('uploads evidence (whitelisted types, 10 MB) and audits downloads', async () => {
    const { planId, a1 } = await smallPlan();
    await bringInForce(planId);
    const form = (name: string, type: string, content: Buffer) => {
      const boundary = '----kompas' + Math.random().toString(16).slice(2);
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
        content, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    const url = `${base()}/${planId}/actions/${a1}/evidence`;
    const pdf = form('aanwezigheidslijst.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% test\n'));
    const up = await w.s.owner.request('POST', url, pdf.body, pdf.headers);
    expect(up.statusCode, up.body).toBe(201);
    const ev = up.json();
    expect(ev).toMatchObject({ filename: 'aanwezigheidslijst.pdf', contentType: 'application/pdf', size: 16 });
    // A script disguised as a PDF, an executable type, and another user's upload are refused.
    const fake = form('x.pdf', 'application/pdf', Buffer.from('<script>alert(1)</script>'));
    expect((await w.s.owner.request('POST', url, fake.body, fake.headers)).statusCode).toBe(415);
    const exe = form('x.exe', 'application/x-msdownload', Buffer.from('MZ....'));
    expect((await w.s.owner.request('POST', url, exe.body, exe.headers)).statusCode).toBe(415);
    const html = form('x.txt', 'text/html', Buffer.from('<b>x</b>'));
    expect((await w.s.owner.request('POST', url, html.body, html.headers)).statusCode).toBe(415);
    const stranger = form('a.txt', 'text/plain', Buffer.from('hello'));
    expect((await w.s.staff.request('POST', url, stranger.body, stranger.headers)).statusCode).toBe(403);
    const big = form('big.txt', 'text/plain', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    expect((await w.s.owner.request('POST', url, big.body, big.headers)).statusCode).toBe(413);
    expect((await w.s.owner.post(url, { file: 'aGVsbG8=' })).statusCode).toBe(415);
    const count = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM plan_action_evidence WHERE action_id = $1`, [a1]);
    expect(count[0].n).toBe(1);
    const dl = await w.s.officer.get(`${url}/${ev.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await w.s.staff.get(`${url}/${ev.id}`)).statusCode).toBe(403);
    const audit = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE record_id = $1 AND action = 'plan.evidence_download'`, [planId]);
    expect(audit[0].n).toBe(1);
    expect((await w.s.owner.get(url)).json().items).toHaveLength(1);
  });
});

describe('versions', () => {
  it('copies a plan in force into a new version, compares, and supersedes the old one on approval', async () => {
    const { planId, od, a2 } = await smallPlan();
    await ownerQuery(t, `INSERT INTO plan_action_evidence (organisation_id, plan_id, action_id, filename, content_type, size, sha256, data)
                         VALUES ($1, $2, $3, 'a.txt', 'text/plain', 1, 'x', '\\x61')`, [w.org, planId, a2]);
    await bringInForce(planId);
    expect((await w.s.staff.post(`${base()}/${planId}/new-version`)).statusCode).toBe(403);
    const v2 = (await w.s.officer.post(`${base()}/${planId}/new-version`)).json() as PlanTree;
    expect(v2.plan).toMatchObject({ version: 2, status: 'draft', previousVersionId: planId });
    expect(v2.counts.actions).toBe(2);
    expect((await w.s.officer.post(`${base()}/${planId}/new-version`)).json().code).toBe('plan_newer_version_exists');
    const v2Od = flat(v2.objectives).find((o) => o.code === 'OD 1.1')!;
    expect(v2Od.id).not.toBe(od);
    const v2Unit = v2Od.actions.find((a) => a.ownerUnit)!;
    expect(v2Unit.evidenceCount).toBe(1);
    const v2Owner = v2Od.actions.find((a) => a.owner)!;
    // Act of PDCA: rename an objective, add an action, remove one.
    expect((await w.s.officer.patch(`${base()}/${v2.plan.id}/objectives/${v2Od.id}`, { title: 'Risicoanalyse van 16 prioritaire processen' }, ifMatch(v2Od.revision))).statusCode).toBe(200);
    expect((await w.s.officer.post(`${base()}/${v2.plan.id}/actions`, { objectiveId: v2Od.id, title: 'Nulmeting welzijnsenquête' })).statusCode).toBe(201);
    expect((await w.s.officer.delete(`${base()}/${v2.plan.id}/actions/${v2Owner.id}`)).statusCode).toBe(204);
    expect((await w.s.officer.patch(`${base()}/${v2.plan.id}`, { sections: { communication: 'Intranet en korpsdag' } }, ifMatch(v2.plan.revision))).statusCode).toBe(200);
    const diff = (await w.s.officer.get(`${base()}/${planId}/compare?with=${v2.plan.id}`)).json();
    expect(diff.from.version).toBe(1);
    expect(diff.objectives.changed).toEqual([expect.objectContaining({ code: 'OD 1.1', changes: [{ field: 'title', before: 'Risicoanalyse kwetsbare processen', after: 'Risicoanalyse van 16 prioritaire processen' }] })]);
    expect(diff.actions.added.map((a: { title: string }) => a.title)).toEqual(['Nulmeting welzijnsenquête']);
    expect(diff.actions.removed.map((a: { title: string }) => a.title)).toEqual(['Dilemmatraining voor alle personeelsleden']);
    expect(diff.actions.changed).toEqual([]);
    expect(diff.sections.map((s: { section: string }) => s.section)).toEqual(['communication']);
    expect((await w.s.officer.get(`${base()}/${planId}/compare?with=${planId}`)).statusCode).toBe(400);
    // The old version stays in force until the new one is approved.
    await bringInForce(v2.plan.id);
    const versions = (await w.s.officer.get(`${base()}/${planId}/versions`)).json().items;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, 'superseded'], [2, 'in_force']]);
    const history = (await w.s.officer.get(`${base()}/${v2.plan.id}/history`)).json().items as { action: string; version: number }[];
    expect(history.some((h) => h.action === 'plan.supersede' && h.version === 1)).toBe(true);
    expect(history.some((h) => h.action === 'plan.new_version' && h.version === 2)).toBe(true);
    expect((await w.s.head.get(`${base()}/${v2.plan.id}/history`)).statusCode).toBe(403);
  });
});

describe('evaluations', () => {
  it('records the year with indicators against targets; the chief approves', async () => {
    const { planId, od } = await smallPlan();
    const ind = (await w.s.officer.post(`${base()}/${planId}/objectives/${od}/indicators`, { name: 'Klachten misbruik databanken', unit: 'aantal', baseline: 20, target: 18 })).json();
    await bringInForce(planId);
    // Revision 0: a year without a measurement yet.
    expect((await w.s.officer.put(`${base()}/${planId}/indicators/${ind.id}/measurements/${YEAR}`, { value: 17, note: 'jaarcijfer' }, ifMatch(0))).statusCode).toBe(200);
    expect((await w.s.staff.put(`${base()}/${planId}/indicators/${ind.id}/measurements/${YEAR}`, { value: 1 }, ifMatch(1))).statusCode).toBe(403);
    expect((await w.s.officer.post(`${base()}/${planId}/evaluations`, { year: YEAR + 9 })).json().code).toBe('plan_evaluation_year');
    const created = await w.s.officer.post(`${base()}/${planId}/evaluations`, { year: YEAR, doneText: 'Dilemmatrainingen gegeven.' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().indicators).toEqual([expect.objectContaining({ name: 'Klachten misbruik databanken', baseline: 20, target: 18, value: 17, met: true })]);
    expect((await w.s.officer.post(`${base()}/${planId}/evaluations`, { year: YEAR })).statusCode).toBe(409);
    const edited = await w.s.officer.patch(`${base()}/${planId}/evaluations/${YEAR}`, { changesText: 'OD 1.1 bijsturen.' }, ifMatch(created.json().revision));
    expect(edited.json().changesText).toBe('OD 1.1 bijsturen.');
    expect((await w.s.officer.post(`${base()}/${planId}/evaluations/${YEAR}/approve`)).statusCode).toBe(403);
    const approved = await w.s.chief.post(`${base()}/${planId}/evaluations/${YEAR}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: { id: w.users.chief.id } });
    expect((await w.s.officer.patch(`${base()}/${planId}/evaluations/${YEAR}`, { doneText: 'x' }, ifMatch(approved.json().revision))).json().code).toBe('plan_evaluation_approved');
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'http://x', dataDir: t.deps.config.dataDir });
    expect((await svc.yearlyReportChapter(w.org, YEAR))?.doneText).toBe('Dilemmatrainingen gegeven.');
    const doc = await w.s.chief.get(`${base()}/${planId}/evaluations/${YEAR}/export.docx?lang=fr`);
    expect(doc.statusCode).toBe(200);
    const text = docxText(doc.rawPayload);
    expect(text).toContain(`Évaluation de l'année ${YEAR}`);
    expect(text).toContain('Klachten misbruik databanken');
    const pdf = await w.s.chief.get(`${base()}/${planId}/evaluations/${YEAR}/export.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('exports', () => {
  it('writes Word with the 7 headings, objectives and actions in the organisation\'s language', async () => {
    const { planId } = await smallPlan();
    await w.s.officer.patch(`${base()}/${planId}`, { confidentialNotes: 'GEHEIM-NOTA', sections: { values: [{ name: 'Respect', description: 'voor iedereen' }] } }, ifMatch(await planRevision(planId)));
    const r = await w.s.officer.get(`${base()}/${planId}/export.docx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(r.rawPayload);
    for (const h of ['1. Identificatie van de entiteit', '2. Meerjarige ambitie, visie en doelstellingen (SMART)', '3. Instrumenten en acties', '4. Actoren', '5. Monitoring', '6. Evaluatie en rapportage', '7. Communicatie']) {
      expect(text).toContain(h);
    }
    expect(text).toContain('Risicoanalyse kwetsbare processen');
    expect(text).toContain('Dilemmatraining voor alle personeelsleden');
    expect(text).toContain('Respect: voor iedereen');
    expect(text).not.toContain('GEHEIM-NOTA');
    expect(text).not.toContain('vertrouwelijke nota');
    const styles = [...(await import('./plan.testkit.js')).unzip(r.rawPayload).get('word/styles.xml')!.toString().matchAll(/w:lang w:val="([^"]+)"/g)].map((m) => m[1]);
    expect(styles).toContain('nl-BE');
    const de = docxText((await w.s.officer.get(`${base()}/${planId}/export.docx?lang=de`)).rawPayload);
    expect(de).toContain('3. Instrumente und Maßnahmen');
    const audit = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE record_id = $1 AND action = 'plan.export'`, [planId]);
    expect(audit[0].n).toBe(2);
  });

  it('writes a PDF with the title and language', async () => {
    const { planId } = await smallPlan();
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'http://x', dataDir: t.deps.config.dataDir });
    const officer = { actor: { userId: w.users.officer.id, sessionId: 's', email: '', displayName: '', locale: 'en' as const, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants: [{ organisationId: w.org, role: 'integrity_officer' as const }] }, audit: { actorUserId: w.users.officer.id, ip: null } };
    const f = await svc.exportPlan(officer, w.org, planId, 'pdf', 'fr', { compress: false });
    const s = f.body.toString('latin1');
    expect(s.startsWith('%PDF-')).toBe(true);
    expect(s).toContain('/Lang (fr-BE)');
    // pdfkit writes the title as an indirect object: follow the reference.
    const ref = s.match(/\/Title (\d+) 0 R/)![1];
    expect(s.slice(s.indexOf(`\n${ref} 0 obj`), s.indexOf(`\n${ref} 0 obj`) + 60)).toContain('(Integriteitsbeleidsplan)');
    const r = await w.s.officer.get(`${base()}/${planId}/export.pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes the actions as CSV with BOM and semicolons, formulas neutralised', async () => {
    const { planId } = await smallPlan();
    const od = flat(((await w.s.officer.get(`${base()}/${planId}`)).json() as PlanTree).objectives).find((o) => o.code === 'OD 1.1')!;
    await w.s.officer.post(`${base()}/${planId}/actions`, { objectiveId: od.id, title: '=HYPERLINK("http://evil")' });
    const r = await w.s.officer.get(`${base()}/${planId}/actions.csv?lang=en`);
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = r.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines[0].split(';').slice(0, 5)).toEqual(['Strategic objective (code)', 'Strategic objective', 'Operational objective (code)', 'Operational objective', 'Action']);
    expect(lines.some((l) => l.startsWith('SD 1;Integriteit bepalen;OD 1.1;Risicoanalyse kwetsbare processen;Dilemmatraining voor alle personeelsleden;'))).toBe(true);
    expect(lines.some((l) => l.includes('planned;0;guide towards integrity;core;stimulating;2 dagen;2500'))).toBe(true);
    expect(r.rawPayload.toString()).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(r.rawPayload.toString()).not.toContain('vertrouwelijke nota');
  });
});

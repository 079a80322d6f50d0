import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../platform/db/migrate.js';
import { suggestCode } from '../../../shared/plan-codes.js';
import { createTestApp, ifMatch, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import type { ActionView, ObjectiveNode, PlanTree } from './contract.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { makePlanService } from './service.js';

/**
 * Entering a plan (issue 17): suggested codes and renumbering in tree order, staff members of the HR
 * list as owners (with or without an account, and who is reminded), indicators on actions, and the
 * refusals that go with them (another organisation's ids, stale revisions, deleting a plan that is no draft).
 */
let t: TestApp;
let w: PlanWorld;
/** Staff of the HR list: one without an account in unit A (whose head is `w.users.head`), one linked to `w.users.owner`. */
let noAccount: string;
let withAccount: string;
let otherOrgPerson: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
  const person = async (org: string, number: string, first: string, last: string, unit: string | null, user: string | null) =>
    (await ownerQuery<{ id: string }>(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, unit_id, user_id)
                                          VALUES ($1, $2, $3, $4, 'calog', '2018-01-01', $5, $6) RETURNING id`, [org, number, first, last, unit, user]))[0].id;
  noAccount = await person(w.org, 'P100', 'Nadia', 'Zonderaccount', w.unitA, null);
  withAccount = await person(w.org, 'P101', 'Olivier', 'Eigenaar', w.unitB, w.users.owner.id);
  otherOrgPerson = await person(w.other, 'X1', 'Elders', 'Persoon', null, null);
});
afterAll(async () => {
  await t?.close();
});

const base = () => `/api/orgs/${w.org}/plans`;
const flat = (nodes: ObjectiveNode[]): ObjectiveNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
const actionsOf = (tree: PlanTree): ActionView[] => flat(tree.objectives).flatMap((o) => o.actions);
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n;

async function newPlan(title: string, from = YEAR, to = YEAR + 2, templateKey = 'empty') {
  const r = await w.s.officer.post(base(), { title, periodFrom: from, periodTo: to, templateKey });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as PlanTree;
}
const read = async (planId: string) => (await w.s.officer.get(`${base()}/${planId}`)).json() as PlanTree;

describe('codes', () => {
  it('suggests the next code in the style of each template the plan starts from', async () => {
    const cases: [string, string, string, string][] = [
      // template, next SD, next OD under the first SD, next action of its first OD
      ['elsene', 'S.D. 8', 'O.D. 1.6', 'A 1.1.'],
      ['federal', 'SD 10', 'OD 1.4', 'A 1.1.'],
      ['schoten', '3.1.5', '3.1.1.7', 'A 3.1.1.1.'],
    ];
    for (const [key, sd, od, actionPrefix] of cases) {
      const tree = await newPlan(`Codes ${key}`, YEAR, YEAR + 2, key);
      const first = tree.objectives[0];
      expect(suggestCode(tree.objectives, tree.plan.language, { level: 'sd' }), key).toBe(sd);
      expect(suggestCode(tree.objectives, tree.plan.language, { level: 'od', parentId: first.id }), key).toBe(od);
      const next = suggestCode(tree.objectives, tree.plan.language, { level: 'action', objectiveId: first.children[0].id });
      // After the actions the OD already has (the templates' actions have no codes).
      expect(next, key).toBe(`${actionPrefix}${first.children[0].actions.length + 1}`);
    }
  });

  it('renumbers objectives and actions in tree order in one audited step, guarded by the plan revision', async () => {
    const tree0 = await newPlan('Hernummeren');
    const url = `${base()}/${tree0.plan.id}`;
    const post = async (body: Record<string, unknown>, what = 'objectives') => {
      const r = await w.s.officer.post(`${url}/${what}`, body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; revision: number };
    };
    const sd1 = await post({ code: 'SD 1', title: 'Eerste' });
    const sd2 = await post({ code: 'SD 4', title: 'Tweede' });
    const od11 = await post({ parentId: sd1.id, code: 'OD 1.1', title: 'Een-een' });
    const od12 = await post({ parentId: sd1.id, code: 'OD 1.3', title: 'Een-drie' });
    const od21 = await post({ parentId: sd2.id, code: '', title: 'Zonder code' });
    const a1 = await post({ objectiveId: od11.id, title: 'Actie zonder code' }, 'actions');
    const a2 = await post({ objectiveId: od11.id, code: 'A 1.1.9', title: 'Actie negen' }, 'actions');
    const a3 = await post({ objectiveId: od21.id, title: 'Actie van 2.1' }, 'actions');
    const plan = (await read(tree0.plan.id)).plan;
    const codes = async () => Object.fromEntries((await ownerQuery<{ id: string; code: string }>(t,
      `SELECT id, coalesce(code, '') AS code FROM plan_objective WHERE plan_id = $1 UNION ALL SELECT id, coalesce(code, '') FROM plan_action WHERE plan_id = $1`, [plan.id])).map((r) => [r.id, r.code]));
    const before = await codes();

    // Without If-Match: 428; a stale revision: 409 with the plan as it is; nothing renumbered either way.
    expect((await w.s.officer.post(`${url}/renumber`, {})).statusCode).toBe(428);
    const stale = await w.s.officer.post(`${url}/renumber`, {}, ifMatch(plan.revision - 1 || 99));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'edit_conflict', current: { plan: { id: plan.id, revision: plan.revision } } });
    // Others than the plan's managers may not.
    expect((await w.s.head.post(`${url}/renumber`, {}, ifMatch(plan.revision))).statusCode).toBe(403);
    expect((await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans/${plan.id}/renumber`, {}, ifMatch(plan.revision))).statusCode).toBe(404);
    expect(await codes()).toEqual(before);

    const ok = await w.s.officer.post(`${url}/renumber`, {}, ifMatch(plan.revision));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ objectives: 3, actions: 3, revision: plan.revision + 1 });
    expect(await codes()).toEqual({
      [sd1.id]: 'SD 1', [od11.id]: 'OD 1.1', [od12.id]: 'OD 1.2', [sd2.id]: 'SD 2', [od21.id]: 'OD 2.1',
      // Tree order of OD 1.1's actions: coded ones first (natural order of codes), then those without.
      [a2.id]: 'A 1.1.1', [a1.id]: 'A 1.1.2', [a3.id]: 'A 2.1.1',
    });
    const audit = await ownerQuery<{ details: Record<string, unknown> }>(t, `SELECT details FROM audit_event WHERE action = 'plan.renumber' AND record_id = $1`, [plan.id]);
    expect(audit.map((a) => a.details)).toEqual([{ objectives: 3, actions: 3 }]);

    // The renumbered rows moved their revision: an editor holding the old one is told, not overwritten.
    const stalePatch = await w.s.officer.patch(`${url}/actions/${a1.id}`, { code: 'A 7' }, ifMatch(a1.revision));
    expect(stalePatch.statusCode).toBe(409);
    expect(stalePatch.json().current).toMatchObject({ id: a1.id, code: 'A 1.1.2' });
    // The same request again is stale too (the plan's revision moved), and a fresh one changes nothing more.
    expect((await w.s.officer.post(`${url}/renumber`, {}, ifMatch(plan.revision))).statusCode).toBe(409);
    expect((await w.s.officer.post(`${url}/renumber`, {}, ifMatch(plan.revision + 1))).json()).toEqual({ objectives: 0, actions: 0, revision: plan.revision + 2 });

    // A plan that is no draft keeps its codes.
    await ownerQuery(t, `UPDATE plan SET status = 'submitted' WHERE id = $1`, [plan.id]);
    const refused = await w.s.officer.post(`${url}/renumber`, {}, ifMatch(plan.revision + 2));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('plan_not_draft');
    await ownerQuery(t, `UPDATE plan SET status = 'draft' WHERE id = $1`, [plan.id]);
  });
});

describe('owners from the HR list', () => {
  it('lets any staff member own an action; the owning unit follows the person unless given', async () => {
    const tree = await newPlan('Eigenaars', YEAR + 20, YEAR + 21);
    const url = `${base()}/${tree.plan.id}`;
    const od = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD' })).json().id as string;

    const r = await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'Zonder account', ownerPersonId: noAccount });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      owner: null, ownerPerson: { id: noAccount, displayName: 'Nadia Zonderaccount', userId: null, unitId: w.unitA }, ownerUnit: { id: w.unitA, name: 'Recherche' },
    });
    const a = r.json() as ActionView;

    // Another person: their unit follows; an explicitly chosen unit stays.
    const moved = await w.s.officer.patch(`${url}/actions/${a.id}`, { ownerPersonId: withAccount }, ifMatch(a.revision));
    expect(moved.json()).toMatchObject({ owner: { id: w.users.owner.id }, ownerPerson: { id: withAccount, userId: w.users.owner.id }, ownerUnit: { id: w.unitB } });
    const kept = await w.s.officer.patch(`${url}/actions/${a.id}`, { ownerPersonId: noAccount, ownerUnitId: w.unitB }, ifMatch(moved.json().revision));
    expect(kept.json()).toMatchObject({ ownerPerson: { id: noAccount }, ownerUnit: { id: w.unitB } });
    // A unit or a description instead: the person and the account that came with them go.
    const unitOnly = await w.s.officer.patch(`${url}/actions/${a.id}`, { ownerPersonId: null, ownerUnitId: w.unitA, ownerLabel: null }, ifMatch(kept.json().revision));
    expect(unitOnly.json()).toMatchObject({ owner: null, ownerPerson: null, ownerUnit: { id: w.unitA }, ownerLabel: null });

    // The older form, an account: stored with the person linked to it; the unit is left as given.
    const legacy = await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'Via account', ownerUserId: w.users.owner.id });
    expect(legacy.json()).toMatchObject({ owner: { id: w.users.owner.id }, ownerPerson: { id: withAccount }, ownerUnit: null });
    // An account without a person record stays an account owner.
    const officerOwned = await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'Van de officier', ownerUserId: w.users.officer.id });
    expect(officerOwned.json()).toMatchObject({ owner: { id: w.users.officer.id }, ownerPerson: null });

    // Objectives take a staff member too.
    const odWithPerson = await w.s.officer.post(`${url}/objectives`, { parentId: od, code: 'OD 1.1', title: 'OD', ownerPersonId: noAccount });
    expect(odWithPerson.json()).toMatchObject({ ownerPersonId: noAccount, ownerUserId: null, ownerUnitId: w.unitA });
    const node = flat((await read(tree.plan.id)).objectives).find((o) => o.id === odWithPerson.json().id)!;
    expect(node.ownerPerson).toMatchObject({ id: noAccount, displayName: 'Nadia Zonderaccount' });

    // The owner filter takes the person's id as well as the account's.
    const byPerson = (await w.s.officer.get(`${url}?owner=${withAccount}`)).json() as PlanTree;
    const byAccount = (await w.s.officer.get(`${url}?owner=${w.users.owner.id}`)).json() as PlanTree;
    expect(actionsOf(byPerson).map((x) => x.title)).toEqual(['Via account']);
    expect(actionsOf(byAccount).map((x) => x.title)).toEqual(['Via account']);
  });

  it('refuses another organisation\'s person, an unknown one and two different owners, storing nothing', async () => {
    const tree = await newPlan('Slechte eigenaars', YEAR + 22, YEAR + 23);
    const url = `${base()}/${tree.plan.id}`;
    const od = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD' })).json().id as string;
    const ok = (await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'Bestaand', ownerPersonId: noAccount })).json() as ActionView;
    const actions = () => count('plan_action', 'plan_id = $1', [tree.plan.id]);
    const objectives = () => count('plan_objective', 'plan_id = $1', [tree.plan.id]);
    const indicators = () => count('plan_indicator', 'plan_id = $1', [tree.plan.id]);
    const n = [await actions(), await objectives(), await indicators()];

    for (const [body, field, code] of [
      [{ ownerPersonId: otherOrgPerson }, 'ownerPersonId', 'plan_owner_person_not_found'],
      [{ ownerPersonId: '00000000-0000-4000-8000-000000000000' }, 'ownerPersonId', 'plan_owner_person_not_found'],
      [{ ownerPersonId: noAccount, ownerUserId: w.users.owner.id }, 'ownerUserId', 'plan_owner_conflict'],
      [{ ownerUserId: w.users.otherOfficer.id }, 'ownerUserId', 'plan_owner_not_member'],
    ] as const) {
      const create = await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'Nieuw', indicators: [{ name: 'Iets' }], ...body });
      expect(create.statusCode, JSON.stringify(body)).toBe(400);
      expect(create.json()).toMatchObject({ code, field });
      const obj = await w.s.officer.post(`${url}/objectives`, { title: 'Nieuw', indicators: [{ name: 'Iets' }], ...body });
      expect(obj.statusCode).toBe(400);
      const patch = await w.s.officer.patch(`${url}/actions/${ok.id}`, body, ifMatch(ok.revision));
      expect(patch.statusCode).toBe(400);
    }
    // Malformed ids and hostile strings are refused by the contract.
    expect((await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'x', ownerPersonId: 'not-a-uuid' })).statusCode).toBe(400);
    expect((await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'x', ownerPersonId: ["' OR 1=1 --"] })).statusCode).toBe(400);
    expect([await actions(), await objectives(), await indicators()]).toEqual(n);
    expect((await read(tree.plan.id)).objectives[0].actions[0]).toMatchObject({ id: ok.id, revision: ok.revision, ownerPerson: { id: noAccount } });
  });

  it('reminds the person\'s account when linked, else the heads of service of their unit', async () => {
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'https://kompas.test', dataDir: t.deps.config.dataDir });
    const tree = await newPlan('Herinneringen', YEAR, YEAR);
    const url = `${base()}/${tree.plan.id}`;
    const od = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD' })).json().id as string;
    const mk = async (title: string, extra: Record<string, unknown>) => {
      const r = await w.s.officer.post(`${url}/actions`, { objectiveId: od, title, dueDate: `${YEAR}-03-20`, ...extra });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const linked = await mk('Actie met account', { ownerPersonId: withAccount });
    // Owned by Nadia (no account) while the owning unit was set to unit B: her own unit's head is told.
    const unlinked = await mk('Actie zonder account', { ownerPersonId: noAccount, ownerUnitId: w.unitB });
    await ownerQuery(t, `UPDATE role_assignment SET valid_from = '2000-01-01' WHERE organisation_id = $1`, [w.org]);
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE organisation_id = $1 AND status = 'in_force'`, [w.org]);
    await ownerQuery(t, `UPDATE plan SET status = 'in_force', in_force_at = now() WHERE id = $1`, [tree.plan.id]);
    const outbox = () => ownerQuery<{ to_address: string; locale: string; template: string; body_text: string }>(t,
      `SELECT to_address, locale, template, body_text FROM mail_outbox WHERE template LIKE 'plan.%reminder' ORDER BY created_at, to_address`);
    const before = (await outbox()).length;
    expect(await svc.sendDueReminders(`${YEAR}-03-10`)).toBe(2);
    const mails = (await outbox()).slice(before);
    expect(mails.map((m) => [m.to_address, m.template])).toEqual(expect.arrayContaining([
      [w.users.owner.email, 'plan.reminder'],
      [w.users.head.email, 'plan.person_reminder'],
    ]));
    expect(mails).toHaveLength(2);
    const headMail = mails.find((m) => m.to_address === w.users.head.email)!;
    expect(headMail.body_text).toContain('Nadia Zonderaccount');
    expect(headMail.body_text).toContain(`actions?action=${unlinked}`);
    const deadlines = await ownerQuery<{ record_id: string; assignee_user_id: string | null; assignee_unit_id: string | null }>(t,
      `SELECT record_id, assignee_user_id, assignee_unit_id FROM deadline WHERE record_id = ANY($1::uuid[]) ORDER BY due_on, record_id`, [[linked, unlinked]]);
    expect(Object.fromEntries(deadlines.map((d) => [d.record_id, [d.assignee_user_id, d.assignee_unit_id]]))).toEqual({
      [linked]: [w.users.owner.id, w.unitB],
      [unlinked]: [null, w.unitA],
    });

    // Her account is linked later in the HR list: the next daily run reminds her, not her head.
    const nadia = await ownerQuery<{ id: string }>(t, `INSERT INTO app_user (email, display_name, locale) VALUES ('nadia-${process.pid}@test.kompas', 'Nadia Z.', 'nl') RETURNING id`);
    await ownerQuery(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, 'staff_member', '2000-01-01')`, [w.org, nadia[0].id]);
    await ownerQuery(t, `INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) VALUES ($1, $2, 'Nadia Z.', now())`, [w.org, nadia[0].id]);
    await ownerQuery(t, `UPDATE person SET user_id = $2 WHERE id = $1`, [noAccount, nadia[0].id]);
    await ownerQuery(t, `UPDATE plan_action SET due_date = $2 WHERE id = $1`, [unlinked, `${YEAR}-03-21`]);
    const mid = (await outbox()).length;
    expect(await svc.sendDueReminders(`${YEAR}-03-10`)).toBe(1);
    expect((await outbox()).slice(mid).map((m) => [m.to_address, m.template])).toEqual([[`nadia-${process.pid}@test.kompas`, 'plan.reminder']]);
    // ... and she now owns it for rights too: her progress report is accepted.
    const s = await sessionFor(t, nadia[0].id);
    expect((await s.post(`${url}/actions/${unlinked}/updates`, { progress: 10, status: 'in_progress' })).statusCode).toBe(201);
    await ownerQuery(t, `UPDATE person SET user_id = NULL WHERE id = $1`, [noAccount]);
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE id = $1`, [tree.plan.id]);
  });

  it('migration 0022 links the existing account owners to their person', async () => {
    const tree = await newPlan('Migratie', YEAR + 24, YEAR + 24);
    const url = `${base()}/${tree.plan.id}`;
    const od = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD', ownerUserId: w.users.owner.id })).json().id as string;
    const a = (await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'Oud', ownerUserId: w.users.owner.id })).json().id as string;
    const b = (await w.s.officer.post(`${url}/actions`, { objectiveId: od, title: 'Officier', ownerUserId: w.users.officer.id })).json().id as string;
    await ownerQuery(t, `UPDATE plan_action SET owner_person_id = NULL WHERE plan_id = $1`, [tree.plan.id]);
    await ownerQuery(t, `UPDATE plan_objective SET owner_person_id = NULL WHERE plan_id = $1`, [tree.plan.id]);
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, '0022_plan_entry_owners_indicators.sql'), 'utf8');
    const backfill = sql.split('--> statement-breakpoint').filter((s) => /UPDATE plan_|set_config/.test(s));
    expect(backfill).toHaveLength(3);
    await ownerQuery(t, `BEGIN; ${backfill.join('\n')}; COMMIT;`);
    const rows = await ownerQuery<{ id: string; owner_person_id: string | null }>(t,
      `SELECT id, owner_person_id FROM plan_action WHERE plan_id = $1 UNION ALL SELECT id, owner_person_id FROM plan_objective WHERE plan_id = $1`, [tree.plan.id]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.owner_person_id]))).toEqual({ [a]: withAccount, [b]: null, [od]: withAccount });
  });
});

describe('indicators on actions', () => {
  it('are added with a new action or objective, or to an existing action, sit with its objective and follow it', async () => {
    const tree = await newPlan('Indicatoren', YEAR + 30, YEAR + 31);
    const url = `${base()}/${tree.plan.id}`;
    const sd = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD', indicators: [{ name: 'Meldingen', unit: 'aantal', baseline: 10, target: 5 }] })).json().id as string;
    const od1 = (await w.s.officer.post(`${url}/objectives`, { parentId: sd, code: 'OD 1.1', title: 'Een' })).json().id as string;
    const od2 = (await w.s.officer.post(`${url}/objectives`, { parentId: sd, code: 'OD 1.2', title: 'Twee' })).json().id as string;
    const created = await w.s.officer.post(`${url}/actions`, { objectiveId: od1, title: 'Dilemmatraining', indicators: [{ name: 'Deelnemers', unit: '%', target: 80 }] });
    expect(created.statusCode, created.body).toBe(201);
    const action = created.json() as ActionView;
    const added = await w.s.officer.post(`${url}/actions/${action.id}/indicators`, { name: 'Sessies', target: 4 });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ objectiveId: od1, actionId: action.id, name: 'Sessies', target: 4, revision: 1 });

    let now = await read(tree.plan.id);
    const node = (id: string) => flat(now.objectives).find((o) => o.id === id)!;
    expect(node(sd).indicators.map((i) => [i.name, i.actionId])).toEqual([['Meldingen', null]]);
    expect(node(od1).indicators.map((i) => [i.name, i.actionId])).toEqual([['Deelnemers', action.id], ['Sessies', action.id]]);
    const audits = await ownerQuery<{ action: string; details: Record<string, unknown> }>(t,
      `SELECT action, details FROM audit_event WHERE record_id = $1 AND action IN ('plan.action_create', 'plan.indicator_create') ORDER BY occurred_at`, [tree.plan.id]);
    expect(audits.map((x) => x.action)).toEqual(['plan.action_create', 'plan.indicator_create']);
    expect((audits[0].details.indicatorIds as string[])).toHaveLength(1);
    expect(audits[1].details).toMatchObject({ actionId: action.id, indicatorId: added.json().id });

    // The action moves to another objective: its indicators follow.
    const moved = await w.s.officer.patch(`${url}/actions/${action.id}`, { objectiveId: od2 }, ifMatch(action.revision));
    expect(moved.statusCode, moved.body).toBe(200);
    now = await read(tree.plan.id);
    expect(node(od1).indicators).toEqual([]);
    expect(node(od2).indicators.map((i) => i.name)).toEqual(['Deelnemers', 'Sessies']);

    // A new version copies them onto the copy of the action.
    await ownerQuery(t, `UPDATE plan SET status = 'approved' WHERE id = $1`, [tree.plan.id]);
    const v2 = await w.s.officer.post(`${url}/new-version`, {});
    expect(v2.statusCode, v2.body).toBe(201);
    const copy = v2.json() as PlanTree;
    const copiedAction = actionsOf(copy).find((x) => x.title === 'Dilemmatraining')!;
    const copiedOd = flat(copy.objectives).find((o) => o.code === 'OD 1.2')!;
    expect(copiedOd.indicators.map((i) => [i.name, i.actionId])).toEqual([['Deelnemers', copiedAction.id], ['Sessies', copiedAction.id]]);

    // Deleting the action (in the new draft) deletes its indicators; the objective's own stay.
    expect((await w.s.officer.delete(`${base()}/${copy.plan.id}/actions/${copiedAction.id}`)).statusCode).toBe(204);
    expect(await count('plan_indicator', 'plan_id = $1', [copy.plan.id])).toBe(1);
    expect(await count('plan_indicator', 'plan_id = $1', [tree.plan.id])).toBe(3);
  });

  it('refuses bad indicator input and ids of another organisation, storing nothing', async () => {
    const tree = await newPlan('Slechte indicatoren', YEAR + 32, YEAR + 32);
    const url = `${base()}/${tree.plan.id}`;
    const sd = (await w.s.officer.post(`${url}/objectives`, { code: 'SD 1', title: 'SD' })).json().id as string;
    const action = (await w.s.officer.post(`${url}/actions`, { objectiveId: sd, title: 'Actie' })).json() as ActionView;
    const other = await w.s.otherOfficer.post(`/api/orgs/${w.other}/plans`, { title: 'Elders', periodFrom: YEAR, periodTo: YEAR });
    const otherUrl = `/api/orgs/${w.other}/plans/${other.json().plan.id}`;
    const otherSd = (await w.s.otherOfficer.post(`${otherUrl}/objectives`, { code: 'SD 1', title: 'SD' })).json().id as string;
    const otherAction = (await w.s.otherOfficer.post(`${otherUrl}/actions`, { objectiveId: otherSd, title: 'Elders' })).json().id as string;
    const before = await count('plan_indicator');
    const actionsBefore = await count('plan_action');

    const tooMany = Array.from({ length: 21 }, (_x, i) => ({ name: `I${i}` }));
    for (const body of [
      { objectiveId: sd, title: 'Te veel', indicators: tooMany },
      { objectiveId: sd, title: 'Leeg', indicators: [{ name: '' }] },
      { objectiveId: sd, title: 'Vreemd veld', indicators: [{ name: 'x', actionId: action.id }] },
      { objectiveId: sd, title: 'Geen getal', indicators: [{ name: 'x', target: 'veel' }] },
    ]) expect((await w.s.officer.post(`${url}/actions`, body)).statusCode, body.title).toBe(400);
    expect((await w.s.officer.post(`${url}/actions/${action.id}/indicators`, { name: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await w.s.officer.post(`${url}/actions/${action.id}/indicators`, { name: 'Nul\u0000byte' })).statusCode).toBe(400);
    // Another organisation's action through this plan, or this action through theirs: not found.
    expect((await w.s.officer.post(`${url}/actions/${otherAction}/indicators`, { name: 'x' })).statusCode).toBe(404);
    expect((await w.s.officer.post(`/api/orgs/${w.other}/plans/${other.json().plan.id}/actions/${otherAction}/indicators`, { name: 'x' })).statusCode).toBe(403);
    expect((await w.s.otherOfficer.post(`/api/orgs/${w.org}/plans/${tree.plan.id}/actions/${action.id}/indicators`, { name: 'x' })).statusCode).toBe(403);
    // Staff may not.
    expect((await w.s.staff.post(`${url}/actions/${action.id}/indicators`, { name: 'x' })).statusCode).toBe(404);
    // Script stored as text, never run.
    const script = await w.s.officer.post(`${url}/actions/${action.id}/indicators`, { name: '<script>alert(1)</script>' });
    expect(script.json().name).toBe('<script>alert(1)</script>');
    expect(await count('plan_indicator')).toBe(before + 1);
    expect(await count('plan_action')).toBe(actionsBefore);
  });
});

describe('deleting a plan that is no draft', () => {
  it('says why for a submitted plan and for an approved or running one', async () => {
    const tree = await newPlan('Verwijderen', YEAR + 40, YEAR + 40);
    const url = `${base()}/${tree.plan.id}`;
    await ownerQuery(t, `UPDATE plan SET status = 'submitted' WHERE id = $1`, [tree.plan.id]);
    const submitted = await w.s.officer.delete(url);
    expect(submitted.statusCode).toBe(409);
    expect(submitted.json().code).toBe('plan_delete_submitted');
    await ownerQuery(t, `UPDATE plan SET status = 'in_force' WHERE id = $1`, [tree.plan.id]);
    const running = await w.s.officer.delete(url);
    expect(running.statusCode).toBe(409);
    expect(running.json().code).toBe('plan_delete_not_draft');
    // Editing still says a draft is needed.
    expect((await w.s.officer.patch(url, { title: 'X' }, ifMatch(tree.plan.revision))).json().code).toBe('plan_not_draft');
    expect(await count('plan', 'id = $1', [tree.plan.id])).toBe(1);
    await ownerQuery(t, `UPDATE plan SET status = 'superseded' WHERE id = $1`, [tree.plan.id]);
  });
});

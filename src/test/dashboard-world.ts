import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from './app.js';
import { consolidateAll, maturityWorld, mBase, newMeasurement, scoreAll, type MaturityWorld } from '../server/modules/maturity/maturity.testkit.js';
import { completeForSubmission } from '../server/modules/plan/plan-workflow.testkit.js';
import { YEAR } from '../server/modules/plan/plan.testkit.js';

export interface DashboardWorld extends MaturityWorld {
  coordinator: Session;
  coordinatorId: string;
}

/**
 * A zone with something on every tile: the maturity world (officer, chief, two assessors, a staff
 * member, another zone's officer) plus a complaints coordinator; a plan in force with two actions,
 * one of them late; an approved baseline measurement of 2025 with agreed level 2 and target 3 everywhere.
 */
export async function dashboardWorld(t: TestApp): Promise<DashboardWorld> {
  const w = await maturityWorld(t);
  const coordinatorId = (await createUser(t, { roles: [{ orgId: w.org, role: 'complaints_coordinator' }] })).id;
  const coordinator = await sessionFor(t, coordinatorId);
  const base = `/api/orgs/${w.org}/plans`;
  const plan = (await w.s.officer.post(base, { title: 'Integriteitsplan', periodFrom: YEAR - 1, periodTo: YEAR + 3 })).json();
  const sd = (await w.s.officer.post(`${base}/${plan.plan.id}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
  const od = (await w.s.officer.post(`${base}/${plan.plan.id}/objectives`, { parentId: sd, code: 'OD 1.1', title: 'OD' })).json().id;
  for (const [title, dueDate] of [['Open', `${YEAR + 2}-06-30`], ['Late', `${YEAR - 1}-01-31`]]) {
    const r = await w.s.officer.post(`${base}/${plan.plan.id}/actions`, { objectiveId: od, title, ownerUserId: w.users.officer.id, startDate: `${YEAR - 1}-01-01`, dueDate });
    expect(r.statusCode, r.body).toBe(201);
  }
  await completeForSubmission(w.s.officer, w.org, plan.plan.id);
  expect((await w.s.officer.post(`${base}/${plan.plan.id}/submit`)).statusCode).toBe(200);
  expect((await w.s.chief.post(`${base}/${plan.plan.id}/approve`)).statusCode).toBe(200);
  // Approval may or may not put the plan in force at once (its period has begun).
  await ownerQuery(t, `UPDATE plan SET status = 'in_force', in_force_at = coalesce(in_force_at, now()) WHERE organisation_id = $1 AND status = 'approved'`, [w.org]);
  const m = await newMeasurement(w);
  await scoreAll(w.s.anna, w, m, () => 2);
  await scoreAll(w.s.bart, w, m, () => 2);
  await consolidateAll(w, m.id);
  const submitted = await w.s.officer.post(`${mBase(w)}/${m.id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  expect((await w.s.chief.post(`${mBase(w)}/${m.id}/approve`, {}, ifMatch(submitted.json().revision))).statusCode).toBe(200);
  return { ...w, coordinator, coordinatorId };
}

/** The route sends a compressed PDF: inflate its streams so the test kit reads the pages' text. */
export function inflatePdf(buf: Buffer): Buffer {
  const s = buf.toString('latin1').replace(/\/Filter \/FlateDecode([\s\S]*?)stream\r?\n([\s\S]*?)\r?\nendstream/g,
    (_m, rest: string, data: string) => `${rest}stream\n${inflateSync(Buffer.from(data, 'latin1')).toString('latin1')}\nendstream`);
  return Buffer.from(s, 'latin1');
}

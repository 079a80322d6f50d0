import { createOrganisation, createUser, ifMatch, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { ConsolidationView, MeasurementDetail } from './contract.js';

/** Fixtures of the maturity tests: one zone with officer, chief, two assessors and a bystander; a second zone. */
export type Who = 'officer' | 'chief' | 'anna' | 'bart' | 'staff' | 'otherOfficer';
export interface MaturityWorld {
  org: string;
  other: string;
  users: Record<Who, { id: string; email: string }>;
  s: Record<Who, Session>;
}

export async function maturityWorld(t: TestApp): Promise<MaturityWorld> {
  const org = await createOrganisation(t);
  const other = await createOrganisation(t);
  const users = {
    officer: await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] }),
    chief: await createUser(t, { roles: [{ orgId: org, role: 'chief' }] }),
    anna: await createUser(t, { roles: [{ orgId: org, role: 'head_of_service' }] }),
    bart: await createUser(t, { roles: [{ orgId: org, role: 'integrity_spoc' }] }),
    staff: await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] }),
    otherOfficer: await createUser(t, { roles: [{ orgId: other, role: 'integrity_officer' }, { orgId: other, role: 'chief' }] }),
  };
  const s = {} as MaturityWorld['s'];
  for (const [k, u] of Object.entries(users)) s[k as Who] = await sessionFor(t, u.id);
  return { org, other, users, s };
}

export const mBase = (w: MaturityWorld, org = w.org) => `/api/orgs/${org}/maturity/measurements`;

/** A measurement by the officer with Anna and Bart as assessors. */
export async function newMeasurement(w: MaturityWorld, body: Record<string, unknown> = {}): Promise<MeasurementDetail> {
  const r = await w.s.officer.post(mBase(w), { kind: 'baseline', year: 2025, assessorUserIds: [w.users.anna.id, w.users.bart.id], ...body });
  if (r.statusCode !== 201) throw new Error(`create: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Every criterion scored by one assessor: level from `level(i)`. */
export async function scoreAll(s: Session, w: MaturityWorld, m: MeasurementDetail, level: (i: number) => number) {
  for (const [i, row] of m.criteria.entries()) {
    const r = await s.put(`${mBase(w)}/${m.id}/scores/${row.criterion.id}`, { level: level(i), evidence: `bewijs ${i}` }, ifMatch(0));
    if (r.statusCode !== 200) throw new Error(`score: ${r.statusCode} ${r.body}`);
  }
}

/** Consolidation started and every criterion agreed (agreed = min of the levels, target = agreed + `gap(i)`). */
export async function consolidateAll(w: MaturityWorld, id: string, gap: (i: number) => number = () => 1): Promise<ConsolidationView> {
  const c = await w.s.officer.post(`${mBase(w)}/${id}/consolidate`);
  if (c.statusCode !== 200) throw new Error(`consolidate: ${c.statusCode} ${c.body}`);
  const view = (await w.s.officer.get(`${mBase(w)}/${id}/consolidation`)).json() as ConsolidationView;
  for (const [i, row] of view.rows.entries()) {
    const agreed = row.minLevel ?? 0;
    const r = await w.s.officer.put(`${mBase(w)}/${id}/consolidation/${row.criterion.id}`, { agreedLevel: agreed, targetLevel: Math.min(4, agreed + gap(i)), reason: 'Samen besproken.' }, ifMatch(0));
    if (r.statusCode !== 200) throw new Error(`agree: ${r.statusCode} ${r.body}`);
  }
  return (await w.s.officer.get(`${mBase(w)}/${id}/consolidation`)).json();
}

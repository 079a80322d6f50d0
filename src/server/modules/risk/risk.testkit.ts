import { createOrganisation, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { AnalysisDetail, ProcessList, ScoreBody } from './contract.js';

/** Fixtures of the risk tests: one zone with officer, chief, a head of service, two participants and a bystander; a second zone. */
export type Who = 'officer' | 'chief' | 'head' | 'anna' | 'bart' | 'staff' | 'otherOfficer';
export interface RiskWorld {
  t: TestApp;
  org: string;
  other: string;
  users: Record<Who, { id: string; email: string }>;
  s: Record<Who, Session>;
}

export async function riskWorld(t: TestApp): Promise<RiskWorld> {
  const org = await createOrganisation(t);
  const other = await createOrganisation(t);
  const users = {
    officer: await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] }),
    chief: await createUser(t, { roles: [{ orgId: org, role: 'chief' }] }),
    head: await createUser(t, { roles: [{ orgId: org, role: 'head_of_service' }] }),
    anna: await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] }),
    bart: await createUser(t, { roles: [{ orgId: org, role: 'integrity_spoc' }] }),
    staff: await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] }),
    otherOfficer: await createUser(t, { roles: [{ orgId: other, role: 'integrity_officer' }, { orgId: other, role: 'chief' }] }),
  };
  const s = {} as RiskWorld['s'];
  for (const [k, u] of Object.entries(users)) s[k as Who] = await sessionFor(t, u.id);
  return { t, org, other, users, s };
}

export const rBase = (w: RiskWorld, org = w.org) => `/api/orgs/${org}/risk`;

/** A person of the HR list (owner of processes and recommendations). */
export async function hrPerson(w: RiskWorld, first: string, last: string, org = w.org): Promise<string> {
  const [{ id }] = await ownerQuery<{ id: string }>(w.t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date)
    VALUES ($1, $2, $3, $4, 'calog', '2020-01-01') RETURNING id`, [org, `P${Math.floor(Math.random() * 1e9)}`, first, last]);
  return id;
}

/** Free-entry processes in the inventory, by name. */
export async function addProcesses(w: RiskWorld, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const r = await w.s.officer.post(`${rBase(w)}/processes`, { kind: 'process', name });
    if (r.statusCode !== 201) throw new Error(`process: ${r.statusCode} ${r.body}`);
    ids.push(r.json().id);
  }
  return ids;
}

export async function inventory(w: RiskWorld): Promise<ProcessList> {
  return (await w.s.officer.get(`${rBase(w)}/processes`)).json();
}

/** An analysis by the officer over `processIds` with Anna and Bart, started (scoring) unless `start` is false. */
export async function newAnalysis(w: RiskWorld, processIds: string[], opts: { title?: string; start?: boolean } = {}): Promise<AnalysisDetail> {
  const r = await w.s.officer.post(`${rBase(w)}/analyses`, { title: opts.title ?? 'Risicoanalyse 2026', scopeNote: 'Drie kwetsbare processen', processIds, participantUserIds: [w.users.anna.id, w.users.bart.id] });
  if (r.statusCode !== 201) throw new Error(`create: ${r.statusCode} ${r.body}`);
  if (opts.start === false) return r.json();
  const s = await w.s.officer.post(`${rBase(w)}/analyses/${r.json().id}/start`);
  if (s.statusCode !== 200) throw new Error(`start: ${s.statusCode} ${s.body}`);
  return s.json();
}

export const factors = (n: number) => ({
  inherent: { money: n, goods: n, information: n, power: n, external: n },
  aggravating: { supervision: n, combined_duties: n, pressure: n, rotation: n },
});
export const score = (likelihood: number, impact: number, n = 1, comment = ''): ScoreBody => ({ ...factors(n), likelihood, impact, comment });

export async function putScore(s: Session, w: RiskWorld, analysisId: string, processId: string, body: ScoreBody, revision = 0) {
  const r = await s.put(`${rBase(w)}/analyses/${analysisId}/scores/${processId}`, body, ifMatch(revision));
  if (r.statusCode !== 200) throw new Error(`score: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Consolidation started and every process agreed at (likelihood, impact) from `agreed(i)`, with a reason. */
export async function agreeAll(w: RiskWorld, analysis: AnalysisDetail, agreed: (i: number) => [number, number]) {
  const c = await w.s.officer.post(`${rBase(w)}/analyses/${analysis.id}/consolidate`);
  if (c.statusCode !== 200) throw new Error(`consolidate: ${c.statusCode} ${c.body}`);
  for (const [i, row] of analysis.processes.entries()) {
    const [l, im] = agreed(i);
    const r = await w.s.officer.put(`${rBase(w)}/analyses/${analysis.id}/consolidation/${row.process.id}`, { ...score(l, im, 2), reason: 'Samen besproken.' }, ifMatch(0));
    if (r.statusCode !== 200) throw new Error(`agree: ${r.statusCode} ${r.body}`);
  }
}

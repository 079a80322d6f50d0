import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { anonymous, createTestApp, ownerQuery, sessionFor, type TestApp } from '../../src/test/app.js';
import { MFA_ROLES } from '../../src/shared/roles.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins, loadDemoData } from './load.js';

let t: TestApp;
/** What the modules' demos print with the logins (the first load fills it). */
const notes: string[] = [];
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('demo data', () => {
  it('loads a realistic zone once, and never into a database that has data', async () => {
    expect(await loadDemoData(t.db.url, undefined, notes)).toBe(true);
    const [counts] = await ownerQuery<{ orgs: number; staff: number; users: number; mfa: number }>(t, `
      SELECT (SELECT count(*)::int FROM organisation) AS orgs,
             (SELECT count(*)::int FROM person p JOIN organisation o ON o.id = p.organisation_id WHERE o.code = 'PZ-5999') AS staff,
             (SELECT count(*)::int FROM app_user WHERE password_hash IS NOT NULL) AS users,
             (SELECT count(*)::int FROM app_user WHERE totp_enabled_at IS NOT NULL) AS mfa`);
    // 5 of the platform's demo, 9 more of the maturity comparison (six zones, three federal units).
    expect(counts.orgs).toBe(14);
    expect(counts.staff).toBeGreaterThanOrEqual(300);
    expect(counts.users).toBe(13);
    expect(counts.mfa).toBeGreaterThan(0);
    const plans = await ownerQuery<{ title: string; status: string; actions: number; done: number; evaluations: number }>(t, `
      SELECT p.title, p.status,
             (SELECT count(*)::int FROM plan_action a WHERE a.plan_id = p.id) AS actions,
             (SELECT count(*)::int FROM plan_action a WHERE a.plan_id = p.id AND a.status = 'done') AS done,
             (SELECT count(*)::int FROM plan_evaluation e WHERE e.plan_id = p.id AND e.status = 'approved') AS evaluations
        FROM plan p ORDER BY p.title, p.version`);
    // The zone's plan in force, and its version 2 that the risk analysis's recommendations went into.
    expect(plans.map((p) => [p.title, p.status])).toEqual([
      ['Integriteitsbeleid DAS 2026–2030', 'draft'],
      ['Integriteitsbeleidsplan 2024–2029', 'in_force'],
      ['Integriteitsbeleidsplan 2024–2029', 'draft'],
    ]);
    expect(plans[1].actions).toBe(46);
    expect(plans[1].done).toBe(18);
    expect(plans[1].evaluations).toBe(1);
    const [ident] = await ownerQuery<{ entity: string; responsible: number }>(t, `
      SELECT sections->'identification'->>'entityName' AS entity, jsonb_array_length(sections->'identification'->'responsible') AS responsible
        FROM plan WHERE title = 'Integriteitsbeleidsplan 2024–2029' AND status = 'in_force'`);
    expect(ident).toEqual({ entity: 'Politiezone Heide en Polder', responsible: 2 });
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'plan.%'`);
    expect(n).toBeGreaterThan(100);
    expect(await loadDemoData(t.db.url)).toBe(false);
    // Every module's demo goes through its own services (Argon2id, sealing, audit): about 20 s on an
    // idle 2-core machine. Not a speed assertion; the limit only has to survive a busy machine.
  }, 120_000);

  it('gives every account with a role of MFA_ROLES a TOTP secret, and prints exactly those as (TOTP)', async () => {
    await loadDemoData(t.db.url); // loaded by the test above, or now when run alone
    const users = await ownerQuery<{ email: string; needs: boolean; totp: boolean }>(t, `
      SELECT u.email,
             u.is_platform_admin OR EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = u.id AND ra.role = ANY($1::text[])
                                              AND ra.withdrawn_at IS NULL AND ra.valid_from <= current_date
                                              AND (ra.valid_to IS NULL OR ra.valid_to >= current_date)) AS needs,
             u.totp_secret = $2 AND u.totp_enabled_at IS NOT NULL AS totp
        FROM app_user u ORDER BY u.email`, [[...MFA_ROLES], DEMO_TOTP_SECRET]);
    // The officers and chiefs of the maturity comparison's organisations have no password: they never sign in and are not printed.
    const signIns = new Set((await ownerQuery<{ email: string }>(t, `SELECT email FROM app_user WHERE password_hash IS NOT NULL`)).map((u) => u.email));
    expect(users.filter((u) => u.needs && !u.totp).map((u) => u.email)).toEqual([]);
    // The chief and the head of service read confidential notes: they are among them.
    expect(users.filter((u) => u.needs).map((u) => u.email)).toEqual(expect.arrayContaining(['korpschef@demo.kompas.be', 'diensthoofd@demo.kompas.be']));
    const printed = Object.fromEntries(demoLogins().map((l) => [l.email, l.totp]));
    expect(Object.fromEntries(users.filter((u) => signIns.has(u.email)).map((u) => [u.email, u.needs]))).toEqual(printed);
    expect(demoLogins().filter((l) => l.roles.endsWith(' (TOTP)')).map((l) => l.email).sort()).toEqual(users.filter((u) => u.needs && signIns.has(u.email)).map((u) => u.email).sort());

    // The chief signs in with the demo password and is asked for a code (not to set up an app), which the demo secret gives.
    const s = anonymous(t);
    expect((await s.post('/api/auth/login', { email: 'korpschef@demo.kompas.be', password: DEMO_PASSWORD })).json()).toMatchObject({ next: 'totp' });
    expect((await s.post('/api/auth/totp/verify', { code: await generate({ secret: DEMO_TOTP_SECRET }) })).statusCode).toBe(200);
  });

  it('fills the reporting channel: five reports across the procedure with advice and reprisal follow-up, the printed receipt opens the portal, each role sees its reports', async () => {
    await loadDemoData(t.db.url, undefined, notes); // loaded by the first test, or now when run alone
    const reports = await ownerQuery<{ reference: string; status: string; identity_mode: string; filed_via: string; outcome: string | null; messages: number; files: number }>(t, `
      SELECT r.reference, r.status, r.identity_mode, r.filed_via, r.outcome,
             (SELECT count(*)::int FROM report_message m WHERE m.report_id = r.id) AS messages,
             (SELECT count(*)::int FROM report_file f WHERE f.report_id = r.id) AS files
        FROM report r JOIN organisation o ON o.id = r.organisation_id WHERE o.code = 'PZ-5999' ORDER BY r.received_on`);
    expect(reports.map((r) => [r.status, r.identity_mode, r.filed_via])).toEqual([
      ['closed', 'confidential', 'portal'],
      ['in_progress', 'anonymous', 'portal'],
      ['in_progress', 'named', 'portal'],
      ['received', 'confidential', 'counsellor'],
      ['received', 'anonymous', 'portal'],
    ]);
    expect(reports[0].outcome).toBe('founded_measures');
    expect(reports[1].files).toBe(1);
    expect(reports[1].messages).toBeGreaterThanOrEqual(4);
    // One deadline overdue (the anonymous report's feedback), and the acknowledgements still to come.
    // Core-group advice: one given (on the named report), one waiting; the closed report's protection follow-up.
    const [follow] = await ownerQuery<{ asked: number; given: number; measures: number; reprisals: number; handled: number }>(t, `
      SELECT (SELECT count(*)::int FROM report_advice_request) AS asked, (SELECT count(*)::int FROM report_advice WHERE given_on IS NOT NULL) AS given,
             (SELECT count(*)::int FROM report_protective_measure) AS measures, (SELECT count(*)::int FROM report_reprisal WHERE suffered) AS reprisals,
             (SELECT count(*)::int FROM report_reprisal WHERE handled_on IS NOT NULL) AS handled`);
    expect(follow).toEqual({ asked: 2, given: 1, measures: 2, reprisals: 1, handled: 1 });
    const [{ overdue }] = await ownerQuery<{ overdue: number }>(t, `SELECT count(*)::int AS overdue FROM deadline WHERE kind LIKE 'reporting.%' AND due_on < current_date AND completed_at IS NULL`);
    expect(overdue).toBe(1);

    // The receipt printed with the logins opens the newest report in the portal.
    const line = notes.find((l) => l.includes('receipt of the newest anonymous report'));
    expect(line).toBeDefined();
    const receipt = /(\d{4} \d{4} \d{4} \d{4})/.exec(line!)![1];
    expect(notes.some((l) => /escrow key .*kompas-escrow-1:/.test(l))).toBe(true);
    const pub = { 'x-forwarded-for': '198.18.200.1', 'x-kompas-public': '1' };
    const access = await t.app.inject({ method: 'POST', url: '/api/public/orgs/PZ-5999/reporting/access', remoteAddress: '127.0.0.1', headers: pub, payload: { receipt } });
    expect(access.statusCode, access.body).toBe(200);
    const portal = await t.app.inject({ method: 'GET', url: '/api/public/orgs/PZ-5999/reporting/portal', remoteAddress: '127.0.0.1', headers: { ...pub, 'x-kompas-report-token': access.json().token } });
    expect(portal.statusCode, portal.body).toBe(200);
    expect(portal.json()).toMatchObject({ status: 'received', identityMode: 'anonymous', reference: reports[4].reference });

    // The officer signs in with the demo password: the key pair opens at sign-in, the inbox lists all five and each one opens.
    const signIn = async (email: string) => {
      const s = anonymous(t);
      expect((await s.post('/api/auth/login', { email, password: DEMO_PASSWORD })).json()).toMatchObject({ next: 'totp' });
      expect((await s.post('/api/auth/totp/verify', { code: await generate({ secret: DEMO_TOTP_SECRET }) })).statusCode).toBe(200);
      return s;
    };
    const [{ id: zone }] = await ownerQuery<{ id: string }>(t, `SELECT id FROM organisation WHERE code = 'PZ-5999'`);
    const officer = await signIn('integriteit@demo.kompas.be');
    const list = await officer.get(`/api/orgs/${zone}/reporting/reports`);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; reference: string }[];
    expect(items.map((i) => i.reference).sort()).toEqual(reports.map((r) => r.reference).sort());
    for (const i of items) expect((await officer.get(`/api/orgs/${zone}/reporting/reports/${i.id}`)).statusCode).toBe(200);
    // The investigator sees the two reports they were appointed to; the counsellor the one she filed.
    const investigator = await signIn('onderzoeker@demo.kompas.be');
    expect(((await investigator.get(`/api/orgs/${zone}/reporting/reports`)).json().items as unknown[]).length).toBe(2);
    const counsellor = await signIn('vertrouwenspersoon@demo.kompas.be');
    const mine = (await counsellor.get(`/api/orgs/${zone}/reporting/reports`)).json().items as { id: string; identityMode: string }[];
    expect(mine.map((r) => r.identityMode)).toEqual(['confidential']);
    expect((await counsellor.get(`/api/orgs/${zone}/reporting/reports/${mine[0].id}`)).statusCode).toBe(200);
    // The core group's member sees only the report whose advice waits for him.
    const core = await signIn('kerngroep@demo.kompas.be');
    const asked = (await core.get(`/api/orgs/${zone}/reporting/reports`)).json().items as { id: string; reference: string }[];
    expect(asked.map((r) => r.reference)).toEqual([reports[1].reference]);
    expect((await core.get(`/api/orgs/${zone}/reporting/reports/${asked[0].id}`)).statusCode).toBe(200);
  }, 120_000);

  it('fills the complaints desk: a handful late in the late list, one staff member with repeated complaints, last year\'s report with the coordinator\'s recommendations', async () => {
    await loadDemoData(t.db.url, undefined, notes); // loaded by the first test, or now when run alone
    const [{ id: zone }] = await ownerQuery<{ id: string }>(t, `SELECT id FROM organisation WHERE code = 'PZ-5999'`);
    const signIn = async (email: string) => {
      const s = anonymous(t);
      expect((await s.post('/api/auth/login', { email, password: DEMO_PASSWORD })).json()).toMatchObject({ next: 'totp' });
      expect((await s.post('/api/auth/totp/verify', { code: await generate({ secret: DEMO_TOTP_SECRET }) })).statusCode).toBe(200);
      return s;
    };
    const coordinator = await signIn('klachten@demo.kompas.be');
    const late = await coordinator.get(`/api/orgs/${zone}/complaints?late=true`);
    expect(late.statusCode, late.body).toBe(200);
    const items = late.json().items as { id: string; status: string; late: boolean }[];
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.length).toBeLessThanOrEqual(12);
    expect(items.every((i) => i.late)).toBe(true);
    // Late at different steps: some not acknowledged in time, some not answered in time.
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['received', 'triaged']));
    expect((await coordinator.get(`/api/orgs/${zone}/complaints/${items[0].id}`)).statusCode).toBe(200);
    expect(notes.some((l) => new RegExp(`Complaints desk .*, ${items.length} late`).test(l))).toBe(true);

    const year = Number(new Date().toISOString().slice(0, 4)) - 1;
    // The chief reads figures only (no key needed): a session without the sign-in steps (a TOTP code is single-use within its window).
    const [{ id: chiefId }] = await ownerQuery<{ id: string }>(t, `SELECT id FROM app_user WHERE email = 'korpschef@demo.kompas.be'`);
    const chief = await sessionFor(t, chiefId);
    const stats = await chief.get(`/api/orgs/${zone}/complaints/stats/${year}`);
    expect(stats.statusCode, stats.body).toBe(200);
    expect((stats.json().repeated.staff as unknown[]).length).toBe(1);
    const report = await coordinator.get(`/api/orgs/${zone}/complaints/yearly-report/${year}`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ year, revision: 1 });
    expect(report.json().text).toContain('Aanbevelingen');
    expect((await coordinator.get(`/api/orgs/${zone}/complaints/yearly-report/${year}/report.pdf`)).statusCode).toBe(200);
  }, 60_000);
});

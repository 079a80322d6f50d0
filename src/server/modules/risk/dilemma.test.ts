import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsHoldingMarkers } from '../../../test/at-rest.js';
import { createOrganisation, createTestApp, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import type { DilemmaList, DilemmaView, MyDilemmaList } from './dilemma-contract.js';

/** The dilemma inventory: anyone shares (named or anonymously), the officer tags and reviews, the chief reads; nothing identifies an anonymous author. */

let t: TestApp;
let org: string;
let other: string;
let officer: Session;
let chief: Session;
let staff: Session;
let staff2: Session;
let staffId: string;
let outsider: Session;
const base = () => `/api/orgs/${org}/risk/dilemmas`;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  other = await createOrganisation(t);
  officer = await sessionFor(t, (await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] })).id, { mfa: true });
  chief = await sessionFor(t, (await createUser(t, { roles: [{ orgId: org, role: 'chief' }] })).id, { mfa: true });
  const s = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
  staffId = s.id;
  staff = await sessionFor(t, s.id);
  staff2 = await sessionFor(t, (await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] })).id);
  outsider = await sessionFor(t, (await createUser(t, { roles: [{ orgId: other, role: 'integrity_officer' }] })).id, { mfa: true });
});
afterAll(async () => t?.close());

const list = async (s: Session, query = '') => (await s.get(`${base()}${query}`)).json() as DilemmaList;

describe('sharing a dilemma', () => {
  it('stores an anonymous dilemma with no author, the day only, sealed texts and no audit event', async () => {
    const marker = `ANON-${Date.now()}: een buurman vraagt of ik zijn dochter kan opzoeken`;
    const before = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1`, [org]);
    const holdingAuthor = await columnsHoldingMarkers(t.db.url, [staffId], { uuid: true });
    const r = await staff.post(base(), { text: marker, whatIDid: `${marker} (did)`, themes: ['confidential_information'], processCode: 'schoten.database_consultation', anonymous: true });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ id: null, anonymous: true });
    const rows = await ownerQuery<{ submitted_by: string | null; submitted_on: string; updated_at: Date | null; content: string }>(t,
      `SELECT submitted_by, submitted_on::text, updated_at, content FROM risk_dilemma WHERE organisation_id = $1`, [org]);
    expect(rows).toHaveLength(1);
    expect(rows[0].submitted_by).toBeNull();
    expect(rows[0].updated_at).toBeNull();
    expect(rows[0].submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0].content).not.toContain('ANON');
    // Nothing in the database holds the text in clear.
    expect(await columnsHoldingMarkers(t.db.url, [marker], { tables: ['risk_dilemma'] })).toEqual([]);
    const after = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1`, [org]);
    expect(after[0].n).toBe(before[0].n);
    // The author's id is in no column it was not in before (not the dilemma, not the audit log, not a mail).
    expect(await columnsHoldingMarkers(t.db.url, [staffId], { uuid: true })).toEqual(holdingAuthor);
    expect(holdingAuthor).not.toContain('risk_dilemma.submitted_by');
    // Not among the author's own: an anonymous dilemma is nobody's.
    expect(((await staff.get(`${base()}/mine`)).json() as MyDilemmaList).dilemmas).toEqual([]);
  });

  it('stores a named dilemma with its author, audited, and shows it to the author only', async () => {
    const r = await staff.post(base(), { text: 'Een dankbare burger brengt pralines naar de wachtdienst.', themes: ['gifts_and_favours'], anonymous: false });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const mine = ((await staff.get(`${base()}/mine`)).json() as MyDilemmaList).dilemmas;
    expect(mine.map((d) => d.id)).toEqual([id]);
    expect(mine[0]).not.toHaveProperty('officerNote');
    expect(((await staff2.get(`${base()}/mine`)).json() as MyDilemmaList).dilemmas).toEqual([]);
    const audit = await ownerQuery<{ actor_user_id: string }>(t, `SELECT actor_user_id FROM audit_event WHERE action = 'risk.dilemma_submit' AND record_id = $1`, [id]);
    expect(audit.map((a) => a.actor_user_id)).toEqual([staffId]);
  });

  it('refuses bad input and stores nothing', async () => {
    const count = async () => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM risk_dilemma`))[0].n;
    const n = await count();
    for (const body of [
      { text: '', anonymous: true },
      { text: '   ', anonymous: true },
      { text: 'x', anonymous: 'yes' },
      { text: 'x'.repeat(4001), anonymous: true },
      { text: 'x\u0000y', anonymous: true },
      { text: 'x', anonymous: true, themes: ['bribery'] },
      { text: 'x', anonymous: true, themes: ['other', 'other'] },
      { text: 'x', anonymous: true, submittedBy: staffId },
      { text: 'x', anonymous: true, processCode: 'schoten.unknown' },
      { text: 'x', anonymous: true, processCode: "'; DROP TABLE risk_dilemma; --" },
    ]) {
      const r = await staff.post(base(), body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count()).toBe(n);
  });

  it('keeps script and SQL verbatim', async () => {
    const payload = `<script>alert(1)</script> '; DROP TABLE risk_dilemma; --`;
    expect((await staff.post(base(), { text: payload, anonymous: true })).statusCode).toBe(201);
    expect((await list(officer)).dilemmas.some((d) => d.text === payload)).toBe(true);
  });
});

describe('the officer’s inventory', () => {
  it('lists every dilemma for the officer, without an author for anonymous ones, and audits the read', async () => {
    const l = await list(officer);
    expect(l.canEdit).toBe(true);
    const anon = l.dilemmas.find((d) => d.text.startsWith('ANON-'))!;
    expect(anon.anonymous).toBe(true);
    expect(anon.submittedBy).toBeNull();
    expect(anon.whatIDid).toContain('(did)');
    const named = l.dilemmas.find((d) => d.text.startsWith('Een dankbare'))!;
    expect(named.submittedBy?.id).toBe(staffId);
    const audit = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'risk.dilemma_list' AND organisation_id = $1`, [org]);
    expect(audit[0].n).toBeGreaterThan(0);
  });

  it('filters by theme, process and status', async () => {
    expect((await list(officer, '?theme=gifts_and_favours')).dilemmas.map((d) => d.themes)).toEqual([['gifts_and_favours']]);
    expect((await list(officer, '?processCode=schoten.database_consultation')).dilemmas).toHaveLength(1);
    expect((await list(officer, '?status=used_in_training')).dilemmas).toHaveLength(0);
    expect((await officer.get(`${base()}?theme=bribery`)).statusCode).toBe(400);
  });

  it('tags and reviews with If-Match; a stale write gets 409 with the current version', async () => {
    const d = (await list(officer)).dilemmas.find((x) => x.text.startsWith('ANON-'))!;
    const r = await officer.patch(`${base()}/${d.id}`, { themes: ['confidential_information', 'loyalty_to_colleagues'], status: 'used_in_training', officerNote: 'Casus voor de dilemmatraining van maart.' }, ifMatch(d.revision));
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as DilemmaView;
    expect(v).toMatchObject({ status: 'used_in_training', themes: ['confidential_information', 'loyalty_to_colleagues'], officerNote: 'Casus voor de dilemmatraining van maart.', revision: d.revision + 1 });
    const stale = await officer.patch(`${base()}/${d.id}`, { status: 'set_aside' }, ifMatch(d.revision));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ status: 'used_in_training' });
    expect((await officer.patch(`${base()}/${d.id}`, { status: 'set_aside' })).statusCode).toBe(428);
    // The note is sealed at rest; the update is audited with the old and new status, without content.
    expect(await columnsHoldingMarkers(t.db.url, ['Casus voor de dilemmatraining'], { tables: ['risk_dilemma'] })).toEqual([]);
    const audit = await ownerQuery<{ details: Record<string, unknown> }>(t, `SELECT details FROM audit_event WHERE action = 'risk.dilemma_update' AND record_id = $1`, [d.id]);
    expect(audit[0].details).toMatchObject({ status: 'used_in_training', previous: 'new' });
    expect(JSON.stringify(audit)).not.toContain('Casus');
  });

  it('refuses a bad review and changes nothing; an unknown id is 404', async () => {
    const d = (await list(officer)).dilemmas[0];
    for (const body of [{ status: 'archived' }, { processCode: 'federal.unknown' }, { officerNote: 'x'.repeat(4001) }, { themes: ['other'], revision: 3 }]) {
      const r = await officer.patch(`${base()}/${d.id}`, body, ifMatch(d.revision));
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    const after = (await list(officer)).dilemmas.find((x) => x.id === d.id)!;
    expect(after).toEqual(d);
    expect((await officer.patch(`${base()}/00000000-0000-4000-8000-000000000000`, { status: 'reviewed' }, ifMatch(1))).statusCode).toBe(404);
    expect((await officer.patch(`${base()}/${d.id}`, { status: 'reviewed' }, { 'if-match': '*' })).statusCode).toBe(400);
  });

  it('lets the chief read but not edit; staff and other organisations get nothing', async () => {
    const l = await list(chief);
    expect(l.canEdit).toBe(false);
    const id = l.dilemmas[0].id;
    expect((await chief.patch(`${base()}/${id}`, { status: 'reviewed' }, ifMatch(l.dilemmas[0].revision))).statusCode).toBe(403);
    expect((await staff.get(base())).statusCode).toBe(403);
    expect((await staff.get(`${base()}.csv`)).statusCode).toBe(403);
    expect((await staff.patch(`${base()}/${id}`, { status: 'reviewed' }, ifMatch(1))).statusCode).toBe(403);
    expect((await outsider.get(base())).statusCode).toBe(403);
    // The officer of another organisation, through their own organisation's route, does not find this one's dilemma.
    expect((await outsider.patch(`/api/orgs/${other}/risk/dilemmas/${id}`, { status: 'reviewed' }, ifMatch(1))).statusCode).toBe(404);
  });

  it('exports CSV in the reader’s language, with the formula guard, audited', async () => {
    await staff.post(base(), { text: '=HYPERLINK("http://x")', anonymous: true });
    const r = await officer.get(`${base()}.csv`, { 'accept-language': 'nl' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toContain('attachment');
    expect(r.body).toContain("'=HYPERLINK");
    expect(r.body).not.toContain(';=HYPERLINK');
    const audit = await ownerQuery<{ details: { count: number; format: string } }>(t, `SELECT details FROM audit_event WHERE action = 'risk.dilemma_export' AND organisation_id = $1`, [org]);
    expect(audit[0].details).toMatchObject({ format: 'csv' });
    expect(audit[0].details.count).toBeGreaterThan(2);
  });
});

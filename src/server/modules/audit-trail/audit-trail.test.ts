import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { anonymous, createOrganisation, createUser, ownerQuery, sessionFor, type Session, type TestApp, createTestApp } from '../../../test/app.js';
import { encodeCursor } from './service.js';

let t: TestApp;
let orgA: string;
let orgB: string;
let orgC: string;
let dpoA: Session;
let auditorA: Session;
let staffA: Session;
let adminA: Session;
let dpoB: Session;
let dpoC: Session;
let userOne: { id: string };
let userTwo: { id: string };

/** Events with chosen timestamps, inserted as a DBA would: the append trigger still runs (they wait for the sequencer). */
async function event(org: string, at: string, actor: string | null, action: string, recordType: string | null, recordId: string | null, details: object = {}) {
  await ownerQuery(t, `INSERT INTO audit_event (organisation_id, chain_key, chain_seq, occurred_at, actor_user_id, action, record_type, record_id, ip, details, prev_hash, hash)
    VALUES ($1, $1, 0, $2, $3, $4, $5, $6, '10.1.2.3', $7, '\\x', '\\x')`, [org, at, actor, action, recordType, recordId, JSON.stringify(details)]);
}

const countAudit = async (org: string, action: string) =>
  (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND action = $2`, [org, action]))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  orgA = await createOrganisation(t);
  orgB = await createOrganisation(t);
  orgC = await createOrganisation(t);
  userOne = await createUser(t, { roles: [{ orgId: orgA, role: 'staff_member' }] });
  userTwo = await createUser(t, { roles: [{ orgId: orgA, role: 'administrator' }] });
  staffA = await sessionFor(t, userOne.id);
  adminA = await sessionFor(t, userTwo.id);
  dpoA = await sessionFor(t, (await createUser(t, { roles: [{ orgId: orgA, role: 'dpo' }] })).id);
  auditorA = await sessionFor(t, (await createUser(t, { roles: [{ orgId: orgA, role: 'auditor' }] })).id);
  dpoB = await sessionFor(t, (await createUser(t, { roles: [{ orgId: orgB, role: 'dpo' }] })).id);
  dpoC = await sessionFor(t, (await createUser(t, { roles: [{ orgId: orgC, role: 'dpo' }] })).id);

  await event(orgA, '2025-01-10T09:00:00Z', userOne.id, 'person.read', 'person', 'p-1', { fields: ['first_name'] });
  await event(orgA, '2025-01-15T12:00:00Z', userTwo.id, 'role.assign', 'role_assignment', 'r-1');
  await event(orgA, '2025-02-01T08:00:00Z', userOne.id, 'person.update', 'person', 'p-2');
  await event(orgA, '2025-02-20T23:59:59.5Z', null, 'mail.read', 'mail', '=HYPERLINK("http://evil")');
  for (let i = 0; i < 60; i++) await event(orgA, `2025-03-01T00:00:${String(i).padStart(2, '0')}Z`, userTwo.id, 'bulk.test', 'thing', `t-${i}`);
  await event(orgB, '2025-01-10T09:00:00Z', null, 'person.read', 'person', 'p-1');
  await event(orgB, '2025-01-11T09:00:00Z', null, 'b.only', 'person', 'p-9');
});
afterAll(async () => { await t?.close(); });

const list = (s: Session, org: string, qs = '') => s.get(`/api/orgs/${org}/audit${qs ? `?${qs}` : ''}`);

describe('who may read the log', () => {
  it('refuses anonymous callers, staff members and administrators', async () => {
    expect((await list(anonymous(t), orgA)).statusCode).toBe(401);
    for (const s of [staffA, adminA]) {
      for (const url of [`/api/orgs/${orgA}/audit`, `/api/orgs/${orgA}/audit/export.csv`, `/api/orgs/${orgA}/audit/actions`]) {
        const r = await s.get(url);
        expect(r.statusCode, url).toBe(403);
        expect(r.json().code).toBe('forbidden');
      }
      expect((await s.post(`/api/orgs/${orgA}/audit/verify`)).statusCode).toBe(403);
    }
  });

  it('lets the DPO and the auditor read their own organisation', async () => {
    expect((await list(dpoA, orgA)).statusCode).toBe(200);
    expect((await list(auditorA, orgA)).statusCode).toBe(200);
  });

  it('keeps zones apart: the DPO of zone B can neither read nor verify zone A, and sees only B', async () => {
    for (const url of [`/api/orgs/${orgA}/audit`, `/api/orgs/${orgA}/audit/export.csv`, `/api/orgs/${orgA}/audit/actions`]) {
      expect((await dpoB.get(url)).statusCode, url).toBe(403);
    }
    expect((await dpoB.post(`/api/orgs/${orgA}/audit/verify`)).statusCode).toBe(403);
    const r = await list(dpoB, orgB, 'recordId=p-1&limit=200');
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toHaveLength(1);
    const all = (await list(dpoB, orgB, 'limit=200')).json().items as { action: string }[];
    expect(all.some((i) => i.action === 'bulk.test')).toBe(false);
    const actions = (await dpoB.get(`/api/orgs/${orgB}/audit/actions`)).json().actions as string[];
    expect(actions).toContain('b.only');
    expect(actions).not.toContain('bulk.test');
  });
});

describe('filters', () => {
  it('filters by actor and shows only the display name of the actor', async () => {
    const r = await list(dpoA, orgA, `actorUserId=${userOne.id}`);
    const items = r.json().items as { action: string; actor: Record<string, unknown> }[];
    expect(items.map((i) => i.action)).toEqual(['person.update', 'person.read']);
    expect(items[0].actor).toEqual({ id: userOne.id, displayName: expect.stringMatching(/^Test User/) });
  });

  it('filters by action, record type and record id', async () => {
    expect((await list(dpoA, orgA, 'action=role.assign')).json().items.map((i: { recordId: string }) => i.recordId)).toEqual(['r-1']);
    expect((await list(dpoA, orgA, 'recordType=person')).json().items.map((i: { recordId: string }) => i.recordId)).toEqual(['p-2', 'p-1']);
    const one = (await list(dpoA, orgA, 'recordType=person&recordId=p-1')).json().items;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ action: 'person.read', recordType: 'person', recordId: 'p-1', ip: '10.1.2.3', details: { fields: ['first_name'] }, occurredAt: '2025-01-10T09:00:00.000000Z' });
  });

  it('filters by period: a day is the whole day, an instant is exact', async () => {
    const days = (await list(dpoA, orgA, 'from=2025-01-15&to=2025-02-20')).json().items.map((i: { action: string }) => i.action);
    expect(days).toEqual(['mail.read', 'person.update', 'role.assign']);
    const instants = (await list(dpoA, orgA, `from=${encodeURIComponent('2025-01-15T12:00:00+00:00')}&to=${encodeURIComponent('2025-02-01T09:00:00+01:00')}`)).json().items.map((i: { action: string }) => i.action);
    expect(instants).toEqual(['person.update', 'role.assign']);
    expect((await list(dpoA, orgA, 'to=2025-01-09')).json().items).toEqual([]);
  });

  it('logs the read itself with the names of the filters, never their values', async () => {
    const before = await countAudit(orgA, 'audit.read');
    await list(dpoA, orgA, `recordId=p-1&actorUserId=${userOne.id}&limit=5`);
    expect(await countAudit(orgA, 'audit.read')).toBe(before + 1);
    const [last] = await ownerQuery<{ details: { filters: string[] }; record_type: string; actor_user_id: string; raw: string }>(t,
      `SELECT details, details::text AS raw, record_type, actor_user_id FROM audit_event WHERE organisation_id = $1 AND action = 'audit.read' ORDER BY id DESC LIMIT 1`, [orgA]);
    expect(last.details).toMatchObject({ filters: ['actorUserId', 'recordId'], limit: 5, paged: false, returned: 1 });
    expect(last.raw).not.toContain('p-1');
    expect(last.raw).not.toContain(userOne.id);
    expect(last.record_type).toBe('audit_log');
  });
});

describe('paging', () => {
  it('walks the log newest first by keyset without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await list(dpoA, orgA, `action=bulk.test&limit=25${cursor ? `&before=${cursor}` : ''}`);
      expect(r.statusCode).toBe(200);
      const body = r.json() as { items: { recordId: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((i) => i.recordId));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `t-${59 - i}`));
  });

  it('does not page past the end and keeps new events out of an earlier cursor', async () => {
    const r = await list(dpoA, orgA, `limit=4`);
    expect(r.json().items).toHaveLength(4);
    const page2 = await list(dpoA, orgA, `limit=200&before=${r.json().nextCursor}`);
    const ids = page2.json().items.map((i: { id: number }) => i.id);
    expect(ids.some((id: number) => r.json().items.some((i: { id: number }) => i.id === id))).toBe(false);
    expect(page2.json().nextCursor).toBeNull();
  });
});

describe('actions', () => {
  it('lists the distinct action names of the organisation', async () => {
    const r = await dpoA.get(`/api/orgs/${orgA}/audit/actions`);
    expect(r.statusCode).toBe(200);
    const actions = r.json().actions as string[];
    expect(actions).toEqual(expect.arrayContaining(['bulk.test', 'mail.read', 'person.read', 'person.update', 'role.assign', 'audit.read']));
    expect(actions).not.toContain('b.only');
    expect([...actions].sort()).toEqual(actions);
  });
});

describe('CSV export', () => {
  it('streams the filtered log with translated headings, neutralises formulas and is audited', async () => {
    const before = await countAudit(orgA, 'audit.export');
    const r = await dpoA.get(`/api/orgs/${orgA}/audit/export.csv?from=2025-01-01&to=2025-02-28`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(r.body.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['Event number', 'Date and time (UTC)', 'User id', 'User', 'Action', 'Record type', 'Record id', 'IP address', 'Details']);
    expect(rows.slice(1).map((x) => x[4])).toEqual(['mail.read', 'person.update', 'role.assign', 'person.read']);
    expect(rows[1][6]).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[4]).toEqual([expect.stringMatching(/^\d+$/), '2025-01-10T09:00:00.000000Z', userOne.id, expect.stringMatching(/^Test User/), 'person.read', 'person', 'p-1', '10.1.2.3', '{"fields":["first_name"]}']);
    expect(await countAudit(orgA, 'audit.export')).toBe(before + 1);
    const [ev] = await ownerQuery<{ details: Record<string, unknown> }>(t, `SELECT details FROM audit_event WHERE organisation_id = $1 AND action = 'audit.export' ORDER BY id DESC LIMIT 1`, [orgA]);
    expect(ev.details).toMatchObject({ filters: ['from', 'to'], format: 'csv' });
  });

  it('writes the headings in the reader\'s language and streams more than one batch', async () => {
    for (let i = 0; i < 2100; i += 700) {
      await ownerQuery(t, `INSERT INTO audit_event (organisation_id, chain_key, chain_seq, occurred_at, action, record_type, record_id, prev_hash, hash)
        SELECT $1, $1, 0, timestamptz '2024-06-01' + make_interval(secs => g), 'bulk.csv', 'thing', g::text, '\\x', '\\x' FROM generate_series($2::int, $3::int) g`, [orgA, i, i + 699]);
    }
    const dpoNl = await sessionFor(t, (await createUser(t, { locale: 'nl', roles: [{ orgId: orgA, role: 'dpo' }] })).id);
    const r = await dpoNl.get(`/api/orgs/${orgA}/audit/export.csv?action=bulk.csv`);
    const rows = parse(r.body.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0].slice(0, 3)).toEqual(['Volgnummer', 'Datum en tijd (UTC)', 'Gebruikers-id']);
    expect(rows).toHaveLength(2101);
    expect(rows[1][6]).toBe('2099');
    expect(rows[2100][6]).toBe('0');
    expect(new Set(rows.slice(1).map((x) => x[0])).size).toBe(2100);
  });
});

describe('verification of the chain', () => {
  it('reports an intact chain, then names the row a superuser altered behind the triggers', async () => {
    for (let i = 0; i < 5; i++) await event(orgC, `2025-04-0${i + 1}T10:00:00Z`, null, 'c.event', 'thing', `c-${i}`);
    const ok = await dpoC.post(`/api/orgs/${orgC}/audit/verify`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ intact: true, events: 5 });

    const [target] = await ownerQuery<{ id: string }>(t, `SELECT id FROM audit_event WHERE organisation_id = $1 AND record_id = 'c-2'`, [orgC]);
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    await c.query(`SET session_replication_role = replica`);
    await c.query(`UPDATE audit_event SET details = '{"forged": true}' WHERE id = $1`, [target.id]);
    await c.query(`SET session_replication_role = origin`);
    await c.end();

    const bad = await dpoC.post(`/api/orgs/${orgC}/audit/verify`);
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toEqual({ intact: false, events: 2, firstBreak: { chainSeq: 3, eventId: Number(target.id), reason: 'hash_mismatch' } });
    const [ev] = await ownerQuery<{ details: Record<string, unknown>; actor_user_id: string | null }>(t,
      `SELECT details, actor_user_id FROM audit_event WHERE organisation_id = $1 AND action = 'audit.verify' ORDER BY id DESC LIMIT 1`, [orgC]);
    expect(ev.details).toEqual({ intact: false, events: 2, brokenEventId: Number(target.id), reason: 'hash_mismatch' });
    expect(ev.actor_user_id).not.toBeNull();
  });

  it('verifies a long chain of a busy zone as intact', async () => {
    const r = await auditorA.post(`/api/orgs/${orgA}/audit/verify`);
    expect(r.statusCode).toBe(200);
    const [n] = await ownerQuery<{ n: number }>(t, `SELECT last_seq::int AS n FROM audit_chain_head WHERE chain_key = $1`, [orgA]);
    expect(n.n).toBeGreaterThan(2000);
    // The verification chained everything before checking; its own audit.verify event is appended after.
    expect(r.json()).toEqual({ intact: true, events: n.n });
  });

  it('leaves other zones\' chains out of a zone\'s verification', async () => {
    const r = await dpoB.post(`/api/orgs/${orgB}/audit/verify`);
    expect(r.json().intact).toBe(true);
    const [n] = await ownerQuery<{ n: number }>(t, `SELECT last_seq::int AS n FROM audit_chain_head WHERE chain_key = $1`, [orgB]);
    // The events of B before this verification (its own reads included), and nothing of A or C.
    expect(r.json().events).toBe(n.n);
  });
});

describe('hostile input', () => {
  const bad = async (qs: string, field?: string) => {
    const r = await list(dpoA, orgA, qs);
    expect(r.statusCode, qs).toBe(400);
    if (field) expect(JSON.stringify(r.json()), qs).toContain(`"${field}"`);
    return r;
  };

  it('refuses malformed and forged cursors without storing anything', async () => {
    const before = await countAudit(orgA, 'audit.read');
    const r = await bad('before=not-a-cursor!', 'before');
    expect(r.json().code).toBe('audit_invalid_cursor');
    await bad(`before=${Buffer.from("2025-01-01'; DROP TABLE audit_event; --|1").toString('base64url')}`, 'before');
    await bad(`before=${Buffer.from('2025-13-45T99:99:99.000000Z|1').toString('base64url')}`, 'before');
    await bad(`before=${encodeCursor({ occurredAt: '2025-01-01T00:00:00.000000Z', id: 1 }).slice(0, -6)}`, 'before');
    await bad(`before=${Buffer.from('2025-01-01T00:00:00.000000Z|1').toString('base64')}=`, 'before');
    await bad(`before=${'A'.repeat(201)}`, 'before');
    await bad(`before=${Buffer.from('2025-01-01T00:00:00.000000Z|99999999999999999').toString('base64url')}`, 'before');
    expect(await countAudit(orgA, 'audit.read')).toBe(before);
  });

  it('refuses impossible dates and reversed periods, naming the field', async () => {
    await bad('from=2025-02-30', 'from');
    await bad('to=yesterday', 'to');
    await bad('from=2025-01-01T25:00:00Z', 'from');
    const r = await bad('from=2025-03-01&to=2025-02-01', 'to');
    expect(r.json().code).toBe('audit_invalid_date_range');
    expect(r.json().message).toBe('The end of the period lies before its start.');
  });

  it('refuses oversized, malformed and unknown filters', async () => {
    await bad(`recordId=${'x'.repeat(201)}`, 'recordId');
    await bad(`action=${'a'.repeat(101)}`, 'action');
    await bad('actorUserId=42', 'actorUserId');
    await bad('limit=0', 'limit');
    await bad('limit=201', 'limit');
    await bad('limit=abc', 'limit');
    await bad('action=a&action=b', 'action');
    expect((await bad('sort=asc')).json().fields).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    // The policy runs before validation: nobody holds a role in a malformed organisation id.
    expect((await dpoA.get('/api/orgs/not-a-uuid/audit')).statusCode).toBe(403);
    const csv = await dpoA.get(`/api/orgs/${orgA}/audit/export.csv?limit=5`);
    expect(csv.statusCode).toBe(400);
  });

  it('treats script and SQL payloads in filters as plain values', async () => {
    await bad(`action=${encodeURIComponent('<script>alert(1)</script>')}`, 'action');
    for (const v of ['<script>alert(1)</script>', "p-1' OR '1'='1", "'; DROP TABLE audit_event; --"]) {
      const r = await list(dpoA, orgA, `recordId=${encodeURIComponent(v)}`);
      expect(r.statusCode, v).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.json().items).toEqual([]);
    }
    expect(await countAudit(orgA, 'person.read')).toBe(1);
  });

  it('refuses a body on verification, malformed JSON included', async () => {
    const before = await countAudit(orgA, 'audit.verify');
    expect((await dpoA.post(`/api/orgs/${orgA}/audit/verify`, { intact: true })).statusCode).toBe(400);
    expect((await dpoA.request('POST', `/api/orgs/${orgA}/audit/verify`, '{"bad', { 'content-type': 'application/json' })).statusCode).toBe(400);
    expect(await countAudit(orgA, 'audit.verify')).toBe(before);
  });
});

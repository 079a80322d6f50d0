import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createOrganisation, createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { withOrgTx } from '../db/tx.js';
import { recordAudit } from './service.js';
import { chainPendingAuditEvents } from './sequencer.js';
import { verifyAuditChain } from './verify.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const ctx = { actorUserId: null, ip: '192.0.2.7' };

async function owner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.db.url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const verify = (org?: string) => owner((c) => verifyAuditChain(c, { chainKey: org }));
const sequence = (org?: string) => owner((c) => chainPendingAuditEvents(c, { chainKey: org }));
/** A superuser acting behind the triggers, as an attacker with database access could. */
const behindTriggers = (text: string, params: unknown[] = []) => owner(async (c) => {
  await c.query('SET session_replication_role = replica');
  await c.query(text, params);
});

async function append(org: string, n: number, action = 'test.seq') {
  await withOrgTx(t.db.db, org, async (tx) => {
    for (let i = 0; i < n; i++) await recordAudit(tx, ctx, { organisationId: org, action, recordId: String(i), details: { i } });
  });
}

/** The database's message of a failed query (drizzle wraps it). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return ((err as { cause?: Error }).cause ?? (err as Error)).message;
  }
  return 'no error';
}

/** Resolves once `n` callers have arrived. */
function barrier(n: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => { release = r; });
  return async () => {
    if (++arrived === n) release();
    await all;
  };
}

describe('appending without a per-organisation lock', () => {
  it('lets two transactions of one organisation each hold an uncommitted audited insert at the same time', async () => {
    const org = await createOrganisation(t);
    const bothInserted = barrier(2);
    // Under the former head lock the second insert waited for the first commit, which waited for
    // the second insert: a deadlock that lock_timeout turns into an error.
    const writer = (i: number) => withOrgTx(t.db.db, org, async (tx) => {
      await tx.execute(sql`SET LOCAL lock_timeout = '3s'`);
      await recordAudit(tx, ctx, { organisationId: org, action: 'test.parallel', recordId: String(i) });
      await bothInserted();
    });
    await Promise.all([writer(1), writer(2)]);
    expect(await sequence(org)).toBe(2);
    expect(await verify(org)).toMatchObject({ intact: true, events: 2, unchained: 0 });
  });

  it('chains committed events in id order, whatever the order of their commits, and never a rolled-back one', async () => {
    const org = await createOrganisation(t);
    const a = new pg.Client({ connectionString: t.db.url });
    const b = new pg.Client({ connectionString: t.db.url });
    await a.connect();
    await b.connect();
    try {
      const ins = (c: pg.Client, rid: string) => c.query<{ id: string }>(
        `INSERT INTO audit_event (organisation_id, action, record_id) VALUES ($1, 'test.order', $2) RETURNING id::text`, [org, rid]);
      await a.query('BEGIN');
      await b.query('BEGIN');
      const first = (await ins(a, 'first')).rows[0].id;
      const second = (await ins(b, 'second')).rows[0].id;
      await b.query('COMMIT');
      await sequence(org); // sees only the committed second event
      await a.query('COMMIT');
      await a.query('BEGIN');
      await ins(a, 'rolled-back');
      await a.query('ROLLBACK');
      await append(org, 3);
      await sequence(org);
      const rows = await ownerQuery<{ id: string; chain_seq: string; record_id: string }>(t,
        `SELECT id::text, chain_seq::text, record_id FROM audit_event WHERE organisation_id = $1 ORDER BY chain_seq`, [org]);
      expect(rows.map((r) => r.record_id)).toEqual(['second', 'first', '0', '1', '2']);
      expect(rows.map((r) => Number(r.chain_seq))).toEqual([1, 2, 3, 4, 5]);
      expect(rows.slice(2).map((r) => Number(r.id))).toEqual(rows.slice(2).map((r) => Number(r.id)).sort((x, y) => x - y));
      expect(Number(rows[0].id)).toBe(Number(second));
      expect(Number(rows[1].id)).toBe(Number(first));
      expect(await verify(org)).toMatchObject({ intact: true, events: 5, unchained: 0 });
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('gives the same chain to the same committed events (deterministic), in batches too', async () => {
    const orgs = [await createOrganisation(t), await createOrganisation(t)];
    for (const org of orgs) await append(org, 12, 'test.same');
    const hashes = async (org: string) => (await ownerQuery<{ h: string }>(t,
      `SELECT encode(hash, 'hex') AS h FROM audit_event WHERE organisation_id = $1 ORDER BY chain_seq`, [org])).map((r) => r.h);
    // One in batches of 5, the other at once: the payloads differ only by chain key, so compare orders.
    await owner((c) => chainPendingAuditEvents(c, { chainKey: orgs[0], batch: 5 }));
    await sequence(orgs[1]);
    for (const org of orgs) {
      const order = await ownerQuery<{ record_id: string }>(t, `SELECT record_id FROM audit_event WHERE organisation_id = $1 ORDER BY chain_seq`, [org]);
      expect(order.map((r) => r.record_id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
      expect(await hashes(org)).toHaveLength(12);
      expect(await verify(org)).toMatchObject({ intact: true, events: 12 });
    }
  });

  it('lets concurrent sequencers chain each event exactly once', async () => {
    const org = await createOrganisation(t);
    await append(org, 40);
    const counts = await Promise.all([1, 2, 3].map(() => owner((c) => chainPendingAuditEvents(c, { chainKey: org, batch: 7 }))));
    expect(counts.reduce((x, y) => x + y, 0)).toBe(40);
    expect(await verify(org)).toMatchObject({ intact: true, events: 40, unchained: 0 });
  });

  it('lets the application role run the sequencer but never write chain columns or heads itself', async () => {
    const org = await createOrganisation(t);
    await append(org, 2);
    expect(await failure(withOrgTx(t.db.db, org, (tx) => tx.execute(sql`UPDATE audit_event SET chain_seq = 1, prev_hash = '\\x00', hash = '\\x00' WHERE organisation_id = ${org}`))))
      .toMatch(/permission denied/);
    expect(await failure(withOrgTx(t.db.db, org, (tx) => tx.execute(sql`UPDATE audit_chain_head SET last_seq = 0`)))).toMatch(/permission denied/);
    // The owner too is refused outside the sequencer.
    await expect(ownerQuery(t, `UPDATE audit_event SET chain_seq = 1, prev_hash = '\\x00', hash = '\\x00' WHERE organisation_id = $1`, [org])).rejects.toThrow(/append-only/);
    // The request pool may chain (the function runs as the owner), and the organisation scope of its transaction survives.
    const scope = await withOrgTx(t.db.db, org, async (tx) => {
      await tx.execute(sql`SELECT audit_chain_pending(${org}::uuid)`);
      return (await tx.execute<{ s: string | null }>(sql`SELECT current_setting('kompas.scope', true) AS s`)).rows[0].s;
    });
    expect(scope ?? '').toBe('');
    expect(await verify(org)).toMatchObject({ intact: true, events: 2, unchained: 0 });
    // A chained row stays chained: the one permitted transition is NULL → value.
    await expect(owner(async (c) => {
      await c.query(`SET kompas.audit_sequencer = 'on'`);
      await c.query(`UPDATE audit_event SET hash = '\\x00' WHERE organisation_id = $1`, [org]);
    })).rejects.toThrow(/append-only/);
  });
});

describe('verification', () => {
  it('covers the tail not yet chained: counted, checked, and reported when it waits too long', async () => {
    const org = await createOrganisation(t);
    await append(org, 3);
    await sequence(org);
    await append(org, 2);
    expect(await verify(org)).toMatchObject({ intact: true, events: 3, unchained: 2, staleUnchained: 0, oldestUnchainedAt: expect.stringMatching(/Z$/) });
    await ownerQuery(t, `INSERT INTO audit_event (organisation_id, occurred_at, action) VALUES ($1, now() - interval '1 hour', 'test.stale')`, [org]);
    expect(await verify(org)).toMatchObject({ intact: true, unchained: 3, staleUnchained: 1 });
    // A row waiting for the sequencer that carries chain values, or sits in another organisation's chain, was altered.
    const [w] = await ownerQuery<{ id: string }>(t, `SELECT id::text FROM audit_event WHERE organisation_id = $1 AND action = 'test.stale'`, [org]);
    await behindTriggers(`UPDATE audit_event SET hash = '\\x01' WHERE id = $1`, [w.id]);
    expect((await verify(org)).firstBreak).toEqual({ chainKey: org, chainSeq: 0, eventId: Number(w.id), reason: 'unchained_altered' });
  });

  it('names a chained row whose details, actor, hash or organisation were changed', async () => {
    for (const change of [`details = '{"i": 99}'`, `actor_user_id = gen_random_uuid()`, `hash = sha256('x')`, `organisation_id = gen_random_uuid()`]) {
      const org = await createOrganisation(t);
      await append(org, 4);
      await sequence(org);
      const [target] = await ownerQuery<{ id: string }>(t, `SELECT id::text FROM audit_event WHERE chain_key = $1 AND chain_seq = 2`, [org]);
      await behindTriggers(`UPDATE audit_event SET ${change} WHERE id = $1`, [target.id]);
      const v = await verify(org);
      expect(v.intact, change).toBe(false);
      expect(v.firstBreak, change).toEqual({ chainKey: org, chainSeq: 2, eventId: Number(target.id), reason: 'hash_mismatch' });
    }
  });

  it('names a deleted row, a removed newest row, and a forged row on a taken position', async () => {
    const org = await createOrganisation(t);
    await append(org, 5);
    await sequence(org);
    const ids = (await ownerQuery<{ id: string }>(t, `SELECT id::text FROM audit_event WHERE chain_key = $1 ORDER BY chain_seq`, [org])).map((r) => Number(r.id));
    await behindTriggers(`DELETE FROM audit_event WHERE id = $1`, [ids[2]]);
    expect((await verify(org)).firstBreak).toEqual({ chainKey: org, chainSeq: 4, eventId: ids[3], reason: 'sequence_gap' });

    const org2 = await createOrganisation(t);
    await append(org2, 3);
    await sequence(org2);
    const [last] = await ownerQuery<{ id: string }>(t, `SELECT id::text FROM audit_event WHERE chain_key = $1 AND chain_seq = 3`, [org2]);
    await behindTriggers(`DELETE FROM audit_event WHERE id = $1`, [last.id]);
    expect((await verify(org2)).firstBreak).toMatchObject({ chainKey: org2, chainSeq: 3, reason: 'head_mismatch' });

    const org3 = await createOrganisation(t);
    await append(org3, 3);
    await sequence(org3);
    // A copy of position 2 with other content and a correctly computed hash: it still takes a position twice.
    await behindTriggers(`INSERT INTO audit_event (organisation_id, chain_key, chain_seq, occurred_at, action, details, prev_hash, hash)
      SELECT organisation_id, chain_key, chain_seq, occurred_at, 'test.forged', details, prev_hash, hash FROM audit_event WHERE chain_key = $1 AND chain_seq = 2`, [org3]);
    await behindTriggers(`UPDATE audit_event e SET hash = sha256(e.prev_hash || convert_to(audit_event_payload(e), 'UTF8')) WHERE chain_key = $1 AND action = 'test.forged'`, [org3]);
    const [forged] = await ownerQuery<{ id: string }>(t, `SELECT id::text FROM audit_event WHERE chain_key = $1 AND action = 'test.forged'`, [org3]);
    expect((await verify(org3)).firstBreak).toEqual({ chainKey: org3, chainSeq: 2, eventId: Number(forged.id), reason: 'extra_row' });
    // A forged row in a chain of its own, without a head, is found too.
    const stray = '11111111-2222-4333-8444-555555555555';
    await behindTriggers(`INSERT INTO audit_event (organisation_id, chain_key, chain_seq, action, prev_hash, hash) VALUES ($1, $1, 1, 'test.stray', decode(repeat('00', 32), 'hex'), '\\x00')`, [stray]);
    expect((await verify(stray)).firstBreak).toMatchObject({ chainKey: stray, chainSeq: 1, reason: 'hash_mismatch' });
  });
});

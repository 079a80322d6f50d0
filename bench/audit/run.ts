/**
 * Audit log benchmark: `tsx bench/audit/run.ts [--seconds 10] [--events 1000000] [--writers 8]`.
 * (a) appends through recordAudit (one transaction per event, as requests do) by concurrent
 *     writers, on one organisation's chain and on one chain each, with the sequencer chaining
 *     every 2 s as the job does; baseline: the same inserts, through the same transaction helper,
 *     into a plain table without partitions or trigger.
 * (b) verifyAuditChain over a bulk-generated log; baseline: one SQL statement recomputing
 *     every row's SHA-256 (no link or sequence checks).
 * Runs on a fresh database that it drops at the end. Never part of npm test.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../src/server/platform/audit/service.js';
import { chainPendingAuditEvents } from '../../src/server/platform/audit/sequencer.js';
import { verifyAuditChain } from '../../src/server/platform/audit/verify.js';
import { createDatabase, type Database } from '../../src/server/platform/db/pool.js';
import { withOrgTx } from '../../src/server/platform/db/tx.js';
import { benchDatabase, fmt, numberArg, onInterrupt } from '../lib.js';

const argv = process.argv.slice(2);
const SECONDS = numberArg(argv, 'seconds', 10);
const EVENTS = Math.floor(numberArg(argv, 'events', 1_000_000));
const WRITERS = Math.floor(numberArg(argv, 'writers', 8));
const TRIGGER_EVENTS = Math.floor(numberArg(argv, 'trigger-events', 20_000));
const TRIGGER_CHUNK = 500;

async function createOrganisations(url: string, n: number): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await c.query<{ id: string }>(
      `INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', $1, '{"nl":"Bench"}', '{nl}') RETURNING id`, [`BENCH-${i}-${randomUUID().slice(0, 8)}`]);
    ids.push(r.rows[0].id);
  }
  await c.end();
  return ids;
}

/** `WRITERS` loops, each one event per transaction, for `SECONDS`; returns events per second. */
async function writers(database: Database, orgFor: (w: number) => string, insert: 'audit' | 'plain', seconds = SECONDS): Promise<{ perSecond: number; total: number }> {
  const deadline = performance.now() + seconds * 1000;
  let total = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
    const org = orgFor(w);
    const ctx = { actorUserId: null, ip: '10.0.0.1' };
    for (let i = 0; performance.now() < deadline; i++) {
      const entry = { organisationId: org, action: 'bench.write', recordType: 'thing', recordId: `${w}-${i}`, details: { w, i } };
      await withOrgTx(database.db, org, async (tx) => {
        if (insert === 'audit') return recordAudit(tx, ctx, entry);
        // Same statement shape as recordAudit, into the plain table.
        await tx.execute(sql`
          INSERT INTO bench_plain_audit (organisation_id, chain_key, chain_seq, actor_user_id, action, record_type, record_id, ip, details, prev_hash, hash)
          VALUES (${entry.organisationId}, '00000000-0000-0000-0000-000000000000', 0, ${ctx.actorUserId}, ${entry.action},
                  ${entry.recordType}, ${entry.recordId}, ${ctx.ip}::inet, ${JSON.stringify(entry.details)}::jsonb, '\\x', '\\x')`);
      });
      total++;
    }
  }));
  return { perSecond: total / ((performance.now() - t0) / 1000), total };
}

async function main() {
  console.log(`audit benchmark on ${os.cpus().length} cores, node ${process.version}`);
  const bench = await benchDatabase();
  onInterrupt(bench.drop);
  console.log(`database: ${bench.where}, ${WRITERS} writers, ${SECONDS} s per case, ${fmt(EVENTS)} events to verify\n`);
  try {
    const orgs = await createOrganisations(bench.url, WRITERS + 3);
    const owner = new pg.Client({ connectionString: bench.url });
    await owner.connect();
    await owner.query(`CREATE TABLE bench_plain_audit (
      id bigserial PRIMARY KEY, organisation_id uuid, chain_key uuid NOT NULL, chain_seq bigint NOT NULL,
      occurred_at timestamptz(6) NOT NULL DEFAULT now(), actor_user_id uuid, action text NOT NULL, record_type text,
      record_id text, ip inet, details jsonb NOT NULL DEFAULT '{}', prev_hash bytea NOT NULL, hash bytea NOT NULL)`);
    await owner.query(`GRANT SELECT, INSERT ON bench_plain_audit TO kompas_app`).catch(() => {});
    await owner.query(`GRANT USAGE ON SEQUENCE bench_plain_audit_id_seq TO kompas_app`).catch(() => {});

    // (a) appends
    const database = await createDatabase(bench.url, { max: WRITERS });
    await writers(database, (w) => orgs[w], 'plain', 2); // warms the pool, caches and the disk
    const plain = await writers(database, (w) => orgs[w], 'plain');
    // The sequencer runs meanwhile as the audit-sequence job does (every 2 s), so its cost is in the figures.
    const seqClient = new pg.Client({ connectionString: bench.url });
    await seqClient.connect();
    let sequencing = true;
    let sequenced = 0;
    const sequencer = (async () => {
      while (sequencing) {
        sequenced += await chainPendingAuditEvents(seqClient);
        await new Promise((r) => setTimeout(r, 2000));
      }
    })();
    const oneChain = await writers(database, () => orgs[0], 'audit');
    const ownChains = await writers(database, (w) => orgs[w], 'audit');
    sequencing = false;
    await sequencer;
    const { rows: [{ backlog }] } = await owner.query<{ backlog: number }>('SELECT count(*)::int AS backlog FROM audit_event WHERE chain_seq IS NULL');
    const c0 = performance.now();
    await chainPendingAuditEvents(seqClient);
    const restSeconds = (performance.now() - c0) / 1000;
    await seqClient.end();
    await database.close();
    console.log('(a) appends, one transaction per event (the sequencer chaining every 2 s meanwhile)');
    console.log(`  baseline: plain table, no trigger   ${fmt(plain.perSecond).padStart(8)} events/s  (${fmt(plain.total)} events)`);
    console.log(`  recordAudit, ${WRITERS} writers, one chain  ${fmt(oneChain.perSecond).padStart(8)} events/s  ratio ${fmt(oneChain.perSecond / plain.perSecond, 2)}`);
    console.log(`  recordAudit, ${WRITERS} writers, own chains ${fmt(ownChains.perSecond).padStart(8)} events/s  ratio ${fmt(ownChains.perSecond / plain.perSecond, 2)}`);
    console.log(`  sequencer: ${fmt(sequenced)} events chained during the runs; ${fmt(backlog)} waiting at the end, chained in ${fmt(restSeconds, 2)} s`);

    // (b) verification over a bulk-generated log. A small part is appended as requests append and
    // chained by the sequencer (both rates printed); the bulk is chained set-wise in SQL with the
    // very payload function the sequencer hashes (audit_event_payload), inserted with triggers
    // off as a restore would.
    const [trigOrg, ...genOrgs] = orgs.slice(WRITERS, WRITERS + 3);
    const t0 = performance.now();
    for (let from = 1; from <= TRIGGER_EVENTS; from += TRIGGER_CHUNK) {
      await owner.query(`
        INSERT INTO audit_event (organisation_id, chain_key, chain_seq, action, record_type, record_id, ip, details, prev_hash, hash)
        SELECT $1::uuid, $1::uuid, 0, 'bench.generated', 'thing', g::text, '10.0.0.2', jsonb_build_object('i', g), '\\x', '\\x'
          FROM generate_series($2::int, $3::int) g`, [trigOrg, from, Math.min(TRIGGER_EVENTS, from + TRIGGER_CHUNK - 1)]);
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    const q0 = performance.now();
    await chainPendingAuditEvents(owner);
    const trigSeconds = (performance.now() - q0) / 1000;
    const g0 = performance.now();
    await Promise.all(genOrgs.map(async (org, k) => {
      const c = new pg.Client({ connectionString: bench.url });
      await c.connect();
      const share = Math.floor(EVENTS / 2) + (k === 0 ? EVENTS % 2 : 0);
      await c.query('SET session_replication_role = replica'); // superuser only: the bench database is ours
      await c.query(`
        WITH RECURSIVE ch(seq, ts, hash) AS (
          SELECT 1::bigint, $3::timestamptz,
                 sha256(decode(repeat('00', 32), 'hex') || convert_to(audit_event_payload(ROW(0, $1::uuid, $1::uuid, 1, $3::timestamptz, NULL,
                   'bench.generated', 'thing', '1', '10.0.0.2', jsonb_build_object('i', 1), ''::bytea, ''::bytea)::audit_event), 'UTF8'))
          UNION ALL
          SELECT n.seq, n.ts,
                 sha256(ch.hash || convert_to(audit_event_payload(ROW(0, $1::uuid, $1::uuid, n.seq, n.ts, NULL,
                   'bench.generated', 'thing', n.seq::text, '10.0.0.2', jsonb_build_object('i', n.seq), ''::bytea, ''::bytea)::audit_event), 'UTF8'))
            FROM ch CROSS JOIN LATERAL (SELECT ch.seq + 1 AS seq, $3::timestamptz + make_interval(secs => (ch.seq + 1) / 1000.0) AS ts) n
           WHERE ch.seq < $2
        ), chained AS (
          SELECT seq, hash, ts AS occurred_at, coalesce(lag(hash) OVER (ORDER BY seq), decode(repeat('00', 32), 'hex')) AS prev_hash FROM ch
        ), ins AS (
          INSERT INTO audit_event (organisation_id, chain_key, chain_seq, occurred_at, action, record_type, record_id, ip, details, prev_hash, hash)
          SELECT $1::uuid, $1::uuid, seq, occurred_at, 'bench.generated', 'thing', seq::text, '10.0.0.2', jsonb_build_object('i', seq), prev_hash, hash
            FROM chained
          RETURNING chain_seq, hash
        )
        INSERT INTO audit_chain_head (chain_key, last_seq, last_hash)
        SELECT $1::uuid, chain_seq, hash FROM ins ORDER BY chain_seq DESC LIMIT 1`, [org, share, new Date(Date.now() - 3_600_000).toISOString()]);
      await c.end();
    }));
    const genSeconds = (performance.now() - g0) / 1000;
    await owner.query('VACUUM ANALYZE audit_event');
    const { rows: [{ n }] } = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event');

    const b0 = performance.now();
    const { rows: [base] } = await owner.query<{ bad: number; n: number }>(`
      SELECT count(*) FILTER (WHERE sha256(e.prev_hash || convert_to(audit_event_payload(e), 'UTF8')) <> e.hash)::int AS bad, count(*)::int AS n
        FROM audit_event e`);
    const baseSeconds = (performance.now() - b0) / 1000;

    await owner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const v0 = performance.now();
    const v = await verifyAuditChain(owner);
    const verifySeconds = (performance.now() - v0) / 1000;
    await owner.query('COMMIT');
    await owner.end();
    if (!v.intact || base.bad !== 0) throw new Error(`unexpected broken chain: ${JSON.stringify(v)} / ${base.bad} bad hashes`);

    console.log(`\n(b) bulk generation: ${fmt(TRIGGER_EVENTS)} events appended in chunks of ${TRIGGER_CHUNK}: ${fmt(TRIGGER_EVENTS / insertSeconds)} events/s, then chained by the sequencer: ${fmt(TRIGGER_EVENTS / trigSeconds)} events/s;`);
    console.log(`    ${fmt(EVENTS)} chained set-wise in SQL: ${fmt(genSeconds, 1)} s (${fmt(EVENTS / genSeconds)} events/s)`);
    console.log(`(b) verification of ${fmt(n)} events in ${v.chains} chains`);
    console.log(`  baseline: one SELECT sha256(...)   ${fmt(baseSeconds, 2).padStart(7)} s  ${fmt(base.n / baseSeconds).padStart(10)} events/s`);
    console.log(`  verifyAuditChain (Node)           ${fmt(verifySeconds, 2).padStart(7)} s  ${fmt(v.events / verifySeconds).padStart(10)} events/s  ratio ${fmt(baseSeconds / verifySeconds, 2)} (baseline time / verify time)`);
    console.log(`\nratios: (a) one chain / plain table ${fmt(oneChain.perSecond / plain.perSecond, 2)} (goal ≥ 0.8); (b) SQL baseline time / verify time ${fmt(baseSeconds / verifySeconds, 2)} (goal ≥ 1); load average ${os.loadavg().map((x) => fmt(x, 1)).join(' ')}`);
  } finally {
    if (process.env.KOMPAS_BENCH_KEEP !== '1') await bench.drop();
    else console.log(`kept ${bench.url}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

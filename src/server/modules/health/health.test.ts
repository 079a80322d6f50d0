import net from 'node:net';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { guardPool, type Db } from '../../platform/db/pool.js';
import { idleJobs } from '../../platform/jobs/index.js';
import { createMailer } from '../../platform/mail/index.js';
import { HEALTH_DB_TIMEOUT_MS } from './routes.js';

/**
 * A database host that accepts the TCP connection but never answers (a hung server, a dropped
 * firewall state): health must say "unreachable" within its own short timeout, not hang until
 * the pool gives up, and never claim the database is reachable.
 */
let silent: net.Server;
const sockets = new Set<net.Socket>();
let pool: pg.Pool;

beforeAll(async () => {
  silent = net.createServer((s) => { sockets.add(s); s.on('error', () => {}); });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as net.AddressInfo).port;
  pool = guardPool(new pg.Pool({ connectionString: `postgres://kompas@127.0.0.1:${port}/kompas`, connectionTimeoutMillis: 30_000 }), () => {});
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  silent.close();
  await pool.end().catch(() => {});
});

it('health answers 503 "unreachable" within its timeout when the database does not answer', async () => {
  const config = loadConfig({ KOMPAS_DATA_DIR: '.tmp', DATABASE_URL: 'postgres://unused@127.0.0.1/unused', KOMPAS_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const db = drizzle(pool) as Db;
  const app = await buildApp({ config, database: { pool, db, close: async () => {} }, adminUrl: 'postgres://unused@127.0.0.1/unused', mailer: createMailer(db, { from: config.mailFrom }), jobs: idleJobs }, { logger: false });
  try {
    const started = Date.now();
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(Date.now() - started).toBeLessThan(HEALTH_DB_TIMEOUT_MS + 5_000);
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBeDefined();
    expect(r.json()).toMatchObject({ status: 'degraded', database: { reachable: false, migrations: { upToDate: false } } });
  } finally {
    await app.close();
  }
});

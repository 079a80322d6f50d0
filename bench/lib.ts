import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/server/platform/db/embedded.js';
import { runMigrations } from '../src/server/platform/db/migrate.js';

/**
 * A fresh, migrated database for one benchmark run: `kompas_bench_<pid>` on the machine's
 * PostgreSQL at 127.0.0.1:5432, or on an embedded cluster in a temporary directory when that
 * does not answer. `drop()` removes it (and stops the embedded cluster).
 */
export async function benchDatabase(): Promise<{ url: string; where: string; drop: () => Promise<void> }> {
  let base = process.env.KOMPAS_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let stopEmbedded: (() => Promise<void>) | undefined;
  try {
    const c = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
    await c.connect();
    await c.end();
  } catch {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-bench-pg-'));
    fs.chmodSync(dir, 0o755);
    const h = await startEmbeddedPostgres(dir);
    base = h.url.replace(/\/kompas$/, '/postgres');
    stopEmbedded = async () => {
      await h.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `kompas_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runMigrations(url);
  const where = `${u.hostname}:${u.port || 5432}${stopEmbedded ? ' (embedded)' : ''}`;
  return {
    url,
    where,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await stopEmbedded?.();
    },
  };
}

/** `--name value` or `--name=value` from argv, as a positive number. */
export function numberArg(argv: string[], name: string, dflt: number): number {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return dflt;
  const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Removes the database even on Ctrl-C, so a run never leaves one behind. */
export function onInterrupt(cleanup: () => Promise<void>): void {
  let done = false;
  const handler = (sig: string) => {
    if (done) return;
    done = true;
    console.error(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}

/** Runs `n` calls over `users` concurrent workers (call `i` on worker `w`); each call's latency in ms, sorted, and the wall time. */
export async function concurrently(n: number, users: number, call: (i: number, worker: number) => Promise<unknown>): Promise<{ ms: number[]; seconds: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: users }, async (_, w) => {
    for (let i = next++; i < n; i = next++) {
      const s = performance.now();
      await call(i, w);
      ms.push(performance.now() - s);
    }
  }));
  return { ms: ms.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000 };
}

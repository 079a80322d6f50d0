/**
 * Start-up shared by the benchmarks' server processes (bench/<name>/server.ts), which the load
 * generator spawns and reads `PORT <n>` from. Not imported by the load generators (bench/lib.ts):
 * it loads the whole app.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/platform/config.js';
import { createDatabase } from '../src/server/platform/db/pool.js';
import { idleJobs } from '../src/server/platform/jobs/index.js';
import { createMailer } from '../src/server/platform/mail/index.js';

/** Listens on 127.0.0.1 on a free port; returns the port. */
export async function listenOnFreePort(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

/**
 * The real Kompas server (buildApp) on the database at `url`, without demo data, background jobs
 * or a trusted proxy, listening on a free port; returns the port. `checkConfig` may refuse a
 * configuration the benchmark's baseline does not match.
 */
export async function startKompas(url: string, checkConfig?: (config: Config) => void): Promise<number> {
  return (await startKompasApp(url, checkConfig)).port;
}

/** startKompas for a benchmark that runs the server in its own process: the port, and `close` (server, then its pool) before the database is dropped. */
export async function startKompasApp(url: string, checkConfig?: (config: Config) => void): Promise<{ port: number; close: () => Promise<void> }> {
  // BENCH_LOG=error shows server errors while setting a benchmark up; request logging would distort it.
  const logLevel = process.env.BENCH_LOG ?? 'silent';
  const config = loadConfig({ DATABASE_URL: url, KOMPAS_LOG_LEVEL: logLevel, KOMPAS_DEMO: '0', HOST: '127.0.0.1', PORT: '0' } as NodeJS.ProcessEnv);
  checkConfig?.(config);
  const database = await createDatabase(url);
  const app = await buildApp({ config, database, adminUrl: url, mailer: createMailer(database.db, { from: config.mailFrom }), jobs: idleJobs }, { logger: logLevel !== 'silent' });
  const port = await listenOnFreePort(app);
  return { port, close: async () => { await app.close(); await database.close(); } };
}

/** Runs `start`, prints `PORT <n>` for the parent once listening, and exits on SIGTERM (or on a failed start). */
export function serve(start: () => Promise<number>): void {
  start().then((port) => console.log(`PORT ${port}`), (err) => { console.error(err); process.exit(1); });
  process.on('SIGTERM', () => process.exit(0));
}

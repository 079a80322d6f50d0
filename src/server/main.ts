import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { runMigrations } from './platform/db/migrate.js';
import { createDatabase } from './platform/db/pool.js';
import { StartupError } from './platform/db/startup-error.js';
import { resolveDatabaseUrl } from './platform/db/resolve.js';
import { startJobs } from './platform/jobs/index.js';
import { createMailer } from './platform/mail/index.js';
import { safeError } from './platform/http/safe-error.js';
import { ensureSealingKey, sealPlainValues, SealingKeyError } from './platform/crypto/index.js';
import { registerPlatformJobs } from './platform/jobs/platform-jobs.js';
import { modules } from './modules/index.js';
import { registerAuthJobs } from './platform/auth/forgot.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins, demoNotes, loadDemoData, saveDemoNotes } from '../../scripts/demo/load.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const pg = await resolveDatabaseUrl(config, (m) => console.error(m));
  await runMigrations(pg.url);
  // Before anything reads or writes sealed data: the key must open what the database holds.
  try {
    await ensureSealingKey(pg.url, config.dataDir);
  } catch (err) {
    if (!(err instanceof SealingKeyError)) throw err;
    console.error(err.message);
    await pg.stop();
    process.exit(3);
  }
  const database = await createDatabase(pg.url).catch(async (err: unknown) => {
    // The application role is missing or bypasses row-level security: say why, stop what we started.
    if (!(err instanceof StartupError)) throw err;
    console.error(err.message);
    await pg.stop();
    process.exit(4);
  });
  const mailer = createMailer(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  registerPlatformJobs({ database, mailer, adminUrl: pg.url, publicUrl: config.publicUrl });
  registerAuthJobs({ config, database, mailer });
  for (const m of modules) m.jobs?.({ config, database, mailer, adminUrl: pg.url });
  // Kind and codes only: a failed query's message can carry the values of the job's data.
  let stopping = false;
  const jobs = await startJobs(pg.url, (err) => {
    // While stopping, pg-boss's last maintenance connection may be ended by the database's own shutdown (57P01): expected.
    if (stopping && (err as { code?: string }).code === '57P01') return;
    console.error('job error:', JSON.stringify(safeError(err)));
  });
  const notes: string[] = [];
  const demoLoaded = config.demo ? await loadDemoData(pg.url, modules, notes) : false;
  if (demoLoaded) saveDemoNotes(config.dataDir, notes);
  await sealPlainValues(pg.url, config.dataDir);

  const app = await buildApp({ config, database, adminUrl: pg.url, mailer, jobs });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host}:${(app.server.address() as { port: number }).port}`;
  console.log(`\nKompas is running at ${url}  (${pg.embedded ? 'embedded PostgreSQL' : 'external PostgreSQL'})`);
  if (config.demo) {
    console.log(demoLoaded ? 'Demo data loaded.' : 'Demo data present.');
    console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of demoLogins()) console.log(`  ${l.email.padEnd(36)} ${l.roles}`);
    console.log(`Accounts marked (TOTP) need a code: \`npm run demo:totp\` prints it (secret ${DEMO_TOTP_SECRET}).`);
    for (const line of demoNotes(config.dataDir)) console.log(line);
  }

  // A service manager (systemd, Docker) sends SIGTERM and waits; Ctrl-C sends SIGINT. Stop in
  // order: stop accepting, let in-flight requests (an import, an export) finish within the drain
  // deadline while the jobs finish theirs, then close the pool and stop the embedded PostgreSQL.
  // Exit 0 when everything drained, 1 when the deadline cut requests short.
  // Answers given while draining close their connection, so clients reconnect elsewhere (unless Fastify
  // already answered in its own listener, which runs first: setting a header then would crash the process).
  app.server.on('request', (_req, res) => { if (stopping && !res.headersSent) res.setHeader('Connection', 'close'); });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const drainMs = config.drainSeconds * 1000;
    console.log(`${signal}: stopping (draining requests for up to ${config.drainSeconds} s)`);
    let cut = false;
    const deadline = setTimeout(() => {
      // Fastify's close waits for every connection that still has a request; end them.
      cut = true;
      console.error(`drain deadline of ${config.drainSeconds} s reached: closing the connections still busy`);
      app.server.closeAllConnections();
    }, drainMs);
    // Last resort should a step hang (a stuck query): exit non-zero; the exit hook of
    // platform/db/embedded.ts still signals the embedded postmaster to shut down.
    setTimeout(() => {
      console.error('shutdown did not finish in time: exiting');
      process.exit(1);
    }, drainMs + 30_000).unref();
    let failed = false;
    const step = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        failed = true;
        console.error(`shutdown: ${what} failed:`, JSON.stringify(safeError(err)));
      }
    };
    // A keep-alive connection whose request finished during the drain would hold the close
    // until the client let go (Fastify closes idle connections only once, at the start).
    const idle = setInterval(() => app.server.closeIdleConnections(), 200);
    await Promise.all([
      step('closing the HTTP server', () => app.close()), // stops accepting, drains in-flight requests
      step('stopping the jobs', () => jobs.stop()), // pg-boss: lets running jobs finish (graceful, 10 s)
    ]);
    clearTimeout(deadline);
    clearInterval(idle);
    await step('closing the database pool', () => database.close());
    await step('stopping the embedded PostgreSQL', () => pg.stop());
    console.log(cut || failed ? `${signal}: stopped, but ${cut ? 'the drain deadline cut requests short' : 'a step failed'}` : `${signal}: stopped`);
    process.exit(cut || failed ? 1 : 0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof StartupError ? err.message : err);
  process.exit(1);
});

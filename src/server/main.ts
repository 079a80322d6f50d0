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
import { registerPlanJobs } from './modules/plan/jobs.js';
import { registerAuthJobs } from './platform/auth/forgot.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins, loadDemoData } from '../../scripts/demo/load.js';

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
  registerPlatformJobs({ database, mailer, adminUrl: pg.url });
  registerPlanJobs({ database, mailer, publicUrl: config.publicUrl });
  registerAuthJobs({ config, database, mailer });
  // Kind and codes only: a failed query's message can carry the values of the job's data.
  const jobs = await startJobs(pg.url, (err) => console.error('job error:', JSON.stringify(safeError(err))));
  const demoLoaded = config.demo ? await loadDemoData(pg.url) : false;
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
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await app.close(); // stops accepting, drains in-flight requests
    await jobs.stop();
    await database.close();
    await pg.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof StartupError ? err.message : err);
  process.exit(1);
});

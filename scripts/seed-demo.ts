/**
 * `npm run seed:demo`: loads the demo data (scripts/demo/load.ts: a fictional police zone, a
 * federal unit, AIG and Comité P, one login per role) into an empty database, after migrating
 * it. Uses DATABASE_URL, or the embedded cluster under KOMPAS_DATA_DIR (joins a running
 * server's cluster, starts and stops it otherwise). The server does the same at start when
 * KOMPAS_DEMO=1; this tool is for a database that runs without it.
 * Exit code 0 when loaded, 1 when refused (the database already holds organisations: nothing
 * is changed), 2 on bad usage, configuration or a failure.
 */
import { cliInputs, consoleIo, noArguments, runAsCli, type Io } from './cli.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoLogins, loadDemoData, saveDemoNotes } from './demo/load.js';
import { runMigrations } from '../src/server/platform/db/migrate.js';
import { resolveDatabaseUrl } from '../src/server/platform/db/resolve.js';

const USAGE = 'usage: npm run seed:demo   (loads the demo organisations into an empty database)';

export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io = consoleIo): Promise<number> {
  const inputs = cliInputs(argv, env, io, noArguments(USAGE));
  if (!inputs) return 2;
  const { config } = inputs;
  const database = await resolveDatabaseUrl(config, io.err);
  try {
    await runMigrations(database.url);
    const notes: string[] = [];
    if (!(await loadDemoData(database.url, undefined, notes))) {
      io.err('the database already holds organisations; demo data loads only into an empty database, nothing was changed');
      return 1;
    }
    io.out(`Demo data loaded. Logins (password for all: ${DEMO_PASSWORD}):`);
    for (const l of demoLogins()) io.out(`  ${l.email.padEnd(36)} ${l.roles}`);
    io.out(`Accounts marked (TOTP) need a code: \`npm run demo:totp\` prints it (secret ${DEMO_TOTP_SECRET}).`);
    for (const line of notes) io.out(line);
    // Printed again by the server at each start (the embedded cluster's data dir is the server's).
    if (database.embedded) saveDemoNotes(config.dataDir, notes);
    return 0;
  } finally {
    await database.stop();
  }
}

runAsCli(import.meta.url, 'seed:demo', main);

/**
 * `npm run keys:rotate`: re-seals every sealed value (TOTP and identity-provider secrets, plan
 * notes, evidence files) under a new key, in one transaction. Stop the server first. Uses
 * DATABASE_URL, or the embedded cluster under KOMPAS_DATA_DIR. Exit code 0 done, 1 refused
 * (server running, wrong or missing key), 2 bad usage or configuration.
 */
import { cliInputs, consoleIo, noArguments, runAsCli, type Io } from './cli.js';
// The application's modules register their sealed columns when loaded: the same set as the server.
import '../src/server/app.js';
import { rotateSealingKey, RotationRefused, SealingKeyError } from '../src/server/platform/crypto/index.js';
import { resolveDatabaseUrl } from '../src/server/platform/db/resolve.js';
import { runMigrations } from '../src/server/platform/db/migrate.js';

export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io = consoleIo): Promise<number> {
  const inputs = cliInputs(argv, env, io, noArguments('usage: npm run keys:rotate   (stop the server first)'));
  if (!inputs) return 2;
  const { config } = inputs;
  const database = await resolveDatabaseUrl(config, io.err);
  try {
    await runMigrations(database.url);
    const r = await rotateSealingKey(database.url, config.dataDir, env, io.out);
    io.out(`re-sealed: ${Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    return 0;
  } catch (err) {
    if (err instanceof RotationRefused || err instanceof SealingKeyError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.stop();
  }
}

runAsCli(import.meta.url, 'keys:rotate', main);

/**
 * `npm run audit:verify [-- --org <uuid>]`: recomputes the audit hash chains and names the
 * first broken link. Uses DATABASE_URL, or the embedded cluster under KOMPAS_DATA_DIR (joins
 * a running server's cluster through its postmaster.pid, starts and stops it otherwise).
 * Exit code 0 when intact, 1 when broken, 2 on bad usage or configuration.
 */
import { cliInputs, consoleIo, runAsCli, type Io } from './cli.js';
import pg from 'pg';
import { z } from 'zod';
import { chainPendingAuditEvents } from '../src/server/platform/audit/sequencer.js';
import { verifyAuditChain } from '../src/server/platform/audit/verify.js';
import { resolveDatabaseUrl } from '../src/server/platform/db/resolve.js';


const USAGE = 'usage: npm run audit:verify [-- --org <organisation uuid>]';

function parseArgs(argv: string[]): { org?: string } | string {
  let org: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--org' || a.startsWith('--org=')) {
      const v = a === '--org' ? argv[++i] : a.slice('--org='.length);
      if (!v || !z.uuid().safeParse(v).success) return `--org needs an organisation uuid\n${USAGE}`;
      org = v;
    } else if (a === '--help' || a === '-h') {
      return USAGE;
    } else {
      return `unknown argument ${a}\n${USAGE}`;
    }
  }
  return { org };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io = consoleIo): Promise<number> {
  const inputs = cliInputs(argv, env, io, parseArgs);
  if (!inputs) return 2;
  const { args, config } = inputs;
  const database = await resolveDatabaseUrl(config, io.err);
  // The owner connection: it sees every organisation's events (verification sets kompas.scope itself).
  const client = new pg.Client({ connectionString: database.url, application_name: 'kompas-audit-verify' });
  try {
    await client.connect();
    let r;
    try {
      // Chain what is committed first (the job does it every few seconds; the server may be down),
      // so that the tail left to report is what was appended since.
      await chainPendingAuditEvents(client, { chainKey: args.org });
      // One snapshot: events chained while we read must not look like a moved chain head.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      r = await verifyAuditChain(client, { chainKey: args.org });
    } catch (err) {
      // undefined_table, or undefined_function: a database migrated before the sequencer existed
      if (!['42P01', '42883'].includes((err as { code?: string }).code ?? '')) throw err;
      io.err('this database has no audit log yet: start the server once so it migrates');
      return 2;
    }
    await client.query('COMMIT');
    if (r.unchained > 0) {
      io.out(`${r.unchained} events appended meanwhile are not chained yet (checked for consistency only)`);
    }
    if (r.staleUnchained > 0) {
      io.err(`warning: ${r.staleUnchained} events have waited more than 5 minutes to be chained (oldest ${r.oldestUnchainedAt}): `
        + 'is the audit-sequence job running?');
    }
    if (r.intact) {
      io.out(`intact: ${r.events} events in ${r.chains} chains`);
      return 0;
    }
    const b = r.firstBreak!;
    io.out(`BROKEN at chain ${b.chainKey} seq ${b.chainSeq} (event id ${b.eventId}): ${b.reason}`);
    return 1;
  } finally {
    await client.end().catch(() => {});
    await database.stop();
  }
}

runAsCli(import.meta.url, 'audit:verify', main);

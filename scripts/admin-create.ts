/**
 * `npm run admin:create -- --email a@b.be [--name "An Peeters"] [--org CODE]`: creates a
 * platform administrator without password and prints a one-time link (valid 24 hours) to
 * choose one. With --org, also grants 'administrator' in that organisation. Uses DATABASE_URL
 * or the embedded cluster under KOMPAS_DATA_DIR, migrates first, reads no stdin.
 * Exit code 0 on success, 1 when refused (existing e-mail, unknown organisation), 2 on bad
 * usage or configuration.
 */
import { parseArgs } from 'node:util';
import { cliInputs, consoleIo, runAsCli, type Io } from './cli.js';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../src/server/platform/audit/service.js';
import { email as emailSchema } from '../src/server/platform/auth/contract.js';
import * as repo from '../src/server/platform/auth/repo.js';
import { createPasswordToken, passwordLink } from '../src/server/platform/auth/service.js';
import { runMigrations } from '../src/server/platform/db/migrate.js';
import { createDatabase } from '../src/server/platform/db/pool.js';
import { resolveDatabaseUrl } from '../src/server/platform/db/resolve.js';
import { withSystemTx } from '../src/server/platform/db/tx.js';


const USAGE = 'usage: npm run admin:create -- --email <address> [--name "<display name>"] [--org <organisation code>]';
const LINK_MINUTES = 24 * 60;

class Refused extends Error {}

function parse(argv: string[]): { email: string; name?: string; org?: string } | string {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: {
      email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    } }));
  } catch (err) {
    return `${(err as Error).message}\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const e = emailSchema.safeParse(values.email ?? '');
  if (!e.success) return `--email needs a valid e-mail address\n${USAGE}`;
  const name = z.string().trim().min(1).max(200).optional().safeParse(values.name);
  if (!name.success) return `--name must be 1 to 200 characters\n${USAGE}`;
  if (values.org !== undefined && (values.org.length === 0 || values.org.length > 64)) return `--org needs an organisation code\n${USAGE}`;
  return { email: e.data, name: name.data, org: values.org };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io = consoleIo): Promise<number> {
  const inputs = cliInputs(argv, env, io, parse);
  if (!inputs) return 2;
  const { args, config } = inputs;
  const pg = await resolveDatabaseUrl(config, io.err);
  const database = await createDatabase(pg.url, { max: 1 });
  try {
    await runMigrations(pg.url);
    const token = await withSystemTx(database.db, async (tx) => {
      if (await repo.userByEmail(tx, args.email)) throw new Refused(`an account with e-mail ${args.email} already exists; nothing was changed (to regain access, use "forgot password" on the sign-in page)`);
      let orgId: string | undefined;
      if (args.org) {
        const r = await tx.execute<{ id: string }>(sql`SELECT id FROM organisation WHERE code = ${args.org}`);
        orgId = r.rows[0]?.id;
        if (!orgId) throw new Refused(`no organisation with code ${args.org}; nothing was changed`);
      }
      const userId = await repo.insertUser(tx, { email: args.email, displayName: args.name ?? args.email.split('@')[0], locale: 'nl', isPlatformAdmin: true });
      if (!userId) throw new Refused(`an account with e-mail ${args.email} already exists; nothing was changed`);
      const ctx = { actorUserId: null, ip: null };
      await recordAudit(tx, ctx, { organisationId: null, action: 'user.create', recordType: 'user', recordId: userId, details: { via: 'admin:create', platformAdmin: true } });
      if (orgId) {
        // A direct grant, as a DBA would make it: the bootstrap happens before anyone may use the roles screens.
        const r = await tx.execute<{ id: string }>(sql`
          INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES (${orgId}, ${userId}, 'administrator', current_date) RETURNING id`);
        await recordAudit(tx, ctx, { organisationId: orgId, action: 'role.assign', recordType: 'role_assignment', recordId: r.rows[0].id, details: { userId, role: 'administrator', via: 'admin:create' } });
      }
      return createPasswordToken(tx, userId, 'reset', LINK_MINUTES);
    });
    io.out(`Platform administrator ${args.email} created${args.org ? `, administrator of ${args.org}` : ''}.`);
    io.out(`Open this link within 24 hours to choose the password (it works once):`);
    io.out(passwordLink(config.publicUrl, token, 'invite'));
    return 0;
  } catch (err) {
    if (err instanceof Refused) {
      io.err(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
    await pg.stop();
  }
}

runAsCli(import.meta.url, 'admin:create', main);

import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { withSystemTx } from '../db/tx.js';
import type { Deps } from '../deps.js';
import { defineJob, type JobHandler } from '../jobs/index.js';
import { issuePasswordLink } from './personal-links.js';
import * as repo from './repo.js';
import { signInKeys } from './sign-in-keys.js';
import { purgeForgotten } from './throttle.js';

/**
 * "Forgot password" does the same work for every address: the request only hands the address to
 * a background job, sealed (the job table is no place for addresses in clear), and answers 202.
 * Whether an account exists is looked up by the job, so neither the answer nor its timing tells.
 */
export const FORGOT_JOB = 'auth-password-forgot';
const request = z.object({ email: z.string().max(254), ip: z.string().max(64).nullable() });

export async function requestPasswordReset(deps: Pick<Deps, 'config' | 'jobs'>, ip: string | null, email: string): Promise<void> {
  const sealed = signInKeys(deps.config.dataDir).seal(JSON.stringify({ email, ip }));
  await deps.jobs.send(FORGOT_JOB, { request: sealed });
}

/** The job: mails a reset link when the address has an account that is not disabled; otherwise nothing. */
export function forgotPasswordJob(deps: Pick<Deps, 'config' | 'database' | 'mailer'>): JobHandler {
  return async (data) => {
    const opened = typeof data.request === 'string' ? signInKeys(deps.config.dataDir).open(data.request) : null;
    const parsed = opened ? request.safeParse(JSON.parse(opened)) : null;
    if (!parsed?.success) return; // sealed under another key (rotated) or not ours: nothing to do
    const { email, ip } = parsed.data;
    const db = deps.database.db;
    const u = await repo.userByEmail(db, email);
    if (!u || u.disabledAt) return;
    await withSystemTx(db, async (tx) => {
      await issuePasswordLink(tx, deps, u.id, 'reset');
      // In the trail of the account's home organisation, like every event about an account (docs/security.md).
      await recordAudit(tx, { actorUserId: null, ip }, { organisationId: u.homeOrganisationId, action: 'auth.password_reset_request', recordType: 'user', recordId: u.id });
    });
  };
}

/** Background work of the auth module; main.ts registers it before the jobs start. */
export function registerAuthJobs(deps: Pick<Deps, 'config' | 'database' | 'mailer'>): void {
  defineJob({ name: FORGOT_JOB, handler: forgotPasswordJob(deps) });
  defineJob({ name: 'sign-in-throttle-cleanup', cron: '23 * * * *', handler: async () => { await purgeForgotten(deps.database.db); } });
}

import pg from 'pg';
import { chainPendingAuditEvents } from '../audit/sequencer.js';
import { guardClient, type Database } from '../db/pool.js';
import type { Mailer } from '../mail/index.js';
import { registerDeadlineJobs } from '../deadlines/jobs.js';
import { defineJob } from './index.js';

/** Housekeeping every install needs: mail delivery, audit chaining and partitions, expired sessions, deadline reminders. */
export function registerPlatformJobs(deps: { database: Database; mailer: Mailer; adminUrl: string; publicUrl: string }): void {
  // Reminders, notices and escalations of every module's deadlines: one daily job (platform/deadlines).
  registerDeadlineJobs(deps);
  // Requests append audit events unchained; this chains them within seconds (decision 0003). The
  // database function runs as the table's owner, so the request pool may call it.
  defineJob({
    name: 'audit-sequence',
    everySeconds: 2,
    cron: '* * * * *',
    handler: async () => { await chainPendingAuditEvents(deps.database.pool, { maxMs: 20_000 }); },
  });
  defineJob({ name: 'mail-deliver', cron: '* * * * *', handler: async () => { await deps.mailer.deliverQueued(); } });
  defineJob({
    name: 'audit-partitions',
    cron: '17 3 * * *',
    handler: async () => {
      // Partition DDL needs the owner role, not the restricted application role.
      const client = new pg.Client({ connectionString: deps.adminUrl });
      guardClient(client); // a connection ended mid-job fails the job, not the process
      await client.connect();
      try {
        await client.query(`SELECT audit_ensure_partitions(date_trunc('month', now())::date, 3)`);
      } finally {
        await client.end();
      }
    },
  });
  defineJob({
    name: 'session-cleanup',
    cron: '41 * * * *',
    handler: async () => {
      await deps.database.pool.query(`DELETE FROM user_session WHERE revoked_at < now() - interval '30 days' OR last_seen_at < now() - interval '30 days'`);
      await deps.database.pool.query(`DELETE FROM password_reset WHERE expires_at < now() - interval '7 days'`);
    },
  });
}

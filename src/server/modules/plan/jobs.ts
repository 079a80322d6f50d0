import type { Database } from '../../platform/db/pool.js';
import { defineJob } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { makePlanService } from './service.js';

/**
 * Daily plan jobs (UTC). The handlers are the service functions, which take "today" so tests
 * run them for any date; each is idempotent (reminders and listings remember what was sent).
 */
export function registerPlanJobs(deps: { database: Database; mailer: Mailer; publicUrl: string }): void {
  const svc = makePlanService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.publicUrl });
  defineJob({ name: 'plan-activate', cron: '5 0 * * *', handler: async () => { await svc.activateDuePlans(); } });
  defineJob({ name: 'plan-due-reminders', cron: '0 6 * * *', handler: async () => { await svc.sendDueReminders(); } });
  defineJob({ name: 'plan-monthly-listing', cron: '30 6 * * *', handler: async () => { await svc.sendMonthlyListings(); } });
}

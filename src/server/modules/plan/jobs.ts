import type { Database } from '../../platform/db/pool.js';
import { defineJob } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { makePlanService } from './service.js';

/**
 * Daily plan jobs (UTC). The handlers are the service functions, which take "today" so tests
 * run them for any date; each is idempotent (listings remember what was sent). Due-date reminders
 * are the platform's daily job `deadline-reminders` (kind plan.action_due, see plan-reminders.ts).
 */
export function registerPlanJobs(deps: { database: Database; mailer: Mailer; publicUrl: string }): void {
  const svc = makePlanService({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.publicUrl });
  defineJob({ name: 'plan-activate', cron: '5 0 * * *', handler: async () => { await svc.activateDuePlans(); } });
  defineJob({ name: 'plan-monthly-listing', cron: '30 6 * * *', handler: async () => { await svc.sendMonthlyListings(); } });
}

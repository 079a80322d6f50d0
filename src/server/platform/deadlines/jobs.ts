import type { Database } from '../db/pool.js';
import { defineJob } from '../jobs/index.js';
import type { Mailer } from '../mail/index.js';
import { isIsoDay } from './service.js';
import { runDeadlineReminders } from './run.js';

/**
 * One daily job for the deadlines of every module (06:00 UTC, 07:00 or 08:00 in Belgium). Sending
 * `{ today: 'yyyy-mm-dd' }` to the queue runs it for that day (an operator replaying a missed day);
 * every step goes out once, so a replay sends only what is still owed.
 */
export function registerDeadlineJobs(deps: { database: Database; mailer: Mailer; publicUrl: string }): void {
  defineJob({
    name: 'deadline-reminders',
    cron: '0 6 * * *',
    handler: async (data) => {
      const today = isIsoDay(data.today) ? data.today : undefined;
      await runDeadlineReminders({ db: deps.database.db, mailer: deps.mailer, publicUrl: deps.publicUrl }, { today });
    },
  });
}

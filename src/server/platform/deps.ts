import type { Config } from './config.js';
import type { Database } from './db/pool.js';
import type { Jobs } from './jobs/index.js';
import type { Mailer } from './mail/index.js';

/** What a module's routes and services are built with; passed in, never imported, so tests build their own. */
export interface Deps {
  config: Config;
  database: Database;
  /** Owner-role connection string (migrations, jobs, audit verification). */
  adminUrl: string;
  mailer: Mailer;
  jobs: Jobs;
  /**
   * The day in Belgium (yyyy-mm-dd) for services that read one. Tests only (createTestApp's
   * `today`): it moves the clock of a running app, e.g. to see a deadline go overdue in the
   * browser. The server's start never sets it, and no setting or variable does: production runs
   * on the real day (`todayInBelgium()`).
   */
  today?: () => string;
}

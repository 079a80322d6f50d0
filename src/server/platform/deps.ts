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
}

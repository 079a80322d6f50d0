import PgBoss from 'pg-boss';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface JobDefinition {
  name: string;
  /** Cron expression (UTC) when the job runs on a schedule. */
  cron?: string;
  /**
   * Also queue it every this many seconds (cron's finest step is a minute). The send is a pg-boss
   * singleton per time slot, so several server processes still queue it once per slot.
   */
  everySeconds?: number;
  handler: JobHandler;
}

/** Background work on pg-boss in the same process and database; no Redis. */
export interface Jobs {
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
  readonly running: boolean;
}

const definitions: JobDefinition[] = [];

export function defineJob(def: JobDefinition): void {
  if (!definitions.some((d) => d.name === def.name)) definitions.push(def);
}

export function jobDefinitions(): readonly JobDefinition[] {
  return definitions;
}

/** Jobs that are not started (tests, command-line tools): sending is a no-op that says so. */
export const idleJobs: Jobs = { send: async () => null, stop: async () => {}, running: false };

export async function startJobs(adminUrl: string, onError: (err: Error) => void): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: adminUrl, schema: 'pgboss', max: 3 });
  boss.on('error', onError);
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
  for (const def of definitions) {
    await boss.createQueue(def.name);
    const work = async (jobs: PgBoss.Job<object>[]) => {
      for (const job of jobs) await def.handler((job.data ?? {}) as Record<string, unknown>);
    };
    if (def.everySeconds) {
      await boss.work(def.name, { pollingIntervalSeconds: Math.max(0.5, def.everySeconds / 2) }, work);
      const every = def.everySeconds;
      const tick = () => { boss.send(def.name, {}, { singletonKey: def.name, singletonSeconds: every }).catch(onError); };
      timers.push(setInterval(tick, every * 1000).unref());
    } else {
      await boss.work(def.name, work);
    }
    if (def.cron) await boss.schedule(def.name, def.cron);
  }
  // pg-boss keeps schedules in the database: a job that left the code (or lost its cron) must stop
  // firing into a queue nobody works (the plan's due-date reminders became deadline-reminders).
  for (const s of await boss.getSchedules()) {
    if (!definitions.some((d) => d.name === s.name && d.cron)) await boss.unschedule(s.name);
  }
  return {
    running: true,
    send: (name, data = {}) => boss.send(name, data),
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

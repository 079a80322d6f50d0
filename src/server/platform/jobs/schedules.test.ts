import { afterAll, beforeAll, expect, it } from 'vitest';
import PgBoss from 'pg-boss';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { defineJob, startJobs } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('drops the schedule of a job that left the code, and keeps those of the defined jobs', async () => {
  // A schedule left in the database by an earlier version (as plan-due-reminders was).
  const old = new PgBoss({ connectionString: t.db.url, schema: 'pgboss', supervise: false, schedule: false });
  await old.start();
  await old.createQueue('kompas-test-retired');
  await old.schedule('kompas-test-retired', '0 6 * * *');
  await old.stop({ graceful: false });
  defineJob({ name: 'kompas-test-daily', cron: '0 5 * * *', handler: async () => {} });
  const jobs = await startJobs(t.db.url, () => {});
  try {
    const boss = new PgBoss({ connectionString: t.db.url, schema: 'pgboss', supervise: false, schedule: false });
    await boss.start();
    const names = (await boss.getSchedules()).map((s) => s.name);
    await boss.stop({ graceful: false });
    expect(names).toContain('kompas-test-daily');
    expect(names).not.toContain('kompas-test-retired');
  } finally {
    await jobs.stop();
  }
});

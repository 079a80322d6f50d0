import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PgBoss from 'pg-boss';
import { anonymous, createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import { defineJob, idleJobs, startJobs } from '../../platform/jobs/index.js';
import { createMailer } from '../../platform/mail/index.js';

let t: TestApp;
let orgA: string;
let orgB: string;
let adminA: Session;
let adminB: Session;
let staffA: Session;
let platform: Session;
const mails: Record<string, string> = {};

async function mail(key: string, org: string | null, status: string, extra: { attempts?: number; error?: string; sentAt?: string } = {}) {
  const [r] = await ownerQuery<{ id: string }>(t,
    `INSERT INTO mail_outbox (organisation_id, to_address, locale, template, subject, body_text, status, attempts, last_error, sent_at, created_at)
     VALUES ($1, $2, 'nl', 'report.assigned', $3, $4, $5, $6, $7, $8, now() - make_interval(mins => 100 - $9)) RETURNING id`,
    [org, `${key}@zone.example`, `Subject ${key}`, `Beste An Peeters, dossier ${key}`, status, extra.attempts ?? 0, extra.error ?? null, extra.sentAt ?? null, Object.keys(mails).length]);
  mails[key] = r.id;
}

const auditCount = async (action: string, recordId: string) =>
  (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND record_id = $2`, [action, recordId]))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  orgA = await createOrganisation(t);
  orgB = await createOrganisation(t);
  adminA = await sessionFor(t, (await createUser(t, { roles: [{ orgId: orgA, role: 'administrator' }] })).id);
  adminB = await sessionFor(t, (await createUser(t, { roles: [{ orgId: orgB, role: 'administrator' }] })).id);
  staffA = await sessionFor(t, (await createUser(t, { roles: [{ orgId: orgA, role: 'staff_member' }, { orgId: orgA, role: 'dpo' }] })).id);
  platform = await sessionFor(t, (await createUser(t, { platformAdmin: true })).id);
  await mail('a1', orgA, 'outbox');
  await mail('a2', orgA, 'failed', { attempts: 5, error: 'connect ECONNREFUSED 127.0.0.1:25' });
  await mail('a3', orgA, 'sent', { attempts: 1, sentAt: new Date().toISOString() });
  await mail('b1', orgB, 'outbox');
  await mail('p1', null, 'failed', { attempts: 5, error: 'timeout' });
});
afterAll(async () => { await t?.close(); });

describe('outbox of an organisation', () => {
  it('lists the organisation\'s mails without their body, newest first, filtered and paged', async () => {
    const r = await adminA.get(`/api/orgs/${orgA}/outbox`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(body.items.map((m: { to: string }) => m.to)).toEqual(['a3@zone.example', 'a2@zone.example', 'a1@zone.example']);
    expect(body.items[1]).toEqual({
      id: mails.a2, organisationId: orgA, to: 'a2@zone.example', subject: 'Subject a2', template: 'report.assigned', status: 'failed',
      attempts: 5, createdAt: expect.any(String), sentAt: null, error: 'connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(r.body).not.toContain('Peeters');
    expect((await adminA.get(`/api/orgs/${orgA}/outbox?status=failed`)).json().items.map((m: { id: string }) => m.id)).toEqual([mails.a2]);
    expect((await adminA.get(`/api/orgs/${orgA}/outbox?page=2`)).json()).toMatchObject({ items: [], page: 2, total: 3 });
  });

  it('shows the body in the detail and audits that read on the organisation', async () => {
    const r = await adminA.get(`/api/orgs/${orgA}/outbox/${mails.a1}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: mails.a1, body: 'Beste An Peeters, dossier a1', locale: 'nl' });
    const [ev] = await ownerQuery<{ organisation_id: string; details: object; raw: string }>(t,
      `SELECT organisation_id, details, details::text AS raw FROM audit_event WHERE action = 'mail.read' AND record_id = $1`, [mails.a1]);
    expect(ev.organisation_id).toBe(orgA);
    expect(ev.details).toEqual({ template: 'report.assigned' });
  });

  it('keeps organisations apart and refuses other roles', async () => {
    const r = await adminA.get(`/api/orgs/${orgA}/outbox/${mails.b1}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('not_found');
    expect(await auditCount('mail.read', mails.b1)).toBe(0);
    expect((await adminB.get(`/api/orgs/${orgA}/outbox`)).statusCode).toBe(403);
    expect((await adminB.get(`/api/orgs/${orgA}/outbox/${mails.a1}`)).statusCode).toBe(403);
    expect((await staffA.get(`/api/orgs/${orgA}/outbox`)).statusCode).toBe(403);
    expect((await anonymous(t).get(`/api/orgs/${orgA}/outbox`)).statusCode).toBe(401);
    // The platform's own mails (no organisation) are not in any organisation's outbox.
    expect((await adminA.get(`/api/orgs/${orgA}/outbox/${mails.p1}`)).statusCode).toBe(404);
  });

  it('refuses hostile query strings and ids', async () => {
    for (const qs of ['status=deleted', 'status=%3Cscript%3E', 'page=0', 'page=-1', 'page=abc', 'page=10001', 'page=1&page=2', 'limit=1000', `status=${'x'.repeat(5000)}`, "status=failed' OR '1'='1"]) {
      const r = await adminA.get(`/api/orgs/${orgA}/outbox?${qs}`);
      expect(r.statusCode, qs).toBe(400);
      expect(r.json().code, qs).toBe('validation_failed');
    }
    for (const id of ['42', "x' OR '1'='1", '%3Cscript%3E']) {
      expect((await adminA.get(`/api/orgs/${orgA}/outbox/${id}`)).statusCode, id).toBe(400);
    }
    expect((await adminA.get(`/api/orgs/${orgA}/outbox/${mails.a1}?x=1`)).statusCode).toBe(200); // no query schema: ignored, read-only
  });
});

describe('platform outbox', () => {
  it('lists every mail, with those without organisation, for the platform administrator only', async () => {
    const r = await platform.get('/api/admin/outbox');
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(5);
    expect(r.json().items.map((m: { id: string }) => m.id)).toContain(mails.p1);
    expect((await platform.get(`/api/admin/outbox?organisationId=${orgB}`)).json().items.map((m: { id: string }) => m.id)).toEqual([mails.b1]);
    expect((await platform.get('/api/admin/outbox?status=failed')).json().total).toBe(2);
    expect((await adminA.get('/api/admin/outbox')).statusCode).toBe(403);
    expect((await platform.get('/api/admin/outbox?organisationId=zone-a')).statusCode).toBe(400);
  });

  it('audits a platform administrator\'s read of a body on the mail\'s organisation', async () => {
    expect((await platform.get(`/api/admin/outbox/${mails.b1}`)).json().body).toBe('Beste An Peeters, dossier b1');
    const [ev] = await ownerQuery<{ organisation_id: string | null }>(t, `SELECT organisation_id FROM audit_event WHERE action = 'mail.read' AND record_id = $1`, [mails.b1]);
    expect(ev.organisation_id).toBe(orgB);
    expect((await platform.get(`/api/admin/outbox/${mails.p1}`)).statusCode).toBe(200);
    const [p] = await ownerQuery<{ organisation_id: string | null }>(t, `SELECT organisation_id FROM audit_event WHERE action = 'mail.read' AND record_id = $1`, [mails.p1]);
    expect(p.organisation_id).toBeNull();
    expect((await platform.get('/api/admin/outbox/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('retrying a failed mail', () => {
  const retry = (s: Session, id: string, body?: unknown) => s.post(`/api/admin/outbox/${id}/retry`, body);
  const statusOf = async (id: string) => (await ownerQuery<{ status: string; attempts: number; last_error: string | null }>(t, `SELECT status, attempts, last_error FROM mail_outbox WHERE id = $1`, [id]))[0];

  it('is refused without a mail server, and the mail stays failed', async () => {
    const r = await retry(platform, mails.a2);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'mail_smtp_missing', message: expect.stringContaining('No mail server') });
    expect((await statusOf(mails.a2)).status).toBe('failed');
  });

  it('puts a failed mail back in the queue with a fresh attempt budget, audited', async () => {
    t.deps.mailer = createMailer(t.db.db, { smtpUrl: 'smtp://127.0.0.1:9', from: 'Kompas <no-reply@kompas.local>' });
    try {
      expect((await retry(adminA, mails.a2)).statusCode).toBe(403);
      expect((await retry(platform, mails.a2, { force: true })).statusCode).toBe(400);
      expect((await platform.request('POST', `/api/admin/outbox/${mails.a2}/retry`, '{"force":', { 'content-type': 'application/json' })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'POST', url: `/api/admin/outbox/${mails.a2}/retry`, cookies: platform.cookies })).statusCode).toBe(403); // no CSRF token
      expect(await statusOf(mails.a2)).toEqual({ status: 'failed', attempts: 5, last_error: 'connect ECONNREFUSED 127.0.0.1:25' });

      const r = await retry(platform, mails.a2);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ id: mails.a2, status: 'queued' });
      expect(await statusOf(mails.a2)).toEqual({ status: 'queued', attempts: 0, last_error: null });
      const [ev] = await ownerQuery<{ organisation_id: string; details: object }>(t, `SELECT organisation_id, details FROM audit_event WHERE action = 'mail.retry' AND record_id = $1`, [mails.a2]);
      expect(ev).toEqual({ organisation_id: orgA, details: { previousAttempts: 5 } });

      const again = await retry(platform, mails.a2);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('mail_not_retryable');
      expect((await retry(platform, mails.a3)).statusCode).toBe(409);
      expect((await retry(platform, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect(await auditCount('mail.retry', mails.a3)).toBe(0);
    } finally {
      t.deps.mailer = createMailer(t.db.db, { from: 'Kompas <no-reply@kompas.local>' });
    }
  });
});

describe('background jobs', () => {
  it('answers an empty, not-running state when pg-boss was never started', async () => {
    const r = await platform.get('/api/admin/jobs');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ running: false, installed: false, lastMaintenanceAt: null, queues: [], schedules: [], failed: [] });
    expect((await staffA.get('/api/admin/jobs')).statusCode).toBe(403);
  });

  it("refuses an organisation's administrator: the queue is the platform's, with other organisations' failures", async () => {
    const r = await adminA.get('/api/admin/jobs');
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('queues');
    expect((await adminB.get('/api/admin/jobs')).statusCode).toBe(403);
    expect((await anonymous(t).get('/api/admin/jobs')).statusCode).toBe(401);
  });

  it('reads queues, counts by state, schedules and the latest failures from pg-boss', async () => {
    defineJob({ name: 'kompas-test-nightly', cron: '0 3 * * *', handler: async () => {} });
    const jobs = await startJobs(t.db.url, () => {});
    t.deps.jobs = jobs;
    const boss = new PgBoss({ connectionString: t.db.url, schema: 'pgboss', supervise: false, schedule: false });
    await boss.start();
    try {
      for (const q of ['kompas-test-ok', 'kompas-test-fail']) await boss.createQueue(q, { name: q, retryLimit: 0 });
      await boss.send('kompas-test-ok', { n: 1 });
      await boss.send('kompas-test-ok', { n: 2 });
      const [ok] = await boss.fetch('kompas-test-ok');
      await boss.complete('kompas-test-ok', ok.id);
      await boss.send('kompas-test-fail', {});
      const [bad] = await boss.fetch('kompas-test-fail');
      await boss.fail('kompas-test-fail', bad.id, { message: `SMTP relay refused ${'x'.repeat(2000)}`, stack: 'at secret/path.js:1' });

      const r = await platform.get('/api/admin/jobs');
      expect(r.statusCode).toBe(200);
      const s = r.json();
      expect(s).toMatchObject({ running: true, installed: true });
      const byName = Object.fromEntries(s.queues.map((q: { name: string }) => [q.name, q]));
      expect(byName['kompas-test-ok']).toMatchObject({ counts: { created: 1, completed: 1, failed: 0, active: 0, retry: 0 }, lastCompletedAt: expect.any(String), cron: null });
      expect(byName['kompas-test-fail']).toMatchObject({ counts: { failed: 1, created: 0 }, lastCompletedAt: null });
      expect(byName['kompas-test-nightly']).toMatchObject({ cron: '0 3 * * *' });
      expect(s.schedules).toContainEqual({ name: 'kompas-test-nightly', cron: '0 3 * * *', timezone: 'UTC', updatedAt: expect.any(String) });
      expect(s.failed).toHaveLength(1);
      expect(s.failed[0]).toMatchObject({ id: bad.id, queue: 'kompas-test-fail', retryCount: 0 });
      expect(s.failed[0].error).toMatch(/^SMTP relay refused x+$/);
      expect(s.failed[0].error).toHaveLength(500);
      expect(r.body).not.toContain('secret/path');
      expect((await adminB.get('/api/admin/jobs')).statusCode).toBe(403);
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await jobs.stop();
      t.deps.jobs = idleJobs;
    }
  });
});

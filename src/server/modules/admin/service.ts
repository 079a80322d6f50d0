import pg from 'pg';
import { recordAudit, type AuditContext } from '../../platform/audit/service.js';
import { guardPool, type Db, type Tx } from '../../platform/db/pool.js';
import { withOrgTx, withSystemTx } from '../../platform/db/tx.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { OUTBOX_PAGE_SIZE, type AdminOutboxQuery, type JobsState, type MailDetail, type MailSummary, type OutboxQuery } from './contract.js';
import { getMail, listMails, pgbossInstalled, pgbossState, requeueFailedMail, type MailRow } from './repo.js';

export interface AdminDeps {
  db: Db;
  /** Owner connection string: pg-boss's schema is not readable by the application role. */
  adminUrl: string;
  mailer: Pick<Mailer, 'smtpConfigured'>;
  jobs: Pick<Jobs, 'running' | 'send'>;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function summary(m: MailRow): MailSummary {
  return {
    id: m.id, organisationId: m.organisationId, to: m.toAddress, subject: m.subject, template: m.template, status: m.status,
    attempts: m.attempts, createdAt: m.createdAt.toISOString(), sentAt: iso(m.sentAt), error: m.lastError,
  };
}

function detail(m: MailRow): MailDetail {
  return { ...summary(m), locale: m.locale, body: m.bodyText };
}

export function makeAdminService(deps: AdminDeps) {
  let bossPool: pg.Pool | undefined;
  const owner = () => {
    if (!bossPool) {
      // A connection closed by the server is simply replaced; it must not crash the process.
      bossPool = guardPool(new pg.Pool({ connectionString: deps.adminUrl, max: 2, application_name: 'kompas-admin-jobs', connectionTimeoutMillis: 10_000 }), () => {});
    }
    return bossPool;
  };
  const page = (q: OutboxQuery) => ({ limit: OUTBOX_PAGE_SIZE, offset: (q.page - 1) * OUTBOX_PAGE_SIZE });

  /** Reading a body is audited on the mail's organisation, so its DPO sees who read it. */
  async function readMail(tx: Tx, ctx: AuditContext, m: MailRow): Promise<MailDetail> {
    await recordAudit(tx, ctx, { organisationId: m.organisationId, action: 'mail.read', recordType: 'mail', recordId: m.id, details: { template: m.template } });
    return detail(m);
  }

  return {
    async orgOutbox(orgId: string, q: OutboxQuery) {
      const { limit, offset } = page(q);
      const { rows, total } = await withOrgTx(deps.db, orgId, (tx) => listMails(tx, { organisationId: orgId, status: q.status }, limit, offset));
      return { items: rows.map(summary), page: q.page, pageSize: OUTBOX_PAGE_SIZE, total };
    },

    async orgMail(ctx: AuditContext, orgId: string, mailId: string): Promise<MailDetail> {
      return withOrgTx(deps.db, orgId, async (tx) => {
        const m = await getMail(tx, mailId, orgId);
        if (!m) throw notFound('mail');
        return readMail(tx, ctx, m);
      });
    },

    async platformOutbox(q: AdminOutboxQuery) {
      const { limit, offset } = page(q);
      const { rows, total } = await withSystemTx(deps.db, (tx) => listMails(tx, { organisationId: q.organisationId, status: q.status }, limit, offset));
      return { items: rows.map(summary), page: q.page, pageSize: OUTBOX_PAGE_SIZE, total };
    },

    async platformMail(ctx: AuditContext, mailId: string): Promise<MailDetail> {
      return withSystemTx(deps.db, async (tx) => {
        const m = await getMail(tx, mailId);
        if (!m) throw notFound('mail');
        return readMail(tx, ctx, m);
      });
    },

    /** A failed mail goes back to the queue; the delivery job picks it up at once when jobs run. */
    async retryMail(ctx: AuditContext, mailId: string): Promise<{ id: string; status: 'queued' }> {
      await withSystemTx(deps.db, async (tx) => {
        const m = await getMail(tx, mailId);
        if (!m) throw notFound('mail');
        if (!deps.mailer.smtpConfigured) throw conflict('mail_smtp_missing');
        if (!(await requeueFailedMail(tx, mailId))) throw conflict('mail_not_retryable', {}, 'status');
        await recordAudit(tx, ctx, {
          organisationId: m.organisationId, action: 'mail.retry', recordType: 'mail', recordId: m.id, details: { previousAttempts: m.attempts },
        });
      });
      await deps.jobs.send('mail-deliver');
      return { id: mailId, status: 'queued' };
    },

    async jobsState(): Promise<JobsState> {
      const running = deps.jobs.running;
      const empty: JobsState = { running, installed: false, lastMaintenanceAt: null, queues: [], schedules: [], failed: [] };
      if (!(await pgbossInstalled(owner()))) return empty;
      const s = await pgbossState(owner());
      const zero = () => ({ created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 });
      const counts = new Map<string, ReturnType<typeof zero>>();
      for (const c of s.counts) {
        const k = counts.get(c.name) ?? zero();
        if (c.state in k) k[c.state as keyof typeof k] = c.n;
        counts.set(c.name, k);
      }
      const last = new Map(s.completed.map((r) => [r.name, r.last]));
      const cron = new Map(s.schedules.map((r) => [r.name, r.cron]));
      return {
        running,
        installed: true,
        lastMaintenanceAt: iso(s.version?.maintained_on),
        queues: s.queues.map((q) => ({ name: q.name, policy: q.policy, counts: counts.get(q.name) ?? zero(), lastCompletedAt: iso(last.get(q.name)), cron: cron.get(q.name) ?? null })),
        schedules: s.schedules.map((r) => ({ name: r.name, cron: r.cron, timezone: r.timezone, updatedAt: r.updated_on.toISOString() })),
        failed: s.failed.map((f) => ({ id: f.id, queue: f.name, createdAt: f.created_on.toISOString(), failedAt: iso(f.completed_on), retryCount: f.retry_count, error: f.error })),
      };
    },

    async close() {
      await bossPool?.end();
      bossPool = undefined;
    },
  };
}

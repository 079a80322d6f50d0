import { z } from 'zod';
import { orgParams, orgParamsWith } from '../../platform/http/params.js';

export const MAIL_STATUSES = ['queued', 'sent', 'failed', 'outbox'] as const;
export const OUTBOX_PAGE_SIZE = 50;

export { orgParams };
export const orgMailParams = orgParamsWith({ mailId: z.uuid() });
export const mailParams = z.strictObject({ mailId: z.uuid() });

export const outboxQuery = z.strictObject({
  status: z.enum(MAIL_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type OutboxQuery = z.infer<typeof outboxQuery>;

/** The platform administrator may narrow the whole outbox to one organisation. */
export const adminOutboxQuery = outboxQuery.extend({ organisationId: z.uuid().optional() });
export type AdminOutboxQuery = z.infer<typeof adminOutboxQuery>;

/** A mail in the list: no body (it may name people); the body is in the audited detail. */
export const mailSummary = z.object({
  id: z.string(),
  organisationId: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  status: z.string(),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type MailSummary = z.infer<typeof mailSummary>;

export const mailDetail = mailSummary.extend({ locale: z.string(), body: z.string() });
export type MailDetail = z.infer<typeof mailDetail>;

export const outboxResponse = z.object({ items: z.array(mailSummary), page: z.number(), pageSize: z.number(), total: z.number() });

/** Actions that take no input refuse any body rather than ignore it. */
export const emptyBody = z.strictObject({}).optional();

export const retryResponse = z.object({ id: z.string(), status: z.literal('queued') });

const jobCounts = z.object({ created: z.number(), retry: z.number(), active: z.number(), completed: z.number(), failed: z.number(), cancelled: z.number() });

export const jobsResponse = z.object({
  /** Whether this server process runs the background jobs. */
  running: z.boolean(),
  /** Whether pg-boss has ever been installed in this database. */
  installed: z.boolean(),
  lastMaintenanceAt: z.string().nullable(),
  queues: z.array(z.object({
    name: z.string(),
    policy: z.string().nullable(),
    counts: jobCounts,
    lastCompletedAt: z.string().nullable(),
    cron: z.string().nullable(),
  })),
  schedules: z.array(z.object({ name: z.string(), cron: z.string(), timezone: z.string().nullable(), updatedAt: z.string() })),
  failed: z.array(z.object({
    id: z.string(), queue: z.string(), createdAt: z.string(), failedAt: z.string().nullable(), retryCount: z.number(), error: z.string().nullable(),
  })),
});
export type JobsState = z.infer<typeof jobsResponse>;

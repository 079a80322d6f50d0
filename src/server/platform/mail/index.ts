import nodemailer, { type Transporter } from 'nodemailer';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { MessageDescriptor } from '@lingui/core';
import type { Db, Queryable } from '../db/pool.js';
import type { Locale } from '../../../shared/roles.js';
import { translate } from '../i18n/index.js';
import { mailOutbox } from './schema.js';

/** A mail template: subject and body are catalog messages, so every mail exists in four languages. */
export interface MailTemplate {
  subject: MessageDescriptor;
  body: MessageDescriptor;
}

const templates = new Map<string, MailTemplate>();

export function registerMailTemplate(name: string, t: MailTemplate): void {
  templates.set(name, t);
}

export interface OutgoingMail {
  organisationId: string | null;
  to: string;
  locale: Locale;
  template: string;
  /** Values for the template: links and counts, never content of confidential files. */
  params: Record<string, string | number>;
}

export interface Mailer {
  /** Writes the mail to the outbox in the caller's transaction; delivery happens after commit. */
  enqueue(q: Queryable, mail: OutgoingMail): Promise<string>;
  /** Sends queued mails over SMTP; without SMTP they stay in the outbox for administrators. */
  deliverQueued(limit?: number): Promise<{ sent: number; failed: number }>;
  readonly smtpConfigured: boolean;
}

export function renderMail(mail: Pick<OutgoingMail, 'locale' | 'template' | 'params'>): { subject: string; text: string } {
  const t = templates.get(mail.template);
  if (!t) throw new Error(`Unknown mail template ${mail.template}`);
  return { subject: translate(mail.locale, t.subject, mail.params), text: translate(mail.locale, t.body, mail.params) };
}

export function createMailer(db: Db, opts: { smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    smtpConfigured: transport !== null,
    async enqueue(q, mail) {
      const { subject, text } = renderMail(mail);
      const [row] = await q.insert(mailOutbox).values({
        organisationId: mail.organisationId, toAddress: mail.to, locale: mail.locale, template: mail.template,
        subject, bodyText: text, status: transport ? 'queued' : 'outbox',
      }).returning({ id: mailOutbox.id });
      return row.id;
    },
    async deliverQueued(limit = 50) {
      if (!transport) return { sent: 0, failed: 0 };
      const queued = await db.select().from(mailOutbox)
        .where(and(eq(mailOutbox.status, 'queued'), lt(mailOutbox.attempts, 5))).orderBy(asc(mailOutbox.createdAt)).limit(limit);
      let sent = 0;
      let failed = 0;
      for (const m of queued) {
        try {
          await transport.sendMail({ from: opts.from, to: m.toAddress, subject: m.subject, text: m.bodyText });
          await db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1` }).where(eq(mailOutbox.id, m.id));
          sent++;
        } catch (err) {
          const attempts = m.attempts + 1;
          await db.update(mailOutbox).set({ status: attempts >= 5 ? 'failed' : 'queued', attempts, lastError: (err as Error).message.slice(0, 500) }).where(eq(mailOutbox.id, m.id));
          failed++;
        }
      }
      return { sent, failed };
    },
  };
}

import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'drizzle-orm';
import type { MessageDescriptor } from '@lingui/core';
import type { Db, Queryable, Tx } from '../db/pool.js';
import { withSystemTx } from '../db/tx.js';
import type { Locale } from '../../../shared/roles.js';
import { translate } from '../i18n/index.js';
import { mailOutbox } from './schema.js';
import { mailPlatformMessages } from './messages.js';

/** A mail template: subject and body are catalog messages, so every mail exists in four languages. */
export interface MailTemplate {
  subject: MessageDescriptor;
  body: MessageDescriptor;
}

const templates = new Map<string, MailTemplate>();

export function registerMailTemplate(name: string, t: MailTemplate): void {
  templates.set(name, t);
}

export type PersonalLinkKind = 'invite' | 'reset' | 'sign_in';
export interface PersonalLink {
  userId: string;
  kind: PersonalLinkKind;
}

/**
 * Makes the link of a personal mail at the moment it is sent, in the delivery transaction (so a
 * set-password token exists only if the mail left). Registered by the authentication module.
 */
export type PersonalLinkIssuer = (tx: Tx, link: PersonalLink) => Promise<string>;
let personalLinkIssuer: PersonalLinkIssuer | undefined;
export function registerPersonalLinkIssuer(issuer: PersonalLinkIssuer): void {
  personalLinkIssuer = issuer;
}

export interface OutgoingMail {
  organisationId: string | null;
  to: string;
  locale: Locale;
  template: string;
  /** Values for the template: links to pages and counts, never content of confidential files. */
  params: Record<string, string | number>;
  /**
   * A link that signs the person in or lets them set a password: it goes to `{link}` in the
   * template and is made only when the mail is sent over SMTP. Nobody else ever sees it: the
   * stored body holds a placeholder, and without SMTP such a mail cannot be delivered.
   */
  personalLink?: PersonalLink;
}

export interface Mailer {
  /**
   * Writes the mail to the outbox in the caller's transaction; delivery happens after commit.
   * The outbox has row-level security: an organisation's mail needs that organisation's scope
   * (withOrgTx) or system scope, a platform mail (organisationId null) system scope (withSystemTx).
   */
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

/** What the outbox shows where a personal link goes. */
export const personalLinkPlaceholder = (locale: Locale) => translate(locale, mailPlatformMessages.personalLinkPlaceholder);

const MAX_ATTEMPTS = 5;

type QueuedRow = {
  id: string;
  to_address: string;
  locale: Locale;
  template: string;
  subject: string;
  body_text: string;
  params: Record<string, string | number> | null;
  personal_link_user_id: string | null;
  personal_link_kind: PersonalLinkKind | null;
  attempts: number;
};

export function createMailer(db: Db, opts: { smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  // A stable Message-ID per outbox row: delivery is at-least-once, so a mail sent again after a
  // crash between sending and marking it sent is recognisable as the same mail.
  const idDomain = (opts.from.match(/@([^>\s]+)/)?.[1] ?? 'kompas.invalid').toLowerCase();

  /** Sends one mail inside its own transaction; a personal link is made in that transaction. */
  async function deliverOne(id: string): Promise<'sent' | 'failed' | 'skipped'> {
    try {
      return await withSystemTx(db, async (tx) => {
        // SKIP LOCKED: two delivery runs (two instances, or a retry during a run) never send one mail twice.
        const r = await tx.execute<QueuedRow>(sql`
          SELECT id, to_address, locale, template, subject, body_text, params, personal_link_user_id, personal_link_kind, attempts
            FROM mail_outbox WHERE id = ${id} AND status = 'queued' FOR UPDATE SKIP LOCKED`);
        const m = r.rows[0];
        if (!m) return 'skipped';
        let { subject, body_text: text } = m;
        if (m.personal_link_user_id && m.personal_link_kind) {
          if (!personalLinkIssuer) throw new Error('no issuer of personal links is registered');
          const link = await personalLinkIssuer(tx, { userId: m.personal_link_user_id, kind: m.personal_link_kind });
          ({ subject, text } = renderMail({ locale: m.locale, template: m.template, params: { ...(m.params ?? {}), link } }));
        }
        await transport!.sendMail({ from: opts.from, to: m.to_address, subject, text, messageId: `<${m.id}@${idDomain}>` });
        await tx.execute(sql`UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${m.id}`);
        return 'sent';
      });
    } catch (err) {
      // The transaction rolled back (no token survives an unsent mail); count the attempt outside it.
      await withSystemTx(db, (tx) => tx.execute(sql`
        UPDATE mail_outbox SET attempts = attempts + 1, status = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'queued' END,
               last_error = ${(err as Error).message.slice(0, 500)}
         WHERE id = ${id} AND status = 'queued'`));
      return 'failed';
    }
  }

  return {
    smtpConfigured: transport !== null,
    async enqueue(q, mail) {
      const params = mail.personalLink ? { ...mail.params, link: personalLinkPlaceholder(mail.locale) } : mail.params;
      const { subject, text } = renderMail({ ...mail, params });
      const [row] = await q.insert(mailOutbox).values({
        organisationId: mail.organisationId, toAddress: mail.to, locale: mail.locale, template: mail.template,
        subject, bodyText: text, params: mail.params, personalLinkUserId: mail.personalLink?.userId ?? null, personalLinkKind: mail.personalLink?.kind ?? null,
        status: transport ? 'queued' : 'outbox',
      }).returning({ id: mailOutbox.id });
      return row.id;
    },
    async deliverQueued(limit = 50) {
      if (!transport) return { sent: 0, failed: 0 };
      // The outbox of every organisation and the platform's (row-level security: system scope).
      const queued = await withSystemTx(db, (tx) => tx.execute<{ id: string }>(sql`
        SELECT id FROM mail_outbox WHERE status = 'queued' AND attempts < ${MAX_ATTEMPTS} ORDER BY created_at LIMIT ${limit}`));
      let sent = 0;
      let failed = 0;
      for (const { id } of queued.rows) {
        const r = await deliverOne(id);
        if (r === 'sent') sent++;
        else if (r === 'failed') failed++;
      }
      return { sent, failed };
    },
  };
}

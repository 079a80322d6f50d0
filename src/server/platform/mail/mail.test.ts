import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.js';
import '../auth/messages.js';
import { withSystemTx } from '../db/tx.js';
import { createMailer, type Mailer } from './index.js';

/**
 * Delivery over SMTP against a real SMTP server in the test process (smtp-server, by the
 * authors of nodemailer): what leaves Kompas is a well-formed UTF-8 mail to the right address,
 * and a refusal is retried, then given up after five attempts.
 */
let t: TestApp;
let smtp: TestSmtp;
let mailer: Mailer;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtp({ refuse: (address) => address.startsWith('refused') });
  mailer = createMailer(t.db.db, { smtpUrl: smtp.url, from: 'Kompas <kompas@zone.example>' });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
// Platform mails (no organisation) are written in system scope, as sign-in and jobs do (row-level security).
const enqueue = (m: Mailer, mail: Parameters<Mailer['enqueue']>[1]) => withSystemTx(t.db.db, (tx) => m.enqueue(tx, mail));
const status = async (id: string) => (await ownerQuery<{ status: string; attempts: number; last_error: string | null; sent_at: Date | null }>(t,
  `SELECT status, attempts, last_error, sent_at FROM mail_outbox WHERE id = $1`, [id]))[0];

describe('mail delivery over SMTP', () => {
  it('sends a queued mail in the person\'s language, UTF-8, and marks it sent', async () => {
    const id = await enqueue(mailer, { organisationId: null, to: 'agent@zone.example', locale: 'fr', template: 'auth.password_reset', params: { link: 'https://kompas.example/reset-password#token=abc' } });
    expect((await status(id)).status).toBe('queued');
    expect(await mailer.deliverQueued()).toEqual({ sent: 1, failed: 0 });
    const [m] = smtp.take();
    expect(m.to).toEqual(['agent@zone.example']);
    expect(m.from).toBe('kompas@zone.example');
    expect(m.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    expect(m.messageId).toBe(`<${id}@zone.example>`);
    const text = m.text;
    expect(text).toContain('https://kompas.example/reset-password#token=abc');
    expect(text).toContain('réinitialisation');
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect((await status(id)).sent_at).not.toBeNull();
    // Nothing left to send: a second run sends nothing again.
    expect(await mailer.deliverQueued()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps a refused mail queued with the reason, and gives up after five attempts', async () => {
    const id = await enqueue(mailer, { organisationId: null, to: 'refused@zone.example', locale: 'nl', template: 'auth.password_reset', params: { link: 'https://kompas.example/x' } });
    expect(await mailer.deliverQueued()).toEqual({ sent: 0, failed: 1 });
    const after1 = await status(id);
    expect(after1).toMatchObject({ status: 'queued', attempts: 1 });
    expect(after1.last_error).toContain('550');
    for (let i = 2; i <= 5; i++) await mailer.deliverQueued();
    expect(await status(id)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(await mailer.deliverQueued()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('without SMTP, mails stay in the outbox for administrators', async () => {
    const outboxOnly = createMailer(t.db.db, { from: 'kompas@zone.example' });
    const id = await enqueue(outboxOnly, { organisationId: null, to: 'agent@zone.example', locale: 'de', template: 'auth.password_reset', params: { link: 'https://kompas.example/y' } });
    expect(await outboxOnly.deliverQueued()).toEqual({ sent: 0, failed: 0 });
    expect((await status(id)).status).toBe('outbox');
  });
});

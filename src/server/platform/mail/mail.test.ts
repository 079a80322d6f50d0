import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import '../auth/messages.js';
import { createMailer, type Mailer } from './index.js';

/**
 * Delivery over SMTP against a real SMTP server in the test process (smtp-server, by the
 * authors of nodemailer): what leaves Kompas is a well-formed UTF-8 mail to the right address,
 * and a refusal is retried, then given up after five attempts.
 */
let t: TestApp;
let smtp: SMTPServer;
let mailer: Mailer;
const received: { from: string; to: string[]; raw: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('refused')) cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  mailer = createMailer(t.db.db, { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Kompas <kompas@zone.example>' });
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

/** The text of a quoted-printable body, as a mail client shows it. */
function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

const status = async (id: string) => (await ownerQuery<{ status: string; attempts: number; last_error: string | null; sent_at: Date | null }>(t,
  `SELECT status, attempts, last_error, sent_at FROM mail_outbox WHERE id = $1`, [id]))[0];

describe('mail delivery over SMTP', () => {
  it('sends a queued mail in the person\'s language, UTF-8, and marks it sent', async () => {
    const id = await mailer.enqueue(t.db.db, { organisationId: null, to: 'agent@zone.example', locale: 'fr', template: 'auth.password_reset', params: { link: 'https://kompas.example/reset-password#token=abc' } });
    expect((await status(id)).status).toBe('queued');
    expect(await mailer.deliverQueued()).toEqual({ sent: 1, failed: 0 });
    const [m] = received.splice(0);
    expect(m.to).toEqual(['agent@zone.example']);
    expect(m.from).toBe('kompas@zone.example');
    expect(m.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/m);
    const text = bodyOf(m.raw);
    expect(text).toContain('https://kompas.example/reset-password#token=abc');
    expect(text).toContain('réinitialisation');
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect((await status(id)).sent_at).not.toBeNull();
    // Nothing left to send: a second run sends nothing again.
    expect(await mailer.deliverQueued()).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });

  it('keeps a refused mail queued with the reason, and gives up after five attempts', async () => {
    const id = await mailer.enqueue(t.db.db, { organisationId: null, to: 'refused@zone.example', locale: 'nl', template: 'auth.password_reset', params: { link: 'https://kompas.example/x' } });
    expect(await mailer.deliverQueued()).toEqual({ sent: 0, failed: 1 });
    const after1 = await status(id);
    expect(after1).toMatchObject({ status: 'queued', attempts: 1 });
    expect(after1.last_error).toContain('550');
    for (let i = 2; i <= 5; i++) await mailer.deliverQueued();
    expect(await status(id)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(await mailer.deliverQueued()).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
  });

  it('without SMTP, mails stay in the outbox for administrators', async () => {
    const outboxOnly = createMailer(t.db.db, { from: 'kompas@zone.example' });
    const id = await outboxOnly.enqueue(t.db.db, { organisationId: null, to: 'agent@zone.example', locale: 'de', template: 'auth.password_reset', params: { link: 'https://kompas.example/y' } });
    expect(await outboxOnly.deliverQueued()).toEqual({ sent: 0, failed: 0 });
    expect((await status(id)).status).toBe('outbox');
  });
});

import { anonymous, ownerQuery, type Session, type TestApp } from '../../../test/app.js';
import type { JobHandler, Jobs } from '../jobs/index.js';
import { FORGOT_JOB, forgotPasswordJob } from './forgot.js';

/** Test helpers of the auth module: distinct client addresses keep the per-IP throttle out of unrelated tests. */
let ipSeq = 0;
export function newIp(): string {
  ipSeq++;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
}

/** An anonymous browser that always comes from the same (fresh) address. */
export function browser(t: TestApp, ip = newIp()): Session {
  const s = anonymous(t);
  const request = s.request.bind(s);
  s.request = (method, url, body, headers = {}) => request(method, url, body, { 'x-forwarded-for': ip, ...headers });
  s.get = (url, headers) => s.request('GET', url, undefined, headers);
  s.post = (url, body, headers) => s.request('POST', url, body ?? {}, headers);
  s.put = (url, body) => s.request('PUT', url, body ?? {});
  return s;
}

export async function auditActions(t: TestApp, userId: string): Promise<string[]> {
  const rows = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE record_id = $1 ORDER BY id`, [userId]);
  return rows.map((r) => r.action);
}

export async function userRow(t: TestApp, id: string) {
  const [u] = await ownerQuery<{ failed_logins: number; locked_until: Date | null; password_hash: string | null; totp_secret: string | null; totp_pending_secret: string | null; disabled_at: Date | null; locale: string }>(t, `SELECT * FROM app_user WHERE id = $1`, [id]);
  return u;
}

/**
 * Jobs that record what is sent and run the auth module's own handlers at once, so a test sees
 * the mail of a "forgot password" request right after the answer (the real queue is idle in tests).
 */
export function inlineAuthJobs(t: TestApp): Jobs & { sent: { name: string; data: Record<string, unknown> }[] } {
  const handlers: Record<string, JobHandler> = { [FORGOT_JOB]: forgotPasswordJob(t.deps) };
  const sent: { name: string; data: Record<string, unknown> }[] = [];
  return {
    sent,
    running: false,
    stop: async () => {},
    send: async (name, data = {}) => {
      sent.push({ name, data });
      await handlers[name]?.(data);
      return null;
    },
  };
}

/** Jobs that only record what is sent (nothing runs): the request's own work, for timing. */
export function recordingJobs(): Jobs & { sent: { name: string; data: Record<string, unknown> }[] } {
  const sent: { name: string; data: Record<string, unknown> }[] = [];
  return { sent, running: false, stop: async () => {}, send: async (name, data = {}) => { sent.push({ name, data }); return null; } };
}

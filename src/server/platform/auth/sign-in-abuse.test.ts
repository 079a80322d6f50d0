import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, ownerQuery, sessionFor, TEST_PASSWORD, type TestApp } from '../../../test/app.js';
import type { AppError } from '../errors.js';
import { DEVICE_COOKIE, entryUserIds } from './device-cookie.js';
import { makeAuthService } from './service.js';
import { browser, newIp } from './testkit.js';
import { clientNetwork, pauseSeconds } from './throttle.js';

/**
 * Lockout as a weapon (issue 14): strangers are paused, the owner's trusted browser is not, and
 * an unknown address behaves exactly like a known one throughout.
 */
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

/** Every call from a fresh address unless the browser has its own: the per-request rate limit stays out of these tests. */
const login = (email: string, password: string, b = browser(t), ip?: string) => b.post('/api/auth/login', { email, password }, ip ? { 'x-forwarded-for': ip } : undefined);
/** What a client can see of an answer, except the exact seconds of Retry-After (those tick). */
const visible = (r: LightMyRequestResponse) => ({ status: r.statusCode, body: r.json(), retryAfter: r.headers['retry-after'] !== undefined });
const retryAfter = (r: LightMyRequestResponse) => Number(r.headers['retry-after']);

/** The owner signs in once on their own browser, which keeps the device cookie it got. */
async function ownerBrowser(email: string) {
  const b = browser(t);
  const r = await login(email, TEST_PASSWORD, b);
  expect(r.statusCode).toBe(200);
  expect(b.cookies[DEVICE_COOKIE]).toBeDefined();
  return b;
}

describe('a stranger cannot lock the owner out', () => {
  it('20 failures from strangers pause untrusted sign-in, known and unknown alike; the owner with the device cookie still gets in; the stranger with the right password does not', async () => {
    const u = await createUser(t);
    const ghost = `ghost-${Date.now()}@nowhere.be`;
    const owner = await ownerBrowser(u.email);
    for (let i = 0; i < 20; i++) {
      // Each attempt from another address and browser (no device cookie), as a botnet would.
      const known = await login(u.email, `guess-${i}`);
      const unknown = await login(ghost, `guess-${i}`);
      expect(visible(unknown)).toEqual(visible(known));
      expect(known.statusCode).toBe(i < 4 ? 401 : 423);
      if (i >= 4) expect(known.json().code).toBe('sign_in_locked');
    }
    const ownerIn = await login(u.email, TEST_PASSWORD, owner);
    expect(ownerIn.statusCode).toBe(200);
    expect(ownerIn.json().me.id).toBe(u.id);
    // A new device cookie at every complete sign-in.
    expect(ownerIn.cookies.find((c) => c.name === DEVICE_COOKIE)).toBeDefined();

    const strangerRight = await login(u.email, TEST_PASSWORD);
    expect(strangerRight.statusCode).toBe(423);
    expect(strangerRight.json().code).toBe('sign_in_locked');
    expect(strangerRight.cookies.find((c) => c.name === 'kompas_session')).toBeUndefined();
    expect(visible(await login(ghost, TEST_PASSWORD))).toEqual(visible(strangerRight));
  });

  it('pauses grow: 15 minutes after the fifth failure, then twice as long after each further one (known and unknown the same)', async () => {
    const u = await createUser(t);
    const ghost = `ghost2-${Date.now()}@nowhere.be`;
    const seen: Record<string, number[]> = { known: [], unknown: [] };
    for (const [who, email] of [['known', u.email], ['unknown', ghost]] as const) {
      for (let i = 0; i < 4; i++) expect((await login(email, 'nope')).statusCode).toBe(401);
      for (let round = 0; round < 3; round++) {
        const r = await login(email, 'nope');
        expect(r.statusCode).toBe(423);
        seen[who].push(retryAfter(r));
        // The pause is over (as if the time had passed); the next failure pauses again, longer.
        await ownerQuery(t, `UPDATE sign_in_throttle SET blocked_until = now() - interval '1 second' WHERE blocked_until > now()`);
      }
    }
    console.log(`pauses (s) known ${seen.known.join(', ')}; unknown ${seen.unknown.join(', ')}`);
    expect(seen.known).toEqual([900, 1800, 3600]);
    expect(seen.unknown).toEqual(seen.known);
    expect(pauseSeconds('account', 40)).toBe(24 * 3600);
    expect(pauseSeconds('account', 4)).toBe(0);
  });

  it('a device cookie has its own budget: ten failures pause that browser only', async () => {
    const u = await createUser(t);
    const owner = await ownerBrowser(u.email);
    for (let i = 0; i < 9; i++) expect((await login(u.email, `typo-${i}`, owner, newIp())).statusCode).toBe(401);
    const tenth = await login(u.email, 'typo-10', owner, newIp());
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json().code).toBe('sign_in_locked');
    expect((await login(u.email, TEST_PASSWORD, owner, newIp())).statusCode).toBe(423);
    // The device's failures did not touch the budget of other browsers.
    expect((await login(u.email, TEST_PASSWORD)).statusCode).toBe(200);
    const [row] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM sign_in_throttle WHERE key LIKE 'acct:%' AND user_id = $1`, [u.id]);
    expect(row.n).toBe(0);
  });

  it('a device cookie counts only for its own account, untampered, and until the password changes', async () => {
    const a = await createUser(t);
    const b = await createUser(t);
    const owner = await ownerBrowser(a.email);
    const cookie = owner.cookies[DEVICE_COOKIE];
    expect(entryUserIds(cookie)).toEqual([a.id]);
    for (let i = 0; i < 5; i++) await login(b.email, 'nope');
    // A's device cookie is no pass for B's account.
    expect((await login(b.email, TEST_PASSWORD, owner)).statusCode).toBe(423);
    // Tampered: refused as untrusted.
    for (let i = 0; i < 5; i++) await login(a.email, 'nope');
    const forged = browser(t);
    forged.cookies[DEVICE_COOKIE] = cookie.slice(0, -2) + (cookie.endsWith('A') ? 'BB' : 'AA');
    expect((await login(a.email, TEST_PASSWORD, forged)).statusCode).toBe(423);
    expect((await login(a.email, TEST_PASSWORD, owner)).statusCode).toBe(200);
    // One cookie keeps the entries of the people who signed in on this browser.
    await ownerQuery(t, `DELETE FROM sign_in_throttle WHERE user_id = $1`, [b.id]);
    expect((await login(b.email, TEST_PASSWORD, owner)).statusCode).toBe(200);
    expect(entryUserIds(owner.cookies[DEVICE_COOKIE])).toEqual([b.id, a.id]);
  });

  it('a new password ends the pause of the untrusted clients and retires the devices trusted before', async () => {
    const u = await createUser(t);
    const owner = await ownerBrowser(u.email);
    for (let i = 0; i < 5; i++) await login(u.email, 'nope');
    expect((await login(u.email, TEST_PASSWORD)).statusCode).toBe(423);
    const s = await sessionFor(t, u.id);
    const NEW = 'a completely new passphrase';
    expect((await s.post('/api/auth/password/change', { currentPassword: TEST_PASSWORD, newPassword: NEW })).statusCode).toBe(204);
    expect(await ownerQuery(t, `SELECT 1 FROM sign_in_throttle WHERE user_id = $1`, [u.id])).toHaveLength(0);
    // The old device cookie is bound to the old password: its failures count as a stranger's now.
    for (let i = 0; i < 5; i++) await login(u.email, 'nope', owner);
    expect((await login(u.email, NEW, browser(t))).statusCode).toBe(423);
  });

  it('the device cookie is httpOnly, SameSite=Strict, scoped to the sign-in calls and long-lived; given only once the second factor is passed', async () => {
    const u = await createUser(t);
    const r = await login(u.email, TEST_PASSWORD);
    const c = r.cookies.find((x) => x.name === DEVICE_COOKIE)!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/', maxAge: 180 * 86_400 });
    expect(c.secure).toBeFalsy(); // the test app is plain http; Secure follows config.secureCookies
    expect(c.value).not.toContain(u.email);
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const withTotp = await createUser(t, { totpSecret: secret });
    const b = browser(t);
    const half = await login(withTotp.email, TEST_PASSWORD, b);
    expect(half.json().next).toBe('totp');
    expect(half.cookies.find((x) => x.name === DEVICE_COOKIE)).toBeUndefined();
    const full = await b.post('/api/auth/totp/verify', { code: await generate({ secret }) });
    expect(full.statusCode).toBe(200);
    expect(entryUserIds(full.cookies.find((x) => x.name === DEVICE_COOKIE)?.value)).toEqual([withTotp.id]);
  });
});

describe('per client address', () => {
  it('many failures from one network across accounts answer 429 sign_in_throttled; a trusted device from there still signs in', async () => {
    // Called on the service: the per-request rate limit (10 a minute per address) would stop the HTTP calls first.
    const auth = makeAuthService(t.deps);
    const u = await createUser(t);
    const owner = await ownerBrowser(u.email);
    const net = `2001:db8:${(Date.now() % 65_000).toString(16)}:7`;
    const attempt = (email: string, password: string, host: number, deviceCookie?: string) =>
      auth.login({ actorUserId: null, ip: `${net}::${host.toString(16)}`, userAgent: null }, { email, password }, undefined, deviceCookie).then(() => 'ok', (e: AppError) => `${e.status} ${e.code}`);
    for (let i = 1; i < 30; i++) expect(await attempt(`spray-${i}@nowhere.be`, 'Winter2026!', i)).toBe('401 invalid_credentials');
    // The 30th failure from this /64 pauses the whole network for a minute.
    const err = await auth.login({ actorUserId: null, ip: `${net}::1e`, userAgent: null }, { email: 'spray-30@nowhere.be', password: 'x' }).catch((e: AppError) => e);
    expect(err).toMatchObject({ status: 429, code: 'sign_in_throttled', params: { retryAfter: 60 } });
    expect(await attempt(u.email, TEST_PASSWORD, 0xff)).toBe('429 sign_in_throttled');
    // The owner's trusted browser in the same network answers to its own budget.
    expect(await attempt(u.email, TEST_PASSWORD, 0xfe, owner.cookies[DEVICE_COOKIE])).toBe('ok');
    // Another network is not affected.
    expect(await auth.login({ actorUserId: null, ip: '192.0.2.77', userAgent: null }, { email: u.email, password: TEST_PASSWORD }).then(() => 'ok')).toBe('ok');
    const events = await ownerQuery(t, `SELECT 1 FROM audit_event WHERE action = 'auth.sign_in_paused' AND details->>'scope' = 'address'`);
    expect(events).toHaveLength(1);
  });

  it('the HTTP answer of a paused network is translated and says when to retry', async () => {
    const net = `2001:db8:${((Date.now() + 1) % 65_000).toString(16)}:8`;
    const auth = makeAuthService(t.deps);
    for (let i = 1; i <= 30; i++) await auth.login({ actorUserId: null, ip: `${net}::${i}`, userAgent: null }, { email: `s${i}@nowhere.be`, password: 'x' }).catch(() => {});
    const r = await login('someone@nowhere.be', 'x', browser(t, `${net}::99`));
    expect(r.statusCode).toBe(429);
    expect(r.json()).toMatchObject({ code: 'sign_in_throttled', message: expect.stringMatching(/netwerk/) });
    expect(retryAfter(r)).toBeGreaterThan(50);
  });

  it('groups IPv6 by /64 and keeps IPv4 as is', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(clientNetwork('10.1.2.3')).toBe('10.1.2.3');
    expect(clientNetwork(null)).toBe('unknown');
  });
});

describe('the audit trail shows an account under attack', () => {
  it('records the pause in the platform trail with the account id, never the address typed; an unknown address by a keyed-hash prefix', async () => {
    const u = await createUser(t);
    const ghost = `ghost3-${Date.now()}@nowhere.be`;
    for (let i = 0; i < 5; i++) { await login(u.email, 'x'); await login(ghost, 'x'); }
    const rows = await ownerQuery<{ organisation_id: string | null; record_id: string | null; details: Record<string, unknown>; ip: string | null }>(t,
      `SELECT organisation_id, record_id, details, ip::text FROM audit_event WHERE action = 'auth.sign_in_paused' AND details->>'scope' = 'account' ORDER BY id DESC LIMIT 2`);
    expect(rows).toHaveLength(2);
    const known = rows.find((r) => r.record_id === u.id)!;
    const unknown = rows.find((r) => r.record_id === null)!;
    expect(known).toMatchObject({ organisation_id: null, details: { scope: 'account', failures: 5, minutes: 15 } });
    expect(unknown).toMatchObject({ organisation_id: null, details: { scope: 'account', failures: 5, minutes: 15, key: expect.stringMatching(/^[0-9a-f]{12}$/) } });
    const text = JSON.stringify(await ownerQuery(t, `SELECT details FROM audit_event`)) + JSON.stringify(await ownerQuery(t, `SELECT key FROM sign_in_throttle`));
    expect(text).not.toContain(ghost);
    expect(text).not.toContain(u.email);
    // Keys hold no address in clear either: only keyed hashes.
    for (const { key } of await ownerQuery<{ key: string }>(t, `SELECT key FROM sign_in_throttle`)) expect(key).toMatch(/^(acct|dev|ip):[0-9a-f]{64}$/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../scripts/admin-create.js';
import { createOrganisation, createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { browser } from './testkit.js';
import { runNpmScript } from '../../../../scripts/testkit.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { DATABASE_URL: t.db.url, KOMPAS_LOG_LEVEL: 'silent', PUBLIC_URL: 'https://kompas.example.be' }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run admin:create', () => {
  it('creates a platform administrator without password and prints a working one-time 24-hour link', async () => {
    const org = await createOrganisation(t, { code: 'ADM-1' });
    const r = await run(['--email', 'Root@Kompas.Example.be', '--name', 'An Peeters', '--org', 'ADM-1']);
    expect(r.code).toBe(0);
    const link = /https:\/\/kompas\.example\.be\/reset-password#token=([A-Za-z0-9_-]+)/.exec(r.out);
    expect(link).not.toBeNull();
    const [u] = await ownerQuery<{ id: string; is_platform_admin: boolean; password_hash: string | null; display_name: string }>(t,
      `SELECT id, is_platform_admin, password_hash, display_name FROM app_user WHERE email = 'root@kompas.example.be'`);
    expect(u).toMatchObject({ is_platform_admin: true, password_hash: null, display_name: 'An Peeters' });
    const roles = await ownerQuery<{ role: string }>(t, `SELECT role FROM role_assignment WHERE user_id = $1 AND organisation_id = $2`, [u.id, org]);
    expect(roles).toEqual([{ role: 'administrator' }]);
    const [tok] = await ownerQuery<{ hours: number }>(t, `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM password_reset WHERE user_id = $1`, [u.id]);
    expect(tok.hours).toBe(24);
    const actions = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE record_id = $1 OR details->>'userId' = $1`, [u.id]);
    expect(actions.map((a) => a.action).sort()).toEqual(['role.assign', 'user.create']);

    const password = 'the first admin passphrase';
    expect((await browser(t).post('/api/auth/password/reset', { token: link![1], password })).statusCode).toBe(204);
    const signIn = await browser(t).post('/api/auth/login', { email: 'root@kompas.example.be', password });
    expect(signIn.json()).toMatchObject({ next: 'totp_setup', me: { isPlatformAdmin: true } });
    expect(r.out).not.toContain(password);
  });

  it('refuses an existing e-mail with a clear message and changes nothing', async () => {
    expect((await run(['--email', 'twice@kompas.example.be'])).code).toBe(0);
    const again = await run(['--email', 'TWICE@kompas.example.be']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    expect(again.out).toBe('');
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM password_reset pr JOIN app_user u ON u.id = pr.user_id WHERE u.email = 'twice@kompas.example.be'`);
    expect(n).toBe(1);
  });

  it('refuses an unknown organisation without creating the account', async () => {
    const r = await run(['--email', 'orgless@kompas.example.be', '--org', 'NOPE']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no organisation with code NOPE/);
    expect(await ownerQuery(t, `SELECT 1 FROM app_user WHERE email = 'orgless@kompas.example.be'`)).toHaveLength(0);
  });

  it('as a command, exits 1 when refused and 0 when created (real process; regression: a refusal exited 0)', async () => {
    const env = { DATABASE_URL: t.db.url, KOMPAS_DATA_DIR: undefined, KOMPAS_LOG_LEVEL: 'silent', PUBLIC_URL: 'https://kompas.example.be' };
    const created = await runNpmScript('admin:create', ['--email', 'process@kompas.example.be'], env);
    expect(created).toMatchObject({ code: 0, out: expect.stringContaining('Platform administrator process@kompas.example.be created') });
    const duplicate = await runNpmScript('admin:create', ['--email', 'process@kompas.example.be'], env);
    expect(duplicate).toMatchObject({ code: 1, out: '', err: expect.stringContaining('already exists') });
    expect(await runNpmScript('admin:create', ['--email', 'not-an-address'], env)).toMatchObject({ code: 2, err: expect.stringContaining('usage: npm run admin:create') });
    expect(await ownerQuery(t, `SELECT 1 FROM app_user WHERE email = 'not-an-address'`)).toHaveLength(0);
  }, 120_000);

  it('exits 2 on bad usage', async () => {
    for (const argv of [[], ['--email'], ['--email', 'not-an-address'], ['--email', 'a@b.be', '--bogus'], ['--email', 'a@b.be', 'extra'], ['--email', 'a@b.be', '--name', '']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/usage: npm run admin:create/);
    }
    expect(await ownerQuery(t, `SELECT 1 FROM app_user WHERE email = 'a@b.be'`)).toHaveLength(0);
  });
});

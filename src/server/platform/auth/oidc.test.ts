import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ifMatch, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';
import { auditActions, browser } from './testkit.js';

/**
 * A minimal OpenID provider on 127.0.0.1 (the external system, faked; our database is real):
 * discovery, JWKS and a token endpoint that checks client secret, PKCE and redirect URI and
 * returns an RS256-signed ID token. The browser's visit to /authorize is played by the test.
 */
const CLIENT_ID = 'kompas-test';
const CLIENT_SECRET = 'idp-client-secret';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

let t: TestApp;
let idp: FastifyInstance;
let issuer: string;
const grants = new Map<string, { challenge: string; nonce: string; redirectUri: string; claims: Record<string, unknown> }>();
const tokenRequests: Record<string, string>[] = [];

function idToken(claims: Record<string, unknown>, nonce: string): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' });
  const body = b64({ iss: issuer, aud: CLIENT_ID, iat: now, exp: now + 300, nonce, ...claims });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
}

beforeAll(async () => {
  t = await createTestApp();
  idp = Fastify({ logger: false });
  idp.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  idp.get('/.well-known/openid-configuration', async () => ({
    issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_post'],
  }));
  idp.get('/jwks', async () => ({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
  idp.post('/token', async (req, reply) => {
    const f = req.body as Record<string, string>;
    tokenRequests.push(f);
    const g = grants.get(f.code);
    grants.delete(f.code);
    const pkce = createHash('sha256').update(f.code_verifier ?? '').digest('base64url');
    if (!g || f.client_id !== CLIENT_ID || f.client_secret !== CLIENT_SECRET || pkce !== g.challenge || f.redirect_uri !== g.redirectUri) {
      return reply.status(400).send({ error: 'invalid_grant' });
    }
    return { access_token: 'at-1', token_type: 'Bearer', expires_in: 300, id_token: idToken(g.claims, g.nonce) };
  });
  await idp.listen({ port: 0, host: '127.0.0.1' });
  issuer = `http://127.0.0.1:${(idp.server.address() as { port: number }).port}`;
});
afterAll(async () => { await idp.close(); await t.close(); });

async function oidcOrg(code: string) {
  const org = await createOrganisation(t, { code });
  await ownerQuery(t, `UPDATE organisation SET oidc = $2 WHERE id = $1`, [org, JSON.stringify({ issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })]);
  return org;
}

/** Start → (provider authenticates the person, with these claims) → callback. */
async function roundTrip(b: Session, orgCode: string, claims: Record<string, unknown>, tamper: { state?: string } = {}) {
  const start = await b.get(`/api/auth/oidc/${orgCode}/start`);
  expect(start.statusCode).toBe(302);
  const auth = new URL(start.headers.location as string);
  const p = auth.searchParams;
  const code = `code-${Math.random().toString(36).slice(2)}`;
  grants.set(code, { challenge: p.get('code_challenge')!, nonce: p.get('nonce')!, redirectUri: p.get('redirect_uri')!, claims });
  return b.get(`/api/auth/oidc/callback?code=${code}&state=${encodeURIComponent(tamper.state ?? p.get('state')!)}`);
}

describe('OIDC sign-in through the organisation provider', () => {
  it('start redirects to the provider with PKCE S256, state and nonce, and sets a sealed Lax cookie', async () => {
    await oidcOrg('OIDC-START');
    const b = browser(t);
    const r = await b.get('/api/auth/oidc/OIDC-START/start');
    expect(r.statusCode).toBe(302);
    const url = new URL(r.headers.location as string);
    expect(url.origin + url.pathname).toBe(`${issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID, response_type: 'code', scope: 'openid email profile', code_challenge_method: 'S256',
      redirect_uri: `${t.deps.config.publicUrl}/api/auth/oidc/callback`,
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const cookie = r.cookies.find((c) => c.name === 'kompas_oidc')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
    expect(cookie.value).toMatch(/^enc:v1:/);
    expect(cookie.value).not.toContain(url.searchParams.get('state')!);
  });

  it('full round trip: links an existing member by verified e-mail, then recognises the subject', async () => {
    const org = await oidcOrg('OIDC-RT');
    const u = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const b = browser(t);
    const r = await roundTrip(b, 'OIDC-RT', { sub: 'idp-user-1', email: u.email.toUpperCase(), email_verified: true });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(r.cookies.find((c) => c.name === 'kompas_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(r.cookies.find((c) => c.name === 'kompas_oidc')?.value).toBe('');
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ id: u.id });
    const [row] = await ownerQuery<{ oidc_issuer: string; oidc_subject: string }>(t, `SELECT oidc_issuer, oidc_subject FROM app_user WHERE id = $1`, [u.id]);
    expect(row).toEqual({ oidc_issuer: issuer, oidc_subject: 'idp-user-1' });
    expect(tokenRequests.at(-1)).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT_ID });
    expect(await auditActions(t, u.id)).toEqual(expect.arrayContaining(['auth.oidc_link', 'auth.login']));

    // Next time the subject is enough, whatever e-mail the provider sends.
    const b2 = browser(t);
    const again = await roundTrip(b2, 'OIDC-RT', { sub: 'idp-user-1', email: 'changed@elsewhere.be', email_verified: false });
    expect(again.headers.location).toBe('/');
    expect((await b2.get('/api/auth/me')).json().id).toBe(u.id);
  });

  it('a user with TOTP still has to give the code after OIDC', async () => {
    const org = await oidcOrg('OIDC-MFA');
    const u = await createUser(t, { totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', roles: [{ orgId: org, role: 'integrity_officer' }] });
    const b = browser(t);
    await roundTrip(b, 'OIDC-MFA', { sub: 'idp-mfa', email: u.email, email_verified: true });
    expect((await b.get('/api/auth/me')).json()).toMatchObject({ id: u.id, mfaVerified: false, totpEnabled: true });
    expect((await b.get('/api/auth/sessions')).json().code).toBe('mfa_required');
  });

  it('never links by an unverified e-mail, nor an account of another organisation (even one it gave a role), nor a platform administrator', async () => {
    const org = await oidcOrg('OIDC-NO');
    const other = await createOrganisation(t);
    const member = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const foreign = await createUser(t, { roles: [{ orgId: other, role: 'chief' }] });
    const root = await createUser(t, { platformAdmin: true, roles: [{ orgId: org, role: 'staff_member' }] });
    // Owned by `other`; this organisation gave it a role: its provider still must not claim it.
    const guest = await createUser(t, { roles: [{ orgId: other, role: 'integrity_officer' }, { orgId: org, role: 'staff_member' }] });
    const cases = [
      { sub: 's5', email: guest.email, email_verified: true },
      { sub: 's1', email: member.email, email_verified: false },
      { sub: 's2', email: member.email },
      { sub: 's3', email: foreign.email, email_verified: true },
      { sub: 's4', email: root.email, email_verified: true },
    ];
    for (const claims of cases) {
      const b = browser(t);
      const r = await roundTrip(b, 'OIDC-NO', claims);
      expect(r.headers.location).toBe('/sign-in?error=oidc_no_account');
      expect(r.cookies.find((c) => c.name === 'kompas_session')).toBeUndefined();
    }
    const linked = await ownerQuery(t, `SELECT 1 FROM app_user WHERE id = ANY($1) AND oidc_subject IS NOT NULL`, [[member.id, foreign.id, root.id, guest.id]]);
    expect(linked).toHaveLength(0);
  });

  it('refuses a disabled account', async () => {
    const org = await oidcOrg('OIDC-DIS');
    const u = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    await ownerQuery(t, `UPDATE app_user SET disabled_at = now(), oidc_issuer = $2, oidc_subject = 'dis' WHERE id = $1`, [u.id, issuer]);
    const r = await roundTrip(browser(t), 'OIDC-DIS', { sub: 'dis' });
    expect(r.headers.location).toBe('/sign-in?error=oidc_failed');
  });

  it('refuses a wrong state, a missing or forged cookie, a provider error, and a replayed code', async () => {
    const org = await oidcOrg('OIDC-BAD');
    await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }], email: 'bad-state@pz-test.be' });
    const claims = { sub: 'bad-1', email: 'bad-state@pz-test.be', email_verified: true };
    const wrongState = await roundTrip(browser(t), 'OIDC-BAD', claims, { state: 'forged-state' });
    expect(wrongState.headers.location).toBe('/sign-in?error=oidc_failed');

    const noCookie = browser(t);
    const start = await noCookie.get('/api/auth/oidc/OIDC-BAD/start');
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    delete noCookie.cookies.kompas_oidc;
    expect((await noCookie.get(`/api/auth/oidc/callback?code=x&state=${state}`)).headers.location).toBe('/sign-in?error=oidc_failed');

    const forged = browser(t);
    await forged.get('/api/auth/oidc/OIDC-BAD/start');
    forged.cookies.kompas_oidc = forged.cookies.kompas_oidc.slice(0, -4) + 'AAAA';
    expect((await forged.get(`/api/auth/oidc/callback?code=x&state=${state}`)).headers.location).toBe('/sign-in?error=oidc_failed');

    expect((await browser(t).get('/api/auth/oidc/callback?error=access_denied')).headers.location).toBe('/sign-in?error=oidc_failed');
    const none = await ownerQuery(t, `SELECT 1 FROM app_user WHERE email = 'bad-state@pz-test.be' AND oidc_subject IS NOT NULL`);
    expect(none).toHaveLength(0);
    const [{ n }] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.login_failed' AND details->>'method' = 'oidc'`);
    expect(n).toBeGreaterThanOrEqual(4);
  });

  it('answers 404 for an unknown organisation or one without provider, 400 for hostile codes', async () => {
    await createOrganisation(t, { code: 'NO-OIDC' });
    expect((await browser(t).get('/api/auth/oidc/NO-OIDC/start')).json().code).toBe('oidc_not_configured');
    expect((await browser(t).get('/api/auth/oidc/UNKNOWN/start')).statusCode).toBe(404);
    // From the sign-in form (a page load), a wrong code comes back to the sign-in page with a message.
    const page = await browser(t).get('/api/auth/oidc/UNKNOWN/start', { accept: 'text/html,application/xhtml+xml' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/sign-in?error=oidc_not_configured');
    expect((await browser(t).get(`/api/auth/oidc/${'x'.repeat(65)}/start`)).statusCode).toBe(400);
    expect((await browser(t).get(`/api/auth/oidc/${encodeURIComponent("' OR 1=1 --")}/start`)).statusCode).toBe(404);
    expect((await browser(t).get(`/api/auth/oidc/callback?code=${'x'.repeat(5000)}`)).statusCode).toBe(400);
  });
});

describe('identity provider configuration by the organisation administrator', () => {
  it('stores the client secret sealed, never returns it, and signs in with it', async () => {
    const org = await createOrganisation(t, { code: 'OIDC-CFG' });
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    const s = await sessionFor(t, admin.id);
    expect((await s.get(`/api/orgs/${org}/identity-provider`)).json()).toMatchObject({ configured: false, hasClientSecret: false, signInPath: null });

    const put = await s.put(`/api/orgs/${org}/identity-provider`, { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, ifMatch(1));
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ configured: true, issuer, clientId: CLIENT_ID, hasClientSecret: true, signInPath: '/api/auth/oidc/OIDC-CFG/start', redirectUri: expect.stringMatching(/\/api\/auth\/oidc\/callback$/), revision: 2 });
    expect(put.body).not.toContain(CLIENT_SECRET);
    const [row] = await ownerQuery<{ oidc: { clientSecret: string } }>(t, `SELECT oidc FROM organisation WHERE id = $1`, [org]);
    expect(row.oidc.clientSecret).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row.oidc)).not.toContain(CLIENT_SECRET);

    // The provider checks the secret at its token endpoint: a sign-in proves it was unsealed.
    const member = await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] });
    const r = await roundTrip(browser(t), 'OIDC-CFG', { sub: 'cfg-user', email: member.email, email_verified: true });
    expect(r.headers.location).toBe('/');
    expect(tokenRequests.at(-1)).toMatchObject({ client_secret: CLIENT_SECRET });

    // Changing the provider address without the secret would send the old secret elsewhere.
    const moved = await s.put(`/api/orgs/${org}/identity-provider`, { issuer: 'https://idp.elsewhere.be', clientId: CLIENT_ID }, ifMatch(2));
    expect(moved.statusCode).toBe(400);
    expect(moved.json()).toMatchObject({ code: 'oidc_secret_required', field: 'clientSecret' });

    expect((await s.delete(`/api/orgs/${org}/identity-provider`)).statusCode).toBe(204);
    expect((await s.get(`/api/orgs/${org}/identity-provider`)).json().configured).toBe(false);
    const actions = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE organisation_id = $1 ORDER BY id`, [org]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['organisation.oidc_update', 'organisation.oidc_remove']));
  });

  it('is for the administrator of that organisation only, and refuses bad addresses', async () => {
    const org = await createOrganisation(t);
    const other = await createOrganisation(t);
    const chief = await createUser(t, { roles: [{ orgId: org, role: 'chief' }] });
    const admin = await createUser(t, { roles: [{ orgId: org, role: 'administrator' }] });
    expect((await (await sessionFor(t, chief.id)).get(`/api/orgs/${org}/identity-provider`)).statusCode).toBe(403);
    const s = await sessionFor(t, admin.id);
    expect((await s.put(`/api/orgs/${other}/identity-provider`, { issuer: 'https://idp.be', clientId: 'x' })).statusCode).toBe(403);
    const plain = await s.put(`/api/orgs/${org}/identity-provider`, { issuer: 'http://idp.example.be', clientId: 'x' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().fields[0]).toMatchObject({ field: 'issuer' });
    expect((await s.put(`/api/orgs/${org}/identity-provider`, { issuer: 'javascript:alert(1)', clientId: 'x' })).statusCode).toBe(400);
    expect((await s.put(`/api/orgs/${org}/identity-provider`, { issuer: 'https://idp.be', clientId: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await s.put(`/api/orgs/${org}/identity-provider`, { issuer: 'https://idp.be', clientId: 'x'.repeat(201) })).statusCode).toBe(400);
    const [row] = await ownerQuery<{ oidc: unknown }>(t, `SELECT oidc FROM organisation WHERE id = $1`, [org]);
    expect(row.oidc).toBeNull();
  });
});

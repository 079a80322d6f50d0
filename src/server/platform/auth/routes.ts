import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { policy } from '../authz/route-policy.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { actorOf, auditContext, LOCALE_COOKIE } from '../http/context.js';
import { expectedRevision } from '../http/if-match.js';
import { makeAccountsService } from './accounts.js';
import { registerPersonalLinks } from './personal-links.js';
import { identityProviderBody, identityProviderView, makeIdentityProviderService } from './identity-provider.js';
import * as c from './contract.js';
import { auditOidcFailure, makeOidcService, OIDC_COOKIE, OIDC_COOKIE_PATH } from './oidc.js';
import { accountPolicies } from './policy.js';
import { makeAuthService, type RequestInfo } from './service.js';
import { SESSION_COOKIE } from './session.js';
import { DEVICE_COOKIE, DEVICE_DAYS } from './device-cookie.js';

/** Guessing passwords, codes or reset tokens is throttled per client address on top of the account lock. */
const throttled = { max: 10, timeWindow: '1 minute' } as const;
const ONE_YEAR_S = 365 * 24 * 3600;

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const auth = makeAuthService(deps);
  const accounts = makeAccountsService(deps);
  // Set-password and sign-in links are made when their mail is sent, never stored (personal-links.ts).
  registerPersonalLinks(deps.config.publicUrl);
  const oidc = makeOidcService(deps, auth);
  const identityProvider = makeIdentityProviderService(deps);

  // The organisation's own identity provider: its administrator configures it.
  const idpConfig = { policy: policy.roles('administrator') };
  app.get('/orgs/:orgId/identity-provider', { config: idpConfig, schema: { params: c.orgParams, response: { 200: identityProviderView } } },
    async (req) => identityProvider.get(req.params.orgId));
  app.put('/orgs/:orgId/identity-provider', { config: idpConfig, schema: { params: c.orgParams, body: identityProviderBody, response: { 200: identityProviderView } } },
    async (req) => identityProvider.put(auditContext(req), req.params.orgId, req.body, expectedRevision(req)));
  app.delete('/orgs/:orgId/identity-provider', { config: idpConfig, schema: { params: c.orgParams } },
    async (req, reply) => { await identityProvider.remove(auditContext(req), req.params.orgId); return reply.status(204).send(); });
  const secure = deps.config.secureCookies;

  const info = (req: FastifyRequest): RequestInfo => ({ ...auditContext(req), userAgent: req.headers['user-agent'] ?? null });
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
  const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
  // Read by the sign-in calls only; long-lived so the owner stays trusted on this browser (device-cookie.ts).
  const setDeviceCookie = (reply: FastifyReply, value: string | undefined) => {
    if (value) reply.setCookie(DEVICE_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure, path: '/api/auth/', maxAge: DEVICE_DAYS * 86_400 });
  };
  const trustThisDevice = async (req: FastifyRequest, reply: FastifyReply) =>
    setDeviceCookie(reply, await auth.trustDevice(actorOf(req), req.cookies[DEVICE_COOKIE]));
  /** A paused sign-in says when to come back (the same for every address, known or not). */
  const withRetryAfter = async <T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof AppError && typeof err.params.retryAfter === 'number') reply.header('retry-after', String(err.params.retryAfter));
      throw err;
    }
  };

  // Sign-in and second factor.

  app.post('/auth/login', {
    config: { policy: policy.public('sign-in'), rateLimit: throttled },
    schema: { body: c.loginBody, response: { 200: c.loginResponse } },
  }, async (req, reply) => {
    const s = await withRetryAfter(reply, () => auth.login(info(req), req.body, req.cookies[SESSION_COOKIE], req.cookies[DEVICE_COOKIE]));
    setSessionCookie(reply, s.token);
    setDeviceCookie(reply, s.deviceCookie);
    return { next: s.next, me: await auth.me(s.actor) };
  });

  app.post('/auth/totp/verify', {
    config: { policy: policy.signedIn({ beforeMfa: true }), rateLimit: throttled },
    schema: { body: c.codeBody, response: { 200: c.meResponse } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await auth.verifyTotp(info(req), actor, req.body.code);
    await trustThisDevice(req, reply);
    return auth.me({ ...actor, mfaVerified: true });
  });

  app.post('/auth/totp/setup', {
    config: { policy: policy.signedIn({ beforeMfa: true }), rateLimit: throttled },
    schema: { body: c.totpSetupBody, response: { 200: c.totpSetupResponse } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return auth.totpSetup(info(req), actorOf(req), req.body?.currentPassword);
  });

  app.post('/auth/totp/enable', {
    config: { policy: policy.signedIn({ beforeMfa: true }), rateLimit: throttled },
    schema: { body: c.codeBody, response: { 200: c.meResponse } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await auth.totpEnable(info(req), actor, req.body.code);
    await trustThisDevice(req, reply);
    return auth.me({ ...actor, mfaVerified: true, totpEnabled: true });
  });

  // The signed-in person.

  app.get('/auth/me', { config: { policy: policy.signedIn({ beforeMfa: true }) }, schema: { response: { 200: c.meResponse } } }, async (req) => auth.me(actorOf(req)));

  app.put('/auth/me/locale', { config: { policy: policy.signedIn({ beforeMfa: true }) }, schema: { body: c.localeBody, response: { 200: c.meResponse } } }, async (req, reply) => {
    const actor = actorOf(req);
    await auth.setLocale(info(req), actor, req.body.locale);
    reply.setCookie(LOCALE_COOKIE, req.body.locale, { path: '/', sameSite: 'lax', secure, maxAge: ONE_YEAR_S });
    return auth.me({ ...actor, locale: req.body.locale });
  });

  /** Anonymous visitors' language choice: a cookie only, nothing stored on the server. */
  app.post('/locale', { config: { policy: policy.public('choose-language') }, schema: { body: c.localeBody } }, async (req, reply) => {
    reply.setCookie(LOCALE_COOKIE, req.body.locale, { path: '/', sameSite: 'lax', secure, maxAge: ONE_YEAR_S });
    return reply.status(204).send();
  });

  app.post('/auth/logout', { config: { policy: policy.signedIn({ beforeMfa: true }) }, schema: { body: c.emptyBody } }, async (req, reply) => {
    await auth.logout(info(req), actorOf(req));
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/auth/sessions', { config: { policy: policy.signedIn() }, schema: { response: { 200: c.sessionsResponse } } }, async (req) => ({ sessions: await auth.sessions(actorOf(req)) }));

  app.post('/auth/sessions/:id/revoke', { config: { policy: policy.signedIn() }, schema: { params: c.idParam, body: c.emptyBody } }, async (req, reply) => {
    const actor = actorOf(req);
    await auth.revokeSession(info(req), actor, req.params.id);
    if (req.params.id === actor.sessionId) clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.post('/auth/password/change', { config: { policy: policy.signedIn(), rateLimit: throttled }, schema: { body: c.changePasswordBody } }, async (req, reply) => {
    await auth.changePassword(info(req), actorOf(req), req.body);
    return reply.status(204).send();
  });

  // Forgotten password and invitations.

  app.post('/auth/password/forgot', { config: { policy: policy.public('forgot-password'), rateLimit: throttled }, schema: { body: c.forgotBody } }, async (req, reply) => {
    await auth.forgotPassword(info(req), req.body.email);
    return reply.status(202).send();
  });

  app.post('/auth/password/reset', { config: { policy: policy.public('reset-password'), rateLimit: throttled }, schema: { body: c.resetBody } }, async (req, reply) => {
    await auth.resetPassword(info(req), req.body);
    return reply.status(204).send();
  });

  // Accounts of an organisation.

  app.get('/orgs/:orgId/users', { config: { policy: accountPolicies.list }, schema: { params: c.orgParams, response: { 200: c.orgUsersResponse } } }, async (req) =>
    ({ users: await accounts.list(auditContext(req), req.params.orgId) }));

  app.post('/orgs/:orgId/users', { config: { policy: accountPolicies.create }, schema: { params: c.orgParams, body: c.createUserBody, response: { 201: c.createUserResponse } } }, async (req, reply) => {
    const r = await accounts.create(auditContext(req), req.params.orgId, req.body);
    return reply.status(201).send(r);
  });

  app.post('/orgs/:orgId/users/:userId/disable', { config: { policy: accountPolicies.disable }, schema: { params: c.orgUserParams, body: c.emptyBody } }, async (req, reply) => {
    await accounts.disable(auditContext(req), actorOf(req), req.params.orgId, req.params.userId);
    return reply.status(204).send();
  });

  app.post('/orgs/:orgId/users/:userId/reset-second-factor', { config: { policy: accountPolicies.resetSecondFactor }, schema: { params: c.orgUserParams, body: c.emptyBody } }, async (req, reply) => {
    await accounts.resetSecondFactor(auditContext(req), actorOf(req), req.params.orgId, req.params.userId);
    return reply.status(204).send();
  });

  // Single sign-on through an organisation's own identity provider.

  app.get('/auth/oidc/:orgCode/start', { config: { policy: policy.public('oidc-start'), rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { params: c.oidcStartParams } }, async (req, reply) => {
    let s: Awaited<ReturnType<typeof oidc.start>>;
    try {
      s = await oidc.start(req.params.orgCode);
    } catch (err) {
      // A person who typed a wrong code on the sign-in page gets the page back with a message, not JSON.
      if (err instanceof AppError && err.code === 'oidc_not_configured' && req.headers.accept?.includes('text/html')) return reply.redirect('/sign-in?error=oidc_not_configured', 303);
      throw err;
    }
    // Lax, not Strict: the browser must send it back on the provider's cross-site redirect.
    reply.setCookie(OIDC_COOKIE, s.cookie, { httpOnly: true, sameSite: 'lax', secure, path: OIDC_COOKIE_PATH, maxAge: 600 });
    return reply.redirect(s.url, 302);
  });

  app.get('/auth/oidc/callback', { config: { policy: policy.public('oidc-callback'), rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { querystring: c.oidcCallbackQuery } }, async (req, reply) => {
    reply.clearCookie(OIDC_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: OIDC_COOKIE_PATH });
    const fail = (code: string) => reply.redirect(`/sign-in?error=${code}`, 303);
    if (req.query.error || !req.query.code) {
      await auditOidcFailure(deps, auditContext(req), req.query.error ? 'provider_error' : 'no_code');
      return fail('oidc_failed');
    }
    try {
      const url = new URL(req.url, deps.config.publicUrl);
      const s = await oidc.callback(info(req), url, req.cookies[OIDC_COOKIE], req.cookies[SESSION_COOKIE]);
      setSessionCookie(reply, s.token);
      return reply.redirect('/', 303);
    } catch (err) {
      if (err instanceof AppError) {
        if (err.code === 'oidc_failed') await auditOidcFailure(deps, auditContext(req), 'invalid_state');
        return fail(err.code);
      }
      // Provider or token validation errors: log their kind, never tokens or claims.
      req.log.warn({ err: { type: (err as Error).name, code: (err as { code?: string }).code } }, 'oidc callback refused');
      await auditOidcFailure(deps, auditContext(req), 'token_validation');
      return fail('oidc_failed');
    }
  });
};

import * as client from 'openid-client';
import { recordAudit, type AuditContext } from '../audit/service.js';
import { withSystemTx } from '../db/tx.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { authKeys } from '../crypto/index.js';
import { openClientSecret } from './identity-provider.js';
import * as repo from './repo.js';
import type { AuthService, RequestInfo } from './service.js';

export const OIDC_COOKIE = 'kompas_oidc';
export const OIDC_COOKIE_PATH = '/api/auth/oidc';
const STATE_TTL_MS = 10 * 60 * 1000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

interface OidcSettings { issuer: string; clientId: string; clientSecret?: string }
/** What the browser carries between start and callback, sealed (encrypted and authenticated) with the OIDC key. */
interface LoginState { o: string; s: string; n: string; v: string; e: number }

/** Plain http is accepted only for an identity provider on this machine (development, tests). */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

const configs = new Map<string, { config: client.Configuration; at: number }>();

async function configFor(stored: OidcSettings, dataDir: string): Promise<client.Configuration> {
  const s = { ...stored, clientSecret: await openClientSecret(dataDir, stored.clientSecret) };
  const key = JSON.stringify([s.issuer, s.clientId, s.clientSecret ?? '']);
  const hit = configs.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const issuer = new URL(s.issuer);
  const config = await client.discovery(issuer, s.clientId, s.clientSecret, undefined, {
    execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
    timeout: 10,
  });
  configs.set(key, { config, at: Date.now() });
  return config;
}

export function makeOidcService(deps: Pick<Deps, 'config' | 'database'>, auth: AuthService) {
  const db = deps.database.db;
  const redirectUri = `${deps.config.publicUrl}/api/auth/oidc/callback`;

  /** The identity provider's authorisation URL (PKCE S256, state, nonce) and the sealed cookie to set. */
  async function start(orgCode: string): Promise<{ url: string; cookie: string }> {
    const org = await repo.oidcOrganisationByCode(db, orgCode);
    if (!org?.oidc?.issuer || !org.oidc.clientId) throw new AppError('oidc_not_configured', 404);
    const config = await configFor(org.oidc, deps.config.dataDir);
    const verifier = client.randomPKCECodeVerifier();
    const state: LoginState = { o: org.id, s: client.randomState(), n: client.randomNonce(), v: verifier, e: Date.now() + STATE_TTL_MS };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: state.s,
      nonce: state.n,
    });
    const cookie = (await authKeys(deps.config.dataDir)).seal('oidc', JSON.stringify(state));
    return { url: url.href, cookie };
  }

  /**
   * Finishes the code flow and signs the user in. The account is found by (issuer, subject);
   * failing that, by an e-mail address the provider marks verified, and only for an account
   * whose home is this organisation and that is no platform administrator: an organisation's
   * provider must not be able to claim accounts of other organisations, not even those it gave
   * a role (docs/security.md).
   */
  async function callback(ctx: RequestInfo, callbackUrl: URL, sealedState: string | undefined, previousToken?: string) {
    const raw = sealedState ? (await authKeys(deps.config.dataDir)).open('oidc', sealedState) : null;
    const state = raw ? (JSON.parse(raw) as LoginState) : null;
    if (!state || state.e < Date.now()) throw new AppError('oidc_failed', 400);
    const org = await repo.oidcOrganisationById(db, state.o);
    if (!org?.oidc) throw new AppError('oidc_not_configured', 404);
    const config = await configFor(org.oidc, deps.config.dataDir);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: state.v, expectedState: state.s, expectedNonce: state.n, idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new AppError('oidc_failed', 400);
    let user = await repo.userByOidc(db, claims.iss, claims.sub);
    if (!user && typeof claims.email === 'string' && claims.email_verified === true) {
      const candidate = await repo.userByEmail(db, claims.email);
      if (candidate && !candidate.oidcSubject && !candidate.isPlatformAdmin && candidate.homeOrganisationId === org.id) {
        await withSystemTx(db, async (tx) => {
          await repo.linkOidc(tx, candidate.id, claims.iss, claims.sub);
          await recordAudit(tx, { actorUserId: candidate.id, ip: ctx.ip }, { organisationId: org.id, action: 'auth.oidc_link', recordType: 'user', recordId: candidate.id });
        });
        user = candidate;
      }
    }
    if (!user || user.disabledAt) {
      await withSystemTx(db, (tx) => recordAudit(tx, { actorUserId: user?.id ?? null, ip: ctx.ip }, {
        organisationId: null, action: 'auth.login_failed', recordType: user ? 'user' : undefined, recordId: user?.id,
        details: { method: 'oidc', organisationId: org.id, reason: user ? 'disabled' : 'no_account' },
      }));
      throw new AppError(user ? 'oidc_failed' : 'oidc_no_account', 403);
    }
    return auth.openSession(ctx, user.id, 'oidc', previousToken);
  }

  return { start, callback };
}

/** For the route: a failure of the provider or of the checks, audited without any claim content. */
export async function auditOidcFailure(deps: Pick<Deps, 'database'>, ctx: AuditContext, reason: string): Promise<void> {
  await withSystemTx(deps.database.db, (tx) => recordAudit(tx, ctx, { organisationId: null, action: 'auth.login_failed', details: { method: 'oidc', reason } }));
}

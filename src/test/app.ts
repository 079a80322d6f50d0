import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import type { Deps } from '../server/platform/deps.js';
import { idleJobs } from '../server/platform/jobs/index.js';
import { createMailer } from '../server/platform/mail/index.js';
import { hashToken, newToken } from '../server/platform/auth/tokens.js';
import type { Role } from '../shared/roles.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from './smtp.js';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  deps: Deps;
  /** With `{ smtp: true }`: the SMTP server that receives what Kompas sends. */
  smtp?: TestSmtp;
  /** Sends every queued mail now and returns those received (to one address, if given). */
  deliverMail(to?: string): Promise<ReceivedMail[]>;
  close: () => Promise<void>;
}

/**
 * Tests stand behind a simulated proxy: they vary X-Forwarded-For to act as distinct clients.
 * With `smtp: true` mail goes to a real SMTP server in the test process (personal links, such
 * as set-password links, exist only in delivered mail); otherwise mail stays in the outbox.
 * With `today`: the app's services read the day from it (Deps.today), a clock the test moves.
 */
export async function createTestApp(opts: { smtp?: boolean; today?: () => string } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const smtp = opts.smtp ? await startTestSmtp() : undefined;
  const config = loadConfig({ KOMPAS_DATA_DIR: '.tmp', DATABASE_URL: db.url, KOMPAS_LOG_LEVEL: 'silent', KOMPAS_TRUST_PROXY: '1' } as NodeJS.ProcessEnv);
  const deps: Deps = { config, database: db, adminUrl: db.url, mailer: createMailer(db.db, { from: config.mailFrom, smtpUrl: smtp?.url }), jobs: idleJobs, today: opts.today };
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    app, db, deps, smtp,
    async deliverMail(to) {
      if (!smtp) throw new Error('createTestApp({ smtp: true }) to deliver mail');
      await deps.mailer.deliverQueued(500);
      return smtp.take(to);
    },
    close: async () => { await app.close(); await db.drop(); await smtp?.close(); },
  };
}

/** Owner-role queries for fixtures: as a DBA would seed data, bypassing row-level security. */
export async function ownerQuery<T extends Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  const pg = await import('pg');
  const c = new pg.default.Client({ connectionString: t.db.url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

let seq = 0;
export async function createOrganisation(t: TestApp, opts: { code?: string; kind?: string; name?: string; parentId?: string } = {}): Promise<string> {
  seq++;
  const [row] = await ownerQuery<{ id: string }>(t,
    `INSERT INTO organisation (kind, code, names, languages, parent_id) VALUES ($1, $2, $3, '{nl,fr}', $4) RETURNING id`,
    [opts.kind ?? 'local_police_zone', opts.code ?? `Z${process.pid}-${seq}`, JSON.stringify({ nl: opts.name ?? `Zone ${seq}`, fr: opts.name ?? `Zone ${seq}` }), opts.parentId ?? null]);
  return row.id;
}

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: string | undefined;

export async function createUser(t: TestApp, opts: { email?: string; roles?: { orgId: string; role: Role }[]; totpSecret?: string; locale?: string; platformAdmin?: boolean; home?: string | null } = {}): Promise<{ id: string; email: string }> {
  seq++;
  passwordHash ??= await hash(TEST_PASSWORD);
  const email = opts.email ?? `user${seq}-${process.pid}@test.kompas`;
  const [u] = await ownerQuery<{ id: string }>(t,
    `INSERT INTO app_user (email, display_name, password_hash, locale, totp_secret, totp_enabled_at, is_platform_admin)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END, $6) RETURNING id`,
    [email, `Test User ${seq}`, passwordHash, opts.locale ?? 'en', opts.totpSecret ?? null, opts.platformAdmin ?? false]);
  for (const r of opts.roles ?? []) {
    await ownerQuery(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, $3, current_date - 1)`, [r.orgId, u.id, r.role]);
    await ownerQuery(t, `INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`, [r.orgId, u.id, `Test User ${seq}`]);
  }
  // Home: the organisation of the first role (as the migration decides for existing accounts), unless told otherwise.
  const home = opts.home !== undefined ? opts.home : opts.platformAdmin ? null : opts.roles?.[0]?.orgId ?? null;
  if (home) await ownerQuery(t, `UPDATE app_user SET home_organisation_id = $1 WHERE id = $2`, [home, u.id]);
  return { id: u.id, email };
}

/** A signed-in session without going through the sign-in screens (those have their own tests). */
export async function sessionFor(t: TestApp, userId: string, opts: { mfa?: boolean } = {}): Promise<Session> {
  const token = newToken();
  await t.db.db.execute(sql`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES (${hashToken(token)}, ${userId}, ${opts.mfa ?? true})`);
  return new Session(t.app, token);
}

/** A browser-like client: keeps its cookies and sends the CSRF token on mutating requests. */
export class Session {
  /** The CSRF token and the session cookie it was minted for (tokens are bound to the session). */
  private csrf?: { token: string; session: string | undefined };
  cookies: Record<string, string> = {};

  constructor(private app: FastifyInstance, sessionToken?: string) {
    if (sessionToken) this.cookies.kompas_session = sessionToken;
  }

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(String(method));
    // Like the web app: a new token whenever the session changed (sign-in, sign-out).
    if (unsafe && (!this.csrf || this.csrf.session !== this.cookies.kompas_session)) {
      const r = await this.app.inject({ method: 'GET', url: '/api/csrf', cookies: this.cookies });
      const cookie = r.cookies.find((c) => c.name === 'kompas_csrf');
      if (cookie) this.cookies.kompas_csrf = cookie.value;
      this.csrf = { token: r.json().token, session: this.cookies.kompas_session };
    }
    const res = await this.app.inject({
      method, url,
      headers: { ...(unsafe ? { 'x-csrf-token': this.csrf!.token } : {}), ...headers },
      cookies: this.cookies,
      ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
    });
    for (const c of res.cookies) {
      if (c.maxAge === 0 || c.value === '') delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PUT', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

/** The If-Match header of a write made on `revision` (ADR 0011). */
export const ifMatch = (revision: number) => ({ 'if-match': `"${revision}"` });

export function anonymous(t: TestApp): Session {
  return new Session(t.app);
}

/**
 * A signed-in session whose key pair for encrypted records is unlocked, through the real unlock
 * route (which creates the key pair on first use from the test password): what a password sign-in does.
 */
export async function unlockedSessionFor(t: TestApp, userId: string, opts: { mfa?: boolean } = {}): Promise<Session> {
  const s = await sessionFor(t, userId, opts);
  const r = await s.post('/api/auth/vault/unlock', { secret: TEST_PASSWORD });
  if (r.statusCode !== 200) throw new Error(`vault unlock failed: ${r.statusCode} ${r.body}`);
  return s;
}

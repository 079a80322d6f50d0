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

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  deps: Deps;
  close: () => Promise<void>;
}

/** Tests stand behind a simulated proxy: they vary X-Forwarded-For to act as distinct clients. */
export async function createTestApp(): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({ KOMPAS_DATA_DIR: '.tmp', DATABASE_URL: db.url, KOMPAS_LOG_LEVEL: 'silent', KOMPAS_TRUST_PROXY: '1' } as NodeJS.ProcessEnv);
  const deps: Deps = { config, database: db, adminUrl: db.url, mailer: createMailer(db.db, { from: config.mailFrom }), jobs: idleJobs };
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return { app, db, deps, close: async () => { await app.close(); await db.drop(); } };
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

export async function createUser(t: TestApp, opts: { email?: string; roles?: { orgId: string; role: Role }[]; totpSecret?: string; locale?: string; platformAdmin?: boolean } = {}): Promise<{ id: string; email: string }> {
  seq++;
  passwordHash ??= await hash(TEST_PASSWORD);
  const email = opts.email ?? `user${seq}-${process.pid}@test.kompas`;
  const [u] = await ownerQuery<{ id: string }>(t,
    `INSERT INTO app_user (email, display_name, password_hash, locale, totp_secret, totp_enabled_at, is_platform_admin)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END, $6) RETURNING id`,
    [email, `Test User ${seq}`, passwordHash, opts.locale ?? 'en', opts.totpSecret ?? null, opts.platformAdmin ?? false]);
  for (const r of opts.roles ?? []) {
    await ownerQuery(t, `INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, $3, current_date - 1)`, [r.orgId, u.id, r.role]);
  }
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
  private csrf?: { token: string; cookie: string };
  cookies: Record<string, string> = {};

  constructor(private app: FastifyInstance, sessionToken?: string) {
    if (sessionToken) this.cookies.kompas_session = sessionToken;
  }

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(String(method));
    if (unsafe && !this.csrf) {
      const r = await this.app.inject({ method: 'GET', url: '/api/csrf' });
      const cookie = r.cookies.find((c) => c.name === 'kompas_csrf');
      this.csrf = { token: r.json().token, cookie: cookie!.value };
      this.cookies.kompas_csrf = cookie!.value;
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
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);
}

export function anonymous(t: TestApp): Session {
  return new Session(t.app);
}

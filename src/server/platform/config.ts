import path from 'node:path';
import { z } from 'zod';

/** Environment configuration (12-factor). One schema, one clear error per bad value. */
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  KOMPAS_DATA_DIR: z.string().min(1).default('./data'),
  KOMPAS_DEMO: flag.optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Kompas <no-reply@kompas.local>'),
  PUBLIC_URL: z.string().url().optional(),
  KOMPAS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KOMPAS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  // On SIGTERM/SIGINT: how long in-flight requests may run on before they are cut (main.ts).
  KOMPAS_DRAIN_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
  KOMPAS_SECURE_COOKIES: flag.optional(),
  KOMPAS_TRUST_PROXY: z.string().regex(/^(0|1|true|false|[\d.:/, a-fA-F]+)$/, 'must be 1/0 or the addresses of the proxies').optional(),
  NODE_ENV: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  smtpUrl?: string;
  mailFrom: string;
  publicUrl: string;
  logLevel: string;
  sessionIdleMinutes: number;
  drainSeconds: number;
  secureCookies: boolean;
  /** Fastify trustProxy: false unless a reverse proxy is declared, so clients cannot pick their own address. */
  trustProxy: boolean | string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KOMPAS_DATA_DIR),
    demo: e.KOMPAS_DEMO ?? embedded,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    logLevel: e.KOMPAS_LOG_LEVEL,
    sessionIdleMinutes: e.KOMPAS_SESSION_IDLE_MINUTES,
    drainSeconds: e.KOMPAS_DRAIN_SECONDS,
    secureCookies: e.KOMPAS_SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    trustProxy: parseTrustProxy(e.KOMPAS_TRUST_PROXY),
  };
}

function parseTrustProxy(v: string | undefined): boolean | string {
  if (v === undefined || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  return v;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../server/platform/db/migrate.js';
import { startEmbeddedPostgres } from '../server/platform/db/embedded.js';

/**
 * Once per run: find PostgreSQL (the machine's at 127.0.0.1:5432, else an embedded one),
 * build a migrated template database; each test file clones it (see db.ts).
 */
export default async function setup(project: TestProject) {
  let baseUrl = process.env.KOMPAS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let stop: (() => Promise<void>) | undefined;
  try {
    const c = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 2000 });
    await c.connect();
    await c.end();
  } catch {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-test-pg-'));
    const h = await startEmbeddedPostgres(dir);
    baseUrl = h.url.replace(/\/kompas$/, '/postgres');
    stop = async () => {
      await h.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = `kompas_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await runMigrations(withDb(baseUrl, template));
  project.provide('pgBaseUrl', baseUrl);
  project.provide('pgTemplate', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    await stop?.();
  };
}

export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
    pgTemplate: string;
  }
}

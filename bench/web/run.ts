/**
 * Web benchmark: what the first page costs a browser, with every registered module in the build.
 *   npx tsx bench/web/run.ts [--runs 9] [--build] [--dist <another build of the web app>]
 * For two first pages, each loaded cold (a fresh browser context) `runs` times after a warm-up:
 *   - the sign-in page ("/" asks who is signed in and is sent to /sign-in), ready when the
 *     e-mail field and the submit button are there and enabled;
 *   - the home page of an organisation after sign-in (session cookie; roles that open every
 *     module's tiles), ready when its heading and tiles are shown;
 * it prints
 *   1. the JS and CSS the page downloaded (raw and gzip), measured from the responses, against the
 *      whole web app in dist/web/assets (every module page, one language's catalogue; gzip per
 *      file) — ratio first page / whole app: module pages must load on demand, so this ratio
 *      falls as modules are added;
 *   2. time to first render (first contentful paint) and to ready, median of the cold loads.
 * Baseline: a blank Vite + React page (one heading and a button) built in the same run with the
 * same Vite and React, served by a bare node:http static server. Ratios are Kompas / baseline.
 * dist/web is built first when missing, or always with --build.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { hashToken, newToken } from '../../src/server/platform/auth/tokens.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createDatabase } from '../../src/server/platform/db/pool.js';
import { idleJobs } from '../../src/server/platform/jobs/index.js';
import { createMailer } from '../../src/server/platform/mail/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/helpers/browser.js';
import { benchDatabase, fmt, numberArg, onInterrupt, percentile } from '../lib.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const runs = numberArg(process.argv, 'runs', 9);
const forceBuild = process.argv.includes('--build');
const distArg = process.argv.indexOf('--dist');
/** Another build of the web app to measure (e.g. of an earlier commit, for a before/after). */
const distDir = distArg > 0 ? path.resolve(process.argv[distArg + 1] ?? '') : undefined;

async function buildBlank(): Promise<string> {
  // Inside the project so that react and vite resolve from its node_modules.
  const dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'bench-blank-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>');
  fs.writeFileSync(path.join(dir, 'main.jsx'), `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
function App() { const [n, setN] = useState(0); return <main><h1>Blank</h1><button onClick={() => setN(n + 1)}>Clicked {n}</button></main>; }
createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
`);
  await build({ root: dir, configFile: false, logLevel: 'warn', plugins: [react()], build: { outDir: path.join(dir, 'dist'), emptyOutDir: true } });
  return path.join(dir, 'dist');
}

function serveStatic(dir: string): Promise<{ base: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(dir, rel.includes('..') ? 'index.html' : rel);
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dir, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
    fs.createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  })));
}

interface Measure {
  bytes: number;
  gzip: number;
  files: number;
  ready: number[];
  fcp: number[];
}

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

/** Loads `url` `runs` times in a fresh context each (cold cache) and waits for `ready` to hold. */
async function measure(browser: Browser, url: string, ready: () => boolean, setup?: (ctx: BrowserContext) => Promise<void>): Promise<Measure> {
  const m: Measure = { bytes: 0, gzip: 0, files: 0, ready: [], fcp: [] };
  for (let i = 0; i <= runs; i++) {
    const ctx = await browser.newContext();
    await setup?.(ctx);
    const page = await ctx.newPage();
    const bodies: Promise<Buffer | null>[] = [];
    if (i === 0) {
      page.on('response', (r) => {
        if (/\.(js|css)(\?|$)/.test(new URL(r.url()).pathname)) bodies.push(r.body().catch(() => null));
      });
    }
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 });
    const t = await page.evaluate(() => performance.now());
    if (i === 0) {
      await page.waitForLoadState('networkidle');
      for (const b of await Promise.all(bodies)) {
        if (!b) continue;
        m.files++;
        m.bytes += b.length;
        m.gzip += gz(b);
      }
    } else {
      // The first load is a warm-up (server and disk caches).
      m.ready.push(t);
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
      m.fcp.push(fcp);
    }
    await ctx.close();
  }
  m.ready.sort((a, b) => a - b);
  m.fcp.sort((a, b) => a - b);
  return m;
}

/**
 * The whole web app as built: every JS and CSS file, and the same with one language's catalogue (a
 * person loads one). The catalogue comes in parts, `messages-<locale>-<part>-<hash>.js` (one per
 * module, scripts/i18n/web-catalogues.ts); a build of an earlier commit has one `messages-<hash>.js` per language.
 */
function wholeApp(dist: string) {
  const dir = path.join(dist, 'assets');
  const files = fs.readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  const all = { files: 0, bytes: 0, gzip: 0 };
  const languages = new Map<string, { files: number; bytes: number; gzip: number }>();
  for (const f of files) {
    const b = fs.readFileSync(path.join(dir, f));
    all.files++;
    all.bytes += b.length;
    all.gzip += gz(b);
    if (/^messages-/.test(f)) {
      const key = /^messages-([a-z]{2})-/.exec(f)?.[1] ?? f;
      const l = languages.get(key) ?? { files: 0, bytes: 0, gzip: 0 };
      l.files++;
      l.bytes += b.length;
      l.gzip += gz(b);
      languages.set(key, l);
    }
  }
  // One language: all files less the other languages' catalogues (the largest one is kept, to stay on the safe side).
  const catalogues = [...languages.values()];
  const keep = catalogues.reduce((a, b) => (b.gzip > a.gzip ? b : a), { files: 0, bytes: 0, gzip: 0 });
  const sum = (k: 'files' | 'bytes' | 'gzip') => catalogues.reduce((a, b) => a + b[k], 0);
  const oneLanguage = {
    files: all.files - sum('files') + keep.files,
    bytes: all.bytes - sum('bytes') + keep.bytes,
    gzip: all.gzip - sum('gzip') + keep.gzip,
  };
  return { all, oneLanguage };
}

/** An organisation and a person whose roles open every registered module (administration, audit trail, plan), signed in with the second factor done. */
async function seedSignedIn(url: string): Promise<{ orgId: string; token: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const orgId = (await c.query<{ id: string }>(`INSERT INTO organisation (kind, code, names, languages) VALUES ('local_police_zone', 'BENCH-WEB', '{"nl":"PZ Bench"}', '{nl}') RETURNING id`)).rows[0]!.id;
    const user = (await c.query<{ id: string }>(`INSERT INTO app_user (email, display_name, locale, home_organisation_id) VALUES ('bench-web@kompas.test', 'Bench Web', 'nl', $1) RETURNING id`, [orgId])).rows[0]!.id;
    for (const role of ['administrator', 'chief', 'integrity_officer', 'dpo']) {
      await c.query(`INSERT INTO role_assignment (organisation_id, user_id, role, valid_from) VALUES ($1, $2, $3, current_date - 1)`, [orgId, user, role]);
    }
    await c.query(`INSERT INTO organisation_member (organisation_id, user_id, display_name, joined_at) VALUES ($1, $2, 'Bench Web', now()) ON CONFLICT DO NOTHING`, [orgId, user]);
    const token = newToken();
    await c.query(`INSERT INTO user_session (token_hash, user_id, mfa_verified) VALUES ($1, $2, true)`, [hashToken(token), user]);
    return { orgId, token };
  } finally {
    await c.end();
  }
}

async function main() {
  const dist = distDir ?? path.join(ROOT, 'dist/web');
  if (!distDir && (forceBuild || !fs.existsSync(path.join(dist, 'index.html')))) {
    console.log('building the web app (dist/web)');
    await build({ root: ROOT, logLevel: 'warn' });
  }
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const blankDist = await buildBlank();
  const blank = await serveStatic(blankDist);

  const db = await benchDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, KOMPAS_LOG_LEVEL: 'silent', KOMPAS_DATA_DIR: path.join(ROOT, '.tmp') } as NodeJS.ProcessEnv);
  const database = await createDatabase(db.url);
  const app = await buildApp({ config, database, adminUrl: db.url, mailer: createMailer(database.db, { from: config.mailFrom }), jobs: idleJobs }, { logger: false, webDist: dist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const kompasBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { orgId, token } = await seedSignedIn(db.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const cleanup = async () => {
    await browser.close().catch(() => undefined);
    await app.close();
    await database.close();
    await db.drop();
    await blank.close();
    fs.rmSync(path.dirname(blankDist), { recursive: true, force: true });
  };
  onInterrupt(cleanup);

  try {
    const usable = () => {
      const e = document.querySelector<HTMLInputElement>('input[name=email]');
      const b = document.querySelector<HTMLButtonElement>('form button[type=submit]');
      return !!e && !!b && !e.disabled && !b.disabled;
    };
    const homeShown = () => !!document.querySelector('main h1') && document.querySelectorAll('main li a h3').length > 0;
    const signIn = await measure(browser, `${kompasBase}/`, usable);
    const home = await measure(browser, `${kompasBase}/o/${orgId}`, homeShown, (ctx) =>
      ctx.addCookies([{ name: 'kompas_session', value: token, url: kompasBase, httpOnly: true, sameSite: 'Lax' }]));
    const z = await measure(browser, `${blank.base}/`, () => !!document.querySelector('main button'));
    const whole = wholeApp(dist);
    const med = (xs: number[]) => percentile(xs, 50);
    const kb = (n: number) => fmt(n / 1024, 1);
    const col = (v: string) => v.padStart(14);

    console.log(`web bench: ${runs} cold loads per page (after one warm-up), headless Chromium, database ${db.where}`);
    console.log(`web app: ${path.relative(ROOT, dist) || dist}`);
    console.log(`whole web app in its assets: ${whole.all.files} JS+CSS files, ${kb(whole.all.bytes)} kB raw, ${kb(whole.all.gzip)} kB gzip (all four languages); with one language's catalogue ${whole.oneLanguage.files} files, ${kb(whole.oneLanguage.gzip)} kB gzip`);
    console.log('');
    console.log('first page / whole app (one language), gzip:');
    console.log(`  sign-in page                 ${kb(signIn.gzip).padStart(8)} kB / ${kb(whole.oneLanguage.gzip)} kB = ${fmt(signIn.gzip / whole.oneLanguage.gzip, 2)}   (${signIn.files} of ${whole.oneLanguage.files} files)`);
    console.log(`  home page after sign-in      ${kb(home.gzip).padStart(8)} kB / ${kb(whole.oneLanguage.gzip)} kB = ${fmt(home.gzip / whole.oneLanguage.gzip, 2)}   (${home.files} of ${whole.oneLanguage.files} files)`);
    console.log('');
    console.log(`                               ${col('sign-in')} ${col('home')} ${col('blank page')}   ratio sign-in/blank`);
    console.log(`JS+CSS files                   ${col(fmt(signIn.files))} ${col(fmt(home.files))} ${col(fmt(z.files))}`);
    console.log(`JS+CSS raw (kB)                ${col(kb(signIn.bytes))} ${col(kb(home.bytes))} ${col(kb(z.bytes))}   ${fmt(signIn.bytes / z.bytes, 2)}`);
    console.log(`JS+CSS gzip (kB)               ${col(kb(signIn.gzip))} ${col(kb(home.gzip))} ${col(kb(z.gzip))}   ${fmt(signIn.gzip / z.gzip, 2)}`);
    console.log(`first render (FCP) p50 (ms)    ${col(fmt(med(signIn.fcp)))} ${col(fmt(med(home.fcp)))} ${col(fmt(med(z.fcp)))}   ${fmt(med(signIn.fcp) / med(z.fcp), 2)}`);
    console.log(`ready p50 (ms)                 ${col(fmt(med(signIn.ready)))} ${col(fmt(med(home.ready)))} ${col(fmt(med(z.ready)))}   ${fmt(med(signIn.ready) / med(z.ready), 2)}`);
    const range = (xs: number[]) => `${fmt(xs[0]!)}–${fmt(xs[xs.length - 1]!)}`;
    console.log(`ready min–max (ms)             ${col(range(signIn.ready))} ${col(range(home.ready))} ${col(range(z.ready))}`);
    console.log('(ready: sign-in form usable; home heading and tiles shown; blank page button shown)');
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

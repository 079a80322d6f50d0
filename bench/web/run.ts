/**
 * Web benchmark: what the first page costs a browser.
 *   npx tsx bench/web/run.ts [--runs 9]
 * 1. gzip size of the JS and CSS the browser loads for the first page (sign-in), measured from
 *    the responses, so lazy chunks that the page does not ask for are not counted;
 * 2. time to interactive in headless Chromium: navigation start → sign-in form usable (the
 *    e-mail field and the submit button are there and enabled), median of cold loads.
 * Baseline: a blank Vite + React page (one heading and a button) built in the same run with the
 * same Vite and React, served by a bare node:http static server. Ratios are Kompas / baseline.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { createDatabase } from '../../src/server/platform/db/pool.js';
import { idleJobs } from '../../src/server/platform/jobs/index.js';
import { createMailer } from '../../src/server/platform/mail/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/helpers/browser.js';
import { benchDatabase, fmt, numberArg, onInterrupt, percentile } from '../lib.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const runs = numberArg(process.argv, 'runs', 9);

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
  tti: number[];
}

/** Loads `url` `runs` times in a fresh context each (cold cache) and waits for `ready` to hold. */
async function measure(browser: Browser, url: string, ready: () => boolean): Promise<Measure> {
  const m: Measure = { bytes: 0, gzip: 0, files: 0, tti: [] };
  for (let i = 0; i <= runs; i++) {
    const ctx = await browser.newContext();
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
        m.gzip += gzipSync(b, { level: 9 }).length;
      }
    } else {
      m.tti.push(t); // the first load is a warm-up (server and disk caches)
    }
    await ctx.close();
  }
  m.tti.sort((a, b) => a - b);
  return m;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    console.log('dist/web is missing: building the web app first');
    await build({ root: ROOT, logLevel: 'warn' });
  }
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const blankDist = await buildBlank();
  const blank = await serveStatic(blankDist);

  const db = await benchDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, KOMPAS_LOG_LEVEL: 'silent', KOMPAS_DATA_DIR: path.join(ROOT, '.tmp') } as NodeJS.ProcessEnv);
  const database = await createDatabase(db.url);
  const app = await buildApp({ config, database, adminUrl: db.url, mailer: createMailer(database.db, { from: config.mailFrom }), jobs: idleJobs }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const kompasBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
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
    // Kompas: "/" asks the API who is signed in, is sent to /sign-in, shows the form.
    const usable = () => {
      const e = document.querySelector<HTMLInputElement>('input[name=email]');
      const b = document.querySelector<HTMLButtonElement>('form button[type=submit]');
      return !!e && !!b && !e.disabled && !b.disabled;
    };
    const k = await measure(browser, `${kompasBase}/`, usable);
    const z = await measure(browser, `${blank.base}/`, () => !!document.querySelector('main button'));
    const med = (m: Measure) => percentile(m.tti, 50);
    console.log(`web bench: ${runs} cold loads each (after one warm-up), headless Chromium, database ${db.where}`);
    console.log('');
    console.log('                               Kompas (sign-in)   blank Vite+React   ratio');
    console.log(`JS+CSS files                   ${fmt(k.files).padStart(16)}   ${fmt(z.files).padStart(16)}`);
    console.log(`JS+CSS raw (kB)                ${fmt(k.bytes / 1024, 1).padStart(16)}   ${fmt(z.bytes / 1024, 1).padStart(16)}   ${fmt(k.bytes / z.bytes, 2)}`);
    console.log(`JS+CSS gzip (kB)               ${fmt(k.gzip / 1024, 1).padStart(16)}   ${fmt(z.gzip / 1024, 1).padStart(16)}   ${fmt(k.gzip / z.gzip, 2)}`);
    console.log(`time to interactive p50 (ms)   ${fmt(med(k), 0).padStart(16)}   ${fmt(med(z), 0).padStart(16)}   ${fmt(med(k) / med(z), 2)}`);
    console.log(`time to interactive min–max    ${`${fmt(k.tti[0])}–${fmt(k.tti[k.tti.length - 1])}`.padStart(16)}   ${`${fmt(z.tti[0])}–${fmt(z.tti[z.tti.length - 1])}`.padStart(16)}`);
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

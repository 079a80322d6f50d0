/**
 * Screenshots of the main screens for review and the user guide:
 *   BASE=http://127.0.0.1:3000 OUT=docs/screenshots npx tsx e2e/tools/screenshots.ts
 * Needs a running server with the demo data (npm start), and Debian's Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { generate } from 'otplib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/browser.js';

const BASE = process.env.BASE ?? 'http://127.0.0.1:3000';
const OUT = process.env.OUT ?? '.tmp/screenshots';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'Kompas-demo-2026';
const TOTP_SECRET = process.env.DEMO_TOTP_SECRET ?? 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';
const ONLY = process.env.ONLY?.split(',');

const CSV = `stamnummer;naam;voornaam;categorie;dienstcode;startdatum
NEW0001;Peeters;Jan;operationeel;INT;2024-03-01
NEW0002;Janssens;Els;calog;;31/02/2024
NEW0003;;Tom;operationeel;INT;2023-01-15
`;

async function signIn(page: Page, email: string, lang: string) {
  await page.goto(`${BASE}/sign-in`);
  await page.evaluate((l) => localStorage.setItem('kompas_locale', l), lang);
  await page.reload();
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').first().click();
  await page.waitForURL(/\/sign-in\/totp|\/o\//);
  if (page.url().includes('/sign-in/totp')) {
    await page.locator('input[name=code]').fill(await generate({ secret: TOTP_SECRET }));
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/o\//);
  }
  await page.waitForLoadState('networkidle');
}

async function shot(page: Page, name: string) {
  if (ONLY && !ONLY.some((o) => name.includes(o))) return;
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const variants = [['nl', { width: 1280, height: 800 }, ''], ['fr', { width: 1280, height: 800 }, ''], ['nl', { width: 390, height: 844 }, '-mobile']] as const;
  const wanted = process.env.VARIANTS?.split(',').map(Number) ?? [0, 1, 2];
  for (const [lang, viewport, suffix] of variants.filter((_v, i) => wanted.includes(i))) {
    const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${BASE}/sign-in`);
    await page.evaluate((l) => localStorage.setItem('kompas_locale', l), lang);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await shot(page, `sign-in-${lang}${suffix}`);
    await signIn(page, 'admin@demo.kompas.be', lang);
    await shot(page, `home-${lang}${suffix}`);
    const org = /\/o\/([^/]+)/.exec(page.url())![1];
    await page.goto(`${BASE}/o/${org}/people`);
    await page.getByRole('grid').waitFor();
    await shot(page, `staff-${lang}${suffix}`);
    await page.goto(`${BASE}/o/${org}/people/import`);
    await page.locator('textarea').fill(CSV);
    await page.locator('form button[type=submit]').click();
    await page.locator('table.import-errors').waitFor();
    await shot(page, `import-preview-${lang}${suffix}`);
    await ctx.close();
    // The DPO reads the audit trail.
    const ctx2 = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const p2 = await ctx2.newPage();
    await signIn(p2, 'dpo@demo.kompas.be', lang);
    await p2.goto(`${BASE}/o/${org}/audit`);
    await p2.getByRole('grid').waitFor();
    await shot(p2, `audit-${lang}${suffix}`);
    await ctx2.close();
    // One TOTP code per 30-second step and user: wait for the next step before signing in again.
    await new Promise((r) => setTimeout(r, 31_000 - (Date.now() % 30_000)));
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

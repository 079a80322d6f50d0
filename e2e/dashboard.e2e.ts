import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../src/server/platform/export/export.testkit.js';
import { dashboardWorld, inflatePdf, type DashboardWorld } from '../src/test/dashboard-world.js';
import { expectAxeClean, openBrowser, settled, signInByCookie, startKompas, useLanguage, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The organisation's dashboard in the browser (issue 20), in English: the chief opens it from the
 * navigation and finds the plan's, the complaints desk's and the maturity measurement's tiles, each
 * chart with its data table; axe finds nothing; the PDF holds the tiles' tables.
 */

let k: Kompas;
let b: Browsing;
let w: DashboardWorld;

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  w = await dashboardWorld(k);
  await signInByCookie(k, b.context, w.users.chief.id);
}, 180_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('integrity dashboard', () => {
  it('the chief opens the dashboard, reads every tile with its table, and downloads it as PDF', async () => {
    const { page } = b;
    await page.goto(`${k.base}/`);
    await useLanguage(page, 'en');
    await page.goto(`${k.base}/o/${w.org}`);
    await settled(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrity dashboard' }).waitFor();
    await settled(page);

    const tile = (name: string) => page.getByRole('region', { name });
    // The plan: key figures, and the actions by status as a table with bars.
    const progress = tile('Progress of the plan in force');
    expect(await progress.getByRole('definition').allTextContents()).toEqual(['2', '0 %', '1']);
    const byStatus = page.getByRole('grid', { name: 'Actions of the plan in force by status: data table' });
    expect(await byStatus.getByRole('row', { name: /Late/ }).textContent()).toContain('1');
    // Complaints: received and the lead times against the targets.
    await tile('Complaints received').waitFor();
    const lead = page.getByRole('grid', { name: 'Complaints: lead times against the targets: data table' });
    expect(await lead.getByRole('row').count()).toBe(4);
    // Maturity: a radar named as a picture of its table, the table beside it, and the trend.
    const levels = tile('Maturity per pillar and function');
    await levels.getByRole('img', { name: /Maturity per pillar and function: chart/ }).waitFor();
    const levelsTable = levels.getByRole('grid', { name: 'Maturity per pillar and function: data table' });
    expect(await levelsTable.getByRole('columnheader').allTextContents()).toEqual(['Figure', 'Agreed level', 'Target level']);
    expect(await levelsTable.getByRole('row', { name: /Processes/ }).textContent()).toContain('2');
    const trend = tile('Maturity over the measurements');
    expect(await trend.getByRole('row', { name: /Baseline 2025/ }).count()).toBe(1);
    await expectAxeClean(page, 'dashboard');

    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as PDF' }).click()]) as [Download, unknown];
    const fs = await import('node:fs');
    const bytes = fs.readFileSync((await d.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfPages(inflatePdf(bytes)).join('\n');
    for (const s of ['Integrity dashboard', 'Progress of the plan in force', 'Complaints: lead times against the targets', 'Maturity per pillar and function', 'Agreed level']) expect(text).toContain(s);
  });
});

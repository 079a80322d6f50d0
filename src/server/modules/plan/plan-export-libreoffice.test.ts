import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { docxHeadersFooters } from '../../platform/export/export.testkit.js';
import { documentLabels } from '../../platform/export/index.js';
import type { PlanTree } from './contract.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { completeForSubmission } from './plan-workflow.testkit.js';
import { makePlanService } from './service.js';

/**
 * Opens the Word export in LibreOffice (Debian: `apt-get install -y libreoffice-writer-nogui`) and
 * converts it to PDF, as an inspector without Word would read it. Skipped where `soffice` is not
 * installed, so CI stays fast; a conversion takes several seconds.
 *
 * With KOMPAS_EXPORT_SAMPLES=<folder>, the Word file, LibreOffice's PDF and Kompas's own PDF are
 * kept there (the user guide's page images are made from them with `pdftoppm`).
 */

const run = promisify(execFile);
const which = (cmd: string) => (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
const hasSoffice = which('soffice');
const hasPdftotext = which('pdftotext');

describe.skipIf(!hasSoffice)('Word export in LibreOffice', () => {
  let t: TestApp;
  let w: PlanWorld;
  let dir: string;
  let docx: Buffer;
  let ownPdf: Buffer;
  beforeAll(async () => {
    t = await createTestApp();
    w = await planWorld(t);
    await ownerQuery(t, `UPDATE organisation SET names = $2 WHERE id = $1`, [w.org, JSON.stringify({ nl: 'Politiezone Zuiderkempen', fr: 'Zone de police Zuiderkempen' })]);
    await ownerQuery(t, `UPDATE app_user SET display_name = 'Karel Peeters' WHERE id = $1`, [w.users.chief.id]);
    await ownerQuery(t, `UPDATE app_user SET display_name = 'Ine Janssens' WHERE id = $1`, [w.users.officer.id]);
    // The Schoten template: 4 strategic objectives and 46 actions, a plan of a real zone's size.
    const r = await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: `Integriteitsbeleidsplan ${YEAR}-${YEAR + 3}`, periodFrom: YEAR, periodTo: YEAR + 3, templateKey: 'schoten' });
    expect(r.statusCode, r.body).toBe(201);
    const planId = (r.json() as PlanTree).plan.id;
    await completeForSubmission(w.s.officer, w.org, planId);
    expect((await w.s.officer.post(`/api/orgs/${w.org}/plans/${planId}/submit`)).statusCode).toBe(200);
    expect((await w.s.chief.post(`/api/orgs/${w.org}/plans/${planId}/approve`)).statusCode).toBe(200);

    dir = process.env.KOMPAS_EXPORT_SAMPLES || fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-lo-'));
    fs.mkdirSync(dir, { recursive: true });
    docx = (await w.s.officer.get(`/api/orgs/${w.org}/plans/${planId}/export.docx?lang=nl`)).rawPayload;
    fs.writeFileSync(path.join(dir, 'plan.docx'), docx);
    const svc = makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'http://x', dataDir: t.deps.config.dataDir });
    const officer = { actor: { userId: w.users.officer.id, sessionId: 's', email: '', displayName: '', locale: 'nl' as const, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants: [{ organisationId: w.org, role: 'integrity_officer' as const }] }, audit: { actorUserId: w.users.officer.id, ip: null } };
    ownPdf = (await svc.exportPlan(officer, w.org, planId, 'pdf', 'nl')).body;
    if (process.env.KOMPAS_EXPORT_SAMPLES) fs.writeFileSync(path.join(dir, 'plan-kompas.pdf'), ownPdf);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (!process.env.KOMPAS_EXPORT_SAMPLES && dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('converts to PDF with a page count close to Kompas\'s own PDF and to the count written in the footer', async () => {
    // A profile of its own: a second soffice (a desktop session, a parallel run) would otherwise block this one.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-lo-profile-'));
    try {
      await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'plan.docx')], { timeout: 110_000 });
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
    const pdf = fs.readFileSync(path.join(dir, 'plan.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pagesOf = (buf: Buffer) => [...buf.toString('latin1').matchAll(/\/Type\s*\/Page[^s]/g)].length;
    const lo = pagesOf(pdf);
    const own = pagesOf(ownPdf);
    // Title page, contents, 7 sections with 46 actions in tables, approval, annex: about a dozen pages.
    expect(lo).toBeGreaterThanOrEqual(8);
    expect(lo).toBeLessThanOrEqual(30);
    expect(Math.abs(lo - own)).toBeLessThanOrEqual(Math.ceil(own * 0.3));
    // The page count Kompas laid out for the footer ("page x of N") is LibreOffice's within a few pages.
    const footer = docxHeadersFooters(docx).footers.default[0].text;
    const written = Number(/(\d+)\s*$/.exec(footer)?.[1]);
    expect(Math.abs(written - lo)).toBeLessThanOrEqual(Math.ceil(lo * 0.3));

    if (hasPdftotext) {
      const { stdout } = await run('pdftotext', ['-layout', path.join(dir, 'plan.pdf'), '-']);
      const pages = stdout.split('\f');
      const labels = documentLabels('nl');
      expect(pages[1]).toContain(labels.contents);
      // LibreOffice fills the footer's fields: "page 2 of N" on the contents page.
      expect(pages[1].replace(/\s+/g, ' ')).toContain(labels.pageNumbers.replace('{page}', '2').replace('{pages}', String(lo)));
      expect(pages[0]).toContain('Politiezone Zuiderkempen');
    }
  }, 120_000);
});

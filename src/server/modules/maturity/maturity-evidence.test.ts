import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type Session, type TestApp } from '../../../test/app.js';
import { translate } from '../../platform/i18n/index.js';
import type { PlanTree } from '../plan/contract.js';
import type { MeasurementDetail } from './contract.js';
import type { EvidenceItem, EvidenceList } from './evidence-contract.js';
import { EVIDENCE_FILE_MAX_BYTES } from './evidence.js';
import { consolidateAll, maturityWorld, mBase, newMeasurement, scoreAll, type MaturityWorld } from './maturity.testkit.js';

/** A score's evidence besides its text: files (checked, cleaned, sealed, audited) and links to records of other modules. */

let t: TestApp;
let w: MaturityWorld;
let planId: string;
let sdId: string;
let actionId: string;
const marker = `AUTEUR-${randomBytes(4).toString('hex')}`;
let pdf: Buffer;

const plans = (org = w.org) => `/api/orgs/${org}/plans`;
const url = (m: { id: string }, rest = '', org = w.org) => `${mBase(w, org)}/${m.id}${rest}`;

function form(name: string, type: string, content: Buffer) {
  const boundary = '----kompas' + randomBytes(6).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (s: Session, m: MeasurementDetail, criterionId: string, name: string, type: string, content: Buffer, org = w.org) => {
  const f = form(name, type, content);
  return s.request('POST', url(m, `/scores/${criterionId}/files`, org), f.body, f.headers);
};
const evidence = async (s: Session, m: MeasurementDetail) => {
  const r = await s.get(url(m, '/evidence'));
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as EvidenceList;
};
const storedFiles = async () => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM stored_file WHERE organisation_id = $1 AND record_type = 'maturity_evidence'`, [w.org]))[0].n;
const evidenceRows = async (measurementId: string) => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM maturity_evidence WHERE measurement_id = $1`, [measurementId]))[0].n;
const auditCount = async (action: string, recordId: string) =>
  (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND record_id = $2`, [action, recordId]))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  w = await maturityWorld(t);
  const p = (await w.s.officer.post(plans(), { title: 'Integriteitsbeleidsplan', periodFrom: 2025, periodTo: 2029 })).json() as PlanTree;
  planId = p.plan.id;
  sdId = (await w.s.officer.post(`${plans()}/${planId}/objectives`, { code: 'SD 1', title: 'Integriteit omschrijven' })).json().id;
  actionId = (await w.s.officer.post(`${plans()}/${planId}/actions`, { objectiveId: sdId, title: 'Risicoanalyse kwetsbare functies' })).json().id;
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Verslag dilemmatraining');
  doc.setAuthor(marker);
  pdf = Buffer.from(await doc.save());
});
afterAll(async () => { await t.close(); });

describe('evidence files', () => {
  it('the assessor attaches a file to their score: metadata removed, sealed, listed to them only, download audited', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const r = await upload(w.s.anna, m, crit, 'verslag.pdf', 'application/pdf', pdf);
    expect(r.statusCode, r.body).toBe(201);
    const item = r.json() as EvidenceItem;
    expect(item).toMatchObject({ kind: 'file', criterionId: crit, assessor: { userId: w.users.anna.id }, file: { filename: 'verslag.pdf', mediaType: 'application/pdf' }, canDelete: true });
    expect(await auditCount('maturity.evidence_upload', m.id)).toBe(1);

    // Sealed at rest: neither the text nor the author appears in the stored bytes.
    const stored = await ownerQuery<{ content: Buffer }>(t, `SELECT content FROM stored_file WHERE id = $1`, [item.id]);
    expect(stored[0].content.includes(Buffer.from(marker))).toBe(false);

    const mine = await evidence(w.s.anna, m);
    expect(mine.items.map((x) => x.id)).toEqual([item.id]);
    expect(mine.linkKinds).toEqual(expect.arrayContaining(['plan.action', 'plan.objective']));
    const d = await w.s.anna.get(url(m, `/evidence/${item.id}/file`));
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('application/pdf');
    expect(d.headers['content-disposition']).toContain('attachment');
    expect(d.headers['x-content-type-options']).toBe('nosniff');
    expect(d.headers['cache-control']).toBe('no-store');
    // The author the PDF named is gone; its page is still there.
    expect((await PDFDocument.load(d.rawPayload, { updateMetadata: false })).getAuthor()).toBeUndefined();
    expect(d.rawPayload.includes(Buffer.from(marker))).toBe(false);
    expect(await auditCount('maturity.evidence_download', m.id)).toBe(1);
  });

  it('independence: before the consolidation nobody else sees or downloads it (404), afterwards officer, chief and assessors do', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[1].criterion.id;
    const item = (await upload(w.s.anna, m, crit, 'nota.txt', 'text/plain', Buffer.from('Nota over de dilemmatraining.\n'))).json() as EvidenceItem;
    for (const who of ['bart', 'officer', 'chief'] as const) {
      expect((await evidence(w.s[who], m)).items).toEqual([]);
      expect((await w.s[who].get(url(m, `/evidence/${item.id}/file`))).statusCode).toBe(404);
      expect((await w.s[who].delete(url(m, `/evidence/${item.id}`))).statusCode).toBe(404);
    }
    // A bystander of the organisation finds no measurement at all.
    expect((await w.s.staff.get(url(m, '/evidence'))).statusCode).toBe(404);
    expect((await w.s.staff.get(url(m, `/evidence/${item.id}/file`))).statusCode).toBe(404);

    await scoreAll(w.s.anna, w, m, () => 2);
    await scoreAll(w.s.bart, w, m, () => 2);
    await consolidateAll(w, m.id);
    for (const who of ['bart', 'officer', 'chief', 'anna'] as const) {
      const list = await evidence(w.s[who], m);
      expect(list.items.map((x) => x.id)).toEqual([item.id]);
      expect(list.items[0].canDelete).toBe(false);
      const d = await w.s[who].get(url(m, `/evidence/${item.id}/file`));
      expect(d.statusCode).toBe(200);
      expect(d.body).toBe('Nota over de dilemmatraining.\n');
    }
    // No new evidence once the consolidation started, and none removed.
    const late = await upload(w.s.anna, m, crit, 'laat.txt', 'text/plain', Buffer.from('te laat'));
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('maturity_wrong_status');
    expect((await w.s.anna.delete(url(m, `/evidence/${item.id}`))).statusCode).toBe(409);
    expect((await w.s.bart.delete(url(m, `/evidence/${item.id}`))).statusCode).toBe(403);
  });

  it('refuses oversized, mistyped and hostile files with a translated error, storing nothing', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const before = await storedFiles();
    const cases: [string, string, Buffer, number, string][] = [
      ['leeg.pdf', 'application/pdf', Buffer.alloc(0), 400, 'file_empty'],
      ['groot.txt', 'text/plain', Buffer.alloc(EVIDENCE_FILE_MAX_BYTES + 1, 0x61), 413, 'file_too_large'],
      ['programma.exe', 'application/octet-stream', Buffer.from('MZ\x90\x00'), 415, 'file_type'],
      ['vermomd.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 not a pdf'), 415, 'file_content'],
      ['kapot.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n garbage without objects'), 400, 'file_metadata_kept'],
      ['foto.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 400, 'file_unreadable'],
    ];
    for (const [name, type, content, status, code] of cases) {
      const r = await upload(w.s.anna, m, crit, name, type, content);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(status);
      const body = r.json() as { code: string; message: string };
      expect(body.code).toBe(code);
      expect(body.message).toBeTruthy();
      expect(body.message).not.toContain(`error.${code}`);
    }
    // A translated message, in the person's language (the test accounts' is English; the catalogs hold the others).
    const wrong = await upload(w.s.anna, m, crit, 'programma.exe', 'application/octet-stream', Buffer.from('MZ'));
    const allowed = { allowed: '.pdf, .docx, .xlsx, .png, .jpg, .jpeg, .txt, .csv' };
    expect(wrong.json().message).toBe(translate('en', 'error.file_type', allowed));
    expect(translate('nl', 'error.file_type', allowed)).not.toBe(wrong.json().message);
    // No file part at all.
    const none = await w.s.anna.request('POST', url(m, `/scores/${crit}/files`), Buffer.from('--x--\r\n'), { 'content-type': 'multipart/form-data; boundary=x' });
    expect(none.statusCode).toBe(400);
    expect(await storedFiles()).toBe(before);
    expect(await evidenceRows(m.id)).toBe(0);
  });

  it('at most ten files per criterion, also when they arrive at once', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[2].criterion.id;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => upload(w.s.anna, m, crit, `f${i}.txt`, 'text/plain', Buffer.from(`bestand ${i}`))));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual([[409, 'maturity_evidence_too_many_files'], [409, 'maturity_evidence_too_many_files']]);
    expect(await evidenceRows(m.id)).toBe(10);
  });

  it('only the assessor writes on their score; an unknown criterion is 404; another organisation finds nothing', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const txt = Buffer.from('bewijs');
    expect((await upload(w.s.officer, m, crit, 'a.txt', 'text/plain', txt)).statusCode).toBe(403);
    expect((await upload(w.s.anna, m, '00000000-0000-4000-8000-000000000000', 'a.txt', 'text/plain', txt)).statusCode).toBe(404);
    const item = (await upload(w.s.anna, m, crit, 'a.txt', 'text/plain', txt)).json() as EvidenceItem;
    // The other organisation's officer: its route finds no such measurement; ours refuses them at the door.
    expect((await w.s.otherOfficer.get(url(m, '/evidence', w.other))).statusCode).toBe(404);
    expect((await w.s.otherOfficer.get(url(m, `/evidence/${item.id}/file`, w.other))).statusCode).toBe(404);
    expect((await upload(w.s.otherOfficer, m, crit, 'a.txt', 'text/plain', txt, w.other)).statusCode).toBe(404);
    expect((await w.s.otherOfficer.get(url(m, `/evidence/${item.id}/file`))).statusCode).toBe(403);
    // The assessor removes it; its stored file goes with it.
    const before = await storedFiles();
    expect((await w.s.anna.delete(url(m, `/evidence/${item.id}`))).statusCode).toBe(204);
    expect(await storedFiles()).toBe(before - 1);
    expect(await auditCount('maturity.evidence_delete', m.id)).toBe(1);
  });
});

describe('evidence links', () => {
  it('links the assessor\'s score to a plan action and objective; readers who may not see the plan get "not accessible"', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const r = await w.s.anna.post(url(m, `/scores/${crit}/links`), { kind: 'plan.action', recordId: actionId });
    expect(r.statusCode, r.body).toBe(201);
    expect((r.json() as EvidenceItem).link).toEqual({ kind: 'plan.action', recordId: actionId, record: { title: 'Risicoanalyse kwetsbare functies', url: `/o/${w.org}/plans/${planId}/actions?action=${actionId}` } });
    expect((await w.s.anna.post(url(m, `/scores/${crit}/links`), { kind: 'plan.objective', recordId: sdId })).statusCode).toBe(201);
    const dup = await w.s.anna.post(url(m, `/scores/${crit}/links`), { kind: 'plan.action', recordId: actionId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('maturity_link_duplicate');
    expect(await auditCount('maturity.evidence_link', m.id)).toBe(2);

    // The title is the plan's current one.
    const tree = (await w.s.officer.get(`${plans()}/${planId}`)).json() as PlanTree;
    const action = tree.objectives.flatMap((o) => o.actions).find((a) => a.id === actionId)!;
    expect((await w.s.officer.patch(`${plans()}/${planId}/actions/${actionId}`, { title: 'Risicoanalyse van kwetsbare functies' }, ifMatch(action.revision))).statusCode).toBe(200);
    expect((await evidence(w.s.anna, m)).items.find((x) => x.kind === 'link' && x.link?.kind === 'plan.action')?.link?.record?.title).toBe('Risicoanalyse van kwetsbare functies');

    // Bart (integrity spoc) may not read plans: he cannot link one, and sees Anna's links as not accessible.
    const refused = await w.s.bart.post(url(m, `/scores/${crit}/links`), { kind: 'plan.action', recordId: actionId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'maturity_link_unknown', field: 'recordId' });
    await scoreAll(w.s.anna, w, m, () => 2);
    await scoreAll(w.s.bart, w, m, () => 2);
    await consolidateAll(w, m.id);
    const bartSees = (await evidence(w.s.bart, m)).items.filter((x) => x.kind === 'link');
    expect(bartSees).toHaveLength(2);
    expect(bartSees.every((x) => x.link!.record === null)).toBe(true);
    const officerSees = (await evidence(w.s.officer, m)).items.filter((x) => x.kind === 'link');
    expect(officerSees.map((x) => x.link!.record?.title).sort()).toEqual(['Integriteit omschrijven', 'Risicoanalyse van kwetsbare functies']);

    // The measurement's export lists them on the criterion's line, with the current titles.
    const file = (await upload(w.s.anna, m, crit, 'x.txt', 'text/plain', Buffer.from('x'))).statusCode;
    expect(file).toBe(409); // consolidating: no new evidence
    const csv = (await w.s.officer.get(url(m, '/export.csv?lang=en'))).body.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toContain('Files and links');
    const line = csv.find((l) => l.includes(m.criteria[0].criterion.code + ';'))!;
    expect(line).toContain(': Risicoanalyse van kwetsbare functies');
    expect(line).toContain(': Integriteit omschrijven');
  });

  it('refuses another organisation\'s action, an unknown kind and a malformed kind', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const otherPlan = (await w.s.otherOfficer.post(plans(w.other), { title: 'Ander plan', periodFrom: 2025, periodTo: 2029 })).json() as PlanTree;
    const otherSd = (await w.s.otherOfficer.post(`${plans(w.other)}/${otherPlan.plan.id}/objectives`, { code: 'SD 1', title: 'Elders' })).json().id;
    const otherAction = (await w.s.otherOfficer.post(`${plans(w.other)}/${otherPlan.plan.id}/actions`, { objectiveId: otherSd, title: 'Actie elders' })).json().id;
    for (const body of [{ kind: 'plan.action', recordId: otherAction }, { kind: 'plan.objective', recordId: otherSd }, { kind: 'nothing.here', recordId: actionId }, { kind: 'plan.objective', recordId: actionId }]) {
      const r = await w.s.anna.post(url(m, `/scores/${crit}/links`), body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().code).toBe('maturity_link_unknown');
    }
    for (const body of [{ kind: 'PLAN ACTION', recordId: actionId }, { kind: 'plan.action', recordId: 'x' }, { kind: 'plan.action', recordId: actionId, extra: 1 }]) {
      expect((await w.s.anna.post(url(m, `/scores/${crit}/links`), body)).statusCode).toBe(400);
    }
    expect(await evidenceRows(m.id)).toBe(0);
  });
});

describe('deletion', () => {
  it('an assessor taken off the measurement loses their scores and evidence; deleting the measurement deletes the rest and its files', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const before = await storedFiles();
    await upload(w.s.anna, m, crit, 'a.txt', 'text/plain', Buffer.from('van Anna'));
    await upload(w.s.bart, m, crit, 'b.txt', 'text/plain', Buffer.from('van Bart'));
    expect((await w.s.anna.post(url(m, `/scores/${crit}/links`), { kind: 'plan.action', recordId: actionId })).statusCode).toBe(201);
    await scoreAll(w.s.bart, w, m, () => 1);
    expect(await storedFiles()).toBe(before + 2);

    const now = (await w.s.officer.get(url(m))).json() as MeasurementDetail;
    const r = await w.s.officer.patch(url(m), { assessorUserIds: [w.users.anna.id] }, ifMatch(now.revision));
    expect(r.statusCode, r.body).toBe(200);
    expect(await storedFiles()).toBe(before + 1);
    expect(await evidenceRows(m.id)).toBe(2);
    expect((await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM maturity_score WHERE measurement_id = $1`, [m.id]))[0].n).toBe(0);

    expect((await w.s.officer.delete(url(m))).statusCode).toBe(204);
    expect(await storedFiles()).toBe(before);
    expect(await evidenceRows(m.id)).toBe(0);
  });

  it('an approved measurement is locked for evidence too', async () => {
    const m = await newMeasurement(w);
    const crit = m.criteria[0].criterion.id;
    const item = (await upload(w.s.anna, m, crit, 'a.txt', 'text/plain', Buffer.from('bewijs'))).json() as EvidenceItem;
    await scoreAll(w.s.anna, w, m, () => 2);
    await scoreAll(w.s.bart, w, m, () => 2);
    await consolidateAll(w, m.id);
    expect((await w.s.officer.post(url(m, '/submit'))).statusCode).toBe(200);
    expect((await w.s.chief.post(url(m, '/approve'))).statusCode).toBe(200);
    expect((await upload(w.s.anna, m, crit, 'b.txt', 'text/plain', Buffer.from('x'))).json().code).toBe('maturity_locked');
    expect((await w.s.anna.delete(url(m, `/evidence/${item.id}`))).json().code).toBe('maturity_locked');
    expect((await w.s.chief.get(url(m, `/evidence/${item.id}/file`))).statusCode).toBe(200);
  });
});

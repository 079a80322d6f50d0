import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, type TestApp } from '../../../test/app.js';
import type { AuditContext } from '../audit/service.js';
import { ensureSealingKey } from '../crypto/key-check.js';
import { rotateSealingKey } from '../crypto/rotate.js';
import { sealPlainValues } from '../crypto/seal-plain.js';
import { BYTES_MAGIC, decodeKey, encodeKey, keyFilePath, newMasterKey, SealedDataError, Sealer, sealerFor } from '../crypto/sealing.js';
import { withOrgTx } from '../db/tx.js';
import { AppError } from '../errors.js';
import { translate } from '../i18n/index.js';
import { acceptFile, cleanFilename, type FilePolicy } from './accept.js';
import { fileMessages } from './messages.js';
import { fileStore, StoredFileIntegrityError, type FileRef } from './store.js';

let t: TestApp;
let org: string;
let other: string;
let ctx: AuditContext;
let files: ReturnType<typeof fileStore>;
const marker = `GEHEIM-BESTAND-${randomBytes(4).toString('hex')}`;
const MB = 1024 * 1024;
const policy: FilePolicy = { maxBytes: MB, types: ['pdf', 'png', 'txt', 'csv'] };
const up = (filename: string, mimetype: string, data: Buffer | string) => ({ filename, mimetype, data: Buffer.isBuffer(data) ? data : Buffer.from(data) });
const pdf = (text = marker) => Buffer.from(`%PDF-1.4\n1 0 obj (${text}) endobj\n%%EOF\n`);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** The AppError acceptFile throws, as [code, status, params]. */
function refusal(fn: () => unknown): [string, number, Record<string, string | number>] {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return [err.code, err.status, err.params];
    throw err;
  }
  throw new Error('accepted');
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t);
  other = await createOrganisation(t);
  ctx = { actorUserId: (await createUser(t)).id, ip: '127.0.0.1' };
  files = fileStore(t.deps.config.dataDir);
  // A record table of a module to be, as the reporting channel's will be; its child goes by cascade.
  await ownerQuery(t, `CREATE TABLE test_case (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organisation_id uuid NOT NULL)`);
  await ownerQuery(t, `CREATE TABLE test_case_part (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organisation_id uuid NOT NULL,
    case_id uuid NOT NULL REFERENCES test_case (id) ON DELETE CASCADE)`);
  await ownerQuery(t, `GRANT SELECT, INSERT, DELETE ON test_case, test_case_part TO kompas_app`);
  await ownerQuery(t, `CREATE TRIGGER test_case_part_files AFTER DELETE ON test_case_part REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION stored_file_delete_with_record('test_case_part')`);
});
afterAll(async () => { await t.close(); });

const newRecord = async (orgId = org): Promise<FileRef> => ({ organisationId: orgId, recordType: 'test_case', recordId: (await ownerQuery<{ id: string }>(t, `INSERT INTO test_case (organisation_id) VALUES ($1) RETURNING id`, [orgId]))[0].id });
const store = (ref: FileRef, data = pdf(), name = 'verslag.pdf') => withOrgTx(t.db.db, ref.organisationId, (tx) => files.storeFile(tx, ctx, { ...ref, file: acceptFile(up(name, 'application/pdf', data), policy) }));
const read = (ref: FileRef, fileId: string, asOrg = ref.organisationId) => withOrgTx(t.db.db, asOrg, (tx) => files.readFile(tx, ctx, { ...ref, fileId }));
const rawContent = async (id: string) => (await ownerQuery<{ content: Buffer }>(t, `SELECT content FROM stored_file WHERE id = $1`, [id]))[0]?.content;

describe('accepting an upload', () => {
  it('takes a file of an allowed type whose content is that type, with our media type and its digest', () => {
    const data = pdf();
    const f = acceptFile(up('C:\\Users\\jan\\verslag.PDF', 'application/pdf', data), policy);
    expect(f).toMatchObject({ filename: 'verslag.PDF', mediaType: 'application/pdf', size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    expect(acceptFile(up('lijst.csv', 'application/vnd.ms-excel', 'a;b\n1;2\n'), policy).mediaType).toBe('text/csv');
    expect(acceptFile(up('foto.png', 'image/png', PNG), policy).mediaType).toBe('image/png');
  });

  it('refuses an empty file and one over the limit, naming the limit', () => {
    expect(refusal(() => acceptFile(up('leeg.txt', 'text/plain', ''), policy))).toEqual(['file_empty', 400, {}]);
    expect(refusal(() => acceptFile(up('groot.txt', 'text/plain', Buffer.alloc(MB + 1, 0x61)), policy))).toEqual(['file_too_large', 413, { maxMb: 1 }]);
    expect(acceptFile(up('net.txt', 'text/plain', Buffer.alloc(MB, 0x61)), policy).size).toBe(MB);
  });

  it('refuses a type the policy does not allow, or a declared type that contradicts the name, listing what is accepted', () => {
    const allowed = '.pdf, .png, .txt, .csv';
    expect(refusal(() => acceptFile(up('setup.exe', 'application/x-msdownload', 'MZ\x90\x00'), policy))).toEqual(['file_type', 415, { allowed }]);
    expect(refusal(() => acceptFile(up('pagina.txt', 'text/html', '<b>x</b>'), policy))).toEqual(['file_type', 415, { allowed }]);
    expect(refusal(() => acceptFile(up('zonder-extensie', 'application/pdf', pdf()), policy))).toEqual(['file_type', 415, { allowed }]);
    // The allowed set is the module's: a valid PNG is refused where only PDF is accepted.
    expect(refusal(() => acceptFile(up('foto.png', 'image/png', PNG), { maxBytes: MB, types: ['pdf'] }))).toEqual(['file_type', 415, { allowed: '.pdf' }]);
    expect(translate('en', fileMessages.file_type, { allowed })).toBe('Files of this type are not accepted here. Accepted: .pdf, .png, .txt, .csv.');
  });

  it('refuses content that is not what the name says: an executable named .pdf, HTML named .png, binary named .txt', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(200)]);
    expect(refusal(() => acceptFile(up('factuur.pdf', 'application/pdf', exe), policy))).toEqual(['file_content', 415, { ext: '.pdf' }]);
    expect(refusal(() => acceptFile(up('foto.png', 'image/png', '<html><script>alert(1)</script></html>'), policy))).toEqual(['file_content', 415, { ext: '.png' }]);
    expect(refusal(() => acceptFile(up('notities.txt', 'text/plain', Buffer.from([0x61, 0x00, 0x62])), policy))).toEqual(['file_content', 415, { ext: '.txt' }]);
    expect(refusal(() => acceptFile(up('notities.txt', 'text/plain', Buffer.from([0xc3, 0x28])), policy))).toEqual(['file_content', 415, { ext: '.txt' }]);
    expect(translate('en', fileMessages.file_content, { ext: '.pdf' })).toContain('not that of a .pdf file');
  });

  it('cleans the name: no path, no control or direction-override characters, long names keep their extension', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('ver\r\nslag\u0000.pdf')).toBe('verslag.pdf');
    expect(cleanFilename('factuur\u202Efdp.exe')).toBe('factuurfdp.exe');
    expect(cleanFilename('   ')).toBe('file');
    const long = cleanFilename(`${'a'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('stored files', () => {
  it('stores a file on a record, lists it and reads it back, auditing store and read', async () => {
    const ref = await newRecord();
    const data = pdf();
    const f = await store(ref, data);
    expect(f).toMatchObject({ filename: 'verslag.pdf', mediaType: 'application/pdf', size: data.length, createdBy: { id: ctx.actorUserId } });
    expect(await withOrgTx(t.db.db, org, (tx) => files.listFiles(tx, ref))).toEqual([f]);
    const back = await read(ref, f.id);
    expect(back?.data.equals(data)).toBe(true);
    expect(back).toMatchObject({ filename: 'verslag.pdf', mediaType: 'application/pdf' });
    const events = await ownerQuery<{ action: string; record_type: string; record_id: string; details: Record<string, unknown> }>(t,
      `SELECT action, record_type, record_id, details FROM audit_event WHERE details->>'fileId' = $1 ORDER BY id`, [f.id]);
    expect(events).toEqual([
      { action: 'file.store', record_type: 'test_case', record_id: ref.recordId, details: { fileId: f.id, size: data.length, mediaType: 'application/pdf' } },
      { action: 'file.read', record_type: 'test_case', record_id: ref.recordId, details: { fileId: f.id } },
    ]);
  });

  it('writes the module\'s own audit event when it names one', async () => {
    const ref = await newRecord();
    const f = await withOrgTx(t.db.db, org, (tx) => files.storeFile(tx, ctx, {
      ...ref, file: acceptFile(up('a.txt', 'text/plain', 'bewijs'), policy),
      audit: { action: 'test.evidence_upload', recordType: 'test_plan', recordId: ref.recordId, details: { step: 1 } },
    }));
    const [e] = await ownerQuery<{ action: string; record_type: string; details: Record<string, unknown> }>(t,
      `SELECT action, record_type, details FROM audit_event WHERE details->>'fileId' = $1`, [f.id]);
    expect(e).toEqual({ action: 'test.evidence_upload', record_type: 'test_plan', details: { step: 1, fileId: f.id, size: 6, mediaType: 'text/plain' } });
  });

  it('keeps the content sealed at rest: the raw column holds no plaintext', async () => {
    const ref = await newRecord();
    const f = await store(ref);
    const raw = await rawContent(f.id);
    expect(raw.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC)).toBe(true);
    expect(raw.includes(marker)).toBe(false);
    expect(raw.includes('%PDF')).toBe(false);
    expect(sealerFor(t.deps.config.dataDir).openBytes('files', raw)?.includes(marker)).toBe(true);
    // Nor is it anywhere else in the table (name and metadata hold no content).
    const hits = await ownerQuery(t, `SELECT 1 FROM stored_file WHERE position(convert_to($1, 'UTF8') in content) > 0 OR filename LIKE '%' || $1 || '%'`, [marker]);
    expect(hits).toEqual([]);
  });

  it('detects tampering: altered sealed bytes do not open, and content swapped from another file fails its digest', async () => {
    const ref = await newRecord();
    const a = await store(ref, pdf('eerste'), 'a.pdf');
    const b = await store(ref, pdf('tweede'), 'b.pdf');
    const raw = await rawContent(a.id);
    const flipped = Buffer.from(raw);
    flipped[flipped.length - 1] ^= 0x01;
    await ownerQuery(t, `UPDATE stored_file SET content = $2 WHERE id = $1`, [a.id, flipped]);
    await expect(read(ref, a.id)).rejects.toBeInstanceOf(SealedDataError);
    await ownerQuery(t, `UPDATE stored_file SET content = (SELECT content FROM stored_file WHERE id = $2) WHERE id = $1`, [a.id, b.id]);
    await expect(read(ref, a.id)).rejects.toBeInstanceOf(StoredFileIntegrityError);
    // A failed read leaves no audit event of a read.
    expect(await ownerQuery(t, `SELECT 1 FROM audit_event WHERE action = 'file.read' AND details->>'fileId' = $1`, [a.id])).toEqual([]);
  });

  it('reads plain content written before sealing, and the boot step seals it', async () => {
    const ref = await newRecord();
    const data = Buffer.from(`oud bestand ${marker}\n`);
    const [row] = await ownerQuery<{ id: string }>(t, `INSERT INTO stored_file (organisation_id, record_type, record_id, filename, media_type, size, sha256, content)
      VALUES ($1, $2, $3, 'oud.txt', 'text/plain', $4, $5, $6) RETURNING id`, [org, ref.recordType, ref.recordId, data.length, createHash('sha256').update(data).digest('hex'), data]);
    expect((await read(ref, row.id))?.data.equals(data)).toBe(true);
    const counts = await sealPlainValues(t.db.url, t.deps.config.dataDir, process.env, () => {});
    expect(counts['stored_file.content']).toBeGreaterThanOrEqual(1);
    expect((await rawContent(row.id)).includes(marker)).toBe(false);
    expect((await read(ref, row.id))?.data.equals(data)).toBe(true);
  });

  it('finds nothing of another organisation or another record, even when asked with the right ids', async () => {
    const ref = await newRecord();
    const f = await store(ref);
    // From the other organisation's transaction, naming the owner's organisation: row-level security hides it.
    expect(await read(ref, f.id, other)).toBeNull();
    expect(await withOrgTx(t.db.db, other, (tx) => files.listFiles(tx, ref))).toEqual([]);
    expect(await read({ ...ref, organisationId: other }, f.id, other)).toBeNull();
    const elsewhere = await newRecord();
    expect(await read(elsewhere, f.id)).toBeNull();
    expect(await read({ ...ref, recordType: 'other_type' }, f.id)).toBeNull();
    // Nor can it be deleted from there.
    expect(await withOrgTx(t.db.db, other, (tx) => files.deleteFile(tx, ctx, { ...ref, fileId: f.id }))).toBe(false);
    expect(await withOrgTx(t.db.db, org, (tx) => files.deleteFile(tx, ctx, { ...elsewhere, fileId: f.id }))).toBe(false);
    expect(await rawContent(f.id)).toBeDefined();
  });

  it('deletes one file (audited), and every file of a record with the record', async () => {
    const ref = await newRecord();
    const keep = await newRecord();
    const [a, b] = [await store(ref), await store(ref)];
    const kept = await store(keep);
    expect(await withOrgTx(t.db.db, org, (tx) => files.deleteFile(tx, ctx, { ...ref, fileId: a.id }))).toBe(true);
    expect(await rawContent(a.id)).toBeUndefined();
    expect(await ownerQuery(t, `SELECT 1 FROM audit_event WHERE action = 'file.delete' AND details->>'fileId' = $1`, [a.id])).toHaveLength(1);
    expect(await withOrgTx(t.db.db, org, async (tx) => {
      const n = await files.deleteFilesOf(tx, org, ref.recordType, ref.recordId);
      await tx.execute(sql`DELETE FROM test_case WHERE id = ${ref.recordId}`);
      return n;
    })).toBe(1);
    expect(await rawContent(b.id)).toBeUndefined();
    expect(await rawContent(kept.id)).toBeDefined();
  });

  it('deletes the files of a record that goes by a cascade (trigger stored_file_delete_with_record)', async () => {
    const [c] = await ownerQuery<{ id: string }>(t, `INSERT INTO test_case (organisation_id) VALUES ($1) RETURNING id`, [org]);
    const parts = await ownerQuery<{ id: string }>(t, `INSERT INTO test_case_part (organisation_id, case_id) VALUES ($1, $2), ($1, $2) RETURNING id`, [org, c.id]);
    const stored = [];
    for (const p of parts) stored.push(await store({ organisationId: org, recordType: 'test_case_part', recordId: p.id }));
    // Another organisation's file under the same record id, and a part of another case, are not touched.
    const foreign = await store({ organisationId: other, recordType: 'test_case_part', recordId: parts[0].id });
    const [c2] = await ownerQuery<{ id: string }>(t, `INSERT INTO test_case (organisation_id) VALUES ($1) RETURNING id`, [org]);
    const [p2] = await ownerQuery<{ id: string }>(t, `INSERT INTO test_case_part (organisation_id, case_id) VALUES ($1, $2) RETURNING id`, [org, c2.id]);
    const survivor = await store({ organisationId: org, recordType: 'test_case_part', recordId: p2.id });
    await withOrgTx(t.db.db, org, (tx) => tx.execute(sql`DELETE FROM test_case WHERE id = ${c.id}`));
    for (const f of stored) expect(await rawContent(f.id)).toBeUndefined();
    expect(await rawContent(foreign.id)).toBeDefined();
    expect(await rawContent(survivor.id)).toBeDefined();
  });

  it('copies the files of records onto others, content as it is', async () => {
    const [from, to] = [await newRecord(), await newRecord()];
    const f = await store(from);
    const copies = await withOrgTx(t.db.db, org, (tx) => files.copyFilesOf(tx, org, 'test_case', [{ from: from.recordId, to: to.recordId }]));
    const copyId = copies.get(f.id)!;
    const [copy] = await withOrgTx(t.db.db, org, (tx) => files.listFiles(tx, to));
    expect(copy).toMatchObject({ id: copyId, filename: f.filename, sha256: f.sha256, size: f.size });
    expect((await read(to, copyId))?.data.equals(pdf())).toBe(true);
    const empty = await newRecord();
    expect((await withOrgTx(t.db.db, org, (tx) => files.copyFilesOf(tx, org, 'test_case', [{ from: empty.recordId, to: from.recordId }]))).size).toBe(0);
  });
});

describe('key rotation', () => {
  it('re-seals stored files under the new key; their digests still hold', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-files-rotate-'));
    const keyA = newMasterKey();
    fs.mkdirSync(path.dirname(keyFilePath(dir)), { recursive: true });
    fs.writeFileSync(keyFilePath(dir), encodeKey(keyA), { mode: 0o600 });
    // The test database already holds content sealed with the test data dir's key: start from key A only.
    await ownerQuery(t, `DELETE FROM stored_file`);
    await ownerQuery(t, `UPDATE app_user SET totp_secret = NULL, totp_pending_secret = NULL`);
    await ownerQuery(t, `DELETE FROM sealing_key_check`);
    const data = pdf();
    const ref = await newRecord();
    const [row] = await ownerQuery<{ id: string }>(t, `INSERT INTO stored_file (organisation_id, record_type, record_id, filename, media_type, size, sha256, content)
      VALUES ($1, $2, $3, 'a.pdf', 'application/pdf', $4, $5, $6) RETURNING id`,
      [org, ref.recordType, ref.recordId, data.length, createHash('sha256').update(data).digest('hex'), new Sealer(keyA).sealBytes('files', data)]);
    const env = {} as NodeJS.ProcessEnv;
    await ensureSealingKey(t.db.url, dir, env, () => {});
    await ownerQuery(t, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kompas' AND pid <> pg_backend_pid()`);
    const r = await rotateSealingKey(t.db.url, dir, env, () => {});
    expect(r.counts['stored_file.content']).toBe(1);
    const B = new Sealer(decodeKey(fs.readFileSync(keyFilePath(dir), 'utf8'), 'k'));
    const raw = await rawContent(row.id);
    expect(new Sealer(keyA).openBytes('files', raw)).toBeNull();
    const opened = B.openBytes('files', raw)!;
    expect(opened.equals(data)).toBe(true);
    expect(createHash('sha256').update(opened).digest('hex')).toBe((await ownerQuery<{ sha256: string }>(t, `SELECT sha256 FROM stored_file WHERE id = $1`, [row.id]))[0].sha256);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, ownerQuery, type TestApp } from '../../../test/app.js';
import { planWorld, YEAR } from '../../modules/plan/plan.testkit.js';
import { ensureSealingKey, SealingKeyError } from './key-check.js';
import { rotateSealingKey, RotationRefused } from './rotate.js';
import { decodeKey, encodeKey, keyFilePath, newMasterKey, Sealer } from './sealing.js';

/** `npm run keys:rotate`: everything re-sealed under a new key in one transaction; the old key no longer opens the database. */
let t: TestApp;
let dir: string;
const keyA = newMasterKey();
const A = new Sealer(keyA);
const pdf = Buffer.from('%PDF-1.4\nbewijs\n');
let planId: string;
let userId: string;
const quiet = () => {};
const env = {} as NodeJS.ProcessEnv;

beforeAll(async () => {
  t = await createTestApp();
  const w = await planWorld(t);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-rotate-'));
  fs.mkdirSync(path.dirname(keyFilePath(dir)), { recursive: true });
  fs.writeFileSync(keyFilePath(dir), encodeKey(keyA), { mode: 0o600 });
  // Content sealed with key A, as an installation using this data dir would hold it.
  planId = (await w.s.officer.post(`/api/orgs/${w.org}/plans`, { title: 'Plan', periodFrom: YEAR, periodTo: YEAR + 4 })).json().plan.id;
  const sd = (await w.s.officer.post(`/api/orgs/${w.org}/plans/${planId}/objectives`, { code: 'SD 1', title: 'SD' })).json().id;
  const action = (await w.s.officer.post(`/api/orgs/${w.org}/plans/${planId}/actions`, { objectiveId: sd, title: 'Actie' })).json().id;
  await ownerQuery(t, `UPDATE plan SET confidential_notes = $2 WHERE id = $1`, [planId, A.seal('notes', 'plannota')]);
  await ownerQuery(t, `INSERT INTO plan_action_evidence (organisation_id, plan_id, action_id, filename, content_type, size, sha256, data)
    VALUES ($1, $2, $3, 'b.pdf', 'application/pdf', $4, 'x', $5)`, [w.org, planId, action, pdf.length, A.sealBytes('files', pdf)]);
  userId = (await createUser(t)).id;
  await ownerQuery(t, `UPDATE app_user SET totp_secret = $2, totp_enabled_at = now() WHERE id = $1`, [userId, A.seal('totp', 'JBSWY3DPEHPK3PXP')]);
  await ensureSealingKey(t.db.url, dir, env, quiet);
});
afterAll(async () => { await t.close(); });

/** The server's own pool connections (application_name 'kompas') count as a running server. */
const stopServerConnections = () => ownerQuery(t, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kompas' AND pid <> pg_backend_pid()`);

describe('key rotation', () => {
  it('refuses while the server is connected to the database', async () => {
    await t.db.pool.query('SELECT 1');
    await expect(rotateSealingKey(t.db.url, dir, env, quiet)).rejects.toBeInstanceOf(RotationRefused);
    expect(fs.existsSync(`${keyFilePath(dir)}.new`)).toBe(false);
    expect(decodeKey(fs.readFileSync(keyFilePath(dir), 'utf8'), 'k')).toEqual(keyA);
  });

  it('re-seals every value with a new key, keeps the old key file aside, and the old key no longer opens the database', async () => {
    await stopServerConnections();
    const r = await rotateSealingKey(t.db.url, dir, env, quiet);
    expect(r.counts).toMatchObject({ 'plan.confidential_notes': 1, 'plan_action_evidence.data': 1, 'app_user.totp_secret': 1 });
    const keyB = decodeKey(fs.readFileSync(keyFilePath(dir), 'utf8'), 'k');
    expect(keyB).not.toEqual(keyA);
    expect(decodeKey(fs.readFileSync(r.oldKeyAt!, 'utf8'), 'k')).toEqual(keyA);
    const B = new Sealer(keyB);
    const [p] = await ownerQuery<{ confidential_notes: string }>(t, `SELECT confidential_notes FROM plan WHERE id = $1`, [planId]);
    expect(B.open('notes', p.confidential_notes)).toBe('plannota');
    expect(A.open('notes', p.confidential_notes)).toBeNull();
    const [e] = await ownerQuery<{ data: Buffer }>(t, `SELECT data FROM plan_action_evidence WHERE plan_id = $1`, [planId]);
    expect(B.openBytes('files', e.data)?.equals(pdf)).toBe(true);
    const [u] = await ownerQuery<{ totp_secret: string }>(t, `SELECT totp_secret FROM app_user WHERE id = $1`, [userId]);
    expect(B.totpSecret(u.totp_secret)).toBe('JBSWY3DPEHPK3PXP');
    const audit = await ownerQuery(t, `SELECT 1 FROM audit_event WHERE action = 'platform.key_rotated'`);
    expect(audit).toHaveLength(1);
    // Boot: the new key is accepted, the old one refused.
    expect(await ensureSealingKey(t.db.url, dir, env, quiet)).toMatchObject({ created: false });
    fs.copyFileSync(r.oldKeyAt!, keyFilePath(dir));
    await expect(ensureSealingKey(t.db.url, dir, env, quiet)).rejects.toBeInstanceOf(SealingKeyError);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, ownerQuery, type TestApp } from '../../../test/app.js';
import { ensureSealingKey, SealingKeyError } from './key-check.js';
import { encodeKey, keyFilePath, newMasterKey, Sealer } from './sealing.js';

/**
 * Issue 15: a lost key file was silently replaced by a new key, and every sealed secret then
 * failed as "code is wrong". Now the server refuses to start and names the key.
 */
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const quiet = () => {};
let dir: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompas-keys-'));
  await ownerQuery(t, 'DELETE FROM sealing_key_check');
  await ownerQuery(t, `UPDATE app_user SET totp_secret = NULL`);
});
const env = (extra: Record<string, string> = {}) => ({ ...extra }) as NodeJS.ProcessEnv;

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SealingKeyError);
  return (err as Error).message;
}

/** An installation that sealed a TOTP secret with `key` (as today's servers do), before the key check existed. */
async function sealedWith(key: Uint8Array) {
  const u = await createUser(t);
  await ownerQuery(t, `UPDATE app_user SET totp_secret = $2, totp_enabled_at = now() WHERE id = $1`, [u.id, new Sealer(key).seal('totp', 'JBSWY3DPEHPK3PXP')]);
}

describe('sealing key at boot', () => {
  it('creates a key (0600) and its check row only on a database without sealed data, then accepts it', async () => {
    const r = await ensureSealingKey(t.db.url, dir, env(), quiet);
    expect(r).toMatchObject({ created: true, source: { kind: 'file', where: keyFilePath(dir) } });
    expect(fs.statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
    expect(await ownerQuery(t, 'SELECT sealed FROM sealing_key_check')).toHaveLength(1);
    expect(await ensureSealingKey(t.db.url, dir, env(), quiet)).toMatchObject({ created: false });
  });

  it('refuses to start when the key file is missing and sealed data exists (no new key is made)', async () => {
    await ensureSealingKey(t.db.url, dir, env(), quiet);
    fs.rmSync(keyFilePath(dir));
    const msg = await refusal(ensureSealingKey(t.db.url, dir, env(), quiet));
    expect(msg).toContain(keyFilePath(dir));
    expect(msg).toMatch(/is missing/);
    expect(fs.existsSync(keyFilePath(dir))).toBe(false);
  });

  it('refuses to start with a wrong key file, or a wrong KOMPAS_AUTH_KEY, naming it', async () => {
    await ensureSealingKey(t.db.url, dir, env(), quiet);
    const right = fs.readFileSync(keyFilePath(dir), 'utf8');
    fs.writeFileSync(keyFilePath(dir), encodeKey(newMasterKey()));
    const msg = await refusal(ensureSealingKey(t.db.url, dir, env(), quiet));
    expect(msg).toContain(keyFilePath(dir));
    expect(msg).toMatch(/does not open/);
    const envMsg = await refusal(ensureSealingKey(t.db.url, dir, env({ KOMPAS_AUTH_KEY: encodeKey(newMasterKey()).trim() }), quiet));
    expect(envMsg).toContain('KOMPAS_AUTH_KEY');
    expect(await refusal(ensureSealingKey(t.db.url, dir, env({ KOMPAS_AUTH_KEY: 'c2hvcnQ=' }), quiet))).toMatch(/KOMPAS_AUTH_KEY: expected the base64 encoding of 32 bytes/);
    // The right key in the environment is accepted as well as in the file.
    expect(await ensureSealingKey(t.db.url, dir, env({ KOMPAS_AUTH_KEY: right.trim() }), quiet)).toMatchObject({ created: false, source: { kind: 'env' } });
  });

  it('an installation sealed before the key check: a missing key refuses, a wrong key refuses, the right key is accepted and recorded', async () => {
    const key = newMasterKey();
    await sealedWith(key);
    const missing = await refusal(ensureSealingKey(t.db.url, dir, env(), quiet));
    expect(missing).toContain('app_user.totp_secret');
    expect(fs.existsSync(keyFilePath(dir))).toBe(false);
    fs.mkdirSync(path.dirname(keyFilePath(dir)), { recursive: true });
    fs.writeFileSync(keyFilePath(dir), encodeKey(newMasterKey()));
    expect(await refusal(ensureSealingKey(t.db.url, dir, env(), quiet))).toMatch(/does not open/);
    expect(await ownerQuery(t, 'SELECT 1 FROM sealing_key_check')).toHaveLength(0);
    fs.writeFileSync(keyFilePath(dir), encodeKey(key));
    expect(await ensureSealingKey(t.db.url, dir, env(), quiet)).toMatchObject({ created: false });
    expect(await ownerQuery(t, 'SELECT 1 FROM sealing_key_check')).toHaveLength(1);
  });

  it('the server itself exits non-zero with the message when the key file is missing', async () => {
    await ensureSealingKey(t.db.url, dir, env(), quiet);
    fs.rmSync(keyFilePath(dir));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: t.db.url, KOMPAS_DATA_DIR: dir, PORT: '0', KOMPAS_DEMO: '0', KOMPAS_LOG_LEVEL: 'silent' },
      encoding: 'utf8', timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain(`the key file ${keyFilePath(dir)} is missing`);
    expect(fs.existsSync(keyFilePath(dir))).toBe(false);
  }, 90_000);
});

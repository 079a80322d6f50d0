import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ifMatch, ownerQuery, unlockedSessionFor, type Session } from '../src/test/app.js';
import { DEFAULT_QUESTIONS } from '../src/server/modules/reporting/defaults.js';
import { fileReport, type ReportingWorld } from '../src/server/modules/reporting/reporting.testkit.js';
import { expectAxeClean, openBrowser, settled, signInWithSession, type Browsing, type Kompas, startKompas } from './helpers/kompas.js';

/**
 * A report filed while its only recipient had no key pair, in the browser (English): the
 * recipient's inbox says a report waits instead of failing; the integrity officer sees the person
 * in the escrow card's list, enters the escrow key in the dialog and the recipient's inbox lists
 * the report. Axe on each screen and the dialog.
 */
let k: Kompas;
let b: Browsing;
let orgId: string;
let escrowKey = '';
let officer: Session;
let newcomer: { id: string; email: string; name: string; s?: Session };
const CODE = `ESC${process.pid}`;

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { code: CODE, name: 'Politiezone Escrow' });
  const o = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'en' });
  officer = await unlockedSessionFor(k, o.id);
  const n = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'en' });
  newcomer = { ...n, name: (await ownerQuery<{ display_name: string }>(k, `SELECT display_name FROM organisation_member WHERE user_id = $1`, [n.id]))[0].display_name };
  const alternate = await createUser(k, { roles: [{ orgId, role: 'core_group_member' }], locale: 'en' });
  await unlockedSessionFor(k, alternate.id);
  escrowKey = (await officer.post(`/api/orgs/${orgId}/vault/escrow`)).json().privateKey;
  const base = `/api/orgs/${orgId}/reporting/settings`;
  const current = (await officer.get(base)).json();
  const put = await officer.put(base, {
    open: true, intro: { en: 'Reports go to the integrity officer.' }, questions: DEFAULT_QUESTIONS,
    ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3, 6, 12], retentionMonths: 60, autoAck: null,
    // The alternate has a key pair (the channel opens only then); the report goes to the primary only.
    recipients: [{ userId: newcomer.id, kind: 'primary' }, { userId: alternate.id, kind: 'alternate' }],
  }, ifMatch(current.revision));
  expect(put.statusCode, put.body).toBe(200);
  // Filed while the only recipient has no key pair: sealed to the escrow key and the receipt only.
  const filed = await fileReport(k, { org: orgId, code: CODE } as ReportingWorld, { answers: { what: 'Fuel taken home.', where: 'Central station' } });
  expect(filed.statusCode, filed.body).toBe(201);
  // The recipient's first sign-in with the password makes the key pair.
  newcomer.s = await unlockedSessionFor(k, newcomer.id);
}, 120_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('grant from the escrow key', () => {
  it('the recipient\'s inbox says a report waits for access, without an error', async () => {
    const { page, context } = b;
    await context.addInitScript(() => localStorage.setItem('kompas_locale', 'en'));
    await signInWithSession(k, context, newcomer.s!);
    await page.goto(`${k.base}/o/${orgId}/reports`);
    await settled(page);
    await page.getByText('1 report sent to you cannot be opened yet', { exact: false }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAxeClean(page, 'inbox with a report waiting');
  }, 150_000);

  it('the officer restores it with the escrow key from the escrow card', async () => {
    const { page, context } = b;
    await signInWithSession(k, context, officer);
    await page.goto(`${k.base}/o/${orgId}/reporting/settings`);
    await settled(page);
    await page.getByRole('heading', { name: 'Access waiting for recovery' }).waitFor();
    await page.getByText('1 report filed before they had a key').waitFor();
    await expectAxeClean(page, 'escrow card with a pending grant');
    await page.getByRole('button', { name: `Restore the access of ${newcomer.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Restore the access of ${newcomer.name}` });
    await dialog.getByLabel('Private escrow key').fill(escrowKey);
    await expectAxeClean(page, 'restore dialog');
    await dialog.getByRole('button', { name: 'Restore access' }).click();
    await page.getByText(`${newcomer.name} can now open 1 report filed before they had a personal key.`).waitFor();
    // The pending list is read again after the grant: wait for that read rather than count at once.
    await expect.poll(() => page.getByText('1 report filed before they had a key').count(), { timeout: 15_000 }).toBe(0);
  }, 150_000);

  it('the recipient now finds the report in the inbox', async () => {
    const { page, context } = b;
    await signInWithSession(k, context, newcomer.s!);
    await page.goto(`${k.base}/o/${orgId}/reports`);
    await settled(page);
    await page.getByRole('link', { name: /^MEL-\d{4}-\d{4}$/ }).waitFor();
    expect(await page.getByText('cannot be opened yet', { exact: false }).count()).toBe(0);
  }, 150_000);
});

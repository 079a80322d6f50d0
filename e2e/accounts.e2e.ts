import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser, ownerQuery } from '../src/test/app.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, useLanguage, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * Inviting people as an administrator of zone B would: a new address and one that already has an
 * account in zone A look the same on every screen B sees; only the delivered mail differs.
 */
let k: Kompas;
let b: Browsing;
let zoneA: string;
let zoneB: string;
let adminB: { id: string; email: string };

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas({ smtp: true }), openBrowser()]);
  zoneA = await createOrganisation(k, { name: 'Politiezone Aalst' });
  zoneB = await createOrganisation(k, { name: 'Politiezone Brugge' });
  adminB = await createUser(k, { roles: [{ orgId: zoneB, role: 'administrator' }], locale: 'nl' });
  await createUser(k, { roles: [{ orgId: zoneA, role: 'integrity_officer' }], email: 'an.officier@pz-aalst.be' });
  await signInByCookie(k, b.context, adminB.id);
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

async function invite(email: string, name: string, labels: { open: string; email: string; name: string; send: string; done: string }) {
  const { page } = b;
  await page.getByRole('button', { name: labels.open }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(labels.email).fill(email);
  await dialog.getByLabel(labels.name, { exact: true }).fill(name);
  await dialog.getByRole('button', { name: labels.send }).click();
  await page.getByText(labels.done).waitFor();
  await dialog.waitFor({ state: 'detached' });
}

describe('inviting people (zone B administrator)', () => {
  it('a new address and an existing account of another zone look alike: same notice, both "invited", no link anywhere', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${zoneB}/users`);
    await settled(page);
    const nl = { open: 'Gebruiker uitnodigen', email: 'E-mailadres', name: 'Naam', send: 'Uitnodiging versturen', done: 'De uitnodiging is verstuurd.' };
    await invite('nieuw.lid@pz-brugge.be', 'Nieuw Lid', nl);
    await invite('an.officier@pz-aalst.be', 'An Officier', nl);
    const rows = page.getByRole('row');
    for (const name of ['Nieuw Lid', 'An Officier']) {
      await expect.poll(() => rows.filter({ hasText: name }).filter({ hasText: 'uitgenodigd' }).count()).toBe(1);
    }
    expect(await axeViolations(page)).toEqual([]);

    // The outbox of zone B shows two identical mails without a link.
    await page.goto(`${k.base}/o/${zoneB}/outbox`);
    await settled(page);
    const stored = await ownerQuery<{ body_text: string }>(k, `SELECT body_text FROM mail_outbox WHERE organisation_id = $1`, [zoneB]);
    expect(stored).toHaveLength(2);
    expect(stored[0].body_text).toBe(stored[1].body_text);
    expect(stored[0].body_text).not.toContain('token=');

    // What the two people receive: a set-password link for the newcomer, the sign-in page for the officer of zone A.
    const fresh = await k.deliverMail('nieuw.lid@pz-brugge.be');
    const officer = await k.deliverMail('an.officier@pz-aalst.be');
    expect(fresh[0].text).toMatch(/\/reset-password#token=[\w-]+&kind=invite/);
    expect(officer[0].text).not.toContain('token=');
    expect(officer[0].text).toContain(`${k.deps.config.publicUrl}/sign-in`);
  });

  it('in French: the same screens, an account of another zone offers no second-factor reset', async () => {
    const { page } = b;
    await useLanguage(page, 'fr');
    await page.goto(`${k.base}/o/${zoneB}/users`);
    await settled(page);
    await page.getByRole('heading', { name: 'Utilisateurs' }).waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'invité' }).count()).toBe(2);
    expect(await page.getByRole('button', { name: /Réinitialiser le second facteur de An Officier/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await useLanguage(page, 'nl');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOrganisation, createUser, ownerQuery } from '../src/test/app.js';
import { LOCALES } from '../src/shared/roles.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, useLanguage, type Browsing, type Kompas } from './helpers/kompas.js';

/** Identity provider settings, second-factor reset, the platform's organisation tree; axe on each in four languages. */
let k: Kompas;
let b: Browsing;
let orgId: string;
let admin: { id: string; email: string };
let officer: { id: string; email: string };
let root: { id: string; email: string };
const SECRET = 'very-secret-client-value-4711';
const ISSUER = 'https://idp.pz-kempen.be/realms/politie';

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Kempen', code: 'PZ-KEMPEN' });
  admin = await createUser(k, { roles: [{ orgId, role: 'administrator' }], locale: 'nl' });
  officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], totpSecret: 'enc:v1:e2e-secret', locale: 'nl' });
  root = await createUser(k, { platformAdmin: true, locale: 'nl' }); // holds no role anywhere
  await signInByCookie(k, b.context, admin.id);
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

const oidcRow = async () => (await ownerQuery<{ oidc: { issuer: string; clientId: string; clientSecret?: string } | null }>(k, `SELECT oidc FROM organisation WHERE id = $1`, [orgId]))[0].oidc;

describe('identity provider', () => {
  it('configures the provider; the secret is stored sealed and never shown back; a new issuer asks for the secret again', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/identity-provider`);
    await settled(page);
    await page.getByText(/^https?:\/\/[^ ]+\/api\/auth\/oidc\/callback$/).waitFor();
    await page.getByLabel('Issuer-URL').fill(ISSUER);
    await page.getByLabel('Client-ID').fill('kompas-pz-kempen');
    await page.getByLabel('Clientgeheim').fill(SECRET);
    await page.getByRole('button', { name: 'Identiteitsprovider opslaan' }).click();
    await page.getByText('De instellingen van de identiteitsprovider zijn opgeslagen.').waitFor();
    const stored = await oidcRow();
    expect(stored).toMatchObject({ issuer: ISSUER, clientId: 'kompas-pz-kempen' });
    expect(stored?.clientSecret).toMatch(/^enc:v1:/);
    await page.getByText(/\/api\/auth\/oidc\/PZ-KEMPEN\/start$/).waitFor();

    await page.reload();
    await settled(page);
    expect(await page.getByLabel('Clientgeheim').inputValue()).toBe('');
    await page.getByText('Er is een geheim opgeslagen. Laat leeg om het huidige geheim te behouden.').waitFor();
    expect(await page.content()).not.toContain(SECRET);
    // The user guide's picture: KOMPAS_SCREENSHOTS=1 refreshes docs/screenshots/identity-provider-nl.png.
    if (process.env.KOMPAS_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/screenshots/identity-provider-nl.png', fullPage: true });

    await page.getByLabel('Issuer-URL').fill('https://other-idp.example.be');
    await page.getByRole('button', { name: 'Identiteitsprovider opslaan' }).click();
    await expect.poll(() => page.getByLabel('Clientgeheim').getAttribute('aria-invalid')).toBe('true');
    expect((await oidcRow())?.issuer).toBe(ISSUER);
  });

  it('removes the configuration after confirmation', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Configuratie verwijderen' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Identiteitsprovider verwijderen?' });
    await dialog.getByRole('button', { name: 'Configuratie verwijderen' }).click();
    await page.getByText('De identiteitsprovider werd verwijderd.', { exact: false }).waitFor();
    expect(await oidcRow()).toBeNull();
  });

  it('the sign-in page sends to the organisation\'s provider and shows its errors', async () => {
    const page = await b.context.newPage();
    await page.goto(`${k.base}/sign-in?error=oidc_no_account`);
    await page.getByText('Uw identiteitsprovider heeft bevestigd wie u bent, maar er is geen Kompas-account aan gekoppeld.', { exact: false }).waitFor();
    await page.getByLabel('Code van de organisatie').fill('PZ-KEMPEN');
    await page.getByRole('button', { name: 'Verder naar uw organisatie' }).click();
    // Not configured any more: the server sends the browser back with a message.
    await page.waitForURL(/\/sign-in\?error=oidc_not_configured/);
    await page.getByText('Geen enkele organisatie met deze code', { exact: false }).waitFor();
    await page.close();
  });
});

describe('second factor reset', () => {
  it('the administrator resets a colleague\'s second factor after confirmation; sessions end and a mail is queued', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/users`);
    await settled(page);
    const row = page.getByRole('row').filter({ hasText: officer.email });
    await row.getByRole('button', { name: /^Tweede factor van .* opnieuw instellen$/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Tweede factor opnieuw instellen?' });
    await dialog.getByRole('button', { name: 'Tweede factor opnieuw instellen' }).click();
    await page.getByText(/werd opnieuw ingesteld en de sessies zijn beëindigd/).waitFor();
    const [u] = await ownerQuery<{ totp_secret: string | null }>(k, `SELECT totp_secret FROM app_user WHERE id = $1`, [officer.id]);
    expect(u.totp_secret).toBeNull();
    const mails = await ownerQuery<{ template: string }>(k, `SELECT template FROM mail_outbox WHERE to_address = $1`, [officer.email]);
    expect(mails.map((m) => m.template)).toEqual(['auth.second_factor_reset']);
    // No button on one's own row.
    expect(await page.getByRole('row').filter({ hasText: admin.email }).getByRole('button').count()).toBe(0);
  });
});

describe('organisations (platform administrator)', () => {
  it('a platform administrator without any role starts at the tree, creates an organisation and appoints its administrator', async () => {
    const { page } = b;
    await signInByCookie(k, b.context, root.id);
    await page.goto(`${k.base}/`);
    await settled(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Organisaties');
    await page.getByRole('button', { name: 'Nieuwe organisatie' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nieuwe organisatie' });
    await dialog.getByRole('button', { name: /Soort organisatie/ }).click();
    await page.getByRole('option', { name: 'Lokale politiezone' }).click();
    await dialog.getByRole('button', { name: /Onderdeel van/ }).click();
    await page.getByRole('option', { name: /Politiezone Kempen/ }).click();
    await dialog.getByLabel('Code', { exact: true }).fill('PZ 5999');
    await dialog.getByLabel('Naam in het Nederlands').fill('Politiezone Nieuwstad');
    await dialog.getByLabel('Naam in het Frans').fill('Zone de police Nieuwstad');
    await dialog.getByText('Frans', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Organisatie aanmaken' }).click();
    await page.getByText('De organisatie Politiezone Nieuwstad werd aangemaakt.', { exact: false }).waitFor();
    const [created] = await ownerQuery<{ id: string; kind: string; parent_id: string; languages: string[] }>(k, `SELECT id, kind, parent_id, languages FROM organisation WHERE code = 'PZ 5999'`);
    expect(created).toMatchObject({ kind: 'local_police_zone', parent_id: orgId, languages: ['nl', 'fr'] });

    const row = page.getByRole('row').filter({ hasText: 'PZ 5999' });
    await row.getByRole('button', { name: /^Beheerder aanstellen voor/ }).click();
    const appoint = page.getByRole('dialog', { name: 'Beheerder aanstellen voor Politiezone Nieuwstad' });
    await appoint.getByLabel('E-mailadres').fill('beheer@pz-nieuwstad.be');
    await appoint.getByLabel('Naam', { exact: true }).fill('An Wouters');
    await appoint.getByRole('button', { name: 'Beheerder aanstellen' }).click();
    await page.getByText('Politiezone Nieuwstad heeft een beheerder.', { exact: false }).waitFor();
    const roles = await ownerQuery<{ role: string }>(k, `SELECT ra.role FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id WHERE ra.organisation_id = $1 AND u.email = 'beheer@pz-nieuwstad.be'`, [created.id]);
    expect(roles).toEqual([{ role: 'administrator' }]);

    // The platform administrator opens the new organisation's roles page without holding a role there.
    await row.getByRole('link', { name: /Roltoekenningen van/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Roltoekenningen');
    await page.getByRole('grid', { name: 'Roltoekenningen' }).getByRole('row').filter({ hasText: 'An Wouters' }).waitFor();
  });
});

describe('accessibility of the new screens (axe, four languages)', () => {
  const openPageAction = async (p: Page) => {
    await p.locator('main [data-print=hide] button').first().click();
    await p.getByRole('dialog').or(p.getByRole('alertdialog')).waitFor();
  };
  const visits: { name: string; as: () => string; path: () => string; then?: (p: Page) => Promise<void> }[] = [
    { name: 'sign-in with error', as: () => '', path: () => '/sign-in?error=oidc_failed' },
    { name: 'organisations', as: () => root.id, path: () => '/' },
    { name: 'new organisation dialog', as: () => root.id, path: () => '/', then: openPageAction },
    { name: 'appoint administrator dialog', as: () => root.id, path: () => '/', then: async (p) => { await p.locator('main table button').first().click(); await p.getByRole('dialog').waitFor(); } },
    { name: 'identity provider', as: () => admin.id, path: () => `/o/${orgId}/identity-provider` },
    { name: 'remove identity provider dialog', as: () => admin.id, path: () => `/o/${orgId}/identity-provider`, then: openPageAction },
    { name: 'users with reset action', as: () => admin.id, path: () => `/o/${orgId}/users` },
    { name: 'reset second factor dialog', as: () => admin.id, path: () => `/o/${orgId}/users`, then: async (p) => { await p.locator('main table button').first().click(); await p.getByRole('alertdialog').waitFor(); } },
  ];

  it('0 violations on every new page and dialog', async () => {
    // Configured, so the remove action and the sign-in address are on the page.
    await ownerQuery(k, `UPDATE organisation SET oidc = $2 WHERE id = $1`, [orgId, JSON.stringify({ issuer: ISSUER, clientId: 'kompas' })]);
    const other = await createUser(k, { roles: [{ orgId, role: 'staff_member' }] });
    expect(other.id).toBeTruthy();
    const page = await b.context.newPage();
    const found: string[] = [];
    for (const l of LOCALES) {
      await page.goto(`${k.base}/sign-in`);
      await useLanguage(page, l);
      let current = '-';
      for (const v of visits) {
        if (v.as() !== current) {
          current = v.as();
          if (current) await signInByCookie(k, b.context, current);
          else await b.context.clearCookies();
        }
        await page.goto(`${k.base}${v.path()}`);
        await settled(page);
        await v.then?.(page);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(l);
        const violations = await axeViolations(page);
        if (violations.length) found.push(`${v.name} [${l}]: ${JSON.stringify(violations)}`);
      }
    }
    await page.close();
    expect(found).toEqual([]);
  }, 180_000); // every screen in four languages: minutes on a loaded 2-core machine
});


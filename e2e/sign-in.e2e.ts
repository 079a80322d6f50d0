import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateSecret } from 'otplib';
import { createOrganisation, createUser, ownerQuery, TEST_PASSWORD } from '../src/test/app.js';
import { openBrowser, settled, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

let k: Kompas;
let b: Browsing;
let orgId: string;

let dpo: { id: string; email: string } | undefined;

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Kempen' });
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

describe('signing in', () => {
  it('refuses a wrong password with an announced message, then signs in with the authenticator code', async () => {
    const secret = generateSecret({ length: 20 });
    const user = await createUser(k, { roles: [{ orgId, role: 'administrator' }], totpSecret: secret, locale: 'nl' });
    const { page } = b;
    await page.goto(`${k.base}/`);
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Aanmelden');
    expect(await page.title()).toBe('Aanmelden – Kompas');

    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill('not the password');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(5);
    expect(page.url()).toContain('/sign-in');

    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(/\/sign-in\/totp/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bevestig uw aanmelding');
    await page.getByLabel('Code van zes cijfers').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.waitForURL(new RegExp(`/o/${orgId}$`));
    await settled(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Startpagina');
    await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Personeel' }).waitFor();
  });

  it('switches the language: <html lang>, headings and the saved preference follow', async () => {
    const { page } = b;
    await page.getByRole('button', { name: /Taal/ }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Accueil');
    await page.getByRole('heading', { name: "Ce qui m'attend" }).waitFor();
    expect(await page.title()).toBe('Accueil – Kompas');
    await expect.poll(async () => (await ownerQuery<{ locale: string }>(k, `SELECT locale FROM app_user WHERE id IN (SELECT user_id FROM role_assignment WHERE organisation_id = $1 AND role = 'administrator')`, [orgId]))[0].locale).toBe('fr');
    // Remembered on this device: a reload stays in French.
    await page.reload();
    await settled(page);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Accueil');
  });

  it('sends a person whose session ended back to sign-in, keeping the page asked for', async () => {
    const { page, context } = b;
    const cookies = await context.cookies();
    await context.clearCookies();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnel' }).click();
    await page.waitForURL(/\/sign-in\?next=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('next') ?? '')).toBe(`/o/${orgId}/people`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Se connecter');
    await context.addCookies(cookies);
    await page.goto(`${k.base}/o/${orgId}`);
    await settled(page);
  });

  it('signs out from the user menu', async () => {
    const { page } = b;
    await page.getByRole('button', { name: /Menu utilisateur/ }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Se connecter');
    const r = await page.request.get(`${k.base}/api/auth/me`);
    expect(r.status()).toBe(401);
  });

  it('makes a new DPO set up the authenticator: QR code with alt text, key as text, code field', async () => {
    const user = await createUser(k, { roles: [{ orgId, role: 'dpo' }], locale: 'fr' });
    const { page } = b;
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/sign-in\/totp-setup/);
    await page.getByRole('img', { name: 'Code QR à scanner avec votre application d\'authentification' }).waitFor();
    const secret = (await page.getByLabel('Clé secrète').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Code à six chiffres').fill('000000');
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.getByRole('alert').waitFor();
    expect(page.url()).toContain('/sign-in/totp-setup');
    await page.getByLabel('Code à six chiffres').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.waitForURL(new RegExp(`/o/${orgId}$`));
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: "Journal d'audit" }).waitFor();
    const [u] = await ownerQuery<{ on: boolean }>(k, `SELECT totp_enabled_at IS NOT NULL AS on FROM app_user WHERE id = $1`, [user.id]);
    expect(u.on).toBe(true);
    dpo = user;
  });

  it('a full reload follows the account language when this device has no choice of its own', async () => {
    const { page } = b;
    await page.evaluate(() => localStorage.removeItem('kompas_locale'));
    await page.goto(`${k.base}/o/${orgId}`);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: "Journal d'audit" }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.evaluate(() => localStorage.setItem('kompas_locale', 'fr')); // as the earlier steps left it
  });

  it('the DPO replaces the authenticator from the user menu: current password, new QR code, a code of the new app', async () => {
    const { page } = b;
    await page.getByRole('button', { name: /^Menu utilisateur/ }).click();
    await page.getByRole('menuitem', { name: "Application d'authentification" }).click();
    await page.getByRole('heading', { level: 1, name: "Application d'authentification" }).waitFor();
    const replace = page.getByRole('button', { name: "Remplacer l'application d'authentification" });
    await page.getByLabel('Mot de passe actuel').fill('pas-mon-mot-de-passe');
    await replace.click();
    await page.getByRole('alert').filter({ hasText: 'Votre mot de passe actuel' }).waitFor();
    await page.getByLabel('Mot de passe actuel').fill(TEST_PASSWORD);
    await replace.click();
    await page.getByRole('img', { name: 'Code QR à scanner avec votre application d\'authentification' }).waitFor();
    const secret = (await page.getByLabel('Clé secrète').textContent())!.replace(/\s+/g, '');
    await page.getByLabel('Code à six chiffres').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.getByText('Votre nouvelle application d\'authentification est active.').waitFor();
    const mails = await ownerQuery<{ template: string }>(k, `SELECT template FROM mail_outbox WHERE to_address = $1`, [dpo!.email]);
    expect(mails.map((m) => m.template)).toContain('auth.second_factor_changed');
  });

  it('asks for a reset link without telling whether the address exists', async () => {
    const { page } = b;
    await b.context.clearCookies();
    await page.goto(`${k.base}/forgot-password`);
    await page.getByLabel('Adresse e-mail').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.getByText('Si cette adresse correspond à un compte').waitFor();
  });
});

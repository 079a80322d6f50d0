import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateSecret } from 'otplib';
import { createOrganisation, createUser, ownerQuery } from '../src/test/app.js';
import { LOCALES, type Locale } from '../src/shared/roles.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, type Browsing, type Kompas } from './helpers/kompas.js';

/** Every page (and the dialogs and states that change a page much), scanned by axe in each language: 0 violations. */
let k: Kompas;
let b: Browsing;
let orgId: string;
let personId: string;
let mailId: string;
const users: Record<'admin' | 'dpo' | 'totp' | 'setup', string> = { admin: '', dpo: '', totp: '', setup: '' };

type Who = 'anonymous' | keyof typeof users;
interface Visit {
  name: string;
  who: Who;
  path: () => string;
  /** Brings the page into the state to scan (a dialog open, a result shown). */
  then?: (page: Page) => Promise<void>;
}

const CSV = 'stamnummer;naam;voornaam;categorie;startdatum\nA11Y01;Peeters;Jan;operationeel;2024-03-01\nA11Y02;;Els;calog;31/02/2024\n';

/** The page's main action (in the page header) opens a dialog. */
async function openPageAction(p: Page) {
  await p.locator('main [data-print=hide] button').first().click();
  await p.getByRole('dialog').waitFor();
}

const VISITS: Visit[] = [
  { name: 'sign-in', who: 'anonymous', path: () => '/sign-in' },
  { name: 'forgot password', who: 'anonymous', path: () => '/forgot-password' },
  { name: 'reset password', who: 'anonymous', path: () => '/reset-password#token=0123456789abcdef0123456789abcdef' },
  { name: 'reset password without token', who: 'anonymous', path: () => '/reset-password' },
  { name: 'not found', who: 'anonymous', path: () => '/no/such/page' },
  { name: 'second factor', who: 'totp', path: () => '/sign-in/totp' },
  { name: 'authenticator set-up', who: 'setup', path: () => '/sign-in/totp-setup', then: (p) => p.getByRole('img').waitFor() },
  { name: 'home', who: 'admin', path: () => `/o/${orgId}` },
  { name: 'organisation settings', who: 'admin', path: () => `/o/${orgId}/settings` },
  { name: 'units', who: 'admin', path: () => `/o/${orgId}/units` },
  { name: 'unit dialog', who: 'admin', path: () => `/o/${orgId}/units`, then: openPageAction },
  { name: 'staff list', who: 'admin', path: () => `/o/${orgId}/people` },
  { name: 'staff member', who: 'admin', path: () => `/o/${orgId}/people/${personId}` },
  { name: 'new staff member', who: 'admin', path: () => `/o/${orgId}/people/new` },
  { name: 'import', who: 'admin', path: () => `/o/${orgId}/people/import` },
  {
    name: 'import preview', who: 'admin', path: () => `/o/${orgId}/people/import`,
    then: async (p) => {
      await p.locator('textarea').fill(CSV);
      await p.locator('form button[type=submit]').click();
      await p.locator('table.import-errors').waitFor();
    },
  },
  { name: 'users', who: 'admin', path: () => `/o/${orgId}/users` },
  { name: 'roles', who: 'admin', path: () => `/o/${orgId}/roles` },
  { name: 'assign role dialog', who: 'admin', path: () => `/o/${orgId}/roles`, then: openPageAction },
  { name: 'outbox', who: 'admin', path: () => `/o/${orgId}/outbox` },
  { name: 'e-mail', who: 'admin', path: () => `/o/${orgId}/outbox/${mailId}` },
  { name: 'jobs', who: 'admin', path: () => `/o/${orgId}/jobs` },
  { name: 'sessions', who: 'admin', path: () => '/account/sessions' },
  { name: 'change password', who: 'admin', path: () => '/account/password' },
  { name: 'authenticator app', who: 'admin', path: () => '/account/authenticator' },
  { name: 'not found in the shell', who: 'admin', path: () => `/o/${orgId}/nothing-here` },
  { name: 'audit trail', who: 'dpo', path: () => `/o/${orgId}/audit` },
  { name: 'reporting figures', who: 'admin', path: () => `/o/${orgId}/reporting/figures` },
  { name: 'audit integrity result', who: 'dpo', path: () => `/o/${orgId}/audit`, then: async (p) => { await p.locator('main [data-print=hide] button').first().click(); await p.locator('[aria-live=polite]', { hasText: /\d/ }).first().waitFor(); } },
];

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser()]);
  orgId = await createOrganisation(k, { name: 'Politiezone Kempen' });
  const [unit] = await ownerQuery<{ id: string }>(k, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'INT', 'Interventie') RETURNING id`, [orgId]);
  [{ id: personId }] = await ownerQuery<{ id: string }>(k,
    `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, unit_id, start_date) VALUES ($1, '82000001', 'An', 'Wouters', 'calog', $2, '2019-09-01') RETURNING id`, [orgId, unit.id]);
  [{ id: mailId }] = await ownerQuery<{ id: string }>(k,
    `INSERT INTO mail_outbox (organisation_id, to_address, locale, template, subject, body_text, status) VALUES ($1, 'an.wouters@example.org', 'nl', 'invitation', 'Uitnodiging Kompas', 'Beste,\n\nU bent uitgenodigd.', 'outbox') RETURNING id`, [orgId]);
  // Also platform administrator: the jobs page is theirs only.
  users.admin = (await createUser(k, { roles: [{ orgId, role: 'administrator' }, { orgId, role: 'chief' }], platformAdmin: true })).id;
  users.dpo = (await createUser(k, { roles: [{ orgId, role: 'dpo' }] })).id;
  users.totp = (await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], totpSecret: generateSecret({ length: 20 }) })).id;
  users.setup = (await createUser(k, { roles: [{ orgId, role: 'auditor' }] })).id;
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

const locales = process.env.A11Y_LOCALES ? (process.env.A11Y_LOCALES.split(',') as Locale[]) : LOCALES;

describe.each(locales)('accessibility in %s', (locale: Locale) => {
  it('every page has 0 axe violations (WCAG 2.1 A and AA)', async () => {
    const { page, context } = b;
    await context.addInitScript((l) => localStorage.setItem('kompas_locale', l), locale);
    const found: Record<string, unknown> = {};
    let current: Who | null = null;
    for (const v of VISITS) {
      if (v.who !== current) {
        if (v.who === 'anonymous') await context.clearCookies();
        else await signInByCookie(k, context, users[v.who], { mfa: v.who !== 'totp' && v.who !== 'setup' });
        current = v.who;
      }
      await page.goto(`${k.base}${v.path()}`);
      await settled(page);
      await v.then?.(page);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      const violations = await axeViolations(page);
      if (violations.length) found[v.name] = violations;
    }
    expect(found).toEqual({});
  }, 300_000); // some 40 pages with axe each: on a busy 2-core machine a language takes near two minutes
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createOrganisation, createUser, ownerQuery, sessionFor } from '../src/test/app.js';
import { axeViolations, openBrowser, settled, signInByCookie, startKompas, useLanguage, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * Entering a plan from an empty page (issue 17) on a 1440×900 screen: the officer adds a strategic
 * objective, an operational objective and an action with the codes the dialogs suggest (SD 1, OD 1.1,
 * A 1.1.1), each confirmed on the page; the action's owner is a staff member of the HR list without
 * an account, the owning unit follows them, and an indicator is entered with the action. The dialogs
 * keep Save on screen, the confidential notes come after the plan's sections, renumbering puts a
 * typed code back in line; axe on the page and every dialog. In English, then the three "add"
 * buttons in Dutch, named alike.
 */

let k: Kompas;
let b: Browsing;
let orgId: string;
let planId: string;
let unitId: string;
let nadia: string;
const YEAR = new Date().getFullYear();
const SD = 'Integrity is part of every leader\u2019s job';
const OD = 'Every team discusses a dilemma each quarter';
const ACTION = 'Dilemma training for all team leaders';
const INDICATOR = 'Team leaders trained';

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas(), openBrowser({ viewport: { width: 1440, height: 900 } })]);
  orgId = await createOrganisation(k, { name: 'Politiezone Testdorp' });
  const officer = await createUser(k, { roles: [{ orgId, role: 'integrity_officer' }], locale: 'en' });
  [{ id: unitId }] = await ownerQuery<{ id: string }>(k, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'OPL', 'Training') RETURNING id`, [orgId]);
  // Nadia is in the HR list without a Kompas account (most of a zone's staff).
  [{ id: nadia }] = await ownerQuery<{ id: string }>(k, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, unit_id)
    VALUES ($1, 'TD0815', 'Nadia', 'Verstraete', 'calog', '2019-03-01', $2) RETURNING id`, [orgId, unitId]);
  const r = await (await sessionFor(k, officer.id)).post(`/api/orgs/${orgId}/plans`, { title: 'Integrity policy plan', periodFrom: YEAR, periodTo: YEAR + 3, language: 'nl' });
  expect(r.statusCode, r.body).toBe(201);
  planId = r.json().plan.id;
  await signInByCookie(k, b.context, officer.id);
  await b.page.goto(`${k.base}/o/${orgId}`);
  await useLanguage(b.page, 'en');
});

afterAll(async () => {
  await b?.close();
  await k?.close();
});

/** Save (or Close) of a dialog is on the 900-pixel screen without scrolling anything. */
async function expectInView(page: Page, button: Locator) {
  const box = await button.boundingBox();
  expect(box).not.toBeNull();
  const height = page.viewportSize()!.height;
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
}

async function codeField(dialog: Locator) {
  return dialog.getByRole('textbox', { name: 'Code' }).inputValue();
}

describe('entering a plan', () => {
  it('adds SD 1, OD 1.1 and action A 1.1.1 with suggested codes, a staff member without account as owner and an indicator', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/plans/${planId}/actions`);
    await settled(page);
    const status = page.getByRole('status').filter({ hasText: 'added.' });

    // Strategic objective: SD 1 is proposed, and may be kept.
    await page.getByRole('button', { name: 'Add a strategic objective', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Add a strategic objective' });
    await dialog.waitFor();
    expect(await codeField(dialog)).toBe('SD 1');
    await expectInView(page, dialog.getByRole('button', { name: 'Save', exact: true }));
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('textbox', { name: 'Title' }).fill(SD);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await status.getByText(`Strategic objective SD 1 ${SD} added.`).waitFor();

    // Operational objective under it: OD 1.1.
    await page.getByRole('button', { name: 'Add an operational objective to SD 1' }).click();
    dialog = page.getByRole('dialog', { name: 'Add an operational objective to SD 1' });
    await dialog.waitFor();
    expect(await codeField(dialog)).toBe('OD 1.1');
    await dialog.getByRole('textbox', { name: 'Title' }).fill(OD);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await status.getByText(`Operational objective OD 1.1 ${OD} added.`).waitFor();

    // The action: A 1.1.1; the tallest dialog still shows Save on a 900-pixel screen.
    await page.getByRole('button', { name: 'Add an action to OD 1.1' }).click();
    dialog = page.getByRole('dialog', { name: 'Add an action' });
    await dialog.waitFor();
    expect(await codeField(dialog)).toBe('A 1.1.1');
    const save = dialog.getByRole('button', { name: 'Save', exact: true });
    await expectInView(page, save);
    await dialog.getByRole('textbox', { name: 'Title' }).fill(ACTION);

    // One owner field: a staff member is the first choice; the HR list has people without an account.
    expect(await dialog.getByRole('radio', { name: 'A staff member' }).isChecked()).toBe(true);
    await dialog.getByRole('combobox', { name: 'Staff member' }).fill('Verstr');
    await page.getByRole('option', { name: 'Nadia Verstraete (Training, no account)' }).click();
    await dialog.getByText('This staff member has no Kompas account: reminders go to the head of service of their unit.').waitFor();
    // The owning unit follows the person.
    await expect.poll(() => dialog.getByRole('button', { name: /Owning unit/ }).textContent()).toContain('Training');

    // An indicator entered with the action (saved with it).
    await dialog.getByRole('button', { name: 'Add an indicator' }).click();
    const indicator = page.getByRole('dialog', { name: 'Add an indicator' });
    await indicator.getByRole('textbox', { name: 'Indicator', exact: true }).fill(INDICATOR);
    await indicator.getByRole('textbox', { name: 'Unit of measure' }).fill('%');
    await indicator.getByRole('textbox', { name: 'Target' }).fill('90');
    expect(await axeViolations(page)).toEqual([]);
    await indicator.getByRole('button', { name: 'Add to the list' }).click();
    await indicator.waitFor({ state: 'detached' });
    await dialog.getByText(`${INDICATOR} (%): — → 90`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await expectInView(page, save);
    await save.click();
    await dialog.waitFor({ state: 'detached' });
    await status.getByText(`Action A 1.1.1 ${ACTION} added.`).waitFor();
    await page.getByText('Owner: Nadia Verstraete / Training').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const [a] = await ownerQuery<{ id: string; code: string; owner_person_id: string; owner_user_id: string | null; owner_unit_id: string }>(k,
      `SELECT id, code, owner_person_id, owner_user_id, owner_unit_id FROM plan_action WHERE plan_id = $1`, [planId]);
    expect(a).toMatchObject({ code: 'A 1.1.1', owner_person_id: nadia, owner_user_id: null, owner_unit_id: unitId });
    const ind = await ownerQuery<{ name: string; action_id: string; target: string }>(k, `SELECT name, action_id, target::text FROM plan_indicator WHERE plan_id = $1`, [planId]);
    expect(ind).toEqual([{ name: INDICATOR, action_id: a.id, target: '90' }]);
    const codes = await ownerQuery<{ code: string }>(k, `SELECT code FROM plan_objective WHERE plan_id = $1 ORDER BY code`, [planId]);
    expect(codes.map((c) => c.code)).toEqual(['OD 1.1', 'SD 1']);
  }, 120_000);

  it('shows the owner and the action\u2019s indicators where the action is edited', async () => {
    const { page } = b;
    await page.getByRole('button', { name: ACTION }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit action' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Staff member' }).inputValue()).toBe('Nadia Verstraete');
    await dialog.getByRole('group', { name: 'Indicators of this action' }).getByText(`${INDICATOR} (%): — → 90`).waitFor();
    await expectInView(page, dialog.getByRole('button', { name: 'Save', exact: true }));
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('renumbers a typed code back into the order of the tree', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Add a strategic objective', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a strategic objective' });
    expect(await codeField(dialog)).toBe('SD 2');
    await dialog.getByRole('textbox', { name: 'Code' }).fill('SD 7');
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Integrity risks are known');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 3, name: 'SD 7 Integrity risks are known' }).waitFor();

    await page.getByRole('button', { name: 'Renumber', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Renumber objectives and actions?' });
    await confirm.getByText('SD 7 → SD 2').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Renumber', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Renumbered. Codes changed: 1.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'SD 2 Integrity risks are known' }).waitFor();
  });

  it('puts the confidential notes after the seven sections of the plan', async () => {
    const { page } = b;
    await page.goto(`${k.base}/o/${orgId}/plans/${planId}`);
    await settled(page);
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    const notes = headings.indexOf('Confidential notes');
    expect(notes).toBeGreaterThan(headings.findIndex((h) => h.startsWith('7.')));
    expect(headings.findIndex((h) => h.startsWith('1.'))).toBeLessThan(notes);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('names the three additions alike in Dutch', async () => {
    const { page } = b;
    await useLanguage(page, 'nl');
    await page.goto(`${k.base}/o/${orgId}/plans/${planId}/actions`);
    await settled(page);
    await page.getByRole('button', { name: 'Strategische doelstelling toevoegen', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Operationele doelstelling toevoegen aan SD 1' }).textContent()).toBe('Operationele doelstelling toevoegen');
    expect(await page.getByRole('button', { name: 'Actie toevoegen aan OD 1.1' }).textContent()).toBe('Actie toevoegen');
    expect(await axeViolations(page)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, ifMatch, ownerQuery, unlockedSessionFor, type Session } from '../src/test/app.js';
import { runDeadlineReminders, todayInBelgium } from '../src/server/platform/deadlines/index.js';
import { api, filed, filePart, multipart, openChannel, readReport, reportingWorld, type ReportingWorld } from '../src/server/modules/reporting/reporting.testkit.js';
import { runRetention } from '../src/server/modules/reporting/retention.js';
import { openBrowser, settled, signInWithSession, startKompas, visitor, type Browsing, type Kompas } from './helpers/kompas.js';

/**
 * The reporting channel's procedure in the browser (issue 18, quality bar), in Dutch, beyond the
 * first report of reporting.e2e.ts: core-group advice (the member sees that one report, gives advice
 * and loses it), a recipient the reporter excluded (no screen and no endpoint shows the report),
 * deadlines going overdue on a clock the test moves (the inbox's clock, the home figure, the
 * reminder and the escalation in the outbox, whose link opens the report), and deletion at the end
 * of retention (gone from the inbox, the receipt opens nothing). Reports are filed through the API
 * (the public form has its own test); every step of a recipient is taken on the screens.
 */

let k: Kompas;
let b: Browsing;
let w: ReportingWorld;
/** A member of the core group with a key pair, not a recipient of the channel. */
let core: { id: string; email: string; name: string; s: Session };
/** The app's clock: the day in Belgium, moved by the deadline test. */
const REAL_DAY = todayInBelgium();
let day = REAL_DAY;
const plusDays = (from: string, n: number) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const plusMonths = (from: string, n: number) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
};

/** A: core-group advice; B: another report; C: filed excluding officer2 (the implicated recipient). */
const reports: Record<'a' | 'b' | 'c', { id: string; reference: string; receipt: string }> = {} as never;

beforeAll(async () => {
  [k, b] = await Promise.all([startKompas({ today: () => day }), openBrowser()]);
  w = await reportingWorld(k);
  await openChannel(w, { retentionMonths: 1 });
  const user = await createUser(k, { roles: [{ orgId: w.org, role: 'core_group_member' }] });
  const s = await unlockedSessionFor(k, user.id); // and a key pair: a report can be sealed to them
  const [{ display_name: name }] = await ownerQuery<{ display_name: string }>(k, `SELECT display_name FROM app_user WHERE id = $1`, [user.id]);
  core = { ...user, name, s };
  // Everyone reads Dutch (the account's language and the browser's).
  await ownerQuery(k, `UPDATE app_user SET locale = 'nl'`);
  await b.context.addInitScript(() => localStorage.setItem('kompas_locale', 'nl'));
  reports.a = await filed(k, w, { answers: { what: 'Een inspecteur laat zich zijn maaltijden betalen door een garagehouder.', where: 'Garage Noord' } },
    [filePart('factuur.txt', 'text/plain', Buffer.from('Factuur 2026-114\n'))]);
  reports.b = await filed(k, w, { answers: { what: 'Een collega raadpleegt de databanken voor privédoeleinden.' } });
  reports.c = await filed(k, w, { exclude: [w.users.officer2.id], answers: { what: 'De tweede integriteitsverantwoordelijke verzwijgt een klacht.' } });
}, 180_000);

afterAll(async () => {
  await b?.close();
  await k?.close();
});

/** What the browser's own fetch gets from the API for `paths` (the session cookie of the page, no other help). */
async function statuses(page: Page, paths: string[]): Promise<number[]> {
  return page.evaluate((ps) => Promise.all(ps.map((p) => fetch(p).then((r) => r.status))), paths);
}

/** The inbox row of a report, or its absence, once the inbox has loaded. */
async function inbox(page: Page) {
  await page.goto(`${k.base}/o/${w.org}/reports`);
  await settled(page);
  await page.getByRole('heading', { level: 1, name: 'Meldingen van integriteitsschendingen' }).waitFor();
  return { row: (reference: string) => page.getByRole('row', { name: new RegExp(reference) }) };
}

/** A home tile's figure: the number in front of its label. */
async function homeFigure(page: Page, label: string): Promise<number> {
  await page.goto(`${k.base}/o/${w.org}`);
  await settled(page);
  const p = page.getByText(new RegExp(`^\\d+ ${label}$`));
  await p.waitFor();
  return Number(/^(\d+)/.exec((await p.textContent()) ?? '')?.[1]);
}

async function expectNotFoundPage(page: Page, path: string) {
  await page.goto(`${k.base}${path}`);
  await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
}

/** The path of the link in the last mail to `to` of `template` that points at `reportId` (mails carry links, nothing of the report). */
async function mailLink(to: string, template: string, reportId: string): Promise<string> {
  const rows = await ownerQuery<{ body_text: string }>(k,
    `SELECT body_text FROM mail_outbox WHERE to_address = $1 AND template = $2 AND body_text LIKE '%' || $3 || '%' ORDER BY created_at DESC, id DESC LIMIT 1`, [to, template, reportId]);
  expect(rows, `${template} to ${to}`).toHaveLength(1);
  const url = /https?:\/\/\S+/.exec(rows[0].body_text)?.[0] ?? '';
  return new URL(url).pathname;
}

describe('reporting procedure', () => {
  it('core-group advice: the officer asks, the member sees that report only, advises and loses it; the officer reads the advice', async () => {
    const { page, context } = b;
    const a = reports.a;
    const question = 'Is dit een belangenconflict of een geschenk dat de deontologische code toelaat?';
    const advice = 'Een belangenconflict: de maaltijden zijn herhaald en de garage werkt voor de zone. Een tuchtonderzoek is aangewezen.';

    await signInWithSession(k, context, w.s.officer);
    await page.goto(`${k.base}/o/${w.org}/reports/${a.id}`);
    await page.getByRole('heading', { level: 1, name: `Melding ${a.reference}` }).waitFor();
    const section = page.locator('section[aria-labelledby=case-advice]');
    await section.getByText('Nog geen advies gevraagd.').waitFor();
    await section.getByRole('button', { name: 'Advies van de kerngroep vragen' }).click();
    const dialog = page.getByRole('dialog', { name: `Advies van de kerngroep vragen over melding ${a.reference}` });
    await dialog.waitFor();
    // Nobody chosen: said at the group (the browser's own check on a hidden checkbox said nothing), nothing asked.
    await dialog.getByLabel('Vraag', { exact: true }).fill(question);
    await dialog.getByRole('button', { name: 'Advies vragen' }).click();
    await dialog.getByText('Kies minstens één lid van de kerngroep.').waitFor();
    await dialog.getByRole('checkbox', { name: core.name }).check({ force: true });
    await dialog.getByRole('button', { name: 'Advies vragen' }).click();
    await page.getByRole('status').filter({ hasText: 'Het advies is gevraagd.' }).waitFor();
    await section.getByText(question).waitFor();
    await section.getByText(`${core.name}: advies verwacht`).waitFor();

    // The member: one request waits on the home page, the inbox lists report A and nothing else.
    await signInWithSession(k, context, core.s);
    expect(await homeFigure(page, 'wachtende adviesvragen')).toBe(1);
    const box = await inbox(page);
    await box.row(a.reference).waitFor();
    expect(await page.locator('main tbody tr').count()).toBe(1);
    for (const other of [reports.b, reports.c]) expect(await box.row(other.reference).count()).toBe(0);
    expect(await statuses(page, [`/api/orgs/${w.org}/reporting/reports/${reports.b.id}`, `/api/orgs/${w.org}/reporting/reports/${reports.c.id}`])).toEqual([404, 404]);

    // The mail's link (a link, nothing of the report) opens the report.
    await page.goto(`${k.base}${await mailLink(core.email, 'reporting.advice_asked', a.id)}`);
    await page.getByRole('heading', { level: 1, name: `Melding ${a.reference}` }).waitFor();
    await page.getByRole('heading', { name: 'Uw advies wordt gevraagd' }).waitFor();
    await page.getByText(question).waitFor();
    await page.getByText('Een inspecteur laat zich zijn maaltijden betalen', { exact: false }).first().waitFor();
    // Advisers take no step: the page offers none.
    expect(await page.getByRole('button', { name: 'Ontvangst bevestigen' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Uw advies' }).fill(advice);
    await page.getByRole('button', { name: 'Mijn advies geven' }).click();
    await page.getByText('Uw advies is geregistreerd. U kunt deze melding niet meer lezen.').waitFor();

    // Access ended: not listed, the page is not found, the API answers 404, the figure is 0.
    await inbox(page);
    await page.getByText('Er zijn geen meldingen voor u.').waitFor();
    await expectNotFoundPage(page, `/o/${w.org}/reports/${a.id}`);
    expect(await statuses(page, [`/api/orgs/${w.org}/reporting/reports/${a.id}`, `/api/orgs/${w.org}/reporting/reports/${a.id}/advice`])).toEqual([404, 404]);
    expect(await homeFigure(page, 'wachtende adviesvragen')).toBe(0);

    // The officer reads the advice, with its day; the decision stays theirs.
    await signInWithSession(k, context, w.s.officer);
    await page.goto(`${k.base}${await mailLink(w.users.officer.email, 'reporting.advice_given', a.id)}`);
    await page.getByRole('heading', { level: 1, name: `Melding ${a.reference}` }).waitFor();
    await section.getByText(advice).waitFor();
    expect(await section.textContent()).toMatch(new RegExp(`${core.name}: advies gegeven \\(\\d{2}/\\d{2}/\\d{4}\\)`));
  }, 120_000);

  it('a recipient the reporter excluded finds the report on no screen and through no endpoint', async () => {
    const { page, context } = b;
    const c = reports.c;
    const [file] = await ownerQuery<{ id: string }>(k, `SELECT id FROM report_file WHERE report_id = $1`, [reports.a.id]);
    await signInWithSession(k, context, w.s.officer2);

    // The inbox lists the other reports, not C.
    const box = await inbox(page);
    await box.row(reports.b.reference).waitFor();
    await box.row(reports.a.reference).waitFor();
    expect(await box.row(c.reference).count()).toBe(0);
    // The home figures count the two others only (the officer who received C counts three).
    expect(await homeFigure(page, 'wachten op ontvangstbevestiging')).toBe(2);
    const officerHome = (await w.s.officer.get(`/api/orgs/${w.org}/home`)).json() as { figures: { id: string; count: number }[] };
    expect(officerHome.figures.find((f) => f.id === 'reporting.to_acknowledge')?.count).toBe(3);

    // Its address: the page that is not found, as for a report that does not exist.
    await expectNotFoundPage(page, `/o/${w.org}/reports/${c.id}`);
    // The API, from the page: every read of C is a 404, the list leaves it out.
    const base = `/api/orgs/${w.org}/reporting`;
    expect(await statuses(page, [
      `${base}/reports/${c.id}`, `${base}/reports/${c.id}/advice`, `${base}/reports/${c.id}/protection`, `${base}/reports/${c.id}/retention`,
      `${base}/reports/${c.id}/files/${file.id}`, `${base}/reports/${crypto.randomUUID()}`,
    ])).toEqual([404, 404, 404, 404, 404, 404]);
    const list = await page.evaluate((u) => fetch(u).then((r) => r.json()), `${base}/reports`) as { items: { id: string }[] };
    expect(list.items.map((x) => x.id).sort()).toEqual([reports.a.id, reports.b.id].sort());
    // A step with a valid CSRF token: the same 404 (no sign that the report exists).
    const step = await page.evaluate(async (u) => {
      const { token } = await (await fetch('/api/csrf')).json() as { token: string };
      const r = await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token, 'if-match': '"1"' }, body: '{}' });
      return r.status;
    }, `${base}/reports/${c.id}/acknowledge`);
    expect(step).toBe(404);
  }, 120_000);

  it('deadlines go overdue on the clock: the reminder and the escalation land in the outbox, the inbox and the home page say overdue', async () => {
    const { page, context } = b;
    const c = reports.c;
    const run = () => runDeadlineReminders({ db: k.db.db, mailer: k.deps.mailer, publicUrl: k.deps.config.publicUrl }, { today: day });
    const mails = (reportId: string) => ownerQuery<{ to_address: string; template: string }>(k,
      `SELECT to_address, template FROM mail_outbox WHERE template LIKE 'deadline.%' AND body_text LIKE '%' || $1 || '%' ORDER BY created_at, id`, [reportId]);
    try {
      await signInWithSession(k, context, w.s.officer);
      // Six days after filing: acknowledgement due tomorrow; the morning's run reminds the recipient C went to.
      day = plusDays(REAL_DAY, 6);
      await run();
      expect(await mails(c.id)).toEqual([{ to_address: w.users.officer.email, template: 'deadline.reminder' }]);
      let box = await inbox(page);
      await box.row(c.reference).getByText(/^Ontvangst bevestigen: nog 1 dag/).waitFor();
      expect(await homeFigure(page, 'met een verstreken termijn')).toBe(0);

      // Eight days after: one day late; the run tells the chief (escalation), still never officer2.
      day = plusDays(REAL_DAY, 8);
      await run();
      expect(await mails(c.id)).toEqual([
        { to_address: w.users.officer.email, template: 'deadline.reminder' },
        { to_address: w.users.chief.email, template: 'deadline.escalation' },
      ]);
      box = await inbox(page);
      const row = box.row(c.reference);
      await row.getByText(/^Ontvangst bevestigen: 1 dag te laat/).waitFor();
      expect(await row.textContent()).toContain('!');
      // A, B and C are all late.
      expect(await homeFigure(page, 'met een verstreken termijn')).toBe(3);

      // The reminder's link opens the report, whose clock says the same.
      await page.goto(`${k.base}${await mailLink(w.users.officer.email, 'deadline.reminder', c.id)}`);
      await page.getByRole('heading', { level: 1, name: `Melding ${c.reference}` }).waitFor();
      await page.getByText(/^Ontvangst bevestigen: 1 dag te laat/).first().waitFor();
      // A rerun the same day sends nothing twice.
      expect((await run()).mails).toBe(0);
    } finally {
      day = REAL_DAY;
    }
  }, 120_000);

  it('retention: a closed report past its retention is deleted by the daily run; the inbox no longer lists it and the receipt opens nothing', async () => {
    const { page, context } = b;
    // D: acknowledged, a message, closed today (the retention is one month).
    const d = await filed(k, w, { answers: { what: 'Een agent verkoopt in beslag genomen goederen.' } });
    const officer: Session = w.s.officer;
    let v = await readReport(officer, w, d.id);
    expect((await officer.post(api(w, `/reports/${d.id}/acknowledge`), {}, ifMatch(v.revision))).statusCode).toBe(200);
    const m = multipart([{ name: 'message', value: JSON.stringify({ body: 'Wanneer gebeurde dit?' }) }]);
    expect((await officer.request('POST', api(w, `/reports/${d.id}/messages`), m.payload, m.headers)).statusCode).toBe(201);
    v = await readReport(officer, w, d.id);
    expect((await officer.post(api(w, `/reports/${d.id}/close`), { outcome: 'unfounded' }, ifMatch(v.revision))).statusCode).toBe(200);

    await signInWithSession(k, context, w.s.officer);
    let box = await inbox(page);
    await box.row(d.reference).getByText('Afgesloten').first().waitFor();

    // The reporter still reads it with the receipt.
    const reporter = await visitor(b);
    try {
      const rp = reporter.page;
      await rp.goto(`${k.base}/p/${w.code}/report/follow-up`);
      await settled(rp);
      await rp.getByLabel('Ontvangstcode').fill(d.receipt);
      await rp.getByRole('button', { name: 'Mijn melding openen' }).click();
      await rp.getByRole('heading', { level: 1, name: `Uw melding ${d.reference}` }).waitFor();
      await rp.getByText('Wanneer gebeurde dit?').waitFor();

      // The day before the end of retention nothing goes; on the day the run deletes D (and only D).
      const deleteOn = plusMonths(REAL_DAY, 1);
      expect(await runRetention(k.db.db, { today: plusDays(deleteOn, -1) })).toEqual({ deleted: 0 });
      expect(await runRetention(k.db.db, { today: deleteOn })).toEqual({ deleted: 1 });

      // The reporter's open page: the next step ends the access and asks for the receipt again.
      await rp.getByLabel('Uw bericht').fill('Op 3 maart.');
      await rp.getByRole('button', { name: 'Het bericht versturen' }).click();
      await rp.getByText('Geef uw ontvangstcode opnieuw in om verder te gaan.', { exact: false }).waitFor();
      expect(await rp.getByText('Wanneer gebeurde dit?').count()).toBe(0);
      // The receipt, typed again: no report, said plainly.
      await rp.getByLabel('Ontvangstcode').fill(d.receipt);
      await rp.getByRole('button', { name: 'Mijn melding openen' }).click();
      await rp.locator('main [role=alert]').filter({ hasText: 'Er is geen melding gevonden met dit ontvangstbewijs.' }).waitFor();
      expect(await rp.getByRole('heading', { level: 1 }).textContent()).toBe('Uw melding opvolgen');
    } finally {
      await reporter.context.close();
    }

    // The officer: gone from the inbox (the others stay), its page not found.
    box = await inbox(page);
    await box.row(reports.b.reference).waitFor();
    expect(await box.row(d.reference).count()).toBe(0);
    await expectNotFoundPage(page, `/o/${w.org}/reports/${d.id}`);
    expect(await ownerQuery(k, `SELECT 1 FROM report WHERE id = $1`, [d.id])).toEqual([]);
  }, 120_000);
});

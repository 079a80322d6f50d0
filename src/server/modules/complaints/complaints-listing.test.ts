import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, Session, sessionFor, type TestApp } from '../../../test/app.js';
import { docxParagraphs, docxTables, pdfPages } from '../../platform/export/export.testkit.js';
import { checkPeriod, exportListing } from './listing.js';

/**
 * The listing for the authorities on real PostgreSQL, against a fixture of complaints written as rows
 * of the schema: a complaint on each end of the period, one just outside each end, an anonymous one,
 * a forwarded one answered late and one whose acknowledgement is overdue. The sealed content, the staff
 * involved, the handler and the forwarding reference hold names and text that must appear nowhere.
 */
let t: TestApp;
let org = '';
let other = '';
let s: Record<'coordinator' | 'chief' | 'handler' | 'officer' | 'elsewhere', Session>;
const U: Record<string, string> = {};
const TODAY = '2026-07-10';
const SECRETS = ['Janssens', 'jan@example.test', 'Peeters', 'PV-SECRET-123', 'Handler Name', 'hit me with a baton'];

let seq = 0;
async function complaint(orgId: string, c: {
  received: string; channel: string; forwardedBy?: string; anonymous?: boolean; unit?: string; themes?: string[]; seriousness?: string;
  status: string; ack?: string; triaged?: string; answered?: string; closed?: string; decision?: string; handler?: string;
}) {
  const id = randomUUID();
  seq += 1;
  await ownerQuery(t, `
    INSERT INTO complaint (id, organisation_id, reference, status, channel, forwarded_by, forwarding_reference, anonymous, language, received_on,
                           acknowledged_on, triaged_on, answered_on, closed_on, admissible, seriousness, unit_id, handler_user_id, decision, code_hash, content)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'nl', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, convert_to($20, 'UTF8'))`, [
    id, orgId, `KL-2026-${String(seq).padStart(4, '0')}`, c.status, c.channel, c.forwardedBy ?? null, c.forwardedBy ? 'PV-SECRET-123' : null,
    c.anonymous ?? false, c.received, c.ack ?? null, c.triaged ?? null, c.answered ?? null, c.closed ?? null, c.triaged ? true : null,
    c.seriousness ?? null, c.unit ? U[c.unit] : null, c.handler ?? null, c.decision ?? null, `hash-l-${seq}`,
    c.anonymous ? 'hit me with a baton' : 'Jan Janssens jan@example.test hit me with a baton',
  ]);
  for (const th of c.themes ?? []) await ownerQuery(t, 'INSERT INTO complaint_theme (organisation_id, complaint_id, theme) VALUES ($1, $2, $3)', [orgId, id, th]);
  const person = await ownerQuery<{ id: string }>(t, `
    INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date)
    VALUES ($1, $2, 'Piet', 'Peeters', 'operational', '2015-01-01') RETURNING id`, [orgId, `L${seq}`]);
  await ownerQuery(t, 'INSERT INTO complaint_staff (organisation_id, complaint_id, person_id) VALUES ($1, $2, $3)', [orgId, id, person[0].id]);
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t, { code: 'PZ-7101' });
  other = await createOrganisation(t, { code: 'PZ-7102' });
  await ownerQuery(t, `UPDATE organisation SET names = jsonb_build_object('nl', 'PZ Noord', 'fr', 'ZP Nord'), languages = '{nl,fr}' WHERE id = $1`, [org]);
  await ownerQuery(t, `
    INSERT INTO complaint_settings (organisation_id, themes) VALUES ($1, $2::jsonb)
    ON CONFLICT (organisation_id) DO UPDATE SET themes = excluded.themes`, [org, JSON.stringify([
    { id: 'behaviour', label: { nl: 'Gedrag', fr: 'Comportement', en: 'Behaviour' }, active: true },
    { id: 'arrest', label: { nl: 'Arrestatie', fr: 'Arrestation', en: 'Arrest' }, active: true },
  ])]);
  for (const [k, name] of [['I', 'Interventie'], ['V', 'Verkeer']]) {
    U[k] = (await ownerQuery<{ id: string }>(t, 'INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, $2, $3) RETURNING id', [org, k, name]))[0].id;
  }
  const handler = await createUser(t, { roles: [{ orgId: org, role: 'complaint_handler' }] });
  await ownerQuery(t, `UPDATE app_user SET display_name = 'Handler Name' WHERE id = $1`, [handler.id]);
  const users = {
    coordinator: await createUser(t, { roles: [{ orgId: org, role: 'complaints_coordinator' }], locale: 'en' }),
    chief: await createUser(t, { roles: [{ orgId: org, role: 'chief' }], locale: 'fr' }),
    handler,
    officer: await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] }),
    elsewhere: await createUser(t, { roles: [{ orgId: other, role: 'complaints_coordinator' }] }),
  };
  const on = async (userId: string) => new Session(t.app, (await sessionFor(t, userId)).cookies.kompas_session);
  s = {
    coordinator: await on(users.coordinator.id), chief: await on(users.chief.id), handler: await on(users.handler.id),
    officer: await on(users.officer.id), elsewhere: await on(users.elsewhere.id),
  };
  // The period: the second quarter of 2026, listed on 10 July (targets 7 / 14 / 90 days).
  await complaint(org, { received: '2026-03-31', channel: 'online', status: 'received' }); // 0001: the day before
  await complaint(org, { // 0002: the first day, anonymous, answered in time
    received: '2026-04-01', channel: 'online', anonymous: true, unit: 'I', themes: ['behaviour'], seriousness: 'low', status: 'closed',
    ack: '2026-04-02', triaged: '2026-04-05', answered: '2026-04-20', closed: '2026-04-21', decision: 'unfounded', handler: handler.id,
  });
  await complaint(org, { // 0003: forwarded by the mayor, acknowledged late (15 days)
    received: '2026-05-10', channel: 'forwarded', forwardedBy: 'mayor', unit: 'V', themes: ['arrest', 'behaviour'], seriousness: 'high', status: 'answered',
    ack: '2026-05-25', triaged: '2026-05-30', answered: '2026-06-01', decision: 'partly_founded', handler: handler.id,
  });
  await complaint(org, { received: '2026-06-30', channel: 'phone', status: 'received' }); // 0004: the last day, acknowledgement overdue on 10 July
  await complaint(org, { received: '2026-07-01', channel: 'letter', status: 'received' }); // 0005: the day after
  await complaint(other, { received: '2026-05-01', channel: 'online', status: 'received' }); // 0006: another organisation
}, 120_000);
afterAll(async () => { await t.close(); });

const api = (o: string, rest: string) => `/api/orgs/${o}/complaints${rest}`;
const Q2 = '?from=2026-04-01&to=2026-06-30';
const ctx = () => ({ actor: { userId: randomUUID() } as never, audit: { actorUserId: null, ip: null, userAgent: null } as never });
const listing = (format: 'csv' | 'docx' | 'pdf', lang: 'nl' | 'en' = 'en') =>
  exportListing({ db: t.db.db, ctx: ctx(), orgId: org, period: { from: '2026-04-01', to: '2026-06-30' }, format, lang, today: TODAY, pdf: { compress: false } });

describe('the listing for the authorities', () => {
  it('lists the complaints received in the period, both ends included, with lead times and late steps', async () => {
    const csv = (await listing('csv')).body.toString('utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('Reference;Received;Channel;Anonymous;Themes;Unit;Seriousness;Status;Decision;Days to acknowledgement;Days to answer;Target missed');
    expect(csv.slice(1)).toEqual([
      'KL-2026-0002;2026-04-01;Online form;Yes;Behaviour;Interventie;Low;Closed;Unfounded;1;19;No',
      'KL-2026-0003;2026-05-10;Forwarded via the mayor;No;Arrest, Behaviour;Verkeer;High;Answered;Partly founded;15;22;Acknowledgement',
      'KL-2026-0004;2026-06-30;Telephone;No;;;;Received;;;;Acknowledgement',
    ]);
  });

  it('names no person and carries no written text in any format, in the language asked', async () => {
    const csv = (await listing('csv', 'nl')).body.toString('utf8');
    const docx = await listing('docx', 'nl');
    const pdf = await listing('pdf', 'nl');
    const docText = docxParagraphs(docx.body).map((p) => p.text).join('\n');
    const pdfText = pdfPages(pdf.body).join('\n');
    for (const text of [csv, docText, pdfText]) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).toContain('KL-2026-0003');
      expect(text).not.toContain('KL-2026-0001');
      expect(text).not.toContain('KL-2026-0005');
      expect(text).not.toContain('KL-2026-0006');
    }
    expect(docText).toContain('Klachtenlijst voor de overheden');
    expect(docText).toContain('PZ Noord');
    expect(docText).toContain('01/04/2026 tot 30/06/2026');
    expect(docText).toContain('10/07/2026');
    expect(docText).toContain('Referentie');
    expect(docText).toContain('Doorgestuurd via de burgemeester');
    expect(docxTables(docx.body)[0].rows.map((r) => r[0])).toEqual(['KL-2026-0002', 'KL-2026-0003', 'KL-2026-0004']);
    expect(pdfText).toContain('Klachtenlijst voor de overheden');
    expect(pdf.filename).toBe('PZ-7101 - klachtenlijst voor de overheden 2026-04-01 - 2026-06-30.pdf');
  });
});

describe('the period', () => {
  it('must be real days, in order, of at most 366 days', () => {
    expect(checkPeriod({ from: '2024-01-01', to: '2024-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(() => checkPeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow(expect.objectContaining({ code: 'complaints_listing_day', field: 'from' }));
    expect(() => checkPeriod({ from: '2026-02-01', to: '2026-02-01x' })).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => checkPeriod({ from: '2026-03-02', to: '2026-03-01' })).toThrow(expect.objectContaining({ code: 'complaints_listing_order', field: 'to' }));
    expect(() => checkPeriod({ from: '2025-01-01', to: '2026-01-02' })).toThrow(expect.objectContaining({ code: 'complaints_listing_too_long', field: 'to' }));
  });
});

describe('the routes', () => {
  it('give the coordinator and the chief the three files, each audited', async () => {
    const files = [['csv', 'text/csv'], ['docx', 'wordprocessingml'], ['pdf', 'application/pdf']];
    for (const [format, type] of files) {
      const r = await s.chief.get(api(org, `/listing.${format}${Q2}&lang=fr`));
      expect(r.statusCode, format).toBe(200);
      expect(r.headers['content-type']).toContain(type);
      expect(String(r.headers['content-disposition'])).toContain('PZ-7101');
      expect(String(r.headers['content-disposition'])).toContain('2026-04-01_-_2026-06-30');
    }
    expect((await s.coordinator.get(api(org, `/listing.csv${Q2}`))).statusCode).toBe(200);
    const audit = await ownerQuery<{ details: { from: string; to: string; rows: number; locale: string } }>(t,
      `SELECT details FROM audit_event WHERE organisation_id = $1 AND action = 'complaints.listing_export' ORDER BY id`, [org]);
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(audit.at(-2)?.details).toMatchObject({ from: '2026-04-01', to: '2026-06-30', rows: 3, locale: 'fr' });
  }, 120_000);

  it('refuse a handler, another role and another organisation\'s coordinator', async () => {
    expect((await s.handler.get(api(org, `/listing.csv${Q2}`))).statusCode).toBe(403);
    expect((await s.officer.get(api(org, `/listing.pdf${Q2}`))).statusCode).toBe(403);
    expect((await s.elsewhere.get(api(org, `/listing.csv${Q2}`))).statusCode).toBe(403);
    // Their own organisation's listing holds only their own complaint.
    const own = (await s.elsewhere.get(api(other, `/listing.csv${Q2}`))).body;
    expect(own).toContain('KL-2026-0006');
    expect(own).not.toContain('KL-2026-0002');
  });

  it('answer a bad period with 400 and a translated message at the field', async () => {
    const bad = async (q: string, field: string, who = s.coordinator) => {
      const r = await who.get(api(org, `/listing.csv${q}`));
      expect(r.statusCode, q).toBe(400);
      const body = r.json() as { field?: string; fields?: { field: string }[]; message: string };
      expect(body.field ?? body.fields?.[0]?.field, q).toBe(field);
      return body.message;
    };
    expect(await bad('?from=2026-02-30&to=2026-03-31', 'from')).toBe('Give a real date (yyyy-mm-dd).');
    expect(await bad('?from=2026-04-01&to=2026-03-31', 'to', s.chief)).toBe('La fin de la période ne peut pas précéder son début.');
    expect(await bad('?from=2025-01-01&to=2026-06-30', 'to')).toContain('366');
    expect(await bad('?from=2026-04-01', 'to')).toBeTruthy();
  });
});

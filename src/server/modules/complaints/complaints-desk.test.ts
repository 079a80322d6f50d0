import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import { COMPLAINT_TOKEN_HEADER, type ComplaintView, type StatusView } from './contract.js';
import {
  api, complaintPart, complaintsWorld, fileComplaint, filed, filePart, multipart, openDesk, plainPdf, pub, publicRequest, readComplaint, statusToken, triaged,
  type ComplaintsWorld,
} from './complaints.testkit.js';

/**
 * Issue 19: the desk from filing to closure on real PostgreSQL — public filing (anonymous, named,
 * with a file), hostile input refused whole, throttling, the status page by code, staff
 * registration, triage and assignment, a handler who sees only their own complaints, forwarding,
 * stale steps, the answer (Word/PDF, the status page) and closure, lead times on a moving clock.
 */
let day = '2027-03-02';
let t: TestApp;
let w: ComplaintsWorld;
beforeAll(async () => {
  t = await createTestApp({ today: () => day });
  w = await complaintsWorld(t);
});
afterAll(async () => { await t.close(); });

const count = async (table: string) => (await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM ${table} WHERE organisation_id = $1`, [w.org]))[0].n;

describe('public filing', () => {
  it('refuses while the desk is closed, and stores nothing', async () => {
    const r = await fileComplaint(t, w, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('complaints_not_open');
    expect(await count('complaint')).toBe(0);
    expect((await publicRequest(t, { method: 'GET', url: pub(w) })).json().open).toBe(false);
  });

  it('files anonymously and named with a file; the code is stored only as a hash', async () => {
    await openDesk(w);
    expect((await publicRequest(t, { method: 'GET', url: pub(w) })).json()).toMatchObject({ open: true, acknowledgeDays: 7, resolveDays: 90 });
    const a = await filed(t, w, { anonymous: true, what: 'Onbeleefd aan het loket.' });
    expect(a.reference).toBe('KL-2027-0001');
    expect(a.code).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const n = await filed(t, w, { anonymous: false, name: 'Jan Peeters', email: 'jan@example.org', what: 'Te hard gereden.', occurredOn: '2027-03-01', language: 'fr' },
      [filePart('foto.pdf', 'application/pdf', await plainPdf())]);
    expect(n.reference).toBe('KL-2027-0002');
    const [row] = await ownerQuery<{ code_hash: string; channel: string; anonymous: boolean; language: string; registered_by: string | null }>(t,
      `SELECT code_hash, channel, anonymous, language, registered_by FROM complaint WHERE id = $1`, [n.id]);
    expect(row).toMatchObject({ channel: 'online', anonymous: false, language: 'fr', registered_by: null });
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(n.code.replace(/ /g, ''));
    const v = await readComplaint(w.s.coordinator, w, n.id);
    expect(v.complainant).toEqual({ name: 'Jan Peeters', email: 'jan@example.org', phone: null, address: null });
    expect(v.files.map((f) => f.name)).toEqual(['foto.pdf']);
    expect(v.status).toBe('received');
    const f = await w.s.coordinator.get(api(w, `/${n.id}/files/${v.files[0].id}`));
    expect(f.statusCode).toBe(200);
    expect(f.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await readComplaint(w.s.coordinator, w, a.id)).complainant).toBeNull();
  });

  it('refuses hostile input whole, with a clear error naming the field', async () => {
    const before = { complaint: await count('complaint'), file: await count('complaint_file'), record_key: await count('record_key') };
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    const cases: [string, Promise<{ statusCode: number; json: () => { code: string; field?: string; fields?: { field: string }[] } }>, number, string][] = [
      ['oversized file', fileComplaint(t, w, {}, [filePart('groot.pdf', 'application/pdf', big)]), 413, 'file_too_large'],
      ['wrong type', fileComplaint(t, w, {}, [filePart('script.exe', 'application/x-msdownload', Buffer.from('MZ'))]), 415, ''],
      ['pdf that is not one', fileComplaint(t, w, {}, [filePart('nep.pdf', 'application/pdf', Buffer.from('<script>alert(1)</script>'))]), 415, ''],
      ['too many files', fileComplaint(t, w, {}, Array.from({ length: 6 }, (_, i) => filePart(`f${i}.txt`, 'text/plain', Buffer.from('x')))), 413, 'multipart_too_many_files'],
      ['no consent', fileComplaint(t, w, { consent: false }), 400, 'validation_failed'],
      ['anonymous with a name', fileComplaint(t, w, { anonymous: true, name: 'Jan' }), 400, 'complaints_identity_not_allowed'],
      ['named without a name', fileComplaint(t, w, { anonymous: false }), 400, 'complaints_name_required'],
      ['a date in the future', fileComplaint(t, w, { occurredOn: '2030-01-01' }), 400, 'complaints_date_invalid'],
      ['a control character', fileComplaint(t, w, { what: 'a\u0000b' }), 400, 'validation_failed'],
      ['an unknown field', fileComplaint(t, w, { status: 'closed' }), 400, 'validation_failed'],
      ['text too long', fileComplaint(t, w, { what: 'x'.repeat(20_001) }), 400, 'validation_failed'],
    ];
    for (const [name, p, status, code] of cases) {
      const r = await p;
      expect(r.statusCode, name).toBe(status);
      if (code) expect(r.json().code, name).toBe(code);
    }
    expect({ complaint: await count('complaint'), file: await count('complaint_file'), record_key: await count('record_key') }).toEqual(before);
    // Script in a text field: stored as text, given back as the same text (the pages render text, never markup).
    const s = await filed(t, w, { what: '<script>alert("x")</script><img src=x onerror=alert(1)>' });
    expect((await readComplaint(w.s.coordinator, w, s.id)).facts.what).toBe('<script>alert("x")</script><img src=x onerror=alert(1)>');
  });

  it('throttles a flood of filings from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fileComplaint(t, w, { what: 'flood' }, [], '203.0.113.77')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('the status page by code', () => {
  it('opens with the code in the body, shows the status; wrong codes get one answer and are throttled', async () => {
    const f = await filed(t, w, { anonymous: false, name: 'Els', what: 'Status test' });
    const token = await statusToken(t, w, f.code);
    const r = await publicRequest(t, { method: 'GET', url: pub(w, '/status'), headers: { [COMPLAINT_TOKEN_HEADER]: token } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ reference: f.reference, status: 'received', receivedOn: day, answer: null, expectedBy: '2027-05-31' });
    expect(JSON.stringify(r.json())).not.toContain('Els');
    expect((await publicRequest(t, { method: 'GET', url: pub(w, '/status') })).statusCode).toBe(401);
    // Another organisation's page does not open it.
    expect((await publicRequest(t, { method: 'POST', url: `/api/public/orgs/${w.otherCode}/complaints/access`, payload: { code: f.code } })).statusCode).toBe(404);
    const ip = '203.0.113.99';
    const tries: number[] = [];
    for (let i = 0; i < 7; i++) tries.push((await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload: { code: '1234 5678 9012 3456' }, ip })).statusCode);
    expect(tries).toEqual([404, 404, 404, 404, 404, 429, 429]);
    // The right code from the throttled address waits too.
    expect((await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload: { code: f.code }, ip })).statusCode).toBe(429);
    expect((await publicRequest(t, { method: 'POST', url: pub(w, '/status/leave'), headers: { [COMPLAINT_TOKEN_HEADER]: token }, payload: {} })).statusCode).toBe(204);
    expect((await publicRequest(t, { method: 'GET', url: pub(w, '/status'), headers: { [COMPLAINT_TOKEN_HEADER]: token } })).statusCode).toBe(401);
  });
});

describe('staff registration, triage, handling', () => {
  let id: string;
  let code: string;

  it('registers a forwarded complaint with its source and reference; the channel rule is checked', async () => {
    const bad = multipart([complaintPart({ channel: 'phone', forwardedBy: 'comite_p', anonymous: true, what: 'x', language: 'nl' })]);
    expect((await w.s.coordinator.request('POST', api(w), bad.payload, bad.headers)).statusCode).toBe(400);
    const m = multipart([complaintPart({ channel: 'forwarded', forwardedBy: 'comite_p', forwardingReference: 'CP/2026/123', receivedOn: '2026-02-27', anonymous: false, name: 'Ahmed B.', phone: '+32 470 12 34 56', what: 'Geweigerd een klacht te noteren.', language: 'nl' })]);
    const r = await w.s.coordinator.request('POST', api(w), m.payload, m.headers);
    expect(r.statusCode, r.body).toBe(201);
    ({ id, code } = r.json());
    const v = await readComplaint(w.s.coordinator, w, id);
    expect(v).toMatchObject({ channel: 'forwarded', forwardedBy: 'comite_p', forwardingReference: 'CP/2026/123', receivedOn: '2026-02-27', registeredBy: expect.any(String) });
    // A handler registers nothing; the chief and staff have no door.
    expect((await w.s.handler.request('POST', api(w), m.payload, m.headers)).statusCode).toBe(403);
    expect((await w.s.chief.get(api(w))).statusCode).toBe(403);
    expect((await w.s.staff.get(api(w, `/${id}`))).statusCode).toBe(403);
  });

  it('acknowledges, refuses a stale step, triages and assigns the handler, who then sees only that one', async () => {
    const v = await readComplaint(w.s.coordinator, w, id);
    const ack = await w.s.coordinator.post(api(w, `/${id}/acknowledge`), {}, ifMatch(v.revision));
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().status).toBe('acknowledged');
    const stale = await w.s.coordinator.post(api(w, `/${id}/triage`), { admissible: true, themes: ['behaviour'], seriousness: 'low', handlerUserId: w.users.handler.id }, ifMatch(v.revision));
    expect(stale.statusCode).toBe(409);
    const noTheme = await w.s.coordinator.post(api(w, `/${id}/triage`), { admissible: true, themes: ['nope'], seriousness: 'low', handlerUserId: w.users.handler.id }, ifMatch(ack.json().revision));
    expect(noTheme.json()).toMatchObject({ code: 'complaints_theme_unknown' });
    const staffRole = await w.s.coordinator.post(api(w, `/${id}/triage`), { admissible: true, themes: ['behaviour'], seriousness: 'low', handlerUserId: w.users.staff.id }, ifMatch(ack.json().revision));
    expect(staffRole.json()).toMatchObject({ code: 'complaints_handler_role' });
    // The handler does not see it before assignment.
    expect((await w.s.handler.get(api(w, `/${id}`))).statusCode).toBe(404);
    const [person] = await ownerQuery<{ id: string }>(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date) VALUES ($1, 'P-1', 'Piet', 'Agent', 'operational', '2020-01-01') RETURNING id`, [w.org]);
    const tr = await w.s.coordinator.post(api(w, `/${id}/triage`), { admissible: true, themes: ['behaviour', 'failure_to_act'], seriousness: 'medium', staff: [person.id], handlerUserId: w.users.handler.id }, ifMatch(ack.json().revision));
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json()).toMatchObject({ status: 'triaged', themes: ['behaviour', 'failure_to_act'], seriousness: 'medium', handler: { id: w.users.handler.id } });
    const hv = await readComplaint(w.s.handler, w, id);
    expect(hv.staff).toEqual([{ id: person.id, displayName: 'Piet Agent', personnelNumber: 'P-1' }]);
    expect(hv.can).toMatchObject({ triage: false, assign: false, answer: true, note: true });
    const list = (await w.s.handler.get(api(w))).json().items as { id: string }[];
    expect(list.map((x) => x.id)).toEqual([id]);
  });

  it('a second handler finds the complaint on no endpoint (404 everywhere)', async () => {
    const v = await readComplaint(w.s.coordinator, w, id);
    const fileId = '00000000-0000-4000-8000-000000000000';
    const s = w.s.handler2;
    const calls = [
      s.get(api(w, `/${id}`)), s.get(api(w, `/${id}/files/${fileId}`)), s.get(api(w, `/${id}/answer.docx`)), s.get(api(w, `/${id}/answer.pdf`)),
      s.post(api(w, `/${id}/acknowledge`), {}, ifMatch(v.revision)), s.post(api(w, `/${id}/triage`), { admissible: false, reason: 'x' }, ifMatch(v.revision)),
      s.post(api(w, `/${id}/handler`), { userId: w.users.handler2.id }, ifMatch(v.revision)), s.post(api(w, `/${id}/forward`), { to: 'comite_p' }, ifMatch(v.revision)),
      s.post(api(w, `/${id}/entries`), { kind: 'note', body: 'x' }), s.post(api(w, `/${id}/answer`), { decision: 'unfounded', text: 'x' }, ifMatch(v.revision)),
      s.post(api(w, `/${id}/close`), {}, ifMatch(v.revision)),
    ];
    const docs = multipart([{ name: 'document', value: '{}' }, filePart('a.txt', 'text/plain', Buffer.from('a'))]);
    calls.push(s.request('POST', api(w, `/${id}/documents`), docs.payload, docs.headers));
    for (const r of await Promise.all(calls)) expect(r.statusCode, r.body).toBe(404);
    expect((await s.get(api(w))).json().items).toEqual([]);
    expect((await readComplaint(w.s.coordinator, w, id)).revision).toBe(v.revision);
  });

  it('notes, hearing records and documents; the answer (Word, PDF, the status page); closure with measures', async () => {
    const note = await w.s.handler.post(api(w, `/${id}/entries`), { kind: 'hearing', on: '2027-03-01', body: 'Verhoor van de inspecteur.' });
    expect(note.statusCode, note.body).toBe(201);
    const docs = multipart([{ name: 'document', value: '{}' }, filePart('verslag.txt', 'text/plain', Buffer.from('verslag'))]);
    const d = await w.s.handler.request('POST', api(w, `/${id}/documents`), docs.payload, docs.headers);
    expect(d.statusCode, d.body).toBe(201);
    let v = await readComplaint(w.s.handler, w, id);
    expect(v.entries.map((e) => [e.kind, e.body])).toEqual([['hearing', 'Verhoor van de inspecteur.']]);
    expect(v.files.map((f) => [f.name, f.addedBy])).toEqual([['verslag.txt', 'staff']]);
    expect(v.answerDraft).toContain('KL-2026-0001');
    const early = await w.s.handler.post(api(w, `/${id}/close`), {}, ifMatch(v.revision));
    expect(early.statusCode).toBe(409);
    // The template's {decision} is filled in with the decision, in the complainant's language (Dutch).
    const ans = await w.s.handler.post(api(w, `/${id}/answer`), { decision: 'partly_founded', text: 'De klacht is {decision}. Wij geven u gedeeltelijk gelijk.' }, ifMatch(v.revision));
    expect(ans.statusCode, ans.body).toBe(200);
    for (const [fmt, magic] of [['docx', 'PK'], ['pdf', '%PDF']] as const) {
      const r = await w.s.handler.get(api(w, `/${id}/answer.${fmt}`));
      expect(r.statusCode, r.body).toBe(200);
      expect(r.rawPayload.subarray(0, magic.length).toString()).toBe(magic);
    }
    const token = await statusToken(t, w, code);
    const st = (await publicRequest(t, { method: 'GET', url: pub(w, '/status'), headers: { [COMPLAINT_TOKEN_HEADER]: token } })).json() as StatusView;
    expect(st).toMatchObject({ status: 'answered', answer: 'De klacht is gedeeltelijk gegrond. Wij geven u gedeeltelijk gelijk.', decision: 'partly_founded', answeredOn: day });
    v = await readComplaint(w.s.handler, w, id);
    const cl = await w.s.handler.post(api(w, `/${id}/close`), { measures: 'Gesprek met de inspecteur.', lessons: 'Klachten altijd noteren.' }, ifMatch(v.revision));
    expect(cl.statusCode, cl.body).toBe(200);
    v = await readComplaint(w.s.coordinator, w, id);
    expect(v.status).toBe('closed');
    expect(v.entries.map((e) => e.kind)).toEqual(['hearing', 'measure', 'lesson']);
    expect(v.history.map((h) => h.action)).toEqual(['received', 'acknowledged', 'triaged', 'answered', 'closed']);
    const audit = await ownerQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE organisation_id = $1 AND record_id = $2 AND action = 'complaints.complaint_read'`, [w.org, id]);
    expect(audit.length).toBeGreaterThan(3);
  });

  it('reassignment moves the key: the previous handler loses the complaint', async () => {
    const f = await filed(t, w, { what: 'Herverdeling' });
    const rev = await triaged(w, f.id, 'handler');
    expect((await w.s.handler.get(api(w, `/${f.id}`))).statusCode).toBe(200);
    const r = await w.s.coordinator.post(api(w, `/${f.id}/handler`), { userId: w.users.handler2.id }, ifMatch(rev));
    expect(r.statusCode, r.body).toBe(200);
    expect((await w.s.handler.get(api(w, `/${f.id}`))).statusCode).toBe(404);
    expect((await readComplaint(w.s.handler2, w, f.id)).facts.what).toBe('Herverdeling');
    const [g] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM record_key_grant g JOIN record_key k ON k.id = g.record_key_id WHERE k.record_id = $1 AND g.user_id = $2`, [f.id, w.users.handler.id]);
    expect(g.n).toBe(0);
  });

  it('forwards and declares inadmissible, closing the complaint for this desk', async () => {
    const a = await filed(t, w, { what: 'Strafbare feiten' });
    const va = await readComplaint(w.s.coordinator, w, a.id);
    // A day before the complaint arrived is refused with a message naming the day of receipt.
    const early = await w.s.coordinator.post(api(w, `/${a.id}/forward`), { to: 'judicial', on: '2020-01-01' }, ifMatch(va.revision));
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'complaints_date_before_received', field: 'on' });
    expect(early.json().message).toContain(va.receivedOn);
    const fw = await w.s.coordinator.post(api(w, `/${a.id}/forward`), { to: 'judicial', note: 'Parket Antwerpen' }, ifMatch(va.revision));
    expect(fw.statusCode, fw.body).toBe(200);
    const fv = await readComplaint(w.s.coordinator, w, a.id);
    expect(fv).toMatchObject({ status: 'forwarded', forwardedTo: 'judicial', forwardedOn: day, closedOn: day });
    expect(fv.history.at(-1)).toMatchObject({ action: 'forwarded', note: 'Parket Antwerpen' });
    const b = await filed(t, w, { what: 'Geen politie' });
    const vb = await readComplaint(w.s.coordinator, w, b.id);
    expect((await w.s.coordinator.post(api(w, `/${b.id}/triage`), { admissible: false }, ifMatch(vb.revision))).json().code).toBe('complaints_reason_required');
    const ib = await w.s.coordinator.post(api(w, `/${b.id}/triage`), { admissible: false, reason: 'Geen politiefeiten.' }, ifMatch(vb.revision));
    expect(ib.json()).toMatchObject({ status: 'inadmissible' });
  });
});

describe('lead times', () => {
  it('a complaint goes late on the moving clock; the list filters late ones and home figures count them', async () => {
    day = '2027-04-01';
    const f = await filed(t, w, { what: 'Laat' });
    let item = ((await w.s.coordinator.get(api(w, '?status=received'))).json().items as ComplaintView[]).find((x) => x.id === f.id)!;
    expect(item.late).toBe(false);
    expect(item.deadlines.map((d) => [d.kind, d.dueOn])).toEqual([['acknowledge', '2027-04-08'], ['triage', '2027-04-15'], ['resolve', '2027-06-30']]);
    day = '2027-04-09';
    item = ((await w.s.coordinator.get(api(w, '?late=true'))).json().items as ComplaintView[]).find((x) => x.id === f.id)!;
    expect(item.late).toBe(true);
    expect(item.deadlines.find((d) => d.kind === 'acknowledge')).toMatchObject({ late: true, daysLeft: -1 });
    const home = await w.s.coordinator.get(`/api/orgs/${w.org}/home`);
    expect(home.statusCode).toBe(200);
    const figures = JSON.stringify(home.json());
    expect(figures).toContain('complaints.to_triage');
    expect(figures).toContain('complaints.late');
    const [d] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM deadline WHERE organisation_id = $1 AND record_id = $2`, [w.org, f.id]);
    // A citizen's filing writes no deadline row (its times would date it); the daily run reconciles.
    expect(d.n).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import type { PortalView, ReportListItem } from './contract.js';
import {
  api, filed, filePart, fileReport, jpegWithMetadata, multipart, openChannel, portalToken, pub, publicRequest, readReport, reportingWorld, someAnswers,
  type ReportingWorld,
} from './reporting.testkit.js';

/**
 * Issue 18: a report filed on the public page (anonymous, confidential, named, by a counsellor), the
 * receipt that opens the reporter's portal, messages both ways, files, the automatic acknowledgement.
 */
let t: TestApp;
let w: ReportingWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await reportingWorld(t);
});
afterAll(async () => { await t.close(); });

const portal = (token: string) => publicRequest(t, { method: 'GET', url: pub(w, '/portal'), headers: { 'x-kompas-report-token': token } });

describe('the public page of the channel', () => {
  it('says the channel is closed until the officer opens it, and is not offered on the landing page', async () => {
    const r = await publicRequest(t, { method: 'GET', url: pub(w) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ open: false, questions: [], recipients: [] });
    const landing = await publicRequest(t, { method: 'GET', url: `/api/public/orgs/${w.code}` });
    expect(landing.json().services).toEqual([]);
    const refused = await fileReport(t, w, {});
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('reporting_not_open');
  });

  it('once open: the intro, the questionnaire, the categories, the recipients one may exclude, the file limits', async () => {
    await openChannel(w);
    const r = await publicRequest(t, { method: 'GET', url: pub(w) });
    const v = r.json();
    expect(v.open).toBe(true);
    expect(v.intro.nl).toMatch(/integriteitsverantwoordelijken/);
    expect(v.questions.map((q: { id: string }) => q.id)).toEqual(['what', 'when', 'where', 'who', 'how_known', 'reported_before']);
    expect(v.categories).toContain('corruption');
    expect(v.ackDays).toBe(7);
    expect(v.recipients).toEqual(expect.arrayContaining([
      { id: w.users.officer.id, displayName: expect.any(String), kind: 'primary' },
      { id: w.users.officer2.id, displayName: expect.any(String), kind: 'primary' },
      { id: w.users.alternate.id, displayName: expect.any(String), kind: 'alternate' },
    ]));
    expect(v.files).toEqual({ maxBytes: 10 * 1024 * 1024, maxFiles: 5, types: ['.pdf', '.docx', '.xlsx', '.jpg', '.jpeg', '.png', '.txt'] });
    const landing = await publicRequest(t, { method: 'GET', url: `/api/public/orgs/${w.code}` });
    expect(landing.json().services).toEqual([{ id: 'reporting' }]);
  });
});

describe('an anonymous report and its receipt', () => {
  let receipt: string;
  let id: string;
  let token: string;

  it('files with a file and answers a reference and a 16-digit receipt, shown once', async () => {
    const f = await filed(t, w, { category: 'fraud' }, [filePart('bon.txt', 'text/plain', Buffer.from('tankbon 12/03'))]);
    expect(f.reference).toMatch(/^MEL-\d{4}-\d{4}$/);
    expect(f.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    ({ receipt, id } = f);
    const [row] = await ownerQuery<{ identity_mode: string; filed_via: string; status: string; received_on: string; category: string }>(t,
      `SELECT identity_mode, filed_via, status, received_on::text, category FROM report WHERE id = $1`, [id]);
    expect(row).toMatchObject({ identity_mode: 'anonymous', filed_via: 'portal', status: 'received', category: 'fraud' });
  });

  it('the receipt (typed with or without spaces) opens the portal: status, answers with their questions, the file', async () => {
    token = await portalToken(t, w, receipt.replace(/ /g, ''));
    const r = await portal(token);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as PortalView;
    expect(v).toMatchObject({ status: 'received', identityMode: 'anonymous', category: 'fraud', acknowledgedOn: null, outcome: null });
    expect(v.answers.find((a) => a.questionId === 'what')).toMatchObject({ value: someAnswers().what, label: { nl: 'Wat is er gebeurd?' } });
    expect(v.deadlines.map((d) => d.kind)).toEqual(['acknowledge']);
    expect(v.files).toEqual([expect.objectContaining({ name: 'bon.txt', mediaType: 'text/plain', addedBy: 'reporter' })]);
    const dl = await publicRequest(t, { method: 'GET', url: pub(w, `/portal/files/${v.files[0].id}`), headers: { 'x-kompas-report-token': token } });
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toBe('tankbon 12/03');
    expect(dl.headers['set-cookie']).toBeUndefined();
  });

  it('the recipients see it in their list, with its deadline; they read it decrypted, and the read is audited without content', async () => {
    const list = (await w.s.officer.get(api(w, '/reports'))).json().items as ReportListItem[];
    const item = list.find((x) => x.id === id)!;
    expect(item).toMatchObject({ status: 'received', identityMode: 'anonymous', unreadMessages: 0 });
    expect(item.deadlines).toEqual([expect.objectContaining({ kind: 'acknowledge', daysLeft: 7 })]);
    const v = await readReport(w.s.officer, w, id);
    expect(v.reporter).toBeNull();
    expect(v.answers.find((a) => a.questionId === 'what')?.value).toBe(someAnswers().what);
    expect(v.roles).toEqual(['recipient']);
    expect(v.can).toMatchObject({ acknowledge: true, close: false, message: true });
    expect(v.history.map((h) => h.action)).toEqual(['received']);
    const events = await ownerQuery<{ action: string; details: unknown; record_id: string }>(t,
      `SELECT action, details, record_id FROM audit_event WHERE organisation_id = $1 AND action LIKE 'reporting.%' ORDER BY id`, [w.org]);
    const read = events.find((e) => e.action === 'reporting.report_read' && e.record_id === id);
    expect(read).toBeTruthy();
    expect(JSON.stringify(events)).not.toContain(someAnswers().what.slice(0, 20));
    // The reporter's own filing is not audited: an audit row's exact time would date the report.
    expect(events.some((e) => e.action === 'reporting.report_filed' && e.record_id === id)).toBe(false);
  });

  it('messages both ways: the recipient asks through the channel, the reporter answers with the receipt', async () => {
    const ask = multipart([{ name: 'message', value: JSON.stringify({ body: 'Wanneer precies?' }) }]);
    const r = await w.s.officer.request('POST', api(w, `/reports/${id}/messages`), ask.payload, ask.headers);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ author: 'recipient', kind: 'message', body: 'Wanneer precies?' });

    const seen = (await portal(token)).json() as PortalView;
    expect(seen.messages).toEqual([expect.objectContaining({ author: 'recipient', body: 'Wanneer precies?' })]);
    expect(seen.messages[0].authorName).toBeUndefined();
    const answer = multipart([{ name: 'message', value: JSON.stringify({ body: 'Vorige dinsdag.' }) }, filePart('foto.jpg', 'image/jpeg', jpegWithMetadata('GPS-SPOOR'))]);
    const a = await publicRequest(t, { method: 'POST', url: pub(w, '/portal/messages'), payload: answer.payload, headers: { ...answer.headers, 'x-kompas-report-token': token } });
    expect(a.statusCode, a.body).toBe(201);

    const item = ((await w.s.officer.get(api(w, '/reports'))).json().items as ReportListItem[]).find((x) => x.id === id)!;
    expect(item.unreadMessages).toBe(1);
    const v = await readReport(w.s.officer, w, id);
    const m = v.messages.find((x) => x.author === 'reporter')!;
    expect(m).toMatchObject({ body: 'Vorige dinsdag.', files: [expect.objectContaining({ name: 'foto.jpg', mediaType: 'image/jpeg' })] });
    const photo = await w.s.officer.get(api(w, `/reports/${id}/files/${m.files[0].id}`));
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(photo.rawPayload.includes(Buffer.from('GPS-SPOOR'))).toBe(false);
    expect(((await w.s.officer.get(api(w, '/reports'))).json().items as ReportListItem[]).find((x) => x.id === id)!.unreadMessages).toBe(0);
    const [audit] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'reporting.file_read' AND record_id = $1`, [id]);
    expect(audit.n).toBe(1);
  });

  it('a wrong receipt is not found, in the same shape every time, and an address is throttled after five tries', async () => {
    const ip = '203.0.113.40';
    const wrong = receipt.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const answers: number[] = [];
    for (const r of [wrong, '0000 0000 0000 0000', 'not a receipt', '1234', wrong]) {
      const res = await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload: { receipt: r }, ip });
      answers.push(res.statusCode);
      if (res.statusCode === 404) expect(res.json()).toEqual({ code: 'receipt_unknown', message: expect.any(String) });
    }
    expect(answers).toEqual([404, 404, 404, 404, 404]);
    const sixth = await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload: { receipt }, ip });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBeTruthy();
  });

  it('the receipt of one organisation opens nothing in another; a token of one organisation is refused in another', async () => {
    const otherCode = (await ownerQuery<{ code: string }>(t, `SELECT code FROM organisation WHERE id = $1`, [w.other]))[0].code;
    const r = await publicRequest(t, { method: 'POST', url: `/api/public/orgs/${otherCode}/reporting/access`, payload: { receipt } });
    expect(r.statusCode).toBe(404);
    const p = await publicRequest(t, { method: 'GET', url: `/api/public/orgs/${otherCode}/reporting/portal`, headers: { 'x-kompas-report-token': token } });
    expect(p.statusCode).toBe(401);
    expect(p.json().code).toBe('reporting_session_expired');
  });

  it('leaving ends the portal session', async () => {
    const tk = await portalToken(t, w, receipt);
    expect((await portal(tk)).statusCode).toBe(200);
    expect((await publicRequest(t, { method: 'POST', url: pub(w, '/portal/leave'), payload: {} })).statusCode).toBe(204);
    const left = await publicRequest(t, { method: 'POST', url: pub(w, '/portal/leave'), payload: {}, headers: { 'x-kompas-report-token': tk } });
    expect(left.statusCode).toBe(204);
    expect((await portal(tk)).statusCode).toBe(401);
  });
});

describe('identity, counsellors and the automatic acknowledgement', () => {
  it('a confidential report carries the name to the recipients only; the portal never shows who answered', async () => {
    const f = await filed(t, w, { identityMode: 'confidential', name: 'Jan Peeters', contact: 'jan.peeters@example.org' });
    const v = await readReport(w.s.officer2, w, f.id);
    expect(v.reporter).toEqual({ name: 'Jan Peeters', contact: 'jan.peeters@example.org' });
    const [row] = await ownerQuery<{ content: Buffer }>(t, `SELECT content FROM report WHERE id = $1`, [f.id]);
    expect(row.content.includes(Buffer.from('Peeters'))).toBe(false);
  });

  it('named and confidential reports need a name; an anonymous one may carry none', async () => {
    const noName = await fileReport(t, w, { identityMode: 'named' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toMatchObject({ code: 'reporting_name_required', field: 'name' });
    const named = await fileReport(t, w, { identityMode: 'anonymous', contact: 'ik@example.org' });
    expect(named.statusCode).toBe(400);
    expect(named.json()).toMatchObject({ code: 'reporting_identity_not_allowed', field: 'contact' });
  });

  it('a counsellor files for someone: the receipt is for that person, the counsellor follows the report, the filing is audited', async () => {
    const m = multipart([{ name: 'report', value: JSON.stringify({ identityMode: 'confidential', name: 'Els Maes', answers: someAnswers('Pesterijen op de dienst.'), exclude: [] }) }]);
    const r = await w.s.counsellor.request('POST', api(w, '/reports'), m.payload, m.headers);
    expect(r.statusCode, r.body).toBe(201);
    const { id, receipt } = r.json();
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const v = await readReport(w.s.counsellor, w, id);
    expect(v).toMatchObject({ filedVia: 'counsellor', roles: ['counsellor'], can: { acknowledge: false, message: false } });
    expect(v.history[0]).toMatchObject({ action: 'received', byUserId: w.users.counsellor.id });
    expect((await readReport(w.s.officer, w, id)).roles).toEqual(['recipient']);
    const [a] = await ownerQuery<{ n: number }>(t, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'reporting.report_filed' AND record_id = $1`, [id]);
    expect(a.n).toBe(1);
    expect((await portal(await portalToken(t, w, receipt))).json().answers[0].value).toBe('Pesterijen op de dienst.');
    // An officer is no counsellor: the route is the counsellor's.
    const refused = await w.s.officer.request('POST', api(w, '/reports'), m.payload, m.headers);
    expect(refused.statusCode).toBe(403);
  });

  it('with an automatic acknowledgement the report is acknowledged at filing, in the reporter\'s language', async () => {
    const settings = (await w.s.officer.get(api(w, '/settings'))).json();
    const put = await w.s.officer.put(api(w, '/settings'), {
      ...Object.fromEntries(Object.entries(settings).filter(([k]) => ['open', 'intro', 'questions', 'ackDays', 'feedbackMonths', 'alertDaysBefore', 'reprisalCheckMonths', 'retentionMonths'].includes(k))),
      autoAck: { nl: 'Wij hebben uw melding goed ontvangen.', fr: 'Nous avons bien reçu votre signalement.' },
      recipients: settings.recipients.map((x: { userId: string; kind: string }) => ({ userId: x.userId, kind: x.kind })),
    }, ifMatch(settings.revision));
    expect(put.statusCode, put.body).toBe(200);
    const f = await filed(t, w, { language: 'fr' });
    const v = (await portal(await portalToken(t, w, f.receipt))).json() as PortalView;
    expect(v.status).toBe('acknowledged');
    expect(v.acknowledgedOn).toBe(v.receivedOn);
    expect(v.messages).toEqual([expect.objectContaining({ author: 'recipient', kind: 'acknowledgement', body: 'Nous avons bien reçu votre signalement.' })]);
    expect(v.deadlines.map((d) => d.kind)).toEqual(['feedback']);
    const back = await w.s.officer.put(api(w, '/settings'), { ...(put.json() as Record<string, unknown>), autoAck: null, recipients: settings.recipients.map((x: { userId: string; kind: string }) => ({ userId: x.userId, kind: x.kind })),
      revision: undefined, defaultRecipients: undefined, candidates: undefined, escrow: undefined, offered: undefined }, ifMatch(put.json().revision));
    expect(back.statusCode, back.body).toBe(200);
  });
});

import type { MessageDescriptor } from '@lingui/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ifMatch, ownerQuery, type TestApp } from '../../../test/app.js';
import {
  docxColumnWidths, docxFieldCodes, docxHeadersFooters, docxParagraphs, docxParts, docxTables, pdfInfo, pdfPages, type DocxParagraph,
} from '../../platform/export/export.testkit.js';
import { documentLabels as common } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import type { PlanTree } from './contract.js';
import { documentLabels as D } from './export-messages.js';
import { exportLabels as L, planStatusLabels, sectionHeadings as H, statusLabels } from './messages.js';
import { planWorld, YEAR, type PlanWorld } from './plan.testkit.js';
import { completeForSubmission } from './plan-workflow.testkit.js';
import { makePlanService } from './service.js';

/**
 * The plan as the inspectorate receives it (issue 17): the structure of the Word and PDF exports of a
 * plan in force with an approved evaluation, and of a draft with empty sections.
 */

let t: TestApp;
let w: PlanWorld;
const ORG = 'Politiezone Zuiderkempen';
const CHIEF = 'Karel Korpschef';
const OFFICER = 'Ine Integriteit';
const FROM = YEAR - 1;
const TO = YEAR + 2;
const LONG_OWNER = 'Integriteitsbeleidsverantwoordelijke';
const nl = (d: MessageDescriptor, v?: Record<string, unknown>) => translate('nl', d, v);
const today = (locale: Locale = 'nl') =>
  new Intl.DateTimeFormat({ nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' }[locale], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Brussels' }).format(new Date());
const base = () => `/api/orgs/${w.org}/plans`;

let draftId: string;
let planId: string;

async function newPlan(title: string): Promise<PlanTree> {
  const r = await w.s.officer.post(base(), { title, periodFrom: FROM, periodTo: TO });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** SD 1 → OD 1.1 with two actions (one already late, one owned by a unit), an indicator of the OD and one of an action. */
async function fill(id: string) {
  const sd = (await w.s.officer.post(`${base()}/${id}/objectives`, { code: 'SD 1', title: 'Integriteit bepalen' })).json();
  const od = (await w.s.officer.post(`${base()}/${id}/objectives`, { parentId: sd.id, code: 'OD 1.1', title: 'Risicoanalyse kwetsbare processen', ownerLabel: LONG_OWNER })).json();
  const a1 = await w.s.officer.post(`${base()}/${id}/actions`, {
    objectiveId: od.id, code: 'A 1.1.1', title: 'Dilemmatraining voor alle personeelsleden van elke dienst, met een opfrissing elk jaar',
    ownerUserId: w.users.owner.id, startDate: `${FROM}-01-01`, dueDate: `${FROM}-06-30`, imfFunction: 'guide', imfLayer: 'core', nature: 'stimulating',
  });
  expect(a1.statusCode, a1.body).toBe(201);
  const a2 = await w.s.officer.post(`${base()}/${id}/actions`, { objectiveId: od.id, code: 'A 1.1.2', title: 'Steekproef raadplegingen databanken', ownerUnitId: w.unitA, dueDate: `${TO}-12-31` });
  expect(a2.statusCode, a2.body).toBe(201);
  const ind = await w.s.officer.post(`${base()}/${id}/objectives/${od.id}/indicators`, { name: 'Klachten misbruik databanken', unit: 'aantal', baseline: 20, target: 15 });
  expect(ind.statusCode, ind.body).toBe(201);
  const onAction = await w.s.officer.post(`${base()}/${id}/actions/${a1.json().id}/indicators`, { name: 'Deelnemers dilemmatraining', unit: '%', target: 90 });
  expect(onAction.statusCode, onAction.body).toBe(201);
  return { indicatorId: ind.json().id as string };
}

async function revision(id: string) {
  return ((await w.s.officer.get(`${base()}/${id}`)).json() as PlanTree).plan.revision;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await planWorld(t);
  await ownerQuery(t, `UPDATE organisation SET names = $2 WHERE id = $1`, [w.org, JSON.stringify({ nl: ORG, fr: 'Zone de police Zuiderkempen' })]);
  await ownerQuery(t, `UPDATE app_user SET display_name = $2 WHERE id = $1`, [w.users.chief.id, CHIEF]);
  await ownerQuery(t, `UPDATE app_user SET display_name = $2 WHERE id = $1`, [w.users.officer.id, OFFICER]);

  // A draft: no values, no communication, one responsible.
  const draft = await newPlan('Ontwerp integriteitsplan');
  draftId = draft.plan.id;
  await fill(draftId);
  const sections = { ...draft.plan.sections, identification: { entityName: ORG, responsible: [{ name: OFFICER, role: 'Integriteitsbeleidsverantwoordelijke' }] }, ambition: 'Een integere zone.' };
  expect((await w.s.officer.patch(`${base()}/${draftId}`, { sections }, ifMatch(await revision(draftId)))).statusCode).toBe(200);

  // A plan in force, with two responsibles and an approved evaluation of its first year.
  const plan = await newPlan(`Integriteitsbeleidsplan ${FROM}-${TO}`);
  planId = plan.plan.id;
  const { indicatorId } = await fill(planId);
  const full = {
    ...plan.plan.sections,
    identification: { entityName: ORG, responsible: [{ name: CHIEF, role: 'Korpschef' }, { name: OFFICER, role: 'Integriteitsbeleidsverantwoordelijke' }] },
    ambition: 'Een integere zone waar dilemma\'s bespreekbaar zijn.', needs: ['Bewustzijn van integriteitsrisico\'s'],
    actors: [{ name: 'Integriteitsbeleidsverantwoordelijke', role: 'Coördineert het plan.' }],
    monitoring: 'Halfjaarlijkse opvolging.', evaluationPlanning: 'Jaarlijkse evaluatie in het eerste kwartaal.', communication: 'Intranet.',
  };
  expect((await w.s.officer.patch(`${base()}/${planId}`, { sections: full }, ifMatch(await revision(planId)))).statusCode).toBe(200);
  await completeForSubmission(w.s.officer, w.org, planId);
  expect((await w.s.officer.post(`${base()}/${planId}/submit`)).statusCode).toBe(200);
  const approved = await w.s.chief.post(`${base()}/${planId}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  expect((approved.json() as PlanTree).plan.status).toBe('in_force');
  expect((await w.s.officer.put(`${base()}/${planId}/indicators/${indicatorId}/measurements/${FROM}`, { value: 17 }, ifMatch(0))).statusCode).toBe(200);
  const ev = await w.s.officer.post(`${base()}/${planId}/evaluations`, { year: FROM, doneText: 'Dilemmatrainingen gegeven in drie diensten.', changesText: 'OD 1.1 bijsturen.' });
  expect(ev.statusCode, ev.body).toBe(201);
  expect((await w.s.chief.post(`${base()}/${planId}/evaluations/${FROM}/approve`)).statusCode).toBe(200);
});
afterAll(async () => { await t?.close(); });

const service = () => makePlanService({ db: t.db.db, mailer: t.deps.mailer, publicUrl: 'http://x', dataDir: t.deps.config.dataDir });
const officerCtx = () => ({
  actor: { userId: w.users.officer.id, sessionId: 's', email: '', displayName: OFFICER, locale: 'nl' as const, mfaVerified: true, totpEnabled: true, isPlatformAdmin: false, grants: [{ organisationId: w.org, role: 'integrity_officer' as const }] },
  audit: { actorUserId: w.users.officer.id, ip: null },
});

const styled = (ps: DocxParagraph[], style: string) => ps.filter((p) => p.style === style).map((p) => p.text);
const level = (p: DocxParagraph) => Number(/^Heading(\d)$/.exec(p.style ?? '')?.[1] ?? 0);
const SECTIONS = [H.identification, H.ambition, H.instruments, H.actors, H.monitoring, H.evaluation, H.communication].map((d) => nl(d));

/** A heading followed directly by one of the same or a higher level (or by nothing) heads nothing. */
function bareHeadings(ps: DocxParagraph[]): string[] {
  const body = ps.filter((p) => p.text.trim() !== '' && !/^TOC\d$/.test(p.style ?? ''));
  return body.filter((p, i) => level(p) > 0 && (i + 1 >= body.length || (level(body[i + 1]) > 0 && level(body[i + 1]) <= level(p)))).map((p) => p.text);
}

/** The filename a download is saved under (RFC 5987 form when present). */
function savedAs(header: unknown): string {
  const h = String(header);
  const ext = /filename\*=UTF-8''([^;]+)/.exec(h)?.[1];
  return ext ? decodeURIComponent(ext) : /filename="([^"]+)"/.exec(h)![1];
}

describe('Word export of a plan in force', () => {
  let docx: Buffer;
  let ps: DocxParagraph[];
  let disposition: unknown;
  beforeAll(async () => {
    const r = await w.s.officer.get(`${base()}/${planId}/export.docx?lang=nl`);
    expect(r.statusCode).toBe(200);
    docx = r.rawPayload;
    disposition = r.headers['content-disposition'];
    ps = docxParagraphs(docx);
  });

  it('is saved under the organisation and the plan title, with author, title and language set', () => {
    expect(savedAs(disposition)).toBe(`${ORG} - Integriteitsbeleidsplan ${FROM}-${TO} v1.docx`);
    const core = docxParts(docx).get('docProps/core.xml')!;
    expect(core).toContain(`<dc:creator>${ORG}</dc:creator>`);
    expect(core).toContain(`<dc:title>Integriteitsbeleidsplan ${FROM}-${TO}</dc:title>`);
    expect(docxParts(docx).get('word/styles.xml')).toContain('w:lang w:val="nl-BE"');
  });

  it('opens with a title page: organisation, title, period, version, status, approval and entry into force', () => {
    expect(ps[0].text).toBe(ORG);
    expect(ps[1]).toMatchObject({ style: 'Title', text: `Integriteitsbeleidsplan ${FROM}-${TO}` });
    const texts = ps.slice(0, 12).map((p) => p.text);
    for (const line of [
      `${nl(L.period)}: ${FROM}–${TO}`, `${nl(L.version)}: 1`, `${nl(L.status)}: ${nl(planStatusLabels.in_force)}`,
      `${nl(D.approvedOnField)}: ${today()}`, `${nl(D.inForceSince)}: ${today()}`, nl(L.generatedOn, { date: today() }),
    ]) expect(texts).toContain(line);
  });

  it('has a table of contents field listing the sections with their page numbers', () => {
    expect(docxFieldCodes(docx)[0]).toBe('TOC \\h \\o "1-2"');
    const entries = styled(ps, 'TOC1');
    expect(entries.map((e) => e.split('\t')[0])).toEqual([...SECTIONS, nl(D.approval), nl(D.progressAnnex, { date: today() })]);
    for (const e of entries) expect(e).toMatch(/\t\d+$/);
    expect(Number(entries[0].split('\t')[1])).toBeGreaterThanOrEqual(3);
  });

  it('numbers the pages in the footer, with version and status, under a running header', () => {
    const { headers, footers } = docxHeadersFooters(docx);
    expect(headers.default.map((p) => p.text)).toEqual([`${ORG} — Integriteitsbeleidsplan ${FROM}-${TO}`]);
    const pattern = common('nl').pageNumbers;
    const [before, after] = pattern.split('{page}');
    const [middle] = after.split('{pages}');
    expect(footers.default[0].text).toMatch(new RegExp(`^${nl(D.versionStatus, { version: 1, status: nl(planStatusLabels.in_force) })}\\t${before}${middle}\\d+$`));
    expect(footers.first.map((p) => p.text).join('')).toBe('');
    const footerPart = [...docxParts(docx).keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k)).find((k) => docxFieldCodes(docx, k).length);
    expect(docxFieldCodes(docx, footerPart)).toEqual(['PAGE', 'NUMPAGES']);
  });

  it('keeps the 7 sections of the model, then the approval and the annex, and no heading without content', () => {
    expect(styled(ps, 'Heading1')).toEqual([...SECTIONS, nl(D.approval), nl(D.progressAnnex, { date: today() })]);
    expect(bareHeadings(ps)).toEqual([]);
    // Two responsible persons: the plural label over the list.
    expect(ps.map((p) => p.text)).toContain(`${nl(D.responsiblePeople)}:`);
  });

  it('lists the actions with their code, the title column widest, empty columns left out, no status or progress', () => {
    const tables = docxTables(docx);
    const actions = tables.findIndex((tb) => tb.header[0]?.[1] === nl(L.action) && tb.rows.some((r) => r[0] === 'A 1.1.1'));
    expect(actions).toBeGreaterThanOrEqual(0);
    // No action has means: that column is left out. Status and progress are the annex's.
    expect(tables[actions].header[0]).toEqual([nl(D.code), nl(L.action), nl(L.owner), nl(L.timing), nl(D.imf)]);
    expect(tables[actions].rows.map((r) => r[0])).toEqual(['A 1.1.1', 'A 1.1.2']);
    const widths = docxColumnWidths(docx)[actions];
    const total = widths.reduce((a, b) => a + b, 0);
    expect(Math.max(...widths)).toBe(widths[1]);
    expect(widths[1] / total).toBeGreaterThan(0.3);
    // The date range keeps its dates whole: at least ten digits and slashes wide.
    expect(widths[3]).toBeGreaterThanOrEqual(10 * 92);
  });

  it('labels section 4\'s tables for what they hold: actors, and who answers for each objective', () => {
    const headings2 = styled(ps, 'Heading2');
    expect(headings2).toEqual(expect.arrayContaining([nl(D.actorsAndRoles), nl(D.responsibilityPerObjective)]));
    const owners = docxTables(docx).find((tb) => tb.header[0]?.[0] === nl(D.objective) && tb.rows.some((r) => r[0] === 'OD 1.1 Risicoanalyse kwetsbare processen'))!;
    expect(owners.header[0]).toEqual([nl(D.objective), nl(L.owner)]);
    expect(owners.rows).toContainEqual(['OD 1.1 Risicoanalyse kwetsbare processen', LONG_OWNER]);
  });

  it('names the action an indicator measures in section 5', () => {
    const table = docxTables(docx).find((tb) => tb.header[0]?.[1] === nl(L.indicator))!;
    expect(table.header[0][0]).toBe(nl(D.objectiveOrAction));
    expect(table.rows).toContainEqual(expect.arrayContaining(['OD 1.1 Risicoanalyse kwetsbare processen', 'Klachten misbruik databanken (aantal)']));
    expect(table.rows).toContainEqual(expect.arrayContaining(['OD 1.1 Risicoanalyse kwetsbare processen › A 1.1.1', 'Deelnemers dilemmatraining (%)']));
  });

  it('puts the latest approved evaluation in section 6, naming its approver', () => {
    const texts = ps.map((p) => p.text);
    const s6 = texts.indexOf(nl(H.evaluation));
    const s7 = texts.indexOf(nl(H.communication));
    const six = texts.slice(s6, s7);
    expect(six).toContain(nl(D.latestEvaluation, { year: FROM }));
    expect(six).toContain(nl(D.approvedByOn, { name: CHIEF, date: today() }));
    expect(six).toContain('Dilemmatrainingen gegeven in drie diensten.');
    expect(six).toContain('OD 1.1 bijsturen.');
  });

  it('ends the plan with the approval: who approved and when, and lines to sign', () => {
    const texts = ps.map((p) => p.text);
    const at = texts.indexOf(nl(D.approval));
    expect(texts[at + 1]).toBe(nl(D.approvedByOn, { name: CHIEF, date: today() }));
    const sig = common('nl').signatures;
    const block = docxTables(docx).find((tb) => tb.rows[0]?.[1]?.startsWith(nl(D.roleChief)))!;
    expect(block.rows[0][0]).toBe(`${nl(D.roleOfficer)}\n${sig.name}: ${OFFICER}\n${sig.date}: ${today()}\n${sig.signature}`);
    expect(block.rows[0][1]).toBe(`${nl(D.roleChief)}\n${sig.name}: ${CHIEF}\n${sig.date}: ${today()}\n${sig.signature}`);
  });

  it('shows the live state of the actions only in the annex', () => {
    const texts = ps.map((p) => p.text);
    const annex = texts.indexOf(nl(D.progressAnnex, { date: today() }));
    const late = nl(statusLabels.late);
    expect(texts.slice(0, annex).filter((x) => x === late || x === nl(L.progress) || x === nl(L.status))).toEqual([]);
    const table = docxTables(docx).at(-1)!;
    expect(table.header[0]).toEqual([nl(D.code), nl(L.action), nl(L.due), nl(L.status), nl(L.progress)]);
    expect(table.rows[0]).toEqual(['A 1.1.1', 'Dilemmatraining voor alle personeelsleden van elke dienst, met een opfrissing elk jaar', `30/06/${FROM}`, late, '0']);
  });
});

describe('PDF export of a plan in force', () => {
  let pages: string[];
  let pdf: Buffer;
  beforeAll(async () => {
    const f = await service().exportPlan(officerCtx(), w.org, planId, 'pdf', 'nl', { compress: false });
    expect(f.filename).toBe(`${ORG} - Integriteitsbeleidsplan ${FROM}-${TO} v1.pdf`);
    pdf = f.body;
    pages = pdfPages(pdf);
  });

  it('sets title, author and language', () => {
    expect(pdfInfo(pdf, 'Title')).toBe(`Integriteitsbeleidsplan ${FROM}-${TO}`);
    expect(pdfInfo(pdf, 'Author')).toBe(ORG);
    expect(pdf.toString('latin1')).toContain('/Lang (nl-BE)');
  });

  it('has a title page without page number, contents with page numbers, and "page x of y" on every other page', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pages[0]).toContain(ORG);
    expect(pages[0]).toContain(`${nl(L.status)}: ${nl(planStatusLabels.in_force)}`);
    const pageOf = (page: number) => common('nl').pageNumbers.replace('{page}', String(page)).replace('{pages}', String(pages.length));
    expect(pages[0]).not.toContain(pageOf(1));
    expect(pages[1]).toContain(common('nl').contents);
    for (const s of SECTIONS) expect(pages[1]).toMatch(new RegExp(`${s.replace(/[.()]/g, '\\$&')}\\d+`));
    pages.slice(1).forEach((p, i) => expect(p).toContain(pageOf(i + 2)));
  });

  it('keeps status and progress out of the plan text, in the annex on pages of its own', () => {
    const annex = pages.findIndex((p) => p.includes(nl(D.progressAnnex, { date: today() })) && !p.includes(common('nl').contents));
    expect(annex).toBeGreaterThan(1);
    for (const p of pages.slice(0, annex)) {
      expect(p).not.toContain(nl(statusLabels.late));
      expect(p).not.toContain(nl(L.progress));
    }
    expect(pages.slice(annex).join('')).toContain(nl(statusLabels.late));
  });

  it('carries the approval block and section 6\'s evaluation', () => {
    const all = pages.join('\n');
    expect(all).toContain(nl(D.approvedByOn, { name: CHIEF, date: today() }));
    expect(all).toContain(`${common('nl').signatures.name}: ${CHIEF}`);
    expect(all).toContain('Dilemmatrainingen gegeven in drie diensten.');
  });
});

describe('a draft', () => {
  it('says an empty section is empty instead of leaving a bare heading, and is not approved yet', async () => {
    const r = await w.s.officer.get(`${base()}/${draftId}/export.docx?lang=nl`);
    expect(r.statusCode).toBe(200);
    const ps = docxParagraphs(r.rawPayload);
    const texts = ps.map((p) => p.text);
    expect(bareHeadings(ps)).toEqual([]);
    expect(styled(ps, 'Heading1')).toEqual([...SECTIONS, nl(D.approval)]);
    // Values and communication were left empty: no sub-heading for values, a line for section 7.
    expect(styled(ps, 'Heading2')).not.toContain(nl(L.values));
    expect(texts[texts.indexOf(nl(H.communication)) + 1]).toBe(nl(D.notDescribed));
    // One responsible: the singular label.
    expect(texts).toContain(`${nl(L.responsible)}: ${OFFICER}, Integriteitsbeleidsverantwoordelijke`);
    expect(texts[texts.indexOf(nl(D.approval)) + 1]).toBe(nl(D.notApproved, { status: nl(planStatusLabels.draft) }));
    const block = docxTables(r.rawPayload).at(-1)!;
    expect(block.rows[0][1]).toMatch(new RegExp(`^${nl(D.roleChief)}\\n${common('nl').signatures.name}: …+\\n`));
    // No annex for a plan not yet carried out, and no evaluation.
    expect(texts.some((x) => x.startsWith(nl(D.progressAnnex, { date: '' })))).toBe(false);
    expect(savedAs(r.headers['content-disposition'])).toBe(`${ORG} - Ontwerp integriteitsplan ${FROM}-${TO} v1.docx`);
  });

  it('follows the chosen language', async () => {
    const r = await w.s.officer.get(`${base()}/${draftId}/export.docx?lang=fr`);
    const ps = docxParagraphs(r.rawPayload);
    expect(styled(ps, 'Heading1')[0]).toBe(translate('fr', H.identification));
    expect(docxParts(r.rawPayload).get('word/styles.xml')).toContain('w:lang w:val="fr-BE"');
    expect(docxHeadersFooters(r.rawPayload).headers.default[0].text).toBe('Zone de police Zuiderkempen — Ontwerp integriteitsplan');
  });
});

describe('evaluation export', () => {
  it('names the approver and the date, with a line to sign, in Word and PDF', async () => {
    const r = await w.s.officer.get(`${base()}/${planId}/evaluations/${FROM}/export.docx?lang=nl`);
    expect(r.statusCode).toBe(200);
    expect(savedAs(r.headers['content-disposition'])).toBe(`${ORG} - Integriteitsbeleidsplan ${FROM}-${TO} v1 - ${nl(L.evaluationTitle, { year: FROM })}.docx`);
    const ps = docxParagraphs(r.rawPayload);
    expect(ps.map((p) => p.text)).toContain(nl(D.approvedByOn, { name: CHIEF, date: today() }));
    const sig = docxTables(r.rawPayload).at(-1)!;
    expect(sig.rows[0][0]).toBe(`${nl(D.roleChief)}\n${common('nl').signatures.name}: ${CHIEF}\n${common('nl').signatures.date}: ${today()}\n${common('nl').signatures.signature}`);
    expect(docxParts(r.rawPayload).get('docProps/core.xml')).toContain(`<dc:creator>${ORG}</dc:creator>`);
    expect(docxFieldCodes(r.rawPayload, [...docxParts(r.rawPayload).keys()].find((k) => /^word\/footer\d+\.xml$/.test(k))!)).toEqual(['PAGE', 'NUMPAGES']);

    const f = await service().exportEvaluation(officerCtx(), w.org, planId, FROM, 'pdf', 'nl', { compress: false });
    const text = pdfPages(f.body).join('\n');
    expect(text).toContain(nl(D.approvedByOn, { name: CHIEF, date: today() }));
    expect(text).toContain(common('nl').pageNumbers.replace('{page}', '1').replace('{pages}', String(pdfPages(f.body).length)));
    expect(pdfInfo(f.body, 'Author')).toBe(ORG);
  });
});

import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { expect } from 'vitest';
import { createOrganisation, createUser, ifMatch, ownerQuery, sessionFor, unlockedSessionFor, type Session, type TestApp } from '../../../test/app.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { createEscrowKey } from '../../platform/vault/index.js';
import type { Role } from '../../../shared/roles.js';
import { multipart, publicRequest, type Part } from '../reporting/reporting.testkit.js';
import type { ComplaintView, SettingsView } from './contract.js';
import { defaultThemes } from './defaults.js';

export { filePart, jpegWithMetadata, multipart, publicRequest } from '../reporting/reporting.testkit.js';

/**
 * Fixtures of the complaints tests: a zone with its escrow key, a coordinator, two handlers, a chief
 * and a staff member without a role of the desk, and a coordinator of another zone. Everyone with a
 * role of the desk has an unlocked key pair.
 */
export type Who = 'coordinator' | 'handler' | 'handler2' | 'chief' | 'staff' | 'otherCoordinator';
export interface ComplaintsWorld {
  org: string;
  code: string;
  other: string;
  otherCode: string;
  users: Record<Who, { id: string; email: string }>;
  s: Record<Who, Session>;
  /** The zone's escrow key as shown once at creation (`kompas-escrow-1:…`). */
  escrowKey: string;
}

export async function complaintsWorld(t: TestApp): Promise<ComplaintsWorld> {
  const code = `KL${process.pid}${randomBytes(2).toString('hex')}`;
  const otherCode = `KLO${process.pid}${randomBytes(2).toString('hex')}`;
  const org = await createOrganisation(t, { code });
  const other = await createOrganisation(t, { code: otherCode });
  const roles: Record<Who, { orgId: string; role: Role }[]> = {
    coordinator: [{ orgId: org, role: 'complaints_coordinator' }],
    handler: [{ orgId: org, role: 'complaint_handler' }],
    handler2: [{ orgId: org, role: 'complaint_handler' }],
    chief: [{ orgId: org, role: 'chief' }],
    staff: [{ orgId: org, role: 'staff_member' }],
    otherCoordinator: [{ orgId: other, role: 'complaints_coordinator' }],
  };
  const users = {} as ComplaintsWorld['users'];
  const s = {} as ComplaintsWorld['s'];
  for (const [who, r] of Object.entries(roles) as [Who, typeof roles[Who]][]) {
    users[who] = await createUser(t, { roles: r });
    s[who] = who === 'staff' || who === 'chief' ? await sessionFor(t, users[who].id) : await unlockedSessionFor(t, users[who].id);
  }
  const escrow = await withOrgTx(t.db.db, org, (tx) => createEscrowKey(tx, org, users.coordinator.id));
  await withOrgTx(t.db.db, other, (tx) => createEscrowKey(tx, other, users.otherCoordinator.id));
  return { org, code, other, otherCode, users, s, escrowKey: escrow.privateKeyText };
}

export const api = (w: ComplaintsWorld, rest = '') => `/api/orgs/${w.org}/complaints${rest}`;
export const pub = (w: ComplaintsWorld, rest = '') => `/api/public/orgs/${w.code}/complaints${rest}`;

export async function openDesk(w: ComplaintsWorld, s: Session = w.s.coordinator, orgApi = api(w)): Promise<SettingsView> {
  const current = (await s.get(`${orgApi}/settings`)).json() as SettingsView;
  const r = await s.put(`${orgApi}/settings`, {
    open: true, intro: { nl: 'Klachten over de politie.' }, themes: defaultThemes(), triageDays: 14,
    answerTemplates: { nl: 'Uw klacht {reference} van {receivedOn} is {decision}.', en: 'Your complaint {reference} of {receivedOn} is {decision}.' },
  }, ifMatch(current.revision));
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

export const complaintPart = (json: unknown): Part => ({ name: 'complaint', value: typeof json === 'string' ? json : JSON.stringify(json) });

export function fileComplaint(t: TestApp, w: ComplaintsWorld, body: Record<string, unknown>, files: Part[] = [], ip?: string) {
  const m = multipart([complaintPart({ anonymous: true, what: 'De agent was onbeleefd.', consent: true, ...body }), ...files]);
  return publicRequest(t, { method: 'POST', url: pub(w), payload: m.payload, headers: m.headers, ip });
}

export async function filed(t: TestApp, w: ComplaintsWorld, body: Record<string, unknown> = {}, files: Part[] = []): Promise<{ reference: string; code: string; id: string }> {
  const r = await fileComplaint(t, w, body, files);
  expect(r.statusCode, r.body).toBe(201);
  const { reference, code } = r.json() as { reference: string; code: string };
  const [row] = await ownerQuery<{ id: string }>(t, `SELECT id FROM complaint WHERE organisation_id = $1 AND reference = $2`, [w.org, reference]);
  return { reference, code, id: row.id };
}

export async function readComplaint(s: Session, w: ComplaintsWorld, id: string): Promise<ComplaintView> {
  const r = await s.get(api(w, `/${id}`));
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** A status token for a code. */
export async function statusToken(t: TestApp, w: ComplaintsWorld, code: string, ip?: string): Promise<string> {
  const r = await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload: { code }, ip });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().token;
}

/** Triaged as admissible to `handler`. */
export async function triaged(w: ComplaintsWorld, id: string, handler: Who = 'handler'): Promise<number> {
  const v = await readComplaint(w.s.coordinator, w, id);
  const r = await w.s.coordinator.post(api(w, `/${id}/triage`), { admissible: true, themes: ['behaviour'], seriousness: 'medium', handlerUserId: w.users[handler].id }, ifMatch(v.revision));
  expect(r.statusCode, r.body).toBe(200);
  return r.json().revision;
}

/** A one-page PDF, optionally with an author (files are cleaned of it on the way in). */
export async function plainPdf(author?: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  if (author) doc.setAuthor(author);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createOrganisation, createUser, ifMatch, ownerQuery, sessionFor, unlockedSessionFor, type Session, type TestApp } from '../../../test/app.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { createEscrowKey } from '../../platform/vault/index.js';
import type { Role } from '../../../shared/roles.js';
import { DEFAULT_QUESTIONS } from './defaults.js';
import type { ReportView, SettingsView } from './contract.js';

/**
 * Fixtures of the reporting tests: a zone with its escrow key, two integrity officers (primary
 * recipients), an alternate, a counsellor, two investigators, a chief, a staff member without a role
 * of the module, and an officer of another zone. Everyone with a module role has an unlocked key pair.
 */
export interface ReportingWorld {
  org: string;
  code: string;
  other: string;
  /** The zone's private escrow key (`kompas-escrow-1:…`), as the officer keeps it offline. */
  escrowKey: string;
  users: Record<Who, { id: string; email: string }>;
  s: Record<Who, Session>;
}
export type Who = 'officer' | 'officer2' | 'alternate' | 'counsellor' | 'investigator' | 'investigator2' | 'chief' | 'staff' | 'otherOfficer';

export async function reportingWorld(t: TestApp): Promise<ReportingWorld> {
  const code = `MEL${process.pid}${randomBytes(2).toString('hex')}`;
  const org = await createOrganisation(t, { code });
  const other = await createOrganisation(t);
  const roles: Record<Who, { orgId: string; role: Role }[]> = {
    officer: [{ orgId: org, role: 'integrity_officer' }],
    officer2: [{ orgId: org, role: 'integrity_officer' }],
    alternate: [{ orgId: org, role: 'core_group_member' }],
    counsellor: [{ orgId: org, role: 'confidential_counsellor' }],
    investigator: [{ orgId: org, role: 'integrity_investigator' }],
    investigator2: [{ orgId: org, role: 'integrity_investigator' }],
    chief: [{ orgId: org, role: 'chief' }],
    staff: [{ orgId: org, role: 'staff_member' }],
    otherOfficer: [{ orgId: other, role: 'integrity_officer' }],
  };
  const users = {} as ReportingWorld['users'];
  const s = {} as ReportingWorld['s'];
  for (const [who, r] of Object.entries(roles) as [Who, typeof roles[Who]][]) {
    users[who] = await createUser(t, { roles: r });
    s[who] = who === 'staff' || who === 'chief' ? await sessionFor(t, users[who].id) : await unlockedSessionFor(t, users[who].id);
  }
  const escrow = await withOrgTx(t.db.db, org, (tx) => createEscrowKey(tx, org, users.officer.id));
  await withOrgTx(t.db.db, other, (tx) => createEscrowKey(tx, other, users.otherOfficer.id));
  return { org, code, other, escrowKey: escrow.privateKeyText, users, s };
}

export const api = (w: ReportingWorld, rest = '') => `/api/orgs/${w.org}/reporting${rest}`;
export const pub = (w: ReportingWorld, rest = '') => `/api/public/orgs/${w.code}/reporting${rest}`;

/** Opens the channel: both officers primary, the core-group member alternate, an automatic acknowledgement or not. */
export async function openChannel(w: ReportingWorld, extra: Record<string, unknown> = {}): Promise<SettingsView> {
  const current = (await w.s.officer.get(api(w, '/settings'))).json() as SettingsView;
  const r = await w.s.officer.put(api(w, '/settings'), {
    open: true, intro: { nl: 'Meldingen gaan naar de integriteitsverantwoordelijken.' }, questions: DEFAULT_QUESTIONS,
    ackDays: 7, feedbackMonths: 3, alertDaysBefore: 2, reprisalCheckMonths: [3, 6, 12], retentionMonths: 60, autoAck: null,
    recipients: [
      { userId: w.users.officer.id, kind: 'primary' }, { userId: w.users.officer2.id, kind: 'primary' }, { userId: w.users.alternate.id, kind: 'alternate' },
    ],
    ...extra,
  }, ifMatch(current.revision));
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

export interface Part { name: string; value?: string; filename?: string; type?: string; content?: Buffer }

/** A multipart/form-data body. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kompas${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.filename !== undefined ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    const head = `--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head), p.content ?? Buffer.from(p.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const reportPart = (json: unknown): Part => ({ name: 'report', value: typeof json === 'string' ? json : JSON.stringify(json) });
export const filePart = (filename: string, type: string, content: Buffer): Part => ({ name: 'files', filename, type, content });

let client = 0;
/** A public request from its own address (the test app trusts one proxy hop), with the public write header. */
export function publicRequest(t: TestApp, opts: InjectOptions & { ip?: string }): Promise<LightMyRequestResponse> {
  const ip = opts.ip ?? `198.18.${Math.floor(++client / 250)}.${(client % 250) + 1}`;
  return t.app.inject({ ...opts, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': ip, 'x-kompas-public': '1', ...(opts.headers ?? {}) } });
}

export const someAnswers = (what = 'Een collega neemt brandstof mee voor eigen gebruik.') => ({ what, where: 'Commissariaat Centrum' });

/** Files a report through the public page; returns the answer. */
export function fileReport(t: TestApp, w: ReportingWorld, body: Record<string, unknown>, files: Part[] = [], ip?: string) {
  const m = multipart([reportPart({ identityMode: 'anonymous', answers: someAnswers(), exclude: [], ...body }), ...files]);
  return publicRequest(t, { method: 'POST', url: pub(w, '/reports'), payload: m.payload, headers: m.headers, ip });
}

export async function filed(t: TestApp, w: ReportingWorld, body: Record<string, unknown> = {}, files: Part[] = []): Promise<{ reference: string; receipt: string; id: string }> {
  const r = await fileReport(t, w, body, files);
  expect(r.statusCode, r.body).toBe(201);
  const { reference, receipt } = r.json() as { reference: string; receipt: string };
  const [row] = await ownerQuery<{ id: string }>(t, `SELECT id FROM report WHERE organisation_id = $1 AND reference = $2`, [w.org, reference]);
  return { reference, receipt, id: row.id };
}

export async function readReport(s: Session, w: ReportingWorld, id: string): Promise<ReportView> {
  const r = await s.get(api(w, `/reports/${id}`));
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** A portal token for a receipt. */
export async function portalToken(t: TestApp, w: ReportingWorld, receipt: string): Promise<string> {
  const r = await publicRequest(t, { method: 'POST', url: pub(w, '/access'), payload: { receipt } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().token;
}

/** A small valid JPEG (16×16, from cjpeg) with a comment and EXIF carrying `marker`. */
const BASELINE = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAABQb/xAAhEAABBAEDBQAAAAAAAAAAAAABAAQFMQIRIYEDEiJhcf/EABUBAQEAAAAAAAAAAAAAAAAAAAEC/8QAGhEBAAIDAQAAAAAAAAAAAAAAAQACBAUhEf/aAAwDAQACEQMRAD8AlGMUCASNk01i8dtOmObPCXZR3hgO33VlMtY7W6+KHIoUAOx1eyfTs//Z', 'base64');
const segment = (m: number, payload: string) => {
  const p = Buffer.from(payload, 'latin1');
  const head = Buffer.from([0xff, m, 0, 0]);
  head.writeUInt16BE(p.length + 2, 2);
  return Buffer.concat([head, p]);
};
export function jpegWithMetadata(marker: string): Buffer {
  return Buffer.concat([BASELINE.subarray(0, 20), segment(0xfe, `taken by ${marker}`), segment(0xe1, `Exif\0\0II*\0GPS ${marker}`), BASELINE.subarray(20)]);
}
export const PLAIN_JPEG = BASELINE;

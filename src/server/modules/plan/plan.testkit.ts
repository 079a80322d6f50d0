import { inflateRawSync } from 'node:zlib';
import { createOrganisation, createUser, ownerQuery, sessionFor, type Session, type TestApp } from '../../../test/app.js';

/** Fixtures shared by the plan tests: one organisation with every role the plan knows, and a second one. */
export interface PlanWorld {
  org: string;
  other: string;
  unitA: string;
  unitB: string;
  users: Record<'officer' | 'chief' | 'head' | 'owner' | 'staff' | 'dpo' | 'otherOfficer', { id: string; email: string }>;
  s: Record<'officer' | 'chief' | 'head' | 'owner' | 'staff' | 'dpo' | 'otherOfficer', Session>;
}

export const YEAR = new Date().getUTCFullYear();

export async function planWorld(t: TestApp): Promise<PlanWorld> {
  const org = await createOrganisation(t);
  const other = await createOrganisation(t);
  const [unitA] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'RECH', 'Recherche') RETURNING id`, [org]);
  const [unitB] = await ownerQuery<{ id: string }>(t, `INSERT INTO org_unit (organisation_id, code, name) VALUES ($1, 'INT', 'Interventie') RETURNING id`, [org]);
  const users = {
    officer: await createUser(t, { roles: [{ orgId: org, role: 'integrity_officer' }] }),
    chief: await createUser(t, { roles: [{ orgId: org, role: 'chief' }] }),
    head: await createUser(t, { roles: [{ orgId: org, role: 'head_of_service' }, { orgId: org, role: 'staff_member' }], locale: 'fr' }),
    owner: await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }], locale: 'nl' }),
    staff: await createUser(t, { roles: [{ orgId: org, role: 'staff_member' }] }),
    dpo: await createUser(t, { roles: [{ orgId: org, role: 'dpo' }, { orgId: org, role: 'auditor' }] }),
    otherOfficer: await createUser(t, { roles: [{ orgId: other, role: 'integrity_officer' }, { orgId: other, role: 'chief' }] }),
  };
  await ownerQuery(t, `INSERT INTO person (organisation_id, personnel_number, first_name, last_name, staff_category, start_date, unit_id, user_id)
                       VALUES ($1, 'H1', 'Hilde', 'Hoofd', 'operational', '2015-01-01', $2, $3)`, [org, unitA.id, users.head.id]);
  const s = {} as PlanWorld['s'];
  for (const [k, u] of Object.entries(users)) s[k as keyof PlanWorld['s']] = await sessionFor(t, u.id);
  return { org, other, unitA: unitA.id, unitB: unitB.id, users, s };
}

/** The entries of a zip file (a .docx), read with node's zlib: stored and deflated entries only. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.set(name, method === 0 ? raw : inflateRawSync(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The visible text of a WordprocessingML document (runs joined per paragraph). */
export function docxText(buf: Buffer): string {
  const xml = unzip(buf).get('word/document.xml')!.toString('utf8');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

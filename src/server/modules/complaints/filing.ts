/**
 * Filing a complaint: from the organisation's public page (anyone, no account) or registered by a
 * coordinator (phone, letter, e-mail, desk, forwarded). The complaint's key is sealed to the
 * organisation's current coordinators, to its escrow key and under the status code, which is shown
 * once and stored only as an Argon2id look-up hash. The status page opens the complaint with the
 * code (exchanged for a token in memory, platform/public/record-sessions.ts).
 *
 * A citizen's own filing writes no audit row and no deadline row (their exact times would date it
 * finer than the day); its lead times are computed from the day of receipt and its reminders come
 * from the next morning's deadline run.
 */
import { randomUUID } from 'node:crypto';
import { isIsoDay } from '../../platform/deadlines/service.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import type { Upload } from '../../platform/http/upload.js';
import type { RecordSessions } from '../../platform/public/record-sessions.js';
import {
  createRecordKey, decryptText, encryptField, escrowStatus, newReceipt, normaliseReceipt, openRecordKeyWithReceipt, receiptLookupHash,
} from '../../platform/vault/index.js';
import type { Queryable } from '../../platform/db/pool.js';
import type { Locale } from '../../../shared/roles.js';
import type { PublicComplaintBody, StaffComplaintBody, StatusView } from './contract.js';
import {
  addEvent, ANSWER_FIELD, cleanFiles, CONTENT_FIELD, refOf, storeFiles, type CleanFile, type ComplaintContent, type ComplaintsContext, type ComplaintsCtx,
} from './context.js';
import { syncComplaintDeadlines } from './deadlines.js';
import { COORDINATOR_ROLES } from './policy.js';
import * as repo from './repo.js';

/** Whether the public page takes complaints: the desk is open and the organisation has its escrow key. */
export async function deskOffered(tx: Queryable, orgId: string): Promise<boolean> {
  const settings = await repo.findSettings(tx, orgId);
  return settings.open && (await escrowStatus(tx, orgId)) !== null;
}

type Identity = Pick<PublicComplaintBody, 'anonymous' | 'name' | 'email' | 'phone' | 'address' | 'occurredOn'>;

/** Anonymous: no identity at all; named: at least a name. A date of the facts is a real day, not in the future. */
function checkIdentity(b: Identity, today: string): void {
  if (b.anonymous) {
    const given = (['name', 'email', 'phone', 'address'] as const).find((f) => b[f]);
    if (given) throw invalid('complaints_identity_not_allowed', given);
  } else if (!b.name) {
    throw invalid('complaints_name_required', 'name');
  }
  if (b.occurredOn !== undefined && (!isIsoDay(b.occurredOn) || b.occurredOn > today)) throw invalid('complaints_date_invalid', 'occurredOn');
}

function contentOf(b: PublicComplaintBody | StaffComplaintBody): ComplaintContent {
  return {
    v: 1, name: b.name ?? null, email: b.email ?? null, phone: b.phone ?? null, address: b.address ?? null,
    what: b.what, occurredOn: b.occurredOn ?? null, where: b.where ?? null, involved: b.involved ?? null,
  };
}

const codeUnknown = () => new AppError('complaints_code_unknown', 404);
const sessionExpired = () => new AppError('complaints_session_expired', 401);

export function makeFiling(c: ComplaintsContext, sessions: RecordSessions) {
  async function store(a: {
    orgId: string; content: ComplaintContent; files: readonly CleanFile[]; channel: string; forwardedBy: string | null; forwardingReference: string | null;
    anonymous: boolean; language: Locale; receivedOn: string; staff?: ComplaintsCtx;
  }): Promise<{ id: string; reference: string; code: string }> {
    return withOrgTx(c.db, a.orgId, async (tx) => {
      if (!a.staff && !(await deskOffered(tx, a.orgId))) throw conflict('complaints_not_open');
      const today = c.today();
      const code = newReceipt();
      const digits = normaliseReceipt(code)!;
      const codeHash = await receiptLookupHash(tx, a.orgId, digits);
      const id = randomUUID();
      const coordinators = (await repo.peopleWithRoles(tx, a.orgId, COORDINATOR_ROLES, today)).map((p) => p.userId);
      const staffId = a.staff?.actor.userId ?? null;
      const { recordKey } = await createRecordKey(tx, refOf(a.orgId, id), { users: [...new Set([...coordinators, ...(staffId ? [staffId] : [])])], secret: digits, grantedBy: staffId });
      const content = encryptField(recordKey, CONTENT_FIELD, JSON.stringify(a.content));
      // The reference comes last (below): the yearly counter row stays locked until commit, so
      // concurrent filings must not wait on it while this one writes its files.
      await repo.insertComplaint(tx, {
        id, organisationId: a.orgId, reference: `pending-${id}`, channel: a.channel, forwardedBy: a.forwardedBy, forwardingReference: a.forwardingReference,
        anonymous: a.anonymous, language: a.language, receivedOn: a.receivedOn, registeredBy: staffId, codeHash, content,
      });
      await addEvent(tx, recordKey, { orgId: a.orgId, complaintId: id, kind: 'received', on: a.receivedOn, byUserId: staffId, details: { channel: a.channel } });
      if (a.files.length) await storeFiles(tx, recordKey, a.files, { addedBy: a.staff ? 'staff' : 'complainant', byUserId: staffId, today });
      const reference = await repo.nextReference(tx, a.orgId, Number(a.receivedOn.slice(0, 4)));
      await repo.setReference(tx, a.orgId, id, reference);
      if (a.staff) {
        await c.audit(tx, a.staff, a.orgId, 'complaints.complaint_registered', id, { channel: a.channel, files: a.files.length });
        await syncComplaintDeadlines(tx, a.orgId, [id]);
      }
      return { id, reference, code };
    });
  }

  return {
    /** A citizen's complaint from the public page; returns the reference and the status code (shown once, kept nowhere). */
    async filePublic(orgId: string, body: PublicComplaintBody, uploads: readonly Upload[], locale: Locale) {
      const today = c.today();
      checkIdentity(body, today);
      // Checked and cleaned before the transaction: nothing is stored when a file is refused.
      const files = await cleanFiles(uploads);
      const r = await store({
        orgId, content: contentOf(body), files, channel: 'online', forwardedBy: null, forwardingReference: null,
        anonymous: body.anonymous, language: body.language ?? locale, receivedOn: today,
      });
      return { reference: r.reference, code: r.code };
    },

    /** A complaint registered by a coordinator; the code is for the complainant (given to them by letter or at the desk). */
    async register(ctx: ComplaintsCtx, orgId: string, body: StaffComplaintBody, uploads: readonly Upload[]) {
      const today = c.today();
      checkIdentity(body, today);
      const receivedOn = body.receivedOn ?? today;
      if (!isIsoDay(receivedOn) || receivedOn > today) throw invalid('complaints_date_invalid', 'receivedOn');
      const files = await cleanFiles(uploads);
      return store({
        orgId, content: contentOf(body), files, channel: body.channel, forwardedBy: body.forwardedBy ?? null, forwardingReference: body.forwardingReference ?? null,
        anonymous: body.anonymous, language: body.language, receivedOn, staff: ctx,
      });
    },

    /**
     * The status code for a token. A wrong code, one of another organisation and a complaint whose
     * key is gone all answer the same 404 (the route's throttle limits the attempts per address).
     */
    async access(orgId: string, typed: string): Promise<{ token: string }> {
      const digits = normaliseReceipt(typed);
      if (!digits) throw codeUnknown();
      const key = await withOrgTx(c.db, orgId, (tx) => openRecordKeyWithReceipt(tx, orgId, digits, {
        find: (hash) => repo.complaintIdByCode(tx, orgId, hash), ref: (id) => refOf(orgId, id),
      }));
      if (!key) throw codeUnknown();
      return { token: sessions.open(orgId, key) };
    },

    leave(token: string | undefined): void {
      sessions.forget(token);
    },

    /** What the complainant sees: the status in plain words, the days, the answer once sent. Not audited (it would date their visit). */
    async status(orgId: string, token: string | undefined): Promise<StatusView> {
      const s = sessions.get(token, orgId);
      if (!s) throw sessionExpired();
      return withOrgTx(c.db, orgId, async (tx) => {
        const row = await repo.findComplaint(tx, orgId, s.key.recordId);
        if (!row) {
          sessions.forget(token);
          throw sessionExpired();
        }
        const { resolveDays } = await repo.leadDays(tx, orgId);
        const open = row.status === 'received' || row.status === 'acknowledged' || row.status === 'triaged';
        const expected = new Date(Date.parse(`${row.received_on}T00:00:00Z`) + resolveDays * 86_400_000).toISOString().slice(0, 10);
        return {
          reference: row.reference, status: row.status, language: row.language as StatusView['language'],
          receivedOn: row.received_on, acknowledgedOn: row.acknowledged_on, answeredOn: row.answered_on, closedOn: row.closed_on,
          forwardedTo: row.forwarded_to as StatusView['forwardedTo'], forwardedOn: row.forwarded_on,
          expectedBy: open ? expected : null,
          answer: row.answer ? decryptText(s.key, ANSWER_FIELD, row.answer) : null,
          decision: row.answer ? row.decision : null,
        };
      });
    },
  };
}

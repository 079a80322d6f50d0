/**
 * The reporter's portal: the receipt opens the report (its key is wrapped under the receipt), and
 * is exchanged for a random token kept in this process's memory only, with the opened key, for 30
 * minutes of inactivity. The token travels in a header (never in an address); the receipt is never
 * kept. A restart ends every portal session: the reporter types the receipt again.
 *
 * Nothing the reporter does here is audited or dated finer than the day: an audit row's exact time
 * would date their visit and link it to other traces. Their messages do not move the report's
 * revision (a recipient's step in progress is not refused because the reporter wrote).
 */
import { withOrgTx } from '../../platform/db/tx.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Upload } from '../../platform/http/upload.js';
import type { RecordSession, RecordSessions } from '../../platform/public/record-sessions.js';
import { normaliseReceipt, openRecordKeyWithReceipt } from '../../platform/vault/index.js';
import type { PortalView } from './contract.js';
import {
  addMessage, answersOf, cleanFiles, deadlineViews, fileViews, messageViews, openContent, readFile, refOf, requireMessage, type ReportingContext,
} from './context.js';
import { withRedactions } from './redaction.js';
import * as repo from './repo.js';

/** The receipt's sessions are the platform's (platform/public/record-sessions.ts), shared with the complaints desk. */
export { RECORD_SESSION_IDLE_MS as PORTAL_IDLE_MS, RecordSessions as PortalSessions } from '../../platform/public/record-sessions.js';
type PortalSession = RecordSession;

const receiptUnknown = () => new AppError('receipt_unknown', 404);
const sessionExpired = () => new AppError('reporting_session_expired', 401);

export function makePortal(c: ReportingContext, sessions: RecordSessions) {
  function session(orgId: string, token: string | undefined) {
    const s = sessions.get(token, orgId);
    if (!s) throw sessionExpired();
    return s;
  }

  async function loadReport(tx: Parameters<typeof repo.findReport>[0], orgId: string, token: string | undefined, s: PortalSession) {
    const row = await repo.findReport(tx, orgId, s.key.recordId);
    if (!row) {
      sessions.forget(token);
      throw sessionExpired();
    }
    return row;
  }

  return {
    sessions,

    /**
     * The receipt for a token. A wrong receipt, one of another organisation and a report whose key
     * is gone all answer the same 404 (the route's own throttle limits the attempts per address).
     */
    async access(orgId: string, typed: string): Promise<{ token: string }> {
      const digits = normaliseReceipt(typed);
      if (!digits) throw receiptUnknown();
      const key = await withOrgTx(c.db, orgId, (tx) => openRecordKeyWithReceipt(tx, orgId, digits, {
        find: (hash) => repo.reportIdByReceipt(tx, orgId, hash), ref: (id) => refOf(orgId, id),
      }));
      if (!key) throw receiptUnknown();
      return { token: sessions.open(orgId, key) };
    },

    /** 401 `reporting_session_expired` without a live portal session (checked before an upload is read). */
    check(orgId: string, token: string | undefined): void {
      session(orgId, token);
    },

    leave(token: string | undefined): void {
      sessions.forget(token);
    },

    /** What the reporter sees; the recipients' messages count as read from today. */
    async view(orgId: string, token: string | undefined): Promise<PortalView> {
      const s = session(orgId, token);
      return withOrgTx(c.db, orgId, async (tx) => {
        const row = await loadReport(tx, orgId, token, s);
        const content = openContent(s.key, row.content);
        const [messages, files] = [await repo.listMessages(tx, orgId, row.id), fileViews(s.key, await repo.listFiles(tx, orgId, row.id))];
        await repo.markRead(tx, orgId, row.id, 'reporter', c.today());
        const view: PortalView = {
          reference: row.reference, status: row.status, identityMode: row.identity_mode, category: row.category as PortalView['category'],
          receivedOn: row.received_on, acknowledgedOn: row.acknowledged_on, feedbackOn: row.feedback_on, closedOn: row.closed_on,
          outcome: row.outcome as PortalView['outcome'],
          deadlines: deadlineViews(row, c.today()),
          answers: answersOf(content),
          messages: messageViews(s.key, messages, files, false),
          files: files.filter((f) => f.messageId === null),
          reprisalChecks: [],
        };
        await withRedactions(tx, s.key, view, 'reporter');
        return view;
      });
    },

    /** A message (and files) from the reporter; refused once the report is closed. */
    async send(orgId: string, token: string | undefined, body: string, uploads: readonly Upload[]): Promise<{ id: string; seq: number }> {
      const s = session(orgId, token);
      requireMessage(body, uploads);
      const files = await cleanFiles(uploads);
      return withOrgTx(c.db, orgId, async (tx) => {
        const row = await loadReport(tx, orgId, token, s);
        if (row.status === 'closed') throw conflict('reporting_closed');
        const id = await addMessage(tx, s.key, { author: 'reporter', authorUserId: null, purpose: 'message', body, files, today: c.today() });
        const m = (await repo.listMessages(tx, orgId, row.id)).find((x) => x.id === id)!;
        return { id, seq: m.seq };
      });
    },

    async file(orgId: string, token: string | undefined, fileId: string) {
      const s = session(orgId, token);
      return withOrgTx(c.db, orgId, async (tx) => {
        await loadReport(tx, orgId, token, s);
        const f = await readFile(tx, s.key, fileId);
        if (!f) throw notFound('report_file');
        return f;
      });
    },
  };
}

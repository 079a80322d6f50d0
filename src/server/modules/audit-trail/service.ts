import type { Writable } from 'node:stream';
import type { Readable } from 'node:stream';
import pg from 'pg';
import type { Locale } from '../../../shared/roles.js';
import { recordAudit, type AuditContext } from '../../platform/audit/service.js';
import { chainPendingAuditEvents } from '../../platform/audit/sequencer.js';
import { verifyAuditChain, type BreakReason } from '../../platform/audit/verify.js';
import { guardClient, type Db } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { invalid } from '../../platform/errors.js';
import { csvStream, recordExport } from '../../platform/export/index.js';
import { translate } from '../../platform/i18n/index.js';
import { AUDIT_FILTERS, type AuditFilters, type AuditItem, type AuditListQuery } from './contract.js';
import { auditCsvHeadings } from './messages.js';
import { distinctAuditActions, listAuditEvents, type AuditCursor, type AuditRow, type AuditWhere } from './repo.js';

export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_BATCH = 2_000;
const MAX_ACTIONS = 500;

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,16})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(`${c.occurredAt}|${c.id}`, 'utf8').toString('base64url');
}

/** The cursor is opaque to clients but not trusted: anything that is not exactly what we issued is refused. */
export function decodeCursor(s: string): AuditCursor {
  const bad = () => invalid('audit_invalid_cursor', 'before');
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw bad();
  const m = CURSOR_RE.exec(Buffer.from(s, 'base64url').toString('utf8'));
  if (!m || Number.isNaN(Date.parse(m[1])) || !Number.isSafeInteger(Number(m[2]))) throw bad();
  const c = { occurredAt: m[1], id: Number(m[2]) };
  if (encodeCursor(c) !== s) throw bad(); // base64 decoding is lenient: accept only the canonical form
  return c;
}

/** A day means the whole day in UTC: `from` its start, `to` up to (not including) the next day. */
export function normaliseFilters(f: AuditFilters): AuditWhere {
  const fromTs = f.from ? (DATE_ONLY.test(f.from) ? `${f.from}T00:00:00Z` : f.from) : undefined;
  let toTs: string | undefined;
  let toExclusive = false;
  if (f.to) {
    if (DATE_ONLY.test(f.to)) {
      const next = new Date(`${f.to}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      toTs = next.toISOString();
      toExclusive = true;
    } else {
      toTs = f.to;
    }
  }
  if (fromTs && toTs && (toExclusive ? Date.parse(toTs) <= Date.parse(fromTs) : Date.parse(toTs) < Date.parse(fromTs))) {
    throw invalid('audit_invalid_date_range', 'to');
  }
  return { actorUserId: f.actorUserId, action: f.action, recordType: f.recordType, recordId: f.recordId, fromTs, toTs, toExclusive };
}

/** Names of the filters used, for the audit event of the read: never their values (a record id may point at a person). */
export function filterNames(f: AuditFilters): string[] {
  return AUDIT_FILTERS.filter((k) => f[k] !== undefined);
}

function toItem(r: AuditRow): AuditItem {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_display_name } : null,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    ip: r.ip,
    details: r.details ?? {},
  };
}

function waitDrain(s: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      s.off('drain', done);
      s.off('close', done);
      resolve();
    };
    s.on('drain', done);
    s.on('close', done);
  });
}

/**
 * The screen knows four reasons; the verifier names two more. A forged row on a taken position
 * does not fit the chain where it stands (link); an altered row still waiting for the sequencer
 * no longer matches what was appended (content).
 */
function screenReason(r: BreakReason): 'hash_mismatch' | 'link_mismatch' | 'sequence_gap' | 'head_mismatch' {
  if (r === 'extra_row') return 'link_mismatch';
  if (r === 'unchained_altered') return 'hash_mismatch';
  return r;
}

export interface AuditTrailDeps {
  db: Db;
  /** Owner connection: the verification reads whole chains outside the request pool. */
  adminUrl: string;
}

export function makeAuditTrailService(deps: AuditTrailDeps) {
  const { db } = deps;

  return {
    /** One page of the log; the read itself is logged with the names of the filters used. */
    async list(ctx: AuditContext, orgId: string, q: AuditListQuery): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
      const where = normaliseFilters(q);
      const cursor = q.before ? decodeCursor(q.before) : undefined;
      return withOrgTx(db, orgId, async (tx) => {
        const rows = await listAuditEvents(tx, orgId, where, q.limit + 1, cursor);
        const page = rows.slice(0, q.limit);
        await recordAudit(tx, ctx, {
          organisationId: orgId, action: 'audit.read', recordType: 'audit_log',
          details: { filters: filterNames(q), limit: q.limit, paged: cursor !== undefined, returned: page.length },
        });
        const last = page[page.length - 1];
        return {
          items: page.map(toItem),
          nextCursor: rows.length > q.limit && last ? encodeCursor({ occurredAt: last.occurred_at, id: last.id }) : null,
        };
      });
    },

    /**
     * CSV of the filtered log, newest first, at most EXPORT_MAX_ROWS rows. The audit event and the
     * first batch commit together before a byte is sent; later batches follow by keyset, so the
     * export streams in constant memory and an append-only log stays consistent page to page.
     */
    async exportCsv(ctx: AuditContext, orgId: string, f: AuditFilters, locale: Locale): Promise<Readable> {
      const where = normaliseFilters(f);
      const first = await withOrgTx(db, orgId, async (tx) => {
        const rows = await listAuditEvents(tx, orgId, where, EXPORT_BATCH);
        await recordExport(tx, ctx, {
          organisationId: orgId, action: 'audit.export', recordType: 'audit_log', format: 'csv',
          details: { filters: filterNames(f), maxRows: EXPORT_MAX_ROWS },
        });
        return rows;
      });
      const h = auditCsvHeadings;
      const col = (header: keyof typeof h, value: (r: AuditRow) => string | null) => ({ header: translate(locale, h[header]), value });
      // Comma-separated (RFC 4180) with a BOM, so spreadsheets read the file as UTF-8 (accents in names).
      const out = csvStream([
        col('id', (r) => String(r.id)),
        col('occurredAt', (r) => r.occurred_at),
        col('actorId', (r) => r.actor_user_id),
        col('actorName', (r) => r.actor_display_name),
        col('action', (r) => r.action),
        col('recordType', (r) => r.record_type),
        col('recordId', (r) => r.record_id),
        col('ip', (r) => r.ip),
        col('details', (r) => JSON.stringify(r.details ?? {})),
      ], { delimiter: ',', lineEnding: '\n' });

      const pump = async () => {
        let rows = first;
        let sent = 0;
        for (;;) {
          for (const r of rows) {
            const ok = out.write(r);
            sent++;
            if (!ok) await waitDrain(out.stream);
            if (out.stream.destroyed) return; // the client went away
          }
          const last = rows[rows.length - 1];
          if (rows.length < EXPORT_BATCH || sent >= EXPORT_MAX_ROWS || !last) break;
          const cursor = { occurredAt: last.occurred_at, id: last.id };
          rows = await withOrgTx(db, orgId, (tx) => listAuditEvents(tx, orgId, where, Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - sent), cursor));
        }
        out.end();
      };
      pump().catch((err: Error) => out.destroy(err));
      return out.stream;
    },

    /** Distinct action names of this organisation's log (names only: no record, no person). */
    async actions(orgId: string): Promise<string[]> {
      return withOrgTx(db, orgId, (tx) => distinctAuditActions(tx, orgId, MAX_ACTIONS));
    },

    /**
     * Chains this organisation's committed events (so the answer covers everything logged up to
     * the click), then recomputes its hash chain on a dedicated owner connection, in one
     * repeatable-read snapshot so events chained meanwhile do not look like a broken head.
     */
    async verify(ctx: AuditContext, orgId: string) {
      const client = new pg.Client({ connectionString: deps.adminUrl, application_name: 'kompas-audit-verify' });
      guardClient(client); // a connection ended mid-verification fails the request, not the process
      await client.connect();
      let result;
      try {
        await chainPendingAuditEvents(client, { chainKey: orgId });
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        result = await verifyAuditChain(client, { chainKey: orgId });
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      const firstBreak = result.firstBreak
        ? { chainSeq: result.firstBreak.chainSeq, eventId: result.firstBreak.eventId, reason: screenReason(result.firstBreak.reason) }
        : undefined;
      await withOrgTx(db, orgId, (tx) => recordAudit(tx, ctx, {
        organisationId: orgId, action: 'audit.verify', recordType: 'audit_log',
        details: { intact: result.intact, events: result.events, ...(firstBreak ? { brokenEventId: firstBreak.eventId, reason: firstBreak.reason } : {}) },
      }));
      return { intact: result.intact, events: result.events, ...(firstBreak ? { firstBreak } : {}) };
    },
  };
}

export type AuditTrailService = ReturnType<typeof makeAuditTrailService>;

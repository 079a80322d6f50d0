/**
 * The audit trail's filters live in the page address, so a DPO can bookmark a search, send it to
 * the auditor, and use the back button. Every filter is an id, an identifier or a date: names never
 * go into a URL (browser history, proxies). Invalid values are dropped, so a stale link still opens.
 */
export interface AuditSearch {
  actorUserId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string;
  to?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTIFIER = /^[a-z0-9_.:-]{1,100}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const when = (v: unknown, ok: (s: string) => boolean) => { const s = str(v); return s !== undefined && ok(s) ? s : undefined; };

export function validateAuditSearch(s: Record<string, unknown>): AuditSearch {
  const out: AuditSearch = {
    actorUserId: when(s.actorUserId, (x) => UUID.test(x)),
    action: when(s.action, (x) => IDENTIFIER.test(x)),
    recordType: when(s.recordType, (x) => IDENTIFIER.test(x)),
    recordId: when(s.recordId, (x) => x.length >= 1 && x.length <= 200),
    from: when(s.from, (x) => DAY.test(x) && !Number.isNaN(Date.parse(x))),
    to: when(s.to, (x) => DAY.test(x) && !Number.isNaN(Date.parse(x))),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as AuditSearch;
}

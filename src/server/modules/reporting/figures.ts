/**
 * The reporting channel's figures (issue 18): the yearly figures of an organisation that the law
 * asks for (reports received by channel, identity mode, category and outcome; lead times of the
 * acknowledgement and the feedback; deadlines missed; reports open at the year's end), for the
 * integrity officer and the chief, on screen and as Word, PDF and CSV; and the counts per
 * organisation for oversight, small counts hidden. Counted from clear metadata only (figures-repo).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Actor } from '../../platform/authz/actor.js';
import { policy } from '../../platform/authz/route-policy.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { todayInBelgium } from '../../platform/deadlines/index.js';
import type { Deps } from '../../platform/deps.js';
import { sendDownload } from '../../platform/export/index.js';
import { actorOf, auditContext } from '../../platform/http/context.js';
import { orgParamsWith } from '../../platform/http/params.js';
import { isLocale } from '../../platform/i18n/index.js';
import type { OversightFigure } from '../../platform/module.js';
import type { OversightScope } from '../../platform/oversight/index.js';
import { DEFAULT_LOCALE, LOCALES, type Locale, type Role } from '../../../shared/roles.js';
import { getOrganisation } from '../organisations/service.js';
import { CATEGORIES, IDENTITY_MODES, OUTCOMES } from './contract.js';
import { exportFigures } from './figures-export.js';
import * as repo from './figures-repo.js';

/** Who reads the organisation's figures: the integrity officer, who writes the yearly report, and the chief, who answers for it. */
export const FIGURES_ROLES: readonly Role[] = ['integrity_officer', 'chief'];

export const CHANNELS = ['portal', 'counsellor'] as const;
/** The rows of each table, in this order; `none`: a report without a category, `open`: not closed yet. */
export const FIGURE_KEYS = {
  channel: CHANNELS,
  identity: IDENTITY_MODES,
  category: [...CATEGORIES, 'none'] as const,
  outcome: [...OUTCOMES, 'open'] as const,
} as const;

const count = z.number().int();
const leadTimes = z.object({
  done: count,
  /** Days; the median and the 90th percentile interpolated linearly between the reports (PostgreSQL `percentile_cont`). */
  median: z.number().nullable(),
  p90: z.number().nullable(),
  onTime: count,
  missed: count,
  pending: count,
  /** Of the steps done or overdue, the share done in time (one decimal); null when none. */
  withinDeadlinePercent: z.number().nullable(),
});
export const yearFiguresView = z.object({
  year: z.number().int(),
  /** The day the figures stand on; `openOn`: the day of "open at the end" (31 December, or today in the current year). */
  asOf: z.string(),
  openOn: z.string(),
  received: count,
  byChannel: z.record(z.enum(FIGURE_KEYS.channel), count),
  byIdentity: z.record(z.enum(FIGURE_KEYS.identity), count),
  byCategory: z.record(z.enum(FIGURE_KEYS.category), count),
  byOutcome: z.record(z.enum(FIGURE_KEYS.outcome), count),
  acknowledgement: leadTimes,
  feedback: leadTimes,
  openAtEnd: count,
  /** Years with reports, newest first (the year picker), with the current year. */
  years: z.array(z.number().int()),
});
export type YearFigures = z.infer<typeof yearFiguresView>;

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function withPercent(l: repo.LeadTimes) {
  const judged = l.onTime + l.missed;
  return { ...l, median: round1(l.median), p90: round1(l.p90), withinDeadlinePercent: judged === 0 ? null : round1((100 * l.onTime) / judged) };
}

function tally<K extends string>(keys: readonly K[], rows: { key: string | null; n: number }[], nullKey: K): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) {
    const k = (r.key ?? nullKey) as K;
    if (k in out) out[k] += r.n;
  }
  return out;
}

/** The yearly figures of an organisation, as they stand on `today`. */
export async function yearFigures(q: Queryable, orgId: string, year: number, today: string): Promise<YearFigures> {
  const f = await repo.yearFacts(q, orgId, year, today);
  const of = (d: repo.Dimension) => f.counts.filter((c) => c.dimension === d);
  const yearEnd = `${year}-12-31`;
  const currentYear = Number(today.slice(0, 4));
  const years = [...new Set([currentYear, ...(await repo.yearsWithReports(q, orgId, today))])].sort((a, b) => b - a);
  return {
    year, asOf: today, openOn: yearEnd < today ? yearEnd : today,
    received: f.received,
    byChannel: tally(FIGURE_KEYS.channel, of('channel'), 'portal'),
    byIdentity: tally(FIGURE_KEYS.identity, of('identity'), 'anonymous'),
    byCategory: tally(FIGURE_KEYS.category, of('category'), 'none'),
    byOutcome: tally(FIGURE_KEYS.outcome, of('outcome'), 'open'),
    acknowledgement: withPercent(f.acknowledgement),
    feedback: withPercent(f.feedback),
    openAtEnd: f.openAtEnd,
    years,
  };
}

/**
 * The reporting channel's figures for oversight (`GET /api/oversight/figures`), for the current
 * year: reports received, of those acknowledged late and given feedback late, and reports open.
 * Reports are about people (a reporter, someone implicated): every count goes through the
 * organisation's suppression threshold (`scope.count`). They are published without a total beside
 * them, so the primary rule suffices: a late count is a part of the received count, but only
 * itself tells how many, and it is hidden when small.
 */
export async function reportingOversightFigures(scope: OversightScope, today = todayInBelgium()): Promise<OversightFigure[]> {
  const rows = await repo.oversightCounts(scope.tx, today);
  return rows.flatMap((x) => [
    { id: 'reporting.received', organisationId: x.organisation_id, value: scope.count(x.organisation_id, x.received) },
    { id: 'reporting.ack_late', organisationId: x.organisation_id, value: scope.count(x.organisation_id, x.ack_late) },
    { id: 'reporting.feedback_late', organisationId: x.organisation_id, value: scope.count(x.organisation_id, x.feedback_late) },
    { id: 'reporting.open', organisationId: x.organisation_id, value: scope.count(x.organisation_id, x.open) },
  ]);
}

export interface FiguresCtx { actor: Actor; audit: AuditContext }

/** The language of an export: asked for, else the organisation's first language. */
export async function exportLocale(q: Queryable, orgId: string, requested?: Locale): Promise<Locale> {
  if (requested) return requested;
  const first = (await getOrganisation(q, orgId))?.languages[0];
  return isLocale(first) ? first : DEFAULT_LOCALE;
}

export async function organisationName(q: Queryable, orgId: string, locale: Locale): Promise<string> {
  const org = await getOrganisation(q, orgId);
  if (!org) return '';
  return org.names[locale] ?? org.names[org.languages[0]] ?? Object.values(org.names)[0] ?? '';
}

export function makeFigures(deps: { db: Db; today?: () => string }) {
  const today = () => (deps.today ? deps.today() : todayInBelgium());
  return {
    /** Read on screen: figures only, nothing of a report, so not audited (an export is). */
    read: (orgId: string, year: number) => withOrgTx(deps.db, orgId, (tx) => yearFigures(tx, orgId, year, today())),
    export: (ctx: FiguresCtx, orgId: string, year: number, format: 'docx' | 'pdf' | 'csv', lang?: Locale) =>
      exportFigures({ db: deps.db, ctx, orgId, year, format, lang, today: today() }),
  };
}

/** The range of years one may ask for: the channel exists since the law of 2022. */
const year = z.coerce.number().int().min(2022).max(2100);
const figuresParams = orgParamsWith({ year });
const exportQuery = z.strictObject({ lang: z.enum(LOCALES).optional() });

/** `GET /orgs/:orgId/reporting/figures/:year` and its exports (`export.docx`, `.pdf`, `.csv`). */
export function reportingFigureRoutes(figures?: ReturnType<typeof makeFigures>): FastifyPluginAsyncZod<{ deps: Deps }> {
  return async (app, { deps }) => {
    const f = figures ?? makeFigures({ db: deps.database.db, today: deps.today });
    const config = { policy: policy.roles(...FIGURES_ROLES) };
    const tags = ['reporting'];
    const base = '/orgs/:orgId/reporting/figures/:year';
    app.get(base, { config, schema: { tags, params: figuresParams, response: { 200: yearFiguresView } } },
      async (req) => f.read(req.params.orgId, req.params.year));
    for (const format of ['docx', 'pdf', 'csv'] as const) {
      app.get(`${base}/export.${format}`, { config, schema: { tags, params: figuresParams, querystring: exportQuery } },
        async (req, reply) => sendDownload(reply, await f.export({ actor: actorOf(req), audit: auditContext(req) }, req.params.orgId, req.params.year, format, req.query.lang)));
    }
  };
}

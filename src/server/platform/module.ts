import type { FastifyPluginAsync } from 'fastify';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { AuditContext } from './audit/service.js';
import type { Actor } from './authz/actor.js';
import type { DashboardTile } from './dashboard/contract.js';
import type { Deps } from './deps.js';
import type { Cell, OversightScope } from './oversight/index.js';
import type { PublicRoutes, PublicServiceProvider } from './public/types.js';

/** What a module's jobs are built with: everything of `Deps` but the job queue, which starts after them. */
export type JobDeps = Omit<Deps, 'jobs'>;

/** A figure on the person's home page: how many things wait for them (the web tile with the same id shows it). */
export interface HomeFigure {
  /** `<module>.<what>`, e.g. `plan.my_actions`; the web module's tile names it in `HomeTile.figure`. */
  id: string;
  count: number;
  /** Further figures the tile's label names, e.g. `{ late: 2 }` for "5 open, 2 late". */
  values?: Record<string, number>;
}

/** One anonymised figure about one organisation, for oversight (`GET /api/oversight/figures`). */
export interface OversightFigure {
  /** `<module>.<what>`, e.g. `plan.actions_late`. */
  id: string;
  organisationId: string;
  /** A count through `scope.count`/`scope.group` when it describes people (small counts hidden), else shown as is. */
  value: Cell;
}

/**
 * A feature area of the server, the counterpart of the web's `WebModule`. Everything the platform
 * does for a module (routes, public routes, jobs, demo data, home figures, the tenant-isolation
 * checks) it reads from this declaration, registered by one line in `src/server/modules/index.ts`.
 * The platform never imports a module; the module list is handed to it.
 */
export interface ServerModule {
  name: string;
  /** The module's API, mounted under `prefix` (default `/api`). Every route declares its policy. */
  routes?: FastifyPluginAsync<{ deps: Deps }>;
  prefix?: string;
  /**
   * Routes without sign-in under `/api/public/orgs/:orgCode` (docs/development.md, "Public pages"):
   * throttled per keyed address, no session, no cookie, no stored address; `req.publicOrg` is set.
   */
  publicRoutes?: PublicRoutes;
  /** Public services the module offers on an organisation's public landing page (`/p/<code>`). */
  publicServices?: PublicServiceProvider[];
  /** Defines the module's scheduled or queued jobs (`defineJob`), before the job queue starts. */
  jobs?: (deps: JobDeps) => void;
  /**
   * The tables the module owns (its drizzle schema's tables). The isolation tests require every
   * table with an `organisation_id` to be declared by the platform or by exactly one module.
   */
  tables?: readonly string[];
  /**
   * Demo data for `npm start` and `npm run seed:demo`, loaded after the platform's demo
   * organisations, people and logins, into an empty database only. Runs in the order of the registry.
   * May return lines to print with the demo logins (e.g. a demo report's receipt, to try the public pages).
   */
  demo?: (url: string) => Promise<string[] | void>;
  /** Counts of what waits for the actor in an organisation, for the home page (`GET /api/orgs/:orgId/home`). */
  homeFigures?: (deps: Deps, actor: Actor, orgId: string) => Promise<HomeFigure[]>;
  /**
   * The module's tiles on the organisation's dashboard (`GET /api/orgs/:orgId/dashboard` and its PDF):
   * numbers only, each tile readable as a data table (platform/dashboard). Only what the actor may
   * see: none by default. A read of confidential aggregates is audited by the module with `audit`.
   */
  dashboardTiles?: (deps: Deps, actor: Actor, orgId: string, audit: AuditContext) => Promise<DashboardTile[]>;
  /**
   * Anonymised figures per organisation for the inspectorate and Comité P, computed in the
   * oversight read's system-scope transaction (`scope.tx`) with each organisation's suppression
   * threshold; counts only, never rows. The platform audits the read once for all modules.
   */
  oversightFigures?: (scope: OversightScope) => Promise<OversightFigure[]>;
}

/** The names of the drizzle tables a schema module exports (`tablesOf(await import('./schema.js'))`). */
export function tablesOf(schema: Record<string, unknown>): string[] {
  return Object.values(schema).filter((v): v is PgTable => is(v, PgTable)).map((t) => getTableName(t)).sort();
}

/** Checks a registry once at start: unique names, no table claimed twice. Throws on a programming error. */
export function checkModules(modules: readonly ServerModule[]): void {
  const names = new Set<string>();
  const owner = new Map<string, string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module "${m.name}" is registered twice`);
    names.add(m.name);
    for (const table of m.tables ?? []) {
      const other = owner.get(table);
      if (other) throw new Error(`table "${table}" is declared by modules "${other}" and "${m.name}"`);
      owner.set(table, m.name);
    }
  }
}

/**
 * The desk's settings (coordinator or administrator): open or not, the public introduction, the
 * themes, the lead-time targets (acknowledgement, triage, resolution) and the answer templates.
 * The acknowledgement and resolution targets are stored in the organisation's settings (read by
 * the deadlines, the statistics and the status page) but edited only here, so this page's revision
 * guards them against a stale save.
 */
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import { FILE_TYPES } from '../../platform/files/accept.js';
import type { Queryable } from '../../platform/db/pool.js';
import type { Locale } from '../../../shared/roles.js';
import { LIMITS, type OptionsView, type PublicDeskView, type SettingsBody, type SettingsView } from './contract.js';
import { COMPLAINT_FILE_POLICY, type ComplaintsContext, type ComplaintsCtx } from './context.js';
import { syncComplaintDeadlines } from './deadlines.js';
import { deskOffered } from './filing.js';
import { ASSIGNABLE_ROLES } from './policy.js';
import * as repo from './repo.js';

const clean = (t: Record<string, string | undefined>) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined && v.trim() !== '')) as Record<string, string>;

async function settingsView(tx: Queryable, orgId: string): Promise<SettingsView> {
  const s = await repo.findSettings(tx, orgId);
  const lead = await repo.leadDays(tx, orgId);
  return {
    open: s.open, intro: s.intro, themes: s.themes, triageDays: s.triageDays, answerTemplates: s.answerTemplates,
    acknowledgeDays: lead.acknowledgeDays, resolveDays: lead.resolveDays, revision: s.revision, offered: await deskOffered(tx, orgId),
  };
}

/** The public form's view of the desk (no account). */
export async function publicDesk(tx: Queryable, orgId: string, languages: Locale[]): Promise<PublicDeskView> {
  const s = await repo.findSettings(tx, orgId);
  const lead = await repo.leadDays(tx, orgId);
  return {
    open: await deskOffered(tx, orgId), intro: s.intro, languages, acknowledgeDays: lead.acknowledgeDays, resolveDays: lead.resolveDays,
    files: { maxBytes: COMPLAINT_FILE_POLICY.maxBytes, maxFiles: LIMITS.files, types: COMPLAINT_FILE_POLICY.types.flatMap((t) => FILE_TYPES[t].extensions.map((e) => `.${e}`)) },
  };
}

export function makeSettings(c: ComplaintsContext) {
  return {
    getSettings: (orgId: string) => withOrgTx(c.db, orgId, (tx) => settingsView(tx, orgId)),

    /** Saved on the revision the coordinator saw (409 when stale); a changed triage target moves the open deadlines. */
    putSettings: (ctx: ComplaintsCtx, orgId: string, b: SettingsBody, expected: number) => withOrgTx(c.db, orgId, async (tx) => {
      const current = await repo.findSettings(tx, orgId, { forUpdate: true });
      if (current.revision !== expected) throw new EditConflict(await settingsView(tx, orgId));
      const saved = await repo.saveSettings(tx, orgId, {
        open: b.open, intro: clean(b.intro), themes: b.themes.map((t) => ({ ...t, label: clean(t.label) })), triageDays: b.triageDays, answerTemplates: clean(b.answerTemplates),
      }, expected);
      if (saved === null) throw new EditConflict(await settingsView(tx, orgId));
      const lead = await repo.leadDays(tx, orgId);
      const next = { acknowledgeDays: b.acknowledgeDays ?? lead.acknowledgeDays, resolveDays: b.resolveDays ?? lead.resolveDays };
      const leadChanged = next.acknowledgeDays !== lead.acknowledgeDays || next.resolveDays !== lead.resolveDays;
      if (leadChanged) await repo.saveLeadDays(tx, orgId, next);
      // Changed targets move the due days of the open complaints (and their reminders) now.
      if (current.triageDays !== b.triageDays || leadChanged) await syncComplaintDeadlines(tx, orgId);
      await c.audit(tx, ctx, orgId, 'complaints.settings_changed', undefined, {
        open: b.open, themes: b.themes.length, triageDays: b.triageDays, ...next,
        ...(current.triageDays !== b.triageDays || leadChanged ? { previous: { triageDays: current.triageDays, ...lead } } : {}),
      });
      return settingsView(tx, orgId);
    }),

    options: (orgId: string): Promise<OptionsView> => withOrgTx(c.db, orgId, async (tx) => {
      const s = await repo.findSettings(tx, orgId);
      return {
        themes: s.themes,
        units: await repo.listUnits(tx, orgId),
        handlers: (await repo.peopleWithRoles(tx, orgId, ASSIGNABLE_ROLES, c.today())).map((p) => ({ id: p.userId, displayName: p.displayName, hasKeyPair: p.hasKeyPair })),
      };
    }),

    staff: (orgId: string, q: string) => withOrgTx(c.db, orgId, async (tx) => ({ items: await repo.searchStaff(tx, orgId, q, c.today()) })),
  };
}

/**
 * The desk's settings (coordinator): open or not, the public introduction, the themes, the triage
 * target and the answer templates. Acknowledgement and resolution targets are the organisation's
 * settings (organisations module), shown here read-only.
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
      if (current.triageDays !== b.triageDays) await syncComplaintDeadlines(tx, orgId);
      await c.audit(tx, ctx, orgId, 'complaints.settings_changed', undefined, { open: b.open, themes: b.themes.length, triageDays: b.triageDays });
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

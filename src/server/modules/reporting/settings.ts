/**
 * The channel's settings (integrity officer): open or not, the texts and the questionnaire, the
 * legal delays, the automatic acknowledgement, and the recipients. A recipient who joins gets the
 * open reports that would have gone to them (sealed with the officer's key, never one the reporter
 * excluded them from); one who leaves loses their key grants on reports they only received.
 */
import { EditConflict } from '../../platform/db/revision.js';
import { withOrgTx } from '../../platform/db/tx.js';
import type { Tx } from '../../platform/db/pool.js';
import { invalid } from '../../platform/errors.js';
import { escrowStatus, grantRecordKey, openRecordKey, revokeRecordKey } from '../../platform/vault/index.js';
import type { SettingsBody, SettingsView } from './contract.js';
import { openContent, refOf, type ReportingContext, type ReportingCtx } from './context.js';
import { syncReportDeadlines } from './deadlines.js';
import { channelOffered, channelRecipients } from './filing.js';
import { DEFAULT_RECIPIENT_ROLES, RECIPIENT_ROLES } from './policy.js';
import * as repo from './repo.js';

export function makeSettings(c: ReportingContext) {
  const { db } = c;

  async function view(tx: Tx, orgId: string): Promise<SettingsView> {
    const today = c.today();
    const s = await repo.findSettings(tx, orgId);
    const configured = await repo.listRecipients(tx, orgId);
    const candidates = await repo.peopleWithRoles(tx, orgId, RECIPIENT_ROLES, today);
    const byId = new Map(candidates.map((p) => [p.userId, p]));
    const names = await repo.displayNames(tx, orgId, configured.map((r) => r.userId));
    const keys = await repo.peopleWithRoles(tx, orgId, RECIPIENT_ROLES, today, configured.map((r) => r.userId));
    const hasKey = new Map(keys.map((p) => [p.userId, p.hasKeyPair]));
    const escrow = await escrowStatus(tx, orgId);
    return {
      open: s.open, intro: s.intro, questions: s.questions, ackDays: s.ackDays, feedbackMonths: s.feedbackMonths, alertDaysBefore: s.alertDaysBefore,
      reprisalCheckMonths: s.reprisalCheckMonths, retentionMonths: s.retentionMonths, autoAck: s.autoAck, revision: s.revision,
      recipients: configured.map((r) => ({ userId: r.userId, kind: r.kind, displayName: byId.get(r.userId)?.displayName ?? names.get(r.userId) ?? '', hasKeyPair: hasKey.get(r.userId) ?? false })),
      defaultRecipients: (await repo.peopleWithRoles(tx, orgId, DEFAULT_RECIPIENT_ROLES, today)).map(({ userId, displayName, hasKeyPair, roles }) => ({ userId, displayName, hasKeyPair, roles })),
      candidates: candidates.map(({ userId, displayName, hasKeyPair, roles }) => ({ userId, displayName, hasKeyPair, roles })),
      escrow,
      offered: await channelOffered(tx, orgId, today),
    };
  }

  return {
    async getSettings(ctx: ReportingCtx, orgId: string): Promise<SettingsView> {
      return withOrgTx(db, orgId, (tx) => view(tx, orgId));
    },

    async putSettings(ctx: ReportingCtx, orgId: string, b: SettingsBody, expected: number): Promise<SettingsView> {
      return withOrgTx(db, orgId, async (tx) => {
        const today = c.today();
        const eligible = new Set((await repo.peopleWithRoles(tx, orgId, RECIPIENT_ROLES, today, b.recipients.map((r) => r.userId))).map((p) => p.userId));
        for (const [i, r] of b.recipients.entries()) if (!eligible.has(r.userId)) throw invalid('reporting_recipient_role', `recipients.${i}.userId`);

        const before = await channelRecipients(tx, orgId, today);
        const { recipients, ...settings } = b;
        const revision = await repo.saveSettings(tx, orgId, { ...settings, intro: clean(b.intro), autoAck: b.autoAck ? clean(b.autoAck) : null }, expected);
        if (revision === null) throw new EditConflict(await view(tx, orgId));
        await repo.replaceRecipients(tx, orgId, recipients);
        const after = await channelRecipients(tx, orgId, today);

        const ids = (ch: typeof before, kind: 'primary' | 'alternate') => new Set((kind === 'primary' ? ch.primaries : ch.alternates).map((p) => p.userId));
        const added: { userId: string; kind: 'primary' | 'alternate' }[] = [];
        const removed: string[] = [];
        for (const kind of ['primary', 'alternate'] as const) {
          const [was, is] = [ids(before, kind), ids(after, kind)];
          for (const u of is) if (!was.has(u)) added.push({ userId: u, kind });
          for (const u of was) if (!is.has(u)) removed.push(u);
        }
        const stillRecipient = new Set([...after.primaries, ...after.alternates].map((p) => p.userId));
        // Leaving: every report they only received. (A kind change of the same person leaves and joins.)
        for (const u of new Set(removed)) {
          if (stillRecipient.has(u)) continue;
          for (const reportId of await repo.reportsWithAccess(tx, orgId, u, 'recipient')) {
            const keeps = await repo.removeAccess(tx, orgId, reportId, u, 'recipient');
            if (keeps.filter((k) => k !== 'escalation').length === 0) await revokeRecordKey(tx, refOf(orgId, reportId), u);
          }
        }
        // Joining: the open reports the officer can open that went to their kind of recipient, unless excluded.
        let joined = 0;
        if (added.length) {
          for (const r of await repo.openReportsGrantedTo(tx, orgId, ctx.actor.userId)) {
            const key = await openRecordKey(tx, refOf(orgId, r.id), { userId: ctx.actor.userId, sessionId: ctx.actor.sessionId });
            const content = openContent(key, r.content);
            const to = added.filter((a) => a.kind === content.routedTo && !content.excluded.includes(a.userId)).map((a) => a.userId);
            if (to.length === 0) continue;
            for (const u of to) await repo.addAccess(tx, orgId, r.id, u, 'recipient', today);
            joined += (await grantRecordKey(tx, key, to, { grantedBy: ctx.actor.userId })).granted.length;
          }
        }
        await syncReportDeadlines(tx, orgId);
        await c.audit(tx, ctx, orgId, 'reporting.settings_update', undefined, {
          open: b.open, recipientsAdded: added.map((a) => a.userId), recipientsRemoved: [...new Set(removed)].filter((u) => !stillRecipient.has(u)), grantsAdded: joined,
        });
        return view(tx, orgId);
      });
    },
  };
}

/** Texts without empty languages. */
function clean(t: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(t).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
}

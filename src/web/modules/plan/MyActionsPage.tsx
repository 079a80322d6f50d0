import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { Button, DialogActions, EmptyState, ErrorAlert, Loading, ModalDialog, PageHeader, useFormat } from '../../ui/components';
import { useMyActions } from './api';
import { ActionFacts, EvidenceList, History, ProgressForm } from './ActionDialog';
import { ActionStatusBadge, Counts, Progress } from './components';
import s from './plan.module.css';

/** The actions a person owns in the approved or running plans, where they report progress. */
export function MyActionsPage() {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const q = useMyActions(orgId);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = q.data ?? [];
  const open = items.find((a) => a.id === openId) ?? null;
  const openCount = items.filter((a) => a.status !== 'done' && a.status !== 'stopped').length;
  const late = items.filter((a) => a.status === 'late').length;
  return (
    <>
      <PageHeader title={t`My actions`}>
        <p><Trans>The actions of the integrity policy plan that you own. Report their progress here.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : items.length === 0 ? (
        <EmptyState>
          <p><Trans>You own no action of a plan that has been approved.</Trans></p>
          {has('integrity_officer', 'chief', 'head_of_service') && <Link to={`/o/${orgId}/plans`}><Trans>See the plans</Trans></Link>}
        </EmptyState>
      ) : (
        <>
          <Counts items={[{ label: t`Open`, value: openCount }, { label: t`Late`, value: late }, { label: t`Done`, value: items.filter((a) => a.status === 'done').length }]} />
          <ul className={s.actions} aria-label={t`My actions`}>
            {items.map((a) => (
              <li key={a.id} className={s.action}>
                <span className={s.actionTitle}>
                  <Button variant="quiet" className={s.linkButton} onPress={() => setOpenId(a.id)}>{a.title}</Button>
                </span>
                <ActionStatusBadge status={a.status} />
                <span className={s.actionMeta}>
                  <Progress value={a.progress} />
                  <span>{a.objectiveCode} {a.objectiveTitle.length > 80 ? `${a.objectiveTitle.slice(0, 80)}…` : a.objectiveTitle}</span>
                  <span>{t`Due`}: {a.dueDate ? f.date(a.dueDate) : a.timingLabel ?? '—'}</span>
                  <span>{t`Plan`}: {a.plan.title}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {open && (
        <ModalDialog isOpen onOpenChange={(o) => !o && setOpenId(null)} title={open.title}>
          {(close) => (
            <>
              <ActionFacts action={open} />
              {open.canUpdate && <><h3><Trans>Report progress</Trans></h3><ProgressForm planId={open.plan.id} action={open} /></>}
              {open.notesVisible && <EvidenceList planId={open.plan.id} action={open} canUpdate={open.canUpdate} />}
              {open.notesVisible && <History planId={open.plan.id} actionId={open.id} />}
              <DialogActions><Button variant="secondary" onPress={close}><Trans>Close</Trans></Button></DialogActions>
            </>
          )}
        </ModalDialog>
      )}
    </>
  );
}

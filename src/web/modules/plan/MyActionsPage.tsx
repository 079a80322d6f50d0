import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { Button, DialogActions, EmptyState, ErrorAlert, Loading, ModalDialog, PageHeader, useFormat } from '../../ui/components';
import { useMyActions } from './api';
import { ActionFacts, EvidenceList, History, ProgressForm } from './ActionDialog';
import { ActionStatusBadge, Counts, Progress } from './components';
import s from './plan.module.css';

type MyAction = NonNullable<ReturnType<typeof useMyActions>['data']>[number];

function ActionList({ items, label, onOpen }: { items: MyAction[]; label: string; onOpen: (id: string) => void }) {
  const { t } = useLingui();
  const f = useFormat();
  return (
    <ul className={s.actions} aria-label={label}>
      {items.map((a) => (
        <li key={a.id} className={s.action}>
          <span className={s.actionTitle}>
            <Button variant="quiet" className={s.linkButton} onPress={() => onOpen(a.id)}>{a.title}</Button>
          </span>
          <ActionStatusBadge status={a.status} />
          <span className={s.actionMeta}>
            <Progress value={a.progress} />
            <span>{a.objectiveCode} {a.objectiveTitle.length > 80 ? `${a.objectiveTitle.slice(0, 80)}…` : a.objectiveTitle}</span>
            {a.viaUnit && a.ownerUnit && <span>{t`Unit`}: {a.ownerUnit.name}</span>}
            <span>{t`Due`}: {a.dueDate ? f.date(a.dueDate) : a.timingLabel ?? '—'}</span>
            <span>{t`Plan`}: {a.plan.title}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The actions a person answers for in the approved or running plans, where they report progress:
 * their own and, for a head of service, those of their unit and the units under it.
 */
export function MyActionsPage() {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const q = useMyActions(orgId);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = q.data ?? [];
  const own = items.filter((a) => !a.viaUnit);
  const ofUnit = items.filter((a) => a.viaUnit);
  const open = items.find((a) => a.id === openId) ?? null;
  const openCount = items.filter((a) => a.status !== 'done' && a.status !== 'stopped').length;
  const late = items.filter((a) => a.status === 'late').length;
  const head = has('head_of_service');
  return (
    <>
      <PageHeader title={t`My actions`}>
        <p>{head
          ? <Trans>The actions of the integrity policy plan that you own, and those of your unit and the units under it. Report their progress here.</Trans>
          : <Trans>The actions of the integrity policy plan that you own. Report their progress here.</Trans>}</p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : items.length === 0 ? (
        <EmptyState>
          <p>{head ? <Trans>Neither you nor your unit owns an action of a plan that has been approved.</Trans> : <Trans>You own no action of a plan that has been approved.</Trans>}</p>
          {has('integrity_officer', 'chief', 'head_of_service') && <Link to={`/o/${orgId}/plans`}><Trans>See the plans</Trans></Link>}
        </EmptyState>
      ) : (
        <>
          <Counts items={[{ label: t`Open`, value: openCount }, { label: t`Late`, value: late }, { label: t`Done`, value: items.filter((a) => a.status === 'done').length }]} />
          {ofUnit.length > 0 ? (
            <>
              <h2><Trans>Actions that you own</Trans></h2>
              {own.length ? <ActionList items={own} label={t`Actions that you own`} onOpen={setOpenId} /> : <p className={s.muted}><Trans>None.</Trans></p>}
              <h2><Trans>Actions of your unit</Trans></h2>
              <ActionList items={ofUnit} label={t`Actions of your unit`} onOpen={setOpenId} />
            </>
          ) : <ActionList items={own} label={t`My actions`} onOpen={setOpenId} />}
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

import { useState } from 'react';
import { msg } from '@lingui/core/macro';
import type { MessageDescriptor } from '@lingui/core';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FileTrigger } from 'react-aria-components';
import { post } from '../../app/api';
import { useMe } from '../../app/auth';
import { Button, ConfirmDialog, ErrorAlert, SelectField, useFormat } from '../../ui/components';
import { measurementUrl } from './api';
import {
  deleteEvidence, evidenceFileUrl, evidenceKey, uploadEvidence, useEvidence, useLinkablePlans, useLinkablePlanTree, useLinkableRecords,
  type EvidenceItem, type PlanObjective,
} from './evidence-api';
import s from './maturity.module.css';

const ACCEPTED = ['application/pdf', '.docx', '.xlsx', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'];

/** The kinds of record the web names (platform/records on the server); a kind it does not know yet shows as "Record". */
const LINK_KIND_LABELS: Record<string, MessageDescriptor> = {
  'plan.action': msg`Plan action`,
  'plan.objective': msg`Plan objective`,
  'risk.analysis': msg`Risk analysis`,
};
/** What the picker offers per kind: the plan's entries come from a plan's tree, every other kind from its module's list. */
const LINK_GROUP_LABELS: Record<string, MessageDescriptor> = {
  'risk.analysis': msg`Completed risk analyses`,
};
const PLAN_GROUP = 'plan';

/** A linked record as the reader may see it: its kind and current title, with a link to its page; "not accessible" otherwise. */
function LinkedRecord({ link }: { link: NonNullable<EvidenceItem['link']> }) {
  const { t, i18n } = useLingui();
  const label = LINK_KIND_LABELS[link.kind];
  const kind = label ? i18n._(label) : t`Record`;
  if (!link.record) return <span className={s.muted}>{t`${kind}: record not accessible`}</span>;
  const [path, query] = link.record.url.split('?');
  return <Link to={path} search={query ? Object.fromEntries(new URLSearchParams(query)) : {}}>{t`${kind}: ${link.record.title}`}</Link>;
}

/** Files and links of one score, each with its download or page, and a delete button where the reader may delete. */
export function EvidenceItems({ orgId, measurementId, items, label }: { orgId: string; measurementId: string; items: EvidenceItem[]; label: string }) {
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const [removing, setRemoving] = useState<EvidenceItem | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => deleteEvidence(orgId, measurementId, id),
    onSuccess: () => { setRemoving(null); void qc.invalidateQueries({ queryKey: evidenceKey(orgId, measurementId) }); },
  });
  if (items.length === 0) return null;
  const size = (n: number) => (n < 1024 * 1024 ? `${f.number(Math.ceil(n / 1024))} kB` : `${f.number(Math.round(n / 104857.6) / 10)} MB`);
  const name = (e: EvidenceItem) => e.file?.filename ?? e.link?.record?.title ?? t`record not accessible`;
  return (
    <>
      <ul aria-label={label} className={s.small}>
        {items.map((e) => (
          <li key={e.id}>
            {e.file
              ? <><a href={evidenceFileUrl(orgId, measurementId, e.id)} download={e.file.filename}>{e.file.filename}</a> <span className={s.muted}>({size(e.file.size)})</span></>
              : e.link && <LinkedRecord link={e.link} />}
            {e.canDelete && <> <Button variant="quiet" onPress={() => setRemoving(e)} aria-label={t`Remove ${name(e)}`}><Trans>Remove</Trans></Button></>}
          </li>
        ))}
      </ul>
      {removing && (
        <ConfirmDialog isOpen onOpenChange={(o) => !o && setRemoving(null)} title={removing.file ? t`Remove this file?` : t`Remove this link?`} confirmLabel={t`Remove`} danger
          onConfirm={() => remove.mutate(removing.id)} pending={remove.isPending} error={remove.error}>
          <p>{name(removing)}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** Every objective of a plan tree with its actions right after it, as options "objective:<id>" and "action:<id>". */
function entryOptions(list: PlanObjective[], objective: (o: PlanObjective) => string, action: (a: PlanObjective['actions'][number]) => string): { id: string; label: string }[] {
  return list.flatMap((o) => [
    { id: `objective:${o.id}`, label: objective(o) },
    ...o.actions.map((a) => ({ id: `action:${a.id}`, label: action(a) })),
    ...entryOptions(o.children, objective, action),
  ]);
}

/**
 * Links the score to a record of another module, picked by kind first: an objective or action of one
 * of the organisation's plans (from the plan's tree), or a record of a kind whose module offers a list
 * (a completed risk analysis, …). Each module shows only what its own rule lets the assessor read.
 */
function RecordLinkPicker({ orgId, measurementId, criterionId, onDone }: { orgId: string; measurementId: string; criterionId: string; onDone: () => void }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const records = useLinkableRecords(orgId, measurementId);
  const [group, setGroup] = useState('');
  const [planId, setPlanId] = useState('');
  const [entry, setEntry] = useState('');
  const plans = useLinkablePlans(orgId, group === PLAN_GROUP);
  const tree = useLinkablePlanTree(orgId, group === PLAN_GROUP ? planId : '');
  const link = useMutation({
    mutationFn: () => {
      const [kind, recordId] = group === PLAN_GROUP ? [`plan.${entry.split(':')[0]}`, entry.split(':')[1]] : [group, entry];
      return post(`${measurementUrl(orgId, measurementId)}/scores/${criterionId}/links`, { kind, recordId });
    },
    onSuccess: () => { void qc.invalidateQueries({ queryKey: evidenceKey(orgId, measurementId) }); onDone(); },
  });
  const kinds = records.data?.linkKinds ?? [];
  const groups = [
    ...(kinds.includes('plan.action') || kinds.includes('plan.objective') ? [{ id: PLAN_GROUP, label: t`Policy plan: objective or action` }] : []),
    ...(records.data?.groups ?? []).map((g) => ({ id: g.kind, label: LINK_GROUP_LABELS[g.kind] ? i18n._(LINK_GROUP_LABELS[g.kind]) : t`Other records (${g.kind})` })),
  ];
  const listed = records.data?.groups.find((g) => g.kind === group)?.items ?? [];
  const pick = (v: string) => { setEntry(v); link.reset(); };
  return (
    <div className={s.criterion} role="group" aria-label={t`Link a record`} data-testid="record-link-picker">
      <ErrorAlert error={records.error ?? plans.error ?? tree.error ?? link.error} />
      <div className={s.row}>
        <SelectField label={t`Kind of record`} value={group} onChange={(v) => { setGroup(v); setPlanId(''); pick(''); }} options={groups} />
        {group === PLAN_GROUP && (
          <>
            <SelectField label={t`Policy plan`} value={planId} onChange={(v) => { setPlanId(v); pick(''); }}
              options={(plans.data ?? []).map((p) => ({ id: p.id, label: t`${p.title} (${p.periodFrom}–${p.periodTo}, version ${p.version})` }))} />
            <SelectField label={t`Objective or action`} value={entry} onChange={pick}
              options={planId && tree.data ? entryOptions(tree.data.objectives, (o) => t`Objective ${o.code} ${o.title}`, (a) => t`Action ${a.code ?? ''} ${a.title}`) : []} />
          </>
        )}
        {group && group !== PLAN_GROUP && (
          <SelectField label={t`Record`} value={entry} onChange={pick}
            options={listed.map((x) => ({ id: x.id, label: x.date ? t`${x.title} (${f.date(x.date)})` : x.title }))} />
        )}
      </div>
      {records.data && groups.length === 0 && <p className={`${s.small} ${s.muted}`}><Trans>There is no record you may link to yet.</Trans></p>}
      <div className={s.row}>
        <Button isDisabled={!entry || link.isPending} onPress={() => link.mutate()}><Trans>Link to my score</Trans></Button>
        <Button variant="secondary" onPress={onDone}><Trans>Cancel</Trans></Button>
      </div>
    </div>
  );
}

/** The assessor's own files and links on a criterion while scoring: add a file, link a record of another module, remove either. */
export function ScoreEvidence({ orgId, measurementId, criterionId, criterionCode }: { orgId: string; measurementId: string; criterionId: string; criterionCode: string }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const q = useEvidence(orgId, measurementId);
  const [linking, setLinking] = useState(false);
  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(`${measurementUrl(orgId, measurementId)}/scores/${criterionId}/files`, file),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: evidenceKey(orgId, measurementId) }); },
  });
  const items = (q.data?.items ?? []).filter((e) => e.criterionId === criterionId);
  return (
    <div role="group" aria-label={t`Files and links for ${criterionCode}`}>
      <p className={s.small}><strong><Trans>Files and links</Trans></strong></p>
      <ErrorAlert error={q.error ?? upload.error} />
      {items.length === 0 && <p className={`${s.small} ${s.muted}`}><Trans>No files or links yet.</Trans></p>}
      <EvidenceItems orgId={orgId} measurementId={measurementId} items={items} label={t`Your files and links for ${criterionCode}`} />
      <div className={s.row}>
        <FileTrigger acceptedFileTypes={ACCEPTED} onSelect={(files) => { const file = files?.[0]; if (file) upload.mutate(file); }}>
          <Button variant="secondary" isDisabled={upload.isPending} aria-label={t`Attach a file to ${criterionCode}`}><Trans>Attach a file</Trans></Button>
        </FileTrigger>
        {!linking && <Button variant="secondary" onPress={() => setLinking(true)} data-testid="link-record" aria-label={t`Link a record to ${criterionCode}`}><Trans>Link a record</Trans></Button>}
      </div>
      <p className={`${s.small} ${s.muted}`}><Trans>PDF, Word, Excel, PNG, JPEG, text or CSV; at most 10 MB. What a file says about its author is removed.</Trans></p>
      {linking && <RecordLinkPicker orgId={orgId} measurementId={measurementId} criterionId={criterionId} onDone={() => setLinking(false)} />}
    </div>
  );
}

/** One assessor's files and links on a criterion, read-only (consolidation). */
export function AssessorEvidence({ orgId, measurementId, criterionId, assessorUserId, label }: { orgId: string; measurementId: string; criterionId: string; assessorUserId: string; label: string }) {
  const q = useEvidence(orgId, measurementId);
  const items = (q.data?.items ?? []).filter((e) => e.criterionId === criterionId && e.assessor.userId === assessorUserId);
  return <EvidenceItems orgId={orgId} measurementId={measurementId} items={items} label={label} />;
}

/** The reader's own files and links on a criterion, read-only (their score after the scoring closed). */
export function OwnEvidence({ orgId, measurementId, criterionId, criterionCode }: { orgId: string; measurementId: string; criterionId: string; criterionCode: string }) {
  const { t } = useLingui();
  const me = useMe();
  const q = useEvidence(orgId, measurementId);
  const items = (q.data?.items ?? []).filter((e) => e.criterionId === criterionId && e.assessor.userId === me.data?.id);
  return <EvidenceItems orgId={orgId} measurementId={measurementId} items={items} label={t`Your files and links for ${criterionCode}`} />;
}

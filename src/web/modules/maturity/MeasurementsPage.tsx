import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, buttonClass, Checkbox, DataTable, EmptyState, ErrorAlert, Field, layout, Loading, PageHeader, SelectField, useFormat } from '../../ui/components';
import { keys, maturityBase, useCandidates, useFrameworks, useMeasurements, type MeasurementDetail, type MeasurementKind } from './api';
import { StatusBadge, useMeasurementTitle } from './components';
import { inLocale, KIND_LABELS, KINDS } from './labels';
import s from './maturity.module.css';

/** /maturity — the organisation's maturity measurements (an assessor sees the ones naming them). */
export function MeasurementsPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const title = useMeasurementTitle();
  const q = useMeasurements(orgId);
  const items = q.data ?? [];
  const canCreate = has('integrity_officer');
  const create = canCreate && <Link className={buttonClass()} to={`/o/${orgId}/maturity/new`}><Trans>New measurement</Trans></Link>;
  return (
    <>
      <PageHeader title={t`Maturity measurements`} actions={<>{create}{has('integrity_officer', 'chief') && <Link className={buttonClass('secondary')} to={`/o/${orgId}/maturity/trend`}><Trans>Trend</Trans></Link>}</>}>
        <p><Trans>How mature the integrity policy is on the three pillars of the Integrity Management Framework: a baseline measurement, a measurement every year and a final one at the end of the plan. Several assessors score every criterion independently; the integrity officer consolidates and the chief of police approves.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : items.length === 0 ? (
        <EmptyState>
          <p>{canCreate ? <Trans>There is no measurement yet. Start with the baseline measurement.</Trans> : <Trans>There is no measurement for you.</Trans>}</p>
        </EmptyState>
      ) : (
        <DataTable
          label={t`Maturity measurements`}
          columns={[
            { id: 'title', name: t`Measurement`, isRowHeader: true },
            { id: 'framework', name: t`Framework` },
            { id: 'status', name: t`Status` },
            { id: 'progress', name: t`Progress` },
            { id: 'created', name: t`Started` },
          ]}
          rows={items}
          cells={(m) => [
            <Link key="t" to={`/o/${orgId}/maturity/${m.id}`}>{title(m)}</Link>,
            t`${inLocale(m.framework.title, i18n.locale)}, version ${m.framework.version}`,
            <StatusBadge key="s" status={m.status} />,
            m.status === 'scoring'
              ? (m.myScored !== null ? t`You scored ${m.myScored} of ${m.criterionCount} criteria` : t`${m.assessors.length} assessors`)
              : t`${m.agreedCount} of ${m.criterionCount} criteria agreed`,
            f.date(m.createdAt),
          ]}
        />
      )}
    </>
  );
}

/** /maturity/new — the integrity officer starts a measurement: kind, year, framework version and the assessors. */
export function NewMeasurementPage() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const candidates = useCandidates(orgId);
  const frameworks = useFrameworks();
  const [kind, setKind] = useState<MeasurementKind>('baseline');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [frameworkId, setFrameworkId] = useState('');
  const [assessors, setAssessors] = useState<string[]>([]);
  const published = (frameworks.data ?? []).filter((x) => x.status === 'published');
  const chosenFramework = frameworkId || published.find((x) => x.current)?.id || '';
  const save = useMutation({
    mutationFn: () => post<MeasurementDetail>(`${maturityBase(orgId)}/measurements`, {
      kind, year: Number(year), frameworkId: chosenFramework || undefined, assessorUserIds: assessors,
    }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: keys.all(orgId) });
      void navigate({ to: `/o/${orgId}/maturity/${m.id}` });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const toggle = (id: string, on: boolean) => setAssessors((a) => (on ? [...a, id] : a.filter((x) => x !== id)));
  return (
    <>
      <PageHeader title={t`New maturity measurement`}>
        <p><Link to={`/o/${orgId}/maturity`}><Trans>All measurements</Trans></Link></p>
      </PageHeader>
      <Form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <ErrorAlert error={save.error} />
        <div className={layout.grid2}>
          <SelectField label={t`Kind of measurement`} isRequired value={kind} onChange={(v) => setKind(v as MeasurementKind)}
            options={KINDS.map((k) => ({ id: k, label: i18n._(KIND_LABELS[k]) }))} error={err?.fieldMessage('kind')}
            description={t`The baseline before the plan starts, a yearly measurement, the final one at the end of the plan.`} />
          <Field label={t`Year`} type="number" inputMode="numeric" isRequired value={year} onChange={setYear} error={err?.fieldMessage('year')} />
        </div>
        <SelectField label={t`Framework version`} value={chosenFramework} onChange={setFrameworkId} error={err?.fieldMessage('frameworkId')}
          options={published.map((x) => ({ id: x.id, label: t`${inLocale(x.title, i18n.locale)}, version ${x.version} (${x.criterionCount} criteria)` }))}
          description={t`A measurement keeps the version it was started with, also when the inspectorate publishes a new one.`} />
        <ErrorAlert error={frameworks.error} />
        <fieldset className={s.criterion} aria-describedby="assessors-help">
          <legend><strong><Trans>Assessors</Trans></strong></legend>
          <p id="assessors-help" className={`${s.muted} ${s.small}`}>
            <Trans>People of the organisation with an account. Each scores every criterion independently; you may name yourself.</Trans>
          </p>
          <ErrorAlert error={candidates.error} />
          {candidates.isPending ? <Loading /> : (candidates.data ?? []).map((c) => (
            <Checkbox key={c.userId} isSelected={assessors.includes(c.userId)} onChange={(on) => toggle(c.userId, on)}>{c.displayName}</Checkbox>
          ))}
          {err?.fieldMessage('assessorUserIds') && <p className={s.small} role="alert">{err.fieldMessage('assessorUserIds')}</p>}
        </fieldset>
        <Button type="submit" isDisabled={save.isPending}><Trans>Start the measurement</Trans></Button>
      </Form>
    </>
  );
}

import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Form, Radio, RadioGroup } from 'react-aria-components';
import { ApiError, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { buttonClass, Button, DataTable, EmptyState, ErrorAlert, Field, layout, Loading, PageHeader, useFormat } from '../../ui/components';
import { keys, usePlans, useTemplates, type PlanTree, type TemplateKey } from './api';
import { PlanStatusBadge } from './components';
import { TEMPLATE_DESCRIPTIONS, TEMPLATE_LABELS } from './labels';
import s from './plan.module.css';

/** The organisation's plans: every version, newest first. */
export function PlansListPage() {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const q = usePlans(orgId);
  const canCreate = has('integrity_officer', 'chief');
  const create = canCreate && <Link className={buttonClass()} to={`/o/${orgId}/plans/new`}><Trans>Create a plan</Trans></Link>;
  const plans = q.data ?? [];
  return (
    <>
      <PageHeader title={t`Integrity policy plans`} actions={plans.length > 0 && create}>
        <p><Trans>The integrity policy plan in the model of the police inspectorate (AIG): objectives, actions, monitoring and evaluation.</Trans></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : plans.length === 0 ? (
        <EmptyState>
          <p><Trans>There is no integrity policy plan yet.</Trans></p>
          {canCreate ? create : <p><Trans>The integrity officer or the chief of police creates it.</Trans></p>}
        </EmptyState>
      ) : (
        <DataTable
          label={t`Integrity policy plans`}
          columns={[
            { id: 'title', name: t`Title`, isRowHeader: true },
            { id: 'period', name: t`Period` },
            { id: 'version', name: t`Version` },
            { id: 'status', name: t`Status` },
            { id: 'updated', name: t`Last changed` },
          ]}
          rows={plans}
          cells={(p) => [
            <Link key="t" to={`/o/${orgId}/plans/${p.id}`}>{p.title}</Link>,
            `${p.periodFrom}–${p.periodTo}`,
            t`Version ${p.version}`,
            <PlanStatusBadge key="s" status={p.status} />,
            f.date(p.updatedAt),
          ]}
        />
      )}
    </>
  );
}

export function CreatePlanPage() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const templates = useTemplates();
  const year = new Date().getFullYear();
  const [title, setTitle] = useState(t`Integrity policy plan ${year}–${year + 3}`);
  const [from, setFrom] = useState(String(year));
  const [to, setTo] = useState(String(year + 3));
  const [templateKey, setTemplateKey] = useState<TemplateKey>('model');
  const save = useMutation({
    mutationFn: () => post<PlanTree>(`/api/orgs/${orgId}/plans`, { title, periodFrom: Number(from), periodTo: Number(to), templateKey }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: keys.plans(orgId) });
      void navigate({ to: `/o/${orgId}/plans/${p.plan.id}` });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const counts = new Map((templates.data ?? []).map((x) => [x.key, x]));
  const order: TemplateKey[] = ['empty', 'model', 'federal', 'elsene', 'schoten', 'carma'];
  return (
    <>
      <PageHeader title={t`Create a plan`} />
      <p><Link to={`/o/${orgId}/plans`}><Trans>Back to the plans</Trans></Link></p>
      <Form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <ErrorAlert error={save.error} />
        <Field label={t`Title`} value={title} onChange={setTitle} isRequired maxLength={300} error={err?.fieldMessage('title')} />
        <div className={layout.grid2}>
          <Field label={t`From (year)`} type="number" inputMode="numeric" value={from} onChange={setFrom} isRequired error={err?.fieldMessage('periodFrom')} />
          <Field label={t`To (year)`} type="number" inputMode="numeric" value={to} onChange={setTo} isRequired error={err?.fieldMessage('periodTo')}
            description={t`At most ten years after the first.`} />
        </div>
        <h2 id="plan-start"><Trans>Starting point</Trans></h2>
        <RadioGroup value={templateKey} onChange={(v) => setTemplateKey(v as TemplateKey)} aria-labelledby="plan-start">
          {templates.isPending && <Loading />}
          <ErrorAlert error={templates.error} />
          <div className={s.templates}>
            {order.map((key) => {
              const c = counts.get(key);
              return (
                <Radio key={key} value={key} className={s.template}>
                  <span className={s.radio} aria-hidden="true" />
                  <span>
                    <strong>{i18n._(TEMPLATE_LABELS[key])}</strong>
                    <span className={`${s.small} ${s.muted}`}>{i18n._(TEMPLATE_DESCRIPTIONS[key])}</span>
                    {c && key !== 'empty' && (
                      <span className={`${s.small}`} style={{ display: 'block' }}>
                        {t`${c.strategicObjectives} strategic objectives, ${c.operationalObjectives} operational objectives, ${c.actions} actions, ${c.values} values, ${c.actors} actors`}
                      </span>
                    )}
                  </span>
                </Radio>
              );
            })}
          </div>
        </RadioGroup>
        <p className={s.muted} style={{ marginTop: 'var(--space-4)' }}><Trans>The plan starts as a draft: you can change every text, objective and action before you submit it.</Trans></p>
        <Button type="submit" isDisabled={save.isPending}><Trans>Create the plan</Trans></Button>
      </Form>
    </>
  );
}

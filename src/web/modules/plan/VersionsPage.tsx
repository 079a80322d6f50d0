import { Fragment, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { get } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, DataTable, ErrorAlert, layout, Loading, SelectField, useFormat } from '../../ui/components';
import { keys, planBase, useVersions, type Diff, type PlanTree } from './api';
import { PlanStatusBadge } from './components';
import { FIELD_LABELS, SECTION_FIELD_LABELS } from './labels';
import { PlanFrame } from './PlanFrame';
import { sortByCode } from '../../../shared/natural-sort';
import s from './plan.module.css';

/** Objectives and actions of a comparison in the natural order of their codes (an action without one: its objective's). */
const byCode = <T extends { code: string | null; parentCode: string | null }>(xs: T[]) => sortByCode(xs, (x) => x.code ?? x.parentCode);

/** A value of a section or field as readable text (lists one per line, pairs as "name — role"). */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(show).join('\n');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('name' in o) return [o.name, o.role ?? o.description].filter(Boolean).join(' — ');
    return Object.entries(o).map(([, x]) => show(x)).filter((x) => x !== '—').join('\n') || '—';
  }
  return String(v);
}

function BeforeAfter({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useLingui();
  return (
    <div className={s.diffGrid}>
      <div className={s.removed}><span className="visually-hidden">{t`Before:`} </span>{show(before)}</div>
      <div className={s.added}><span className="visually-hidden">{t`After:`} </span>{show(after)}</div>
    </div>
  );
}

function DiffView({ diff }: { diff: Diff }) {
  const { t, i18n } = useLingui();
  const label = (f: string) => (FIELD_LABELS[f] ? i18n._(FIELD_LABELS[f]) : f);
  const name = (x: { code: string | null; title: string }) => [x.code, x.title].filter(Boolean).join(' ');
  const nothing = diff.plan.length + diff.sections.length + diff.objectives.added.length + diff.objectives.removed.length + diff.objectives.changed.length
    + diff.actions.added.length + diff.actions.removed.length + diff.actions.changed.length === 0;
  const Group = ({ title, d }: { title: string; d: Diff['objectives'] }) => (
    <section aria-label={title}>
      <h3>{title}</h3>
      {d.added.length + d.removed.length + d.changed.length === 0 ? <p className={s.muted}><Trans>No differences.</Trans></p> : (
        <>
          {d.added.length > 0 && <><h4><Trans>Added</Trans></h4><ul className={s.list}>{byCode(d.added).map((x) => <li key={x.key}><span aria-hidden="true">+ </span>{name(x)}</li>)}</ul></>}
          {d.removed.length > 0 && <><h4><Trans>Removed</Trans></h4><ul className={s.list}>{byCode(d.removed).map((x) => <li key={x.key}><span aria-hidden="true">− </span>{name(x)}</li>)}</ul></>}
          {d.changed.length > 0 && <><h4><Trans>Changed</Trans></h4>
            {byCode(d.changed).map((x) => (
              <div key={x.key} className={s.section} style={{ marginTop: 'var(--space-3)', paddingTop: 'var(--space-2)' }}>
                <p><strong>{name(x)}</strong></p>
                {x.changes.map((c) => <Fragment key={c.field}><p className={s.small}>{label(c.field)}</p><BeforeAfter before={c.before} after={c.after} /></Fragment>)}
              </div>
            ))}
          </>}
        </>
      )}
    </section>
  );
  return (
    <section aria-labelledby="diff-h">
      <h2 id="diff-h">{t`Differences between version ${diff.from.version} and version ${diff.to.version}`}</h2>
      <div className={s.diffGrid} aria-hidden="true" style={{ marginBottom: 'var(--space-3)' }}>
        <div><strong>{t`Version ${diff.from.version}`}</strong></div>
        <div><strong>{t`Version ${diff.to.version}`}</strong></div>
      </div>
      {nothing && <p><Trans>The two versions are the same.</Trans></p>}
      {diff.plan.length > 0 && <section aria-label={t`Plan`}><h3><Trans>Plan</Trans></h3>
        {diff.plan.map((c) => <Fragment key={c.field}><p className={s.small}>{label(c.field)}</p><BeforeAfter before={c.before} after={c.after} /></Fragment>)}
      </section>}
      {diff.sections.length > 0 && <section aria-label={t`Section texts`}><h3><Trans>Section texts</Trans></h3>
        {diff.sections.map((c) => <Fragment key={c.section}><p className={s.small}>{SECTION_FIELD_LABELS[c.section] ? i18n._(SECTION_FIELD_LABELS[c.section]) : c.section}</p><BeforeAfter before={c.before} after={c.after} /></Fragment>)}
      </section>}
      <Group title={t`Objectives`} d={diff.objectives} />
      <Group title={t`Actions`} d={diff.actions} />
    </section>
  );
}

function VersionsBody({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { with?: string };
  const versions = useVersions(orgId, data.plan.id);
  const others = (versions.data ?? []).filter((v) => v.id !== data.plan.id);
  const [other, setOther] = useState(search.with ?? '');
  const compareWith = search.with;
  const diff = useQuery({
    queryKey: [...keys.plan(orgId, data.plan.id), 'compare', compareWith],
    queryFn: () => get<Diff>(`${planBase(orgId, data.plan.id)}/compare?with=${compareWith}`),
    enabled: !!compareWith,
  });
  const base = `/o/${orgId}/plans`;
  return (
    <>
      <ErrorAlert error={versions.error} />
      {versions.isPending ? <Loading /> : (
        <DataTable
          label={t`Versions`}
          columns={[{ id: 'version', name: t`Version`, isRowHeader: true }, { id: 'title', name: t`Title` }, { id: 'status', name: t`Status` }, { id: 'approved', name: t`Approved on` }, { id: 'updated', name: t`Last changed` }]}
          rows={versions.data ?? []}
          cells={(v) => [
            v.id === data.plan.id ? t`Version ${v.version} (this one)` : <Link key="v" to={`${base}/${v.id}`}>{t`Version ${v.version}`}</Link>,
            v.title, <PlanStatusBadge key="s" status={v.status} />, f.date(v.approvedAt), f.date(v.updatedAt),
          ]}
        />
      )}
      {others.length > 0 ? (
        <form className={layout.filters} onSubmit={(e) => { e.preventDefault(); if (other) void navigate({ to: `${base}/${data.plan.id}/versions`, search: { with: other } }); }}>
          <SelectField label={t`Compare version ${data.plan.version} with`} value={other} onChange={setOther}
            options={others.map((v) => ({ id: v.id, label: t`Version ${v.version}` }))} />
          <div style={{ marginBottom: 'var(--space-4)' }}><Button type="submit" isDisabled={!other}><Trans>Compare</Trans></Button></div>
        </form>
      ) : !versions.isPending && <p className={s.muted}><Trans>There is only one version of this plan.</Trans></p>}
      <ErrorAlert error={diff.error} />
      {compareWith && diff.isPending && <Loading />}
      {diff.data && <DiffView diff={diff.data} />}
    </>
  );
}

export function PlanVersionsPage() {
  return <PlanFrame tab="versions">{(data) => <VersionsBody data={data} />}</PlanFrame>;
}

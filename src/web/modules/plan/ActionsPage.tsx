import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { unitTree, useUnits } from '../admin/UnitsPage';
import { useOrg } from '../../app/context';
import { Button, EmptyState, ErrorAlert, layout, Loading, Notice, SelectField, useFormat } from '../../ui/components';
import { usePlan, type ActionFilters, type ActionStatus, type ActionView, type ImfFunction, type ObjectiveNode, type PlanTree } from './api';
import { ActionDialog, ownerLine } from './ActionDialog';
import { ActionStatusBadge, Counts, Progress } from './components';
import { ObjectiveDialog } from './ObjectiveDialog';
import { RenumberButton } from './RenumberDialog';
import { ACTION_STATUS_LABELS, IMF_FUNCTIONS, IMF_LABELS } from './labels';
import { PlanFrame } from './PlanFrame';
import { filtersOf, validateActionSearch, type ActionSearch } from './action-search';
import s from './plan.module.css';

const STATUSES: ActionStatus[] = ['planned', 'in_progress', 'late', 'done', 'stopped'];
const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);

/** Filters of the tree and the timeline: owner, unit, status (incl. late), IMF function, year. */
export function ActionFiltersForm({ data, filters, onChange }: { data: PlanTree; filters: ActionFilters; onChange: (f: ActionFilters) => void }) {
  const { t, i18n } = useLingui();
  const { orgId, has } = useOrg();
  // Every unit of the organisation, in tree order, for those who may read the units (the same
  // roles as GET /units); a staff member gets the units used in the plan only.
  const orgUnits = useUnits(orgId, has('administrator', 'chief', 'integrity_officer', 'head_of_service'));
  const all = data.objectives.flatMap((sd) => [...sd.actions, ...sd.children.flatMap((od) => od.actions)]);
  const owners = new Map<string, string>();
  const units = new Map<string, string>();
  for (const a of all) {
    // A staff member is filtered by their person id (with or without an account), an account owner by the account.
    if (a.ownerPerson) owners.set(a.ownerPerson.id, a.ownerPerson.displayName);
    else if (a.owner) owners.set(a.owner.id, a.owner.displayName);
    if (a.ownerUnit) units.set(a.ownerUnit.id, a.ownerUnit.name);
  }
  const years = Array.from({ length: data.plan.periodTo - data.plan.periodFrom + 1 }, (_x, i) => data.plan.periodFrom + i);
  const sorted = (m: Map<string, string>) => [...m].sort((a, b) => a[1].localeCompare(b[1])).map(([id, label]) => ({ id, label }));
  const inTree = unitTree(orgUnits.data ?? []);
  const known = new Set(inTree.map((x) => x.unit.id));
  const unitOptions = [
    ...inTree.map((x) => ({ id: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` })),
    ...sorted(new Map([...units].filter(([id]) => !known.has(id)))),
  ];
  return (
    <div role="search" aria-label={t`Filter the actions`} data-print="hide">
      <div className={layout.filters}>
        <SelectField label={t`Owner`} value={filters.owner ?? ''} onChange={(v) => onChange({ ...filters, owner: v || undefined })}
          options={[{ id: '', label: t`All owners` }, ...sorted(owners)]} />
        <SelectField label={t`Unit`} value={filters.unit ?? ''} onChange={(v) => onChange({ ...filters, unit: v || undefined })}
          options={[{ id: '', label: t`All units` }, ...unitOptions]} />
        <SelectField label={t`Status`} value={filters.status ?? ''} onChange={(v) => onChange({ ...filters, status: (v || undefined) as ActionStatus | undefined })}
          options={[{ id: '', label: t`All statuses` }, ...STATUSES.map((st) => ({ id: st, label: cap(i18n._(ACTION_STATUS_LABELS[st])) }))]} />
        <SelectField label={t`IMF function`} value={filters.imfFunction ?? ''} onChange={(v) => onChange({ ...filters, imfFunction: (v || undefined) as ImfFunction | undefined })}
          options={[{ id: '', label: t`All functions` }, ...IMF_FUNCTIONS.map((fn) => ({ id: fn, label: cap(i18n._(IMF_LABELS[fn])) }))]} />
        <SelectField label={t`Year`} value={filters.year ? String(filters.year) : ''} onChange={(v) => onChange({ ...filters, year: v ? Number(v) : undefined })}
          options={[{ id: '', label: t`All years` }, ...years.map((y) => ({ id: String(y), label: String(y) }))]} />
      </div>
      {Object.values(filters).some((v) => v !== undefined) && <Button variant="quiet" onPress={() => onChange({})}><Trans>Clear the filters</Trans></Button>}
    </div>
  );
}

function ActionItem({ a, onOpen }: { a: ActionView; onOpen: () => void }) {
  const { t } = useLingui();
  const f = useFormat();
  const owner = ownerLine(a);
  return (
    <li className={s.action}>
      <span className={s.actionTitle}>
        {a.code && <span>{a.code} </span>}
        <Button variant="quiet" className={s.linkButton} onPress={onOpen}>{a.title}</Button>
      </span>
      <ActionStatusBadge status={a.status} />
      <span className={s.actionMeta}>
        <Progress value={a.progress} />
        <span>{t`Owner`}: {owner || '—'}</span>
        {(a.startDate || a.dueDate) && <span>{f.date(a.startDate)} – {f.date(a.dueDate)}</span>}
        {a.timingLabel && <span>{a.timingLabel}</span>}
        {a.evidenceCount > 0 && <span>{t`${a.evidenceCount} evidence files`}</span>}
      </span>
    </li>
  );
}

function WithoutAction() {
  return <span className={s.flag}><span aria-hidden="true">⚠</span><Trans>Objective without action</Trans></span>;
}

/** The page's search (filters, open action) and a setter that writes it to the URL. */
export function useActionSearch(path: string): [ActionSearch, (next: ActionSearch) => void] {
  const search = useSearch({ strict: false }) as ActionSearch;
  const navigate = useNavigate();
  return [search, (next) => void navigate({ to: path, search: validateActionSearch(next as Record<string, unknown>) })];
}

function TreeBody({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const [search, setSearch] = useActionSearch(`/o/${orgId}/plans/${data.plan.id}/actions`);
  const filters = filtersOf(search);
  const [objDialog, setObjDialog] = useState<{ parent: ObjectiveNode | null; objective: ObjectiveNode | null } | null>(null);
  // A new action is local state; an existing one is in the URL, so a mail or a bookmark opens it.
  const [newActionOf, setNewActionOf] = useState<string | null>(null);
  // What was just added or renumbered, announced (the dialog closed, focus went back to its button).
  const [done, setDone] = useState('');
  const filtered = usePlan(orgId, data.plan.id, filters);
  const view = filtered.data ?? data;
  const can = data.permissions.edit;
  const filtering = Object.values(filters).some((v) => v !== undefined);
  const c = view.counts;
  const findAction = (id: string | undefined) => {
    if (!id) return null;
    for (const tree of [view, data]) for (const sd of tree.objectives) for (const o of [sd, ...sd.children]) { const a = o.actions.find((x) => x.id === id); if (a) return a; }
    return null;
  };
  const openAction = findAction(search.action);
  const openActionDialog = (id: string) => setSearch({ ...search, action: id });
  const closeActionDialog = () => { setNewActionOf(null); if (search.action) setSearch({ ...search, action: undefined }); };
  return (
    <>
      <Counts items={[
        { label: t`Strategic objectives`, value: c.strategicObjectives },
        { label: t`Operational objectives`, value: c.operationalObjectives },
        { label: t`Actions`, value: c.actions },
        { label: t`Late`, value: c.lateActions },
        { label: t`Objectives without action`, value: c.objectivesWithoutAction },
        { label: t`Done`, value: c.byStatus.done },
      ]} />
      <ActionFiltersForm data={data} filters={filters} onChange={(f) => setSearch(f)} />
      <ErrorAlert error={filtered.error} />
      <p role="status" className={s.muted}>{filtering && filtered.data ? t`${filtered.data.counts.shownActions} of ${c.actions} actions match the filters.` : ''}</p>
      {can && (
        <p data-print="hide" className={layout.actions}>
          <Button variant="secondary" onPress={() => { setDone(''); setObjDialog({ parent: null, objective: null }); }}><Trans>Add a strategic objective</Trans></Button>
          <RenumberButton data={data} onDone={setDone} />
        </p>
      )}
      <div role="status" aria-live="polite" data-print="hide">{done && <Notice kind="success">{done}</Notice>}</div>
      {filtered.isFetching && !filtered.data && <Loading />}
      {view.objectives.length === 0 ? <EmptyState><Trans>This plan has no objectives yet.</Trans></EmptyState> : (
        <ul className={s.tree} aria-label={t`Strategic objectives`}>
          {view.objectives.map((sd) => (
            <li key={sd.id} className={s.sd}>
              <div className={s.sdHead}>
                <h3>{sd.code} {sd.title}</h3>
                <span className={layout.actions}>
                  {sd.withoutAction && sd.children.length === 0 && <WithoutAction />}
                  {can && <Button variant="quiet" onPress={() => setObjDialog({ parent: null, objective: sd })} aria-label={t`Edit ${sd.code} ${sd.title}`}><Trans>Edit</Trans></Button>}
                  {can && <Button variant="quiet" onPress={() => { setDone(''); setObjDialog({ parent: sd, objective: null }); }} aria-label={t`Add an operational objective to ${sd.code}`}><Trans>Add an operational objective</Trans></Button>}
                </span>
              </div>
              {ownerLine(sd) && <p className={`${s.small} ${s.muted}`} style={{ padding: '0 var(--space-4)' }}>{t`Owner`}: {ownerLine(sd)}</p>}
              {sd.actions.length > 0 && <ul className={s.actions} style={{ padding: '0 var(--space-4)' }}>{sd.actions.map((a) => <ActionItem key={a.id} a={a} onOpen={() => openActionDialog(a.id)} />)}</ul>}
              <ul className={s.ods}>
                {sd.children.map((od) => (
                  <li key={od.id} className={s.od}>
                    <div className={s.odHead}>
                      <h4>{od.code} {od.title}</h4>
                      <span className={layout.actions}>
                        {od.withoutAction && <WithoutAction />}
                        {can && <Button variant="quiet" onPress={() => setObjDialog({ parent: sd, objective: od })} aria-label={t`Edit ${od.code} ${od.title}`}><Trans>Edit</Trans></Button>}
                        {can && <Button variant="quiet" onPress={() => { setDone(''); setNewActionOf(od.id); }} aria-label={t`Add an action to ${od.code}`}><Trans>Add an action</Trans></Button>}
                      </span>
                    </div>
                    {(ownerLine(od) || od.coActors.length > 0) && (
                      <p className={`${s.small} ${s.muted}`}>
                        {t`Owner`}: {ownerLine(od) || '—'}
                        {od.coActors.length > 0 && <> · {t`Co-actors`}: {od.coActors.join(', ')}</>}
                      </p>
                    )}
                    {od.actions.length > 0 ? (
                      <ul className={s.actions}>{od.actions.map((a) => <ActionItem key={a.id} a={a} onOpen={() => openActionDialog(a.id)} />)}</ul>
                    ) : filtering && od.actionCount > 0 ? <p className={`${s.small} ${s.muted}`}><Trans>No action of this objective matches the filters.</Trans></p> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {objDialog && <ObjectiveDialog planId={data.plan.id} parent={objDialog.parent} objective={objDialog.objective} onClose={() => setObjDialog(null)} onAdded={setDone} />}
      {newActionOf !== null ? (
        <ActionDialog planId={data.plan.id} objectiveId={newActionOf} action={null} canEdit={can} onClose={closeActionDialog} onAdded={setDone} />
      ) : openAction && (
        <ActionDialog key={openAction.id} planId={data.plan.id} objectiveId={openAction.objectiveId} action={openAction} canEdit={can} onClose={closeActionDialog} />
      )}
    </>
  );
}

export function PlanActionsPage() {
  return <PlanFrame tab="actions">{(data) => <TreeBody data={data} />}</PlanFrame>;
}

export { cap };

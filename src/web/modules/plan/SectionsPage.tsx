import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, patch, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, DialogActions, EmptyState, Field, layout, ModalDialog, Notice, SelectField, useFormat } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { keys, planBase, type IndicatorView, type ObjectiveNode, type PlanSections, type PlanTree } from './api';
import { Counts, LinesField, PairsEditor, type Pair } from './components';
import { Guidance } from './Guidance';
import { IndicatorDialog } from './IndicatorDialog';
import type { GuidedField } from '../../../server/modules/plan/templates/guidance';
import { IMF_FUNCTIONS, IMF_LABELS, SECTION_HEADINGS } from './labels';
import { PlanFrame } from './PlanFrame';
import s from './plan.module.css';

type SectionKey = 'identification' | 'ambition' | 'actors' | 'monitoring' | 'evaluationPlanning' | 'communication';

function Section({ id, title, canEdit, onEdit, children }: { id: string; title: string; canEdit: boolean; onEdit: () => void; children: ReactNode }) {
  const { t } = useLingui();
  return (
    <section className={s.section} aria-labelledby={`sec-${id}`}>
      <div className={s.sectionHead}>
        <h2 id={`sec-${id}`}>{title}</h2>
        {canEdit && <Button variant="secondary" onPress={onEdit} aria-label={t`Edit ${title}`} data-print="hide"><Trans>Edit</Trans></Button>}
      </div>
      {children}
    </section>
  );
}

function Prose({ text }: { text: string }) {
  return text.trim() ? <p className={s.prose}>{text}</p> : <p className={s.muted}><Trans>Not filled in yet.</Trans></p>;
}

function Items({ items }: { items: string[] }) {
  return items.length ? <ul className={s.list}>{items.map((x, i) => <li key={i}>{x}</li>)}</ul> : <p className={s.muted}><Trans>None yet.</Trans></p>;
}

const toPairs = (xs: { name: string; role?: string; description?: string }[]): Pair[] => xs.map((x) => ({ a: x.name, b: x.role ?? x.description ?? '' }));

/** The dialog that edits one group of section texts; only the given sections are sent. */
function SectionDialog({ data, which, onClose }: { data: PlanTree; which: SectionKey; onClose: () => void }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const plan = data.plan;
  const sec = plan.sections;
  const [title, setTitle] = useState(plan.title);
  const [from, setFrom] = useState(String(plan.periodFrom));
  const [to, setTo] = useState(String(plan.periodTo));
  const [entity, setEntity] = useState(sec.identification.entityName);
  const [responsible, setResponsible] = useState(toPairs(sec.identification.responsible));
  const [ambition, setAmbition] = useState(sec.ambition);
  const [values, setValues] = useState(toPairs(sec.values));
  const [needs, setNeeds] = useState(sec.needs);
  const [vulnerable, setVulnerable] = useState(sec.vulnerableProcesses);
  const [themes, setThemes] = useState(sec.priorityThemes);
  const [actors, setActors] = useState(toPairs(sec.actors));
  const [text, setText] = useState(which === 'monitoring' || which === 'evaluationPlanning' || which === 'communication' ? sec[which] : '');
  const clean = (ps: Pair[]) => ps.filter((p) => p.a.trim());
  // Whether a field held text when the dialog opened: typing does not make the guidance jump away.
  const saved = {
    identification: sec.identification.responsible.length > 0, ambition: sec.ambition.trim() !== '', values: sec.values.length > 0,
    needs: sec.needs.length > 0, vulnerableProcesses: sec.vulnerableProcesses.length > 0, actors: sec.actors.length > 0,
    monitoring: sec.monitoring.trim() !== '', evaluationPlanning: sec.evaluationPlanning.trim() !== '', communication: sec.communication.trim() !== '',
  };
  const save = useMutation({
    // The plan's revision as loaded; after a conflict, the one the person chose to save over.
    mutationFn: (rev: number | undefined = plan.revision) => {
      let body: Record<string, unknown>;
      if (which === 'identification') {
        body = { title, periodFrom: Number(from), periodTo: Number(to), sections: { identification: { entityName: entity, responsible: clean(responsible).map((p) => ({ name: p.a.trim(), role: p.b })) } } };
      } else if (which === 'ambition') {
        body = { sections: { ambition, values: clean(values).map((p) => ({ name: p.a.trim(), description: p.b })), needs, vulnerableProcesses: vulnerable, priorityThemes: themes } };
      } else if (which === 'actors') {
        body = { sections: { actors: clean(actors).map((p) => ({ name: p.a.trim(), role: p.b })) } };
      } else {
        body = { sections: { [which]: text } };
      }
      return patch<PlanTree>(planBase(orgId, plan.id), body, { revision: rev });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.plan(orgId, plan.id) });
      void qc.invalidateQueries({ queryKey: keys.plans(orgId) });
      onClose();
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const heading = {
    identification: SECTION_HEADINGS.identification, ambition: SECTION_HEADINGS.ambition, actors: SECTION_HEADINGS.actors,
    monitoring: SECTION_HEADINGS.monitoring, evaluationPlanning: SECTION_HEADINGS.evaluation, communication: SECTION_HEADINGS.communication,
  }[which];
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={i18n._(heading)}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
          <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
            onTakeTheirs={() => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, plan.id) }); close(); }} />
          {which === 'identification' && <>
            <Guidance field="identification" filled={saved.identification} />
            <Field label={t`Title`} value={title} onChange={setTitle} isRequired maxLength={300} error={err?.fieldMessage('title')} autoFocus />
            <div className={layout.grid2}>
              <Field label={t`From (year)`} type="number" value={from} onChange={setFrom} isRequired error={err?.fieldMessage('periodFrom')} />
              <Field label={t`To (year)`} type="number" value={to} onChange={setTo} isRequired error={err?.fieldMessage('periodTo')} />
            </div>
            <Field label={t`Entity`} value={entity} onChange={setEntity} maxLength={300} error={err?.fieldMessage('sections.identification')} />
            <PairsEditor legend={t`Responsible persons`} labelA={t`Name`} labelB={t`Role`} rows={responsible} onChange={setResponsible} addLabel={t`Add a responsible person`} />
          </>}
          {which === 'ambition' && <>
            <Guidance field="ambition" filled={saved.ambition} />
            <Field label={t`Ambition and vision`} multiline value={ambition} onChange={setAmbition} maxLength={50_000} error={err?.fieldMessage('sections.ambition')} autoFocus />
            <Guidance field="values" filled={saved.values} />
            <PairsEditor legend={t`Values`} labelA={t`Value`} labelB={t`Description`} rows={values} onChange={setValues} addLabel={t`Add a value`} multilineB />
            <Guidance field="needs" filled={saved.needs} />
            <LinesField label={t`Needs`} value={needs} onChange={setNeeds} error={err?.fieldMessage('sections.needs')} />
            <Guidance field="vulnerableProcesses" filled={saved.vulnerableProcesses} />
            <LinesField label={t`Vulnerable processes and functions`} value={vulnerable} onChange={setVulnerable} error={err?.fieldMessage('sections.vulnerableProcesses')} />
            <LinesField label={t`Priority themes`} value={themes} onChange={setThemes} error={err?.fieldMessage('sections.priorityThemes')} />
          </>}
          {which === 'actors' && <Guidance field="actors" filled={saved.actors} />}
          {which === 'actors' && <PairsEditor legend={t`Actors`} labelA={t`Actor`} labelB={t`Role and responsibilities`} rows={actors} onChange={setActors} addLabel={t`Add an actor`} multilineB />}
          {(which === 'monitoring' || which === 'evaluationPlanning' || which === 'communication') && <Guidance field={which} filled={saved[which]} />}
          {(which === 'monitoring' || which === 'evaluationPlanning' || which === 'communication') && (
            <Field label={i18n._(heading)} multiline value={text} onChange={setText} maxLength={50_000} error={err?.fieldMessage(`sections.${which}`)} autoFocus />
          )}
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={save.isPending}><Trans>Save</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

function MeasurementDialog({ planId, indicator, years, onClose }: { planId: string; indicator: IndicatorView; years: number[]; onClose: () => void }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const [year, setYear] = useState(String(Math.min(Math.max(new Date().getFullYear(), years[0]), years[years.length - 1])));
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const save = useMutation({
    // A year without a measurement is revision 0: two people recording it at once cannot both win.
    mutationFn: (rev: number | undefined = indicator.measurements.find((m) => m.year === Number(year))?.revision ?? 0) =>
      put(`${planBase(orgId, planId)}/indicators/${indicator.id}/measurements/${Number(year)}`, { value: Number(value.replace(',', '.')), note: note || null }, { revision: rev }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); onClose(); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={t`Record a measurement: ${indicator.name}`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
          <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
            revisionOf={(c) => (c as IndicatorView).measurements.find((m) => m.year === Number(year))?.revision ?? 0}
            onTakeTheirs={() => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); close(); }} />
          <div className={layout.grid2}>
            <Field label={t`Year`} type="number" value={year} onChange={setYear} isRequired error={err?.fieldMessage('year')} autoFocus />
            <Field label={t`Value`} inputMode="numeric" value={value} onChange={setValue} isRequired error={err?.fieldMessage('value')} />
          </div>
          <Field label={t`Note`} value={note} onChange={setNote} maxLength={2000} error={err?.fieldMessage('note')} />
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={save.isPending}><Trans>Save</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

/** Indicators per operational objective: baseline, target and one column per year of the period. */
function Indicators({ data }: { data: PlanTree }) {
  const { t } = useLingui();
  const f = useFormat();
  const [adding, setAdding] = useState<ObjectiveNode | null>(null);
  const [addTo, setAddTo] = useState('');
  const [editing, setEditing] = useState<IndicatorView | null>(null);
  const [measuring, setMeasuring] = useState<IndicatorView | null>(null);
  const plan = data.plan;
  const years = Array.from({ length: plan.periodTo - plan.periodFrom + 1 }, (_x, i) => plan.periodFrom + i);
  const canMeasure = data.permissions.measure;
  const ods = data.objectives.flatMap((sd) => [sd, ...sd.children]);
  const withIndicators = ods.filter((o) => o.indicators.length > 0);
  // An action's indicators sit with its objective: their row names the action.
  const actionName = new Map(ods.flatMap((o) => o.actions).map((a) => [a.id, a.code || a.title.slice(0, 60)]));
  const n = (v: number | null) => (v === null ? '—' : f.number(v));
  return (
    <>
      <h3><Trans>Indicators</Trans></h3>
      {withIndicators.length === 0 && <p className={s.muted}><Trans>No indicators yet.</Trans></p>}
      {withIndicators.map((o) => (
        <div key={o.id} className={s.scroll} tabIndex={0} role="region" aria-label={`${o.code} ${o.title}`}>
          <table className={s.gantt}>
            <caption>{o.code} {o.title}</caption>
            <thead>
              <tr>
                <th scope="col"><Trans>Indicator</Trans></th>
                <th scope="col"><Trans>Baseline</Trans></th>
                <th scope="col"><Trans>Target</Trans></th>
                {years.map((y) => <th scope="col" key={y}>{y}</th>)}
                {(canMeasure || data.permissions.edit) && <th scope="col"><span className="visually-hidden"><Trans>Actions</Trans></span></th>}
              </tr>
            </thead>
            <tbody>
              {o.indicators.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.name}{i.unit ? ` (${i.unit})` : ''}{i.actionId && <span className={`${s.small} ${s.muted}`}> — {t`action ${actionName.get(i.actionId) ?? ''}`}</span>}</th>
                  <td>{n(i.baseline)}</td>
                  <td>{n(i.target)}</td>
                  {years.map((y) => <td key={y}>{n(i.measurements.find((m) => m.year === y)?.value ?? null)}</td>)}
                  {(canMeasure || data.permissions.edit) && (
                    <td data-print="hide">
                      {canMeasure && <Button variant="quiet" onPress={() => setMeasuring(i)} aria-label={t`Record a measurement: ${i.name}`}><Trans>Measure</Trans></Button>}
                      {data.permissions.edit && <Button variant="quiet" onPress={() => setEditing(i)} aria-label={t`Edit indicator ${i.name}`}><Trans>Edit</Trans></Button>}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {data.permissions.edit && ods.length > 0 && (
        // Indicators are also added in the objective's and the action's own dialogs (Objectives and actions tab).
        <div data-print="hide" className={layout.filters}>
          <SelectField label={t`Objective of the new indicator`} value={addTo} onChange={setAddTo}
            options={ods.map((o) => ({ id: o.id, label: `${o.code} ${o.title.slice(0, 80)}` }))} />
          <div><Button variant="secondary" onPress={() => { const o = ods.find((x) => x.id === addTo); if (o) setAdding(o); }} isDisabled={!addTo}><Trans>Add an indicator</Trans></Button></div>
        </div>
      )}
      {adding && <IndicatorDialog planId={plan.id} target={{ objectiveId: adding.id }} onClose={() => setAdding(null)} />}
      {editing && <IndicatorDialog planId={plan.id} indicator={editing} onClose={() => setEditing(null)} />}
      {measuring && <MeasurementDialog planId={plan.id} indicator={measuring} years={years} onClose={() => setMeasuring(null)} />}
    </>
  );
}

/**
 * The plan's confidential notes: only the integrity officer and the chief see them (the server
 * sends null to anyone else and refuses their changes), never in an export, never to oversight.
 * Unlike the sections they stay editable after approval, until the version is superseded.
 */
function ConfidentialNotes({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const plan = data.plan;
  const [text, setText] = useState(plan.confidentialNotes ?? '');
  const [saved, setSaved] = useState(false);
  const editable = plan.status !== 'superseded';
  const save = useMutation({
    mutationFn: (rev: number | undefined = plan.revision) => patch<PlanTree>(planBase(orgId, plan.id), { confidentialNotes: text.trim() === '' ? null : text }, { revision: rev }),
    onSuccess: () => { setSaved(true); void qc.invalidateQueries({ queryKey: keys.plan(orgId, plan.id) }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  return (
    <section aria-labelledby="notes-h" className={s.section} data-print="hide">
      <h2 id="notes-h"><Trans>Confidential notes</Trans></h2>
      <Notice kind="warning"><Trans>Confidential: seen only by the integrity officer and the chief of police. Not exported and not shown to oversight.</Trans></Notice>
      {editable ? (
        <Form onSubmit={(e) => { e.preventDefault(); setSaved(false); save.mutate(undefined); }}>
          <SaveError error={err?.field === 'confidentialNotes' ? null : save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
            rows={[{ label: t`Confidential notes`, mine: text, theirs: (err?.current as PlanTree | undefined)?.plan.confidentialNotes ?? '' }]}
            onTakeTheirs={() => { setText((err?.current as PlanTree).plan.confidentialNotes ?? ''); save.reset(); void qc.invalidateQueries({ queryKey: keys.plan(orgId, plan.id) }); }} />
          <Field label={t`Confidential notes`} multiline value={text} onChange={(v) => { setText(v); setSaved(false); }} maxLength={20_000} error={err?.fieldMessage('confidentialNotes')} />
          <div aria-live="polite">{saved && <Notice kind="success"><Trans>The confidential notes have been saved.</Trans></Notice>}</div>
          <Button type="submit" isDisabled={save.isPending}><Trans>Save the confidential notes</Trans></Button>
        </Form>
      ) : plan.confidentialNotes ? <p className={s.prose}>{plan.confidentialNotes}</p> : <p className={s.muted}><Trans>None yet.</Trans></p>}
    </section>
  );
}

function SectionsBody({ data }: { data: PlanTree }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const [editing, setEditing] = useState<SectionKey | null>(null);
  const plan = data.plan;
  const sec: PlanSections = plan.sections;
  const can = data.permissions.edit;
  const base = `/o/${orgId}/plans/${plan.id}`;
  const allActions = data.objectives.flatMap((sd) => [...sd.actions, ...sd.children.flatMap((od) => od.actions)]);
  const byImf = IMF_FUNCTIONS.map((fn) => ({ label: i18n._(IMF_LABELS[fn]), value: allActions.filter((a) => a.imfFunction === fn).length }));
  /** The model's guidance beside a field that is still empty, for those who can fill it in. */
  const guide = (field: GuidedField, empty: boolean) => (can && empty ? <Guidance field={field} filled={false} /> : null);
  return (
    <>
      {can && <p className={s.muted}><Trans>This plan is a draft: the integrity officer and the chief of police can change its texts.</Trans></p>}
      <Section id="identification" title={i18n._(SECTION_HEADINGS.identification)} canEdit={can} onEdit={() => setEditing('identification')}>
        {guide('identification', sec.identification.responsible.length === 0)}
        <dl className={layout.dl}>
          <dt><Trans>Entity</Trans></dt><dd>{sec.identification.entityName || '—'}</dd>
          <dt><Trans>Period</Trans></dt><dd>{plan.periodFrom}–{plan.periodTo}</dd>
          <dt><Trans>Responsible persons</Trans></dt>
          <dd>{sec.identification.responsible.length ? <ul className={s.list}>{sec.identification.responsible.map((r, i) => <li key={i}><strong>{r.name}</strong>{r.role ? ` — ${r.role}` : ''}</li>)}</ul> : '—'}</dd>
        </dl>
      </Section>
      <Section id="ambition" title={i18n._(SECTION_HEADINGS.ambition)} canEdit={can} onEdit={() => setEditing('ambition')}>
        <h3><Trans>Ambition and vision</Trans></h3>
        {guide('ambition', !sec.ambition.trim())}
        <Prose text={sec.ambition} />
        <h3><Trans>Values</Trans></h3>
        {guide('values', sec.values.length === 0)}
        {sec.values.length ? <dl className={s.defs}>{sec.values.map((v, i) => <div key={i}><dt>{v.name}</dt>{v.description && <dd className={s.prose}>{v.description}</dd>}</div>)}</dl> : <p className={s.muted}><Trans>None yet.</Trans></p>}
        <h3><Trans>Needs</Trans></h3>
        {guide('needs', sec.needs.length === 0)}
        <Items items={sec.needs} />
        <h3><Trans>Vulnerable processes and functions</Trans></h3>
        {guide('vulnerableProcesses', sec.vulnerableProcesses.length === 0)}
        <Items items={sec.vulnerableProcesses} />
        <h3><Trans>Priority themes</Trans></h3>
        <Items items={sec.priorityThemes} />
        <h3><Trans>Strategic and operational objectives</Trans></h3>
        {guide('objectives', data.objectives.length === 0)}
        {data.objectives.length === 0 ? <p className={s.muted}><Trans>None yet.</Trans></p> : (
          <ul className={s.list}>
            {data.objectives.map((sd) => (
              <li key={sd.id}><strong>{sd.code} {sd.title}</strong>
                {sd.children.length > 0 && <ul className={s.list}>{sd.children.map((od) => <li key={od.id}>{od.code} {od.title}</li>)}</ul>}
              </li>
            ))}
          </ul>
        )}
        <p data-print="hide"><Link to={`${base}/actions`}><Trans>Manage objectives and actions</Trans></Link></p>
      </Section>
      <section className={s.section} aria-labelledby="sec-instruments">
        <h2 id="sec-instruments">{i18n._(SECTION_HEADINGS.instruments)}</h2>
        {guide('instruments', data.counts.actions === 0)}
        <Counts items={[{ label: t`Actions`, value: data.counts.actions }, { label: t`Late`, value: data.counts.lateActions }, ...byImf]} />
        <p data-print="hide"><Link to={`${base}/actions`}><Trans>See all actions with their owners, means and status</Trans></Link></p>
      </section>
      <Section id="actors" title={i18n._(SECTION_HEADINGS.actors)} canEdit={can} onEdit={() => setEditing('actors')}>
        {guide('actors', sec.actors.length === 0)}
        {sec.actors.length ? <dl className={s.defs}>{sec.actors.map((a, i) => <div key={i}><dt>{a.name}</dt>{a.role && <dd className={s.prose}>{a.role}</dd>}</div>)}</dl> : <p className={s.muted}><Trans>None yet.</Trans></p>}
      </Section>
      <Section id="monitoring" title={i18n._(SECTION_HEADINGS.monitoring)} canEdit={can} onEdit={() => setEditing('monitoring')}>
        {guide('monitoring', !sec.monitoring.trim())}
        <Prose text={sec.monitoring} />
        <Indicators data={data} />
      </Section>
      <Section id="evaluation" title={i18n._(SECTION_HEADINGS.evaluation)} canEdit={can} onEdit={() => setEditing('evaluationPlanning')}>
        {guide('evaluationPlanning', !sec.evaluationPlanning.trim())}
        <Prose text={sec.evaluationPlanning} />
        <p data-print="hide"><Link to={`${base}/evaluations`}><Trans>Yearly evaluations of this plan</Trans></Link></p>
      </Section>
      <Section id="communication" title={i18n._(SECTION_HEADINGS.communication)} canEdit={can} onEdit={() => setEditing('communication')}>
        {guide('communication', !sec.communication.trim())}
        <Prose text={sec.communication} />
      </Section>
      {/* After the plan's seven sections: working notes, not part of the plan. */}
      {data.permissions.notes && <ConfidentialNotes key={plan.id} data={data} />}
      {editing && <SectionDialog data={data} which={editing} onClose={() => setEditing(null)} />}
      {data.objectives.length === 0 && !can && <EmptyState><Trans>This plan has no objectives yet.</Trans></EmptyState>}
    </>
  );
}

export function PlanSectionsPage() {
  return <PlanFrame tab="sections">{(data) => <SectionsBody data={data} />}</PlanFrame>;
}

import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileTrigger, Form } from 'react-aria-components';
import { ApiError, get, patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, ConfirmDialog, DialogActions, ErrorAlert, Field, layout, Loading, ModalDialog, Notice, SelectField, useFormat } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { conflictOf, EditConflictPanel, useRevision } from '../../ui/EditConflict';
import { suggestCode } from '../../../shared/plan-codes';
import { del, keys, planBase, uploadFile, usePlan, type ActionUpdates, type ActionView, type Evidence } from './api';
import { ActionStatusBadge, LinesField, Progress } from './components';
import { IndicatorsEditor, type DraftIndicator } from './IndicatorDialog';
import { ACTION_STATUS_LABELS, IMF_FUNCTIONS, IMF_LABELS } from './labels';
import { OwnerField, ownerBody, ownerOf, sameOwner, type OwnerValue } from './OwnerField';
import e from './entry.module.css';
import s from './plan.module.css';

const STORED = ['planned', 'in_progress', 'done', 'stopped'] as const;

function useStatusOptions() {
  const { i18n } = useLingui();
  return STORED.map((st) => {
    const l = i18n._(ACTION_STATUS_LABELS[st]);
    return { id: st, label: l.charAt(0).toUpperCase() + l.slice(1) };
  });
}

/** Status, progress and a note from the owner: each report becomes a line of the history. */
export function ProgressForm({ planId, action, onDone }: { planId: string; action: ActionView; onDone?: () => void }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const statusOptions = useStatusOptions();
  const [status, setStatus] = useState<string>(action.storedStatus);
  const [progress, setProgress] = useState(String(action.progress));
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => post<ActionView>(`${planBase(orgId, planId)}/actions/${action.id}/updates`, {
      status, progress: Number(progress), ...(note.trim() ? { note: note.trim() } : {}),
    }),
    onSuccess: () => {
      setSaved(true);
      setNote('');
      void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) });
      void qc.invalidateQueries({ queryKey: keys.myActions(orgId) });
      onDone?.();
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  return (
    <Form onSubmit={(e) => { e.preventDefault(); setSaved(false); save.mutate(); }} aria-label={t`Report progress: ${action.title}`}>
      <ErrorAlert error={save.error} />
      <div className={layout.grid2}>
        <SelectField label={t`Status`} options={statusOptions} value={status} onChange={(v) => { setStatus(v); if (v === 'done') setProgress('100'); }} error={err?.fieldMessage('status')} />
        <Field label={t`Progress (%)`} type="number" inputMode="numeric" value={progress} onChange={setProgress} isRequired error={err?.fieldMessage('progress')} />
      </div>
      <Field label={t`Note`} value={note} onChange={setNote} maxLength={5000} error={err?.fieldMessage('note')} description={t`What was done, what is blocking. Visible to the integrity officer and the chief.`} />
      <div aria-live="polite">{saved && <Notice kind="success"><Trans>Your progress has been saved.</Trans></Notice>}</div>
      <Button type="submit" isDisabled={save.isPending}><Trans>Save progress</Trans></Button>
    </Form>
  );
}

function EvidenceList({ planId, action, canUpdate }: { planId: string; action: ActionView; canUpdate: boolean }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const base = `${planBase(orgId, planId)}/actions/${action.id}/evidence`;
  const key = [...keys.plan(orgId, planId), 'evidence', action.id];
  const q = useQuery({ queryKey: key, queryFn: () => get<{ items: Evidence }>(base).then((r) => r.items) });
  const [removing, setRemoving] = useState<Evidence[number] | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile(base, file),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: key }); void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); },
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`${base}/${id}`),
    onSuccess: () => { setRemoving(null); void qc.invalidateQueries({ queryKey: key }); },
  });
  const size = (n: number) => (n < 1024 * 1024 ? `${f.number(Math.ceil(n / 1024))} kB` : `${f.number(Math.round(n / 104857.6) / 10)} MB`);
  return (
    <section aria-labelledby={`ev-${action.id}`}>
      <h3 id={`ev-${action.id}`}><Trans>Evidence files</Trans></h3>
      <ErrorAlert error={q.error ?? upload.error} />
      {q.isPending ? <Loading /> : (q.data ?? []).length === 0 ? <p className={s.muted}><Trans>No files yet.</Trans></p> : (
        <ul className={s.fileList}>
          {(q.data ?? []).map((e) => (
            <li key={e.id}>
              <span><a href={`${base}/${e.id}`} download={e.filename}>{e.filename}</a> <span className={`${s.small} ${s.muted}`}>({size(e.size)}, {f.date(e.uploadedAt)})</span></span>
              {canUpdate && <Button variant="quiet" onPress={() => setRemoving(e)} aria-label={t`Delete ${e.filename}`}><Trans>Delete</Trans></Button>}
            </li>
          ))}
        </ul>
      )}
      {canUpdate && (
        <>
          <FileTrigger acceptedFileTypes={['application/pdf', '.docx', '.xlsx', 'image/png', 'image/jpeg', 'text/plain', 'text/csv']} onSelect={(files) => { const file = files?.[0]; if (file) upload.mutate(file); }}>
            <Button variant="secondary" isDisabled={upload.isPending}><Trans>Add a file</Trans></Button>
          </FileTrigger>
          <p className={`${s.small} ${s.muted}`}><Trans>PDF, Word, Excel, PNG, JPEG, text or CSV; at most 10 MB.</Trans></p>
        </>
      )}
      {removing && (
        <ConfirmDialog isOpen onOpenChange={(o) => !o && setRemoving(null)} title={t`Delete this file?`} confirmLabel={t`Delete`} danger
          onConfirm={() => remove.mutate(removing.id)} pending={remove.isPending} error={remove.error}>
          <p>{removing.filename}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function History({ planId, actionId }: { planId: string; actionId: string }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const q = useQuery({
    queryKey: [...keys.plan(orgId, planId), 'updates', actionId],
    queryFn: () => get<{ items: ActionUpdates }>(`${planBase(orgId, planId)}/actions/${actionId}/updates`).then((r) => r.items),
  });
  return (
    <section aria-labelledby={`hist-${actionId}`}>
      <h3 id={`hist-${actionId}`}><Trans>Update history</Trans></h3>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : (q.data ?? []).length === 0 ? <p className={s.muted}><Trans>No progress reported yet.</Trans></p> : (
        <ol className={s.list}>
          {(q.data ?? []).map((u) => (
            <li key={u.id}>
              <strong>{f.dateTime(u.at)}</strong> — {u.by?.displayName ?? t`someone`}: {i18n._(ACTION_STATUS_LABELS[u.status])}, {u.progress}%
              {u.note && <div className={s.prose}>{u.note}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

interface ActionForm {
  code: string; title: string; description: string; owner: OwnerValue;
  coActors: string[]; startDate: string; dueDate: string; timingLabel: string; status: string; progress: string; imfFunction: string; imfLayer: string;
  nature: string; meansTime: string; meansBudgetEur: string; meansPeople: string; meansNote: string; notes: string;
}

function toForm(a: ActionView | null): ActionForm {
  return {
    code: a?.code ?? '', title: a?.title ?? '', description: a?.description ?? '', owner: ownerOf(a), coActors: a?.coActors ?? [], startDate: a?.startDate ?? '', dueDate: a?.dueDate ?? '', timingLabel: a?.timingLabel ?? '',
    status: a?.storedStatus ?? 'planned', progress: String(a?.progress ?? 0), imfFunction: a?.imfFunction ?? '', imfLayer: a?.imfLayer ?? '', nature: a?.nature ?? '',
    meansTime: a?.meansTime ?? '', meansBudgetEur: a?.meansBudgetEur?.toString() ?? '', meansPeople: a?.meansPeople ?? '', meansNote: a?.meansNote ?? '', notes: a?.notes ?? '',
  };
}

/** Who owns an action, in one line: the staff member (or account), the unit, the description. */
export function ownerLine(a: Pick<ActionView, 'owner' | 'ownerPerson' | 'ownerUnit' | 'ownerLabel'>): string {
  return [a.ownerPerson?.displayName ?? a.owner?.displayName, a.ownerUnit?.name, a.ownerLabel].filter(Boolean).join(' / ');
}

/** The definition of an action, edited while the plan is a draft. */
function ActionEditor({ planId, objectiveId, action, onClose, onAdded }: { planId: string; objectiveId: string; action: ActionView | null; onClose: () => void; onAdded?: (message: string) => void }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const statusOptions = useStatusOptions();
  // The tree is already loaded by the plan's frame: the code suggestion, the period and the action's indicators come from it.
  const tree = usePlan(orgId, planId).data;
  const [form, setForm] = useState<ActionForm>(() => ({
    ...toForm(action), ...(action || !tree ? {} : { code: suggestCode(tree.objectives, tree.plan.language, { level: 'action', objectiveId }) }),
  }));
  const initialOwner = useState(() => ownerOf(action))[0];
  const [drafts, setDrafts] = useState<DraftIndicator[]>([]);
  const indicators = action ? (tree?.objectives.flatMap((sd) => [sd, ...sd.children]).flatMap((o) => o.indicators) ?? []).filter((i) => i.actionId === action.id) : [];
  // Dates lie in the plan's period (the server checks the same).
  const period = tree?.plan;
  const periodMin = period ? `${period.periodFrom}-01-01` : undefined;
  const periodMax = period ? `${period.periodTo}-12-31` : undefined;
  const { revision, setRevision } = useRevision(action?.revision);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof ActionForm>(k: K) => (v: ActionForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const done = () => { void qc.invalidateQueries({ queryKey: keys.plan(orgId, planId) }); onClose(); };
  const added = () => {
    onAdded?.(t`Action ${[form.code.trim(), form.title.trim()].filter(Boolean).join(' ')} added.`);
    done();
  };
  const save = useMutation({
    // `rev` overrides the loaded revision when the person keeps their version after a conflict.
    mutationFn: (rev: number | undefined = revision) => {
      const opt = (v: string) => (v.trim() === '' ? null : v.trim());
      const body = {
        ...(action ? {} : { objectiveId }),
        code: opt(form.code), title: form.title, description: opt(form.description),
        // The owner only when it changed: an imported action with a unit and a description keeps both until someone chooses.
        ...(sameOwner(form.owner, initialOwner) ? {} : ownerBody(form.owner)),
        coActors: form.coActors, startDate: form.startDate || null, dueDate: form.dueDate || null,
        timingLabel: opt(form.timingLabel), status: form.status, progress: Number(form.progress), imfFunction: form.imfFunction || null,
        imfLayer: form.imfLayer || null, nature: form.nature || null, meansTime: opt(form.meansTime),
        meansBudgetEur: form.meansBudgetEur.trim() === '' ? null : Number(form.meansBudgetEur.replace(',', '.')),
        meansPeople: opt(form.meansPeople), meansNote: opt(form.meansNote), notes: opt(form.notes),
      };
      return action
        ? patch<ActionView>(`${planBase(orgId, planId)}/actions/${action.id}`, body, { revision: rev })
        : post<ActionView>(`${planBase(orgId, planId)}/actions`, { ...body, ...(drafts.length ? { indicators: drafts } : {}) });
    },
    onSuccess: () => (action ? done() : added()),
  });
  const remove = useMutation({ mutationFn: () => del(`${planBase(orgId, planId)}/actions/${action!.id}`), onSuccess: done });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const fe = (k: string) => err?.fieldMessage(k);
  const none = { id: '', label: t`(not set)` };
  const theirs = conflictOf<ActionView>(save.error);
  const theirForm = theirs && toForm(theirs);
  const compared: [string, Exclude<keyof ActionForm, 'owner' | 'coActors'>][] = [
    [t`Title`, 'title'], [t`Code`, 'code'], [t`Description`, 'description'], [t`Timing (in words)`, 'timingLabel'], [t`Start`, 'startDate'], [t`Due`, 'dueDate'],
    [t`Status`, 'status'], [t`Progress (%)`, 'progress'], [t`Time`, 'meansTime'], [t`Budget (€)`, 'meansBudgetEur'],
    [t`People`, 'meansPeople'], [t`Other means`, 'meansNote'], [t`Notes`, 'notes'],
  ];
  const ownerText = (o: OwnerValue) => (o.kind === 'person' ? o.person?.displayName ?? '' : o.kind === 'description' ? o.label : o.unitId);
  return (
    <Form onSubmit={(ev) => { ev.preventDefault(); save.mutate(undefined); }}>
      {theirs && theirForm && err ? (
        <EditConflictPanel error={err} pending={save.isPending}
          rows={[
            ...compared.map(([label, k]) => ({ label, mine: String(form[k] ?? ''), theirs: String(theirForm[k] ?? '') })),
            { label: t`Owner`, mine: ownerText(form.owner), theirs: ownerText(theirForm.owner) },
          ]}
          onKeepMine={() => { setRevision(theirs.revision); save.mutate(theirs.revision); }}
          onTakeTheirs={() => { setForm(theirForm); setRevision(theirs.revision); save.reset(); }} />
      ) : <ErrorAlert error={save.error} />}
      <Field label={t`Title`} value={form.title} onChange={set('title')} isRequired maxLength={1000} error={fe('title')} autoFocus />
      <div className={layout.grid2}>
        <Field label={t`Code`} value={form.code} onChange={set('code')} maxLength={30} error={fe('code')}
          description={action ? undefined : t`Suggested from the plan's numbering; you can change it.`} />
        <Field label={t`Timing (in words)`} value={form.timingLabel} onChange={set('timingLabel')} maxLength={300} error={fe('timingLabel')} description={t`For example: yearly, Q2 2027.`} />
      </div>
      <Field className={e.shortText} label={t`Description`} multiline value={form.description} onChange={set('description')} maxLength={20_000} error={fe('description')} />
      <OwnerField orgId={orgId} value={form.owner} onChange={set('owner')} errors={fe} />
      <div className={e.shortText}>
        <LinesField label={t`Co-actors`} value={form.coActors} onChange={set('coActors')} error={fe('coActors')} />
      </div>
      <div className={layout.grid2}>
        <DateField label={t`Start`} value={form.startDate} onChange={set('startDate')} min={periodMin} max={periodMax} error={fe('startDate')} />
        <DateField label={t`Due`} value={form.dueDate} onChange={set('dueDate')} min={form.startDate || periodMin} max={periodMax} error={fe('dueDate')} />
        <SelectField label={t`Status`} options={statusOptions} value={form.status} onChange={set('status')} error={fe('status')} />
        <Field label={t`Progress (%)`} type="number" inputMode="numeric" value={form.progress} onChange={set('progress')} error={fe('progress')} />
        <SelectField label={t`IMF function`} value={form.imfFunction} onChange={set('imfFunction')} error={fe('imfFunction')}
          options={[none, ...IMF_FUNCTIONS.map((fn) => ({ id: fn, label: i18n._(IMF_LABELS[fn]) }))]} />
        <SelectField label={t`IMF layer`} value={form.imfLayer} onChange={set('imfLayer')} error={fe('imfLayer')}
          options={[none, { id: 'core', label: i18n._(IMF_LABELS.core) }, { id: 'complementary', label: i18n._(IMF_LABELS.complementary) }]} />
        <SelectField label={t`Nature`} value={form.nature} onChange={set('nature')} error={fe('nature')}
          options={[none, { id: 'stimulating', label: i18n._(IMF_LABELS.stimulating) }, { id: 'controlling', label: i18n._(IMF_LABELS.controlling) }]} />
      </div>
      <fieldset className={s.section} style={{ border: 0, padding: 0 }}>
        <legend><h3 style={{ margin: 0 }}><Trans>Means</Trans></h3></legend>
        <div className={layout.grid2}>
          <Field label={t`Time`} value={form.meansTime} onChange={set('meansTime')} maxLength={300} error={fe('meansTime')} description={t`For example: 10 days a year.`} />
          <Field label={t`Budget (€)`} inputMode="numeric" value={form.meansBudgetEur} onChange={set('meansBudgetEur')} error={fe('meansBudgetEur')} />
          <Field label={t`People`} value={form.meansPeople} onChange={set('meansPeople')} maxLength={300} error={fe('meansPeople')} />
          <Field label={t`Other means`} value={form.meansNote} onChange={set('meansNote')} maxLength={2000} error={fe('meansNote')} />
        </div>
      </fieldset>
      <IndicatorsEditor planId={planId} heading={t`Indicators of this action`} target={action ? { actionId: action.id } : null}
        saved={indicators} drafts={drafts} onDrafts={setDrafts} />
      {(!action || action.notesVisible) && <Field className={e.shortText} label={t`Notes`} multiline value={form.notes} onChange={set('notes')} maxLength={20_000} error={fe('notes')} description={t`Seen only by the owner, the head of the owning unit, the integrity officer and the chief.`} />}
      <div className={e.footer}>
        <DialogActions>
          {action && <Button variant="danger" onPress={() => setConfirmDelete(true)}><Trans>Delete action</Trans></Button>}
          <Button variant="secondary" onPress={onClose}><Trans>Cancel</Trans></Button>
          <Button type="submit" isDisabled={save.isPending}><Trans>Save</Trans></Button>
        </DialogActions>
      </div>
      {confirmDelete && (
        <ConfirmDialog isOpen onOpenChange={setConfirmDelete} title={t`Delete this action?`} confirmLabel={t`Delete action`} danger
          onConfirm={() => remove.mutate()} pending={remove.isPending} error={remove.error}>
          <p>{action!.title}</p>
          {indicators.length > 0 && <p><Trans>Its indicators and their measurements are deleted with it.</Trans></p>}
        </ConfirmDialog>
      )}
    </Form>
  );
}

/** What anyone who may read the plan sees of an action. */
export function ActionFacts({ action }: { action: ActionView }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const owner = ownerLine(action) || '—';
  const means = [
    action.meansTime && `${t`Time`}: ${action.meansTime}`,
    action.meansBudgetEur !== null && `${t`Budget (€)`}: ${f.number(action.meansBudgetEur)}`,
    action.meansPeople && `${t`People`}: ${action.meansPeople}`,
    action.meansNote,
  ].filter(Boolean).join('; ') || '—';
  const imf = [action.imfFunction && i18n._(IMF_LABELS[action.imfFunction]), action.imfLayer && i18n._(IMF_LABELS[action.imfLayer]), action.nature && i18n._(IMF_LABELS[action.nature])].filter(Boolean).join(', ') || '—';
  return (
    <dl className={layout.dl}>
      <dt><Trans>Status</Trans></dt><dd><ActionStatusBadge status={action.status} /></dd>
      <dt><Trans>Progress</Trans></dt><dd><Progress value={action.progress} /></dd>
      <dt><Trans>Owner</Trans></dt><dd>{owner}</dd>
      <dt><Trans>Co-actors</Trans></dt><dd>{action.coActors.join(', ') || '—'}</dd>
      <dt><Trans>Start</Trans></dt><dd>{f.date(action.startDate)}</dd>
      <dt><Trans>Due</Trans></dt><dd>{f.date(action.dueDate)}{action.timingLabel ? ` (${action.timingLabel})` : ''}</dd>
      <dt><Trans>IMF</Trans></dt><dd>{imf}</dd>
      <dt><Trans>Means</Trans></dt><dd>{means}</dd>
      {action.description && <><dt><Trans>Description</Trans></dt><dd className={s.prose}>{action.description}</dd></>}
      {action.notesVisible && action.notes && <><dt><Trans>Notes</Trans></dt><dd className={s.prose}>{action.notes}</dd></>}
    </dl>
  );
}

/**
 * One action: the full editor while the plan is a draft (officer, chief); on an approved or
 * running plan the facts, a progress report for those who may, evidence and history.
 */
export function ActionDialog({ planId, objectiveId, action, canEdit, onClose, onAdded }: {
  planId: string; objectiveId: string; action: ActionView | null; canEdit: boolean; onClose: () => void; onAdded?: (message: string) => void;
}) {
  const { t } = useLingui();
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={action ? (canEdit ? t`Edit action` : action.title) : t`Add an action`}>
      {(close) => (
        canEdit ? <ActionEditor planId={planId} objectiveId={objectiveId} action={action} onClose={close} onAdded={onAdded} /> : action && (
          <>
            <ActionFacts action={action} />
            {action.canUpdate && <><h3><Trans>Report progress</Trans></h3><ProgressForm planId={planId} action={action} /></>}
            {action.notesVisible && <EvidenceList planId={planId} action={action} canUpdate={action.canUpdate} />}
            {action.notesVisible && <History planId={planId} actionId={action.id} />}
            <div className={e.footer}><DialogActions><Button variant="secondary" onPress={close}><Trans>Close</Trans></Button></DialogActions></div>
          </>
        )
      )}
    </ModalDialog>
  );
}

export { EvidenceList, History };

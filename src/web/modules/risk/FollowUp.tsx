import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, api, patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { PlanEntryButton } from '../../app/PlanEntryDialog';
import { Button, Field, layout, Notice, SelectField } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { SaveError } from '../../ui/EditConflict';
import {
  analysisUrl, keys, useOwnerCandidates, type AnalysisPermissions, type ControlType, type ControlView, type Effectiveness, type RecommendationStatus,
  type RecommendationView,
} from './api';
import { RecommendationFacts } from './Outcome';
import { CONTROL_TYPE_LABELS, CONTROL_TYPES, EFFECTIVENESS, EFFECTIVENESS_LABELS, REC_STATUS_LABELS, REC_STATUSES } from './labels';
import s from './risk.module.css';

/** One existing control: its description, type and how well it works; new ones are posted, existing ones patched on their revision. */
function ControlForm({ analysisId, processId, control, onDone }: { analysisId: string; processId: string; control?: ControlView; onDone?: () => void }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [description, setDescription] = useState(control?.description ?? '');
  const [type, setType] = useState<ControlType>(control?.type ?? 'preventive');
  const [eff, setEff] = useState<Effectiveness>(control?.effectiveness ?? 'unknown');
  const [revision, setRevision] = useState(control?.revision ?? 0);
  const base = analysisUrl(orgId, analysisId);
  const save = useMutation({
    mutationFn: (rev: number) => control
      ? patch<ControlView>(`${base}/controls/${control.id}`, { description, type, effectiveness: eff }, { revision: rev })
      : post<ControlView>(`${base}/processes/${processId}/controls`, { description, type, effectiveness: eff }),
    onSuccess: (v) => {
      setRevision(v.revision);
      if (!control) { setDescription(''); setType('preventive'); setEff('unknown'); }
      void qc.invalidateQueries({ queryKey: keys.analysis(orgId, analysisId) });
      onDone?.();
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.isEditConflict ? (err.current as ControlView | undefined) : undefined;
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
      <Field label={control ? t`Control` : t`New control`} isRequired multiline value={description} onChange={(v) => { setDescription(v); save.reset(); }} maxLength={5000}
        error={err?.fieldMessage('description')} description={control ? undefined : t`A measure that exists today, e.g. the four-eyes principle for seized money.`} />
      <div className={layout.grid2}>
        <SelectField label={t`Type`} isRequired value={type} onChange={(v) => setType(v as ControlType)} error={err?.fieldMessage('type')}
          options={CONTROL_TYPES.map((x) => ({ id: x, label: i18n._(CONTROL_TYPE_LABELS[x]) }))} />
        <SelectField label={t`Effectiveness`} isRequired value={eff} onChange={(v) => setEff(v as Effectiveness)} error={err?.fieldMessage('effectiveness')}
          options={EFFECTIVENESS.map((x) => ({ id: x, label: i18n._(EFFECTIVENESS_LABELS[x]) }))} />
      </div>
      <Button type="submit" variant="secondary" isDisabled={save.isPending}>{control ? <Trans>Save the control</Trans> : <Trans>Add the control</Trans>}</Button>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => { if (theirs) { setDescription(theirs.description); setType(theirs.type); setEff(theirs.effectiveness); setRevision(theirs.revision); } save.reset(); }}
        rows={theirs ? [
          { label: t`Control`, mine: description, theirs: theirs.description },
          { label: t`Type`, mine: i18n._(CONTROL_TYPE_LABELS[type]), theirs: i18n._(CONTROL_TYPE_LABELS[theirs.type]) },
          { label: t`Effectiveness`, mine: i18n._(EFFECTIVENESS_LABELS[eff]), theirs: i18n._(EFFECTIVENESS_LABELS[theirs.effectiveness]) },
        ] : []} />
    </Form>
  );
}

function RemoveButton({ url, label, analysisId }: { url: string; label: string; analysisId: string }) {
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const remove = useMutation({ mutationFn: () => api<void>('DELETE', url), onSuccess: () => void qc.invalidateQueries({ queryKey: keys.analysis(orgId, analysisId) }) });
  return (
    <>
      <Button variant="quiet" onPress={() => remove.mutate()} isDisabled={remove.isPending}>{label}</Button>
      {remove.error instanceof Error && <Notice kind="warning">{remove.error.message}</Notice>}
    </>
  );
}

/** Step 5: the existing controls of a process (preventive, detective, reactive) and how well they work. */
export function ControlsEditor({ analysisId, processId, controls }: { analysisId: string; processId: string; controls: ControlView[] }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  return (
    <>
      {controls.length === 0 && <p className={s.muted}><Trans>No existing control recorded.</Trans></p>}
      <ul className={s.list}>
        {controls.map((c, i) => (
          <li key={c.id}>
            <ControlForm key={c.revision} analysisId={analysisId} processId={processId} control={c} />
            <RemoveButton url={`${analysisUrl(orgId, analysisId)}/controls/${c.id}`} analysisId={analysisId} label={t`Remove control ${i + 1}`} />
          </li>
        ))}
      </ul>
      <ControlForm analysisId={analysisId} processId={processId} />
    </>
  );
}

/** Owner (a person of the HR list), due date and status of a recommendation; the text while the analysis is open. */
function RecommendationForm({ analysisId, processId, r, textEditable }: { analysisId: string; processId: string; r?: RecommendationView; textEditable: boolean }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const owners = useOwnerCandidates(orgId);
  const [text, setText] = useState(r?.text ?? '');
  const [owner, setOwner] = useState(r?.owner?.personId ?? '');
  const [dueDate, setDueDate] = useState(r?.dueDate ?? '');
  const [status, setStatus] = useState<RecommendationStatus>(r?.status ?? 'open');
  const [revision, setRevision] = useState(r?.revision ?? 0);
  const base = analysisUrl(orgId, analysisId);
  const save = useMutation({
    mutationFn: (rev: number) => r
      ? patch<RecommendationView>(`${base}/recommendations/${r.id}`, { ...(textEditable ? { text } : {}), ownerPersonId: owner || null, dueDate: dueDate || null, status }, { revision: rev })
      : post<RecommendationView>(`${base}/processes/${processId}/recommendations`, { text, ownerPersonId: owner || null, dueDate: dueDate || null }),
    onSuccess: (v) => {
      setRevision(v.revision);
      if (!r) { setText(''); setOwner(''); setDueDate(''); }
      void qc.invalidateQueries({ queryKey: keys.all(orgId) });
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.isEditConflict ? (err.current as RecommendationView | undefined) : undefined;
  const ownerName = (id: string) => (owners.data ?? []).find((o) => o.personId === id)?.displayName ?? '';
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
      {textEditable
        ? <Field label={r ? t`Recommendation` : t`New recommendation`} isRequired multiline value={text} onChange={(v) => { setText(v); save.reset(); }} maxLength={5000} error={err?.fieldMessage('text')} />
        : <p className={s.prose}>{text}</p>}
      <div className={layout.grid2}>
        <SelectField label={t`Owner`} value={owner} onChange={setOwner} error={err?.fieldMessage('ownerPersonId')}
          options={[{ id: '', label: t`Nobody yet` }, ...(owners.data ?? []).map((o) => ({ id: o.personId, label: o.displayName }))]} />
        <DateField label={t`Due`} value={dueDate} onChange={setDueDate} error={err?.fieldMessage('dueDate')} />
        {r && (
          <SelectField label={t`Status`} value={status} onChange={(v) => setStatus(v as RecommendationStatus)} error={err?.fieldMessage('status')}
            options={REC_STATUSES.map((x) => ({ id: x, label: i18n._(REC_STATUS_LABELS[x]) }))} />
        )}
      </div>
      <Button type="submit" variant="secondary" isDisabled={save.isPending}>{r ? <Trans>Save the recommendation</Trans> : <Trans>Add the recommendation</Trans>}</Button>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
        onTakeTheirs={() => {
          if (theirs) { setText(theirs.text); setOwner(theirs.owner?.personId ?? ''); setDueDate(theirs.dueDate ?? ''); setStatus(theirs.status); setRevision(theirs.revision); }
          save.reset();
        }}
        rows={theirs ? [
          { label: t`Recommendation`, mine: text, theirs: theirs.text },
          { label: t`Owner`, mine: ownerName(owner), theirs: theirs.owner?.displayName ?? '' },
          { label: t`Due`, mine: dueDate, theirs: theirs.dueDate ?? '' },
          { label: t`Status`, mine: i18n._(REC_STATUS_LABELS[status]), theirs: i18n._(REC_STATUS_LABELS[theirs.status]) },
        ] : []} />
      {save.isSuccess && r && <Notice kind="success" live><Trans>Recommendation saved.</Trans></Notice>}
    </Form>
  );
}

/** Step 6: the recommendations of a process, their follow-up, and "create a plan action" from each (one step, kept linked). */
export function RecommendationsEditor({ analysisId, processId, processName, items, p }: {
  analysisId: string; processId: string; processName: string; items: RecommendationView[]; p: AnalysisPermissions;
}) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const base = analysisUrl(orgId, analysisId);
  return (
    <>
      {items.length === 0 && <p className={s.muted}><Trans>No recommendation.</Trans></p>}
      <ul className={s.list}>
        {items.map((r, i) => (
          <li key={r.id}>
            {p.editRecommendations || p.followUp
              ? <RecommendationForm key={r.revision} analysisId={analysisId} processId={processId} r={r} textEditable={p.editRecommendations && !r.planLink} />
              : <p className={s.prose}>{r.text}</p>}
            <RecommendationFacts r={r} />
            <div className={s.row}>
              {p.linkToPlan && !r.planLink && (
                <PlanEntryButton
                  label={t`Create a plan action from recommendation ${i + 1}`}
                  dialogTitle={t`Plan entry for a recommendation on ${processName}`}
                  defaultTitle={r.text.slice(0, 1000)}
                  create={(input) => post<RecommendationView>(`${base}/recommendations/${r.id}/plan-entry`, input)
                    .then((v) => ({ ...v, planId: v.planLink!.planId, actionId: v.planLink!.actionId, title: v.planLink!.title }))}
                  onCreated={() => void qc.invalidateQueries({ queryKey: keys.all(orgId) })}
                />
              )}
              {p.editRecommendations && !r.planLink && <RemoveButton url={`${base}/recommendations/${r.id}`} analysisId={analysisId} label={t`Remove recommendation ${i + 1}`} />}
            </div>
          </li>
        ))}
      </ul>
      {p.editRecommendations && <RecommendationForm analysisId={analysisId} processId={processId} textEditable />}
    </>
  );
}

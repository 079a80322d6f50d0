import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, patch, qs } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, buttonClass, Checkbox, EmptyState, ErrorAlert, Field, Loading, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import { conflictOf, SaveError } from '../../ui/EditConflict';
import records from '../../ui/records.module.css';
import {
  dilemmaKeys, dilemmasUrl, processName, processOptions, STATUS_LABELS, STATUSES, THEME_LABELS, THEMES, useDilemmas, useMyDilemmas,
  type DilemmaListQuery, type DilemmaStatus, type DilemmaTheme, type DilemmaView,
} from './dilemma-api';
import { DilemmaForm } from './DilemmaForm';
import s from './dilemmas.module.css';

/** /risk/dilemmas/share — every staff member: share a dilemma, and the ones they shared with their name. */
export function ShareDilemmaPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const mine = useMyDilemmas(orgId);
  return (
    <>
      <PageHeader title={t`Ethical dilemmas`}>
        {has('integrity_officer', 'chief') && <p><Link to={`/o/${orgId}/risk/dilemmas`}><Trans>Inventory of dilemmas</Trans></Link></p>}
      </PageHeader>
      <DilemmaForm />
      <section className={records.section} aria-labelledby="mine-title">
        <h2 id="mine-title"><Trans>Dilemmas you shared</Trans></h2>
        <p className={records.muted}><Trans>Only those you shared with your name: anonymous ones are linked to nobody.</Trans></p>
        <ErrorAlert error={mine.error} />
        {mine.isPending ? <Loading /> : !mine.data?.dilemmas.length ? <EmptyState><Trans>You have not shared a dilemma with your name.</Trans></EmptyState> : (
          <ul className={s.list}>
            {mine.data.dilemmas.map((d) => (
              <li key={d.id} className={s.card}>
                <div className={s.meta}>
                  <span>{f.date(d.submittedOn)}</span>
                  <span className={s.tag}>{i18n._(STATUS_LABELS[d.status])}</span>
                  {d.processCode && <span>{processName(d.processCode, i18n.locale)}</span>}
                </div>
                <p className={s.text}>{d.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** /risk/dilemmas — the integrity officer's inventory (the chief reads it): filters, tags, review, CSV. */
export function DilemmasPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const [filters, setFilters] = useState<DilemmaListQuery>({});
  const q = useDilemmas(orgId, filters);
  const set = (k: keyof DilemmaListQuery, v: string) => setFilters((cur) => ({ ...cur, [k]: v || undefined }));
  const count = q.data?.dilemmas.length ?? 0;
  return (
    <>
      <PageHeader title={t`Inventory of dilemmas`}>
        <p><Trans>The dilemmas staff shared, named or anonymously. Tag them by theme and process, review them and mark those used in the dilemma training.</Trans></p>
        <p><Link to={`/o/${orgId}/risk/dilemmas/share`}><Trans>Share a dilemma</Trans></Link></p>
      </PageHeader>
      {!has('integrity_officer', 'chief') ? <Notice><Trans>Only the integrity officer and the chief see the inventory of dilemmas.</Trans></Notice> : (
        <>
          <div className={s.toolbar} role="search" aria-label={t`Filter the dilemmas`}>
            <SelectField label={t`Theme`} value={filters.theme ?? ''} onChange={(v) => set('theme', v)}
              options={[{ id: '', label: t`All themes` }, ...THEMES.map((th) => ({ id: th, label: i18n._(THEME_LABELS[th]) }))]} />
            <SelectField label={t`Process`} value={filters.processCode ?? ''} onChange={(v) => set('processCode', v)}
              options={[{ id: '', label: t`All processes` }, ...processOptions(i18n.locale)]} />
            <SelectField label={t`Status`} value={filters.status ?? ''} onChange={(v) => set('status', v)}
              options={[{ id: '', label: t`All statuses` }, ...STATUSES.map((st) => ({ id: st, label: i18n._(STATUS_LABELS[st]) }))]} />
            <a className={buttonClass('secondary')} href={`${dilemmasUrl(orgId)}.csv${qs({ ...filters })}`} download><Trans>Export CSV</Trans></a>
          </div>
          <ErrorAlert error={q.error} />
          {q.isPending ? <Loading /> : (
            <>
              <p role="status">{count === 1 ? <Trans>1 dilemma</Trans> : <Trans>{count} dilemmas</Trans>}</p>
              {count === 0 ? <EmptyState><Trans>No dilemma matches these filters.</Trans></EmptyState> : (
                <ul className={s.list}>
                  {q.data!.dilemmas.map((d) => <DilemmaCard key={d.id} d={d} canEdit={q.data!.canEdit} />)}
                </ul>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}

function DilemmaCard({ d, canEdit }: { d: DilemmaView; canEdit: boolean }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const titleId = `dilemma-${d.id}`;
  const day = f.date(d.submittedOn);
  const author = d.submittedBy?.name ?? '';
  const excerpt = d.text.slice(0, 60);
  return (
    <li className={s.card} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {d.submittedBy ? <Trans>Shared on {day} by {author}</Trans> : <Trans>Shared anonymously on {day}</Trans>}
      </h3>
      <div className={s.meta}>
        <span className={s.tag}>{i18n._(STATUS_LABELS[d.status])}</span>
        {d.processCode && <span><Trans>Process:</Trans> {processName(d.processCode, i18n.locale)}</span>}
        {d.themes.map((th) => <span key={th} className={s.tag}>{i18n._(THEME_LABELS[th])}</span>)}
      </div>
      <p className={s.text}>{d.text}</p>
      {(d.whatIDid || d.whatWouldHelp || d.officerNote) && (
        <dl className={s.details}>
          {d.whatIDid && <><dt><Trans>What I did</Trans></dt><dd>{d.whatIDid}</dd></>}
          {d.whatWouldHelp && <><dt><Trans>What would have helped</Trans></dt><dd>{d.whatWouldHelp}</dd></>}
          {d.officerNote && <><dt><Trans>Note of the integrity officer</Trans></dt><dd>{d.officerNote}</dd></>}
        </dl>
      )}
      {canEdit && !editing && <Button variant="secondary" onPress={() => setEditing(true)} aria-label={t`Tag and review: ${excerpt}`}><Trans>Tag and review</Trans></Button>}
      {canEdit && editing && <DilemmaEditor d={d} onDone={() => setEditing(false)} />}
    </li>
  );
}

/** Tags, process, status and note of one dilemma, saved on the revision it was loaded with (409: both versions side by side). */
function DilemmaEditor({ d, onDone }: { d: DilemmaView; onDone: () => void }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [themes, setThemes] = useState<DilemmaTheme[]>(d.themes);
  const [processCode, setProcessCode] = useState(d.processCode ?? '');
  const [status, setStatus] = useState<DilemmaStatus>(d.status);
  const [note, setNote] = useState(d.officerNote ?? '');
  const [revision, setRevision] = useState(d.revision);
  const save = useMutation({
    mutationFn: (rev: number) => patch<DilemmaView>(`${dilemmasUrl(orgId)}/${d.id}`,
      { themes, processCode: processCode || null, status, officerNote: note.trim() || null }, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); void qc.invalidateQueries({ queryKey: dilemmaKeys.all(orgId) }); onDone(); },
  });
  const theirs = conflictOf<DilemmaView>(save.error);
  const err = save.error instanceof ApiError ? save.error : undefined;
  const themeWords = (list: DilemmaTheme[]) => list.map((th) => i18n._(THEME_LABELS[th])).join(', ');
  const toggle = (th: DilemmaTheme, on: boolean) => setThemes((cur) => (on ? [...cur, th] : cur.filter((x) => x !== th)));
  return (
    <Form className={s.editor} onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
      <fieldset className={s.themes}>
        <legend><Trans>Themes</Trans></legend>
        <div className={s.themeGrid}>
          {THEMES.map((th) => <Checkbox key={th} isSelected={themes.includes(th)} onChange={(on) => toggle(th, on)}>{i18n._(THEME_LABELS[th])}</Checkbox>)}
        </div>
      </fieldset>
      <SelectField label={t`Process`} value={processCode} onChange={setProcessCode}
        options={[{ id: '', label: t`No particular process` }, ...processOptions(i18n.locale)]} error={err?.fieldMessage('processCode')} />
      <SelectField label={t`Status`} value={status} onChange={(v) => setStatus(v as DilemmaStatus)}
        options={STATUSES.map((st) => ({ id: st, label: i18n._(STATUS_LABELS[st]) }))} />
      <Field label={t`Note of the integrity officer`} multiline maxLength={4000} value={note} onChange={setNote}
        description={t`Seen only by the integrity officer and the chief.`} error={err?.fieldMessage('officerNote')} />
      <div className={records.choices}>
        <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
          onTakeTheirs={() => {
            if (theirs) {
              setThemes(theirs.themes); setProcessCode(theirs.processCode ?? ''); setStatus(theirs.status); setNote(theirs.officerNote ?? ''); setRevision(theirs.revision);
            }
            save.reset();
          }}
          rows={theirs ? [
            { label: t`Themes`, mine: themeWords(themes), theirs: themeWords(theirs.themes) },
            { label: t`Process`, mine: processName(processCode || null, i18n.locale), theirs: processName(theirs.processCode, i18n.locale) },
            { label: t`Status`, mine: i18n._(STATUS_LABELS[status]), theirs: i18n._(STATUS_LABELS[theirs.status]) },
            { label: t`Note of the integrity officer`, mine: note, theirs: theirs.officerNote ?? '' },
          ] : []} />
      </div>
      <div className={s.toolbar}>
        <Button type="submit" isDisabled={save.isPending}><Trans>Save</Trans></Button>
        <Button variant="secondary" onPress={onDone}><Trans>Cancel</Trans></Button>
      </div>
    </Form>
  );
}

import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { ApiError, patch, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, DataTable, DialogActions, EmptyState, ErrorAlert, Field, layout, Loading, ModalDialog, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { SaveError } from '../../ui/EditConflict';
import { keys, riskBase, useCatalogue, useOwnerCandidates, useProcesses, type ProcessKind, type ProcessView } from './api';
import { ForRoles, RiskLinks, RISK_READERS } from './components';
import { inLocale, KIND_LABELS } from './labels';
import s from './risk.module.css';

/** Adds several entries of the catalogue at once (Schoten's priority processes, the federal police's vulnerable functions). */
function FromCatalogue() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const catalogue = useCatalogue(orgId, open);
  const [codes, setCodes] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: () => post<{ items: ProcessView[] }>(`${riskBase(orgId)}/processes/from-catalogue`, { codes }),
    onSuccess: () => { setOpen(false); setCodes([]); void qc.invalidateQueries({ queryKey: keys.processes(orgId) }); },
  });
  const entries = catalogue.data ?? [];
  const groups = [
    { id: 'schoten', title: t`Priority processes (Schoten's policy plan)`, items: entries.filter((e) => e.source === 'schoten') },
    { id: 'federal', title: t`Vulnerable functions (federal police)`, items: entries.filter((e) => e.source === 'federal') },
  ];
  return (
    <>
      <Button onPress={() => { add.reset(); setOpen(true); }}><Trans>Add from the catalogue</Trans></Button>
      <ModalDialog isOpen={open} onOpenChange={setOpen} title={t`Add from the catalogue`}>
        {(close) => (
          <Form onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
            <ErrorAlert error={catalogue.error} />
            {catalogue.isPending ? <Loading /> : groups.filter((g) => g.items.length).map((g) => (
              <fieldset key={g.id} className={s.factors}>
                <legend>{g.title}</legend>
                {g.items.map((e) => e.inInventory ? (
                  <p key={e.code} className={`${s.small} ${s.muted}`}>{t`${inLocale(e.name, i18n.locale)} (already in the inventory)`}</p>
                ) : (
                  <Checkbox key={e.code} isSelected={codes.includes(e.code)} onChange={(on) => setCodes((c) => (on ? [...c, e.code] : c.filter((x) => x !== e.code)))}>
                    {inLocale(e.name, i18n.locale)}
                  </Checkbox>
                ))}
              </fieldset>
            ))}
            <ErrorAlert error={add.error} />
            <DialogActions>
              <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
              <Button type="submit" isDisabled={add.isPending || codes.length === 0}>{t`Add ${codes.length} to the inventory`}</Button>
            </DialogActions>
          </Form>
        )}
      </ModalDialog>
    </>
  );
}

/** A process or function typed in (new), or one of the inventory changed: name, kind, owner, review date, archived. */
function ProcessDialog({ process, isOpen, onOpenChange }: { process?: ProcessView; isOpen: boolean; onOpenChange: (o: boolean) => void }) {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const owners = useOwnerCandidates(orgId, isOpen);
  const [kind, setKind] = useState<ProcessKind>(process?.kind ?? 'process');
  const [name, setName] = useState(process?.name ?? '');
  const [description, setDescription] = useState(process?.description ?? '');
  const [owner, setOwner] = useState(process?.owner?.personId ?? '');
  const [reviewDate, setReviewDate] = useState(process?.reviewDate ?? '');
  const [revision, setRevision] = useState(process?.revision ?? 0);
  const body = { kind, name, description, ownerPersonId: owner || null, reviewDate: reviewDate || null };
  const save = useMutation({
    mutationFn: (rev: number) => process
      ? patch<ProcessView>(`${riskBase(orgId)}/processes/${process.id}`, body, { revision: rev })
      : post<ProcessView>(`${riskBase(orgId)}/processes`, body),
    onSuccess: () => { onOpenChange(false); void qc.invalidateQueries({ queryKey: keys.all(orgId) }); },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const theirs = err?.isEditConflict ? (err.current as ProcessView | undefined) : undefined;
  const ownerName = (id: string) => (owners.data ?? []).find((o) => o.personId === id)?.displayName ?? '';
  return (
    <ModalDialog isOpen={isOpen} onOpenChange={onOpenChange} title={process ? t`Change ${process.name}` : t`New process or function`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
          <SelectField label={t`Kind`} isRequired value={kind} onChange={(v) => setKind(v as ProcessKind)} error={err?.fieldMessage('kind')}
            options={(['process', 'function'] as const).map((k) => ({ id: k, label: i18n._(KIND_LABELS[k]) }))} />
          <Field label={t`Name`} isRequired value={name} onChange={setName} maxLength={300} error={err?.fieldMessage('name')} />
          <Field label={t`Description`} multiline value={description} onChange={setDescription} maxLength={5000} error={err?.fieldMessage('description')} />
          <div className={layout.grid2}>
            <SelectField label={t`Owner`} value={owner} onChange={setOwner} error={err?.fieldMessage('ownerPersonId')}
              description={t`A staff member of the personnel list who answers for the risk.`}
              options={[{ id: '', label: t`Nobody yet` }, ...(owners.data ?? []).map((o) => ({ id: o.personId, label: o.displayName }))]} />
            <DateField label={t`Review date`} value={reviewDate} onChange={setReviewDate} error={err?.fieldMessage('reviewDate')} />
          </div>
          <ErrorAlert error={owners.error} />
          <SaveError error={save.error && (err?.isEditConflict || !err?.fields.length) ? save.error : null} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
            onTakeTheirs={() => {
              if (theirs) { setKind(theirs.kind); setName(theirs.name); setDescription(theirs.description); setOwner(theirs.owner?.personId ?? ''); setReviewDate(theirs.reviewDate ?? ''); setRevision(theirs.revision); }
              save.reset();
            }}
            rows={theirs ? [
              { label: t`Name`, mine: name, theirs: theirs.name },
              { label: t`Description`, mine: description, theirs: theirs.description },
              { label: t`Owner`, mine: ownerName(owner), theirs: theirs.owner?.displayName ?? '' },
              { label: t`Review date`, mine: reviewDate, theirs: theirs.reviewDate ?? '' },
            ] : []} />
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={save.isPending}>{process ? <Trans>Save</Trans> : <Trans>Add</Trans>}</Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

/** Archive (or bring back) one process, on its revision. */
function ArchiveButton({ process }: { process: ProcessView }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => patch<ProcessView>(`${riskBase(orgId)}/processes/${process.id}`, { archived: !process.archived }, { revision: process.revision }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.processes(orgId) }),
  });
  return (
    <>
      {/* A short visible label; the process's name only in the accessible name (it is in the row already). */}
      <Button variant="quiet" onPress={() => run.mutate()} isDisabled={run.isPending}
        aria-label={process.archived ? t`Bring back ${process.name}` : t`Archive ${process.name}`}>
        {process.archived ? t`Bring back` : t`Archive`}
      </Button>
      {run.error instanceof Error && <Notice kind="warning">{run.error.message}</Notice>}
    </>
  );
}

function EditButton({ process }: { process: ProcessView }) {
  const { t } = useLingui();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onPress={() => setOpen(true)} aria-label={t`Change ${process.name}`}>{t`Change`}</Button>
      {open && <ProcessDialog process={process} isOpen={open} onOpenChange={setOpen} />}
    </>
  );
}

/** /risk/inventory — the organisation's processes and functions, with owner and review date. */
export function InventoryPage() {
  const { t } = useLingui();
  return <ForRoles roles={RISK_READERS} title={t`Processes and functions`}><Inventory /></ForRoles>;
}

function Inventory() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const [archived, setArchived] = useState(false);
  const [adding, setAdding] = useState(false);
  const q = useProcesses(orgId, archived);
  const items = q.data?.items ?? [];
  const canManage = q.data?.canManage ?? false;
  return (
    <>
      <PageHeader title={t`Processes and functions`} actions={canManage && (
        <><FromCatalogue /><Button variant="secondary" onPress={() => setAdding(true)}><Trans>New process or function</Trans></Button></>
      )}>
        <p><Trans>The inventory of the organisation's processes and functions that may be vulnerable to integrity violations (step 2 of the method), each with an owner and a review date.</Trans></p>
      </PageHeader>
      <RiskLinks current="inventory" />
      {adding && <ProcessDialog isOpen={adding} onOpenChange={setAdding} />}
      <Checkbox isSelected={archived} onChange={setArchived}><Trans>Show archived processes too</Trans></Checkbox>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : items.length === 0 ? (
        <EmptyState><p><Trans>The inventory is empty. Start from the catalogue: it holds the priority processes and the vulnerable functions.</Trans></p></EmptyState>
      ) : (
        <DataTable
          label={t`Processes and functions`}
          columns={[
            { id: 'name', name: t`Name`, isRowHeader: true },
            { id: 'kind', name: t`Kind` },
            { id: 'owner', name: t`Owner` },
            { id: 'review', name: t`Review date` },
            ...(canManage ? [{ id: 'actions', name: t`Actions` }] : []),
          ]}
          rows={items}
          cells={(p) => [
            <span key="n">{p.name}{p.archived && <> <span className={s.muted}>({t`archived`})</span></>}</span>,
            i18n._(KIND_LABELS[p.kind]),
            p.owner?.displayName ?? '–',
            p.reviewDate ? <span key="r">{f.date(p.reviewDate)}{p.reviewOverdue && <> <span className={s.alarm}><Trans>overdue</Trans></span></>}</span> : '–',
            ...(canManage ? [<div key="a" className={s.row}><EditButton process={p} /><ArchiveButton process={p} /></div>] : []),
          ]}
        />
      )}
    </>
  );
}

import { useState } from 'react';
import { Form } from 'react-aria-components';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { post } from '../../app/api';
import { ApiError } from '../../app/api';
import { Button, Checkbox, ConfirmDialog, DialogActions, ErrorAlert, Field, Loading, ModalDialog, Notice, useFormat } from '../../ui/components';
import { keys, readEscrow, type WaitingForEscrow } from './api';
import s from './styles';

/**
 * The organisation's escrow key: the one way to recover reports when a recipient forgets their
 * password or leaves. Kompas keeps only its public half; the private half is shown once, here, to
 * be printed or stored offline by the integrity officer. Without it the channel cannot open.
 */
export function EscrowCard({ orgId }: { orgId: string }) {
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keys.escrow(orgId), queryFn: () => readEscrow(orgId) });
  const [confirm, setConfirm] = useState(false);
  const [created, setCreated] = useState<{ privateKey: string; fingerprint: string } | null>(null);
  const [stored, setStored] = useState(false);
  const [copied, setCopied] = useState<boolean | null>(null);
  const create = useMutation({
    mutationFn: () => post<{ privateKey: string; fingerprint: string }>(`/api/orgs/${orgId}/vault/escrow`),
    onSuccess: (r) => { setConfirm(false); setCreated(r); },
  });
  const finish = () => {
    setCreated(null);
    setStored(false);
    void qc.invalidateQueries({ queryKey: keys.escrow(orgId) });
    void qc.invalidateQueries({ queryKey: keys.settings(orgId) });
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created!.privateKey);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="escrow-title" className={s.section}>
      <h2 id="escrow-title"><Trans>Escrow key</Trans></h2>
      <p><Trans>Reports are encrypted for their recipients. The escrow key is the spare key of the organisation: with it, access is restored when a recipient forgets their password or leaves. Kompas keeps only its public half.</Trans></p>
      <ErrorAlert error={q.error} />
      {created ? (
        <div>
          <Notice kind="warning">
            <strong><Trans>This private key is shown only this once.</Trans></strong>{' '}
            <Trans>Print it or save it on a USB stick that is never connected to a network, and keep it in a safe. Do not send it by e-mail, do not store it on the network, do not keep it with your password. Whoever holds it can open every report of the organisation.</Trans>
          </Notice>
          <dl className={s.summary}><dt><Trans>Fingerprint</Trans></dt><dd><code>{created.fingerprint}</code></dd></dl>
          <h3><Trans>Private escrow key</Trans></h3>
          <pre className={s.receiptKey} tabIndex={0}>{created.privateKey}</pre>
          <div className={s.questionTools} data-print="hide">
            <Button variant="secondary" onPress={() => void copy()}><Trans>Copy the key</Trans></Button>
            <Button variant="secondary" onPress={() => window.print()}><Trans>Print the key</Trans></Button>
          </div>
          <p role="status" data-print="hide">
            {copied === true && <Trans>The key is copied. Paste it only onto the offline medium, then copy something else so that it leaves the clipboard.</Trans>}
            {copied === false && <Trans>The key could not be copied here: print it instead.</Trans>}
          </p>
          <p><Trans>The operations guide says step by step how to recover access with this key.</Trans></p>
          <div data-print="hide">
            <Checkbox isSelected={stored} onChange={setStored}><Trans>I have printed or stored the private key offline, in a safe place</Trans></Checkbox>
            <Button onPress={finish} isDisabled={!stored}><Trans>Hide the key</Trans></Button>
          </div>
        </div>
      ) : q.isPending ? <Loading /> : q.data?.escrow ? (
        <>
          <dl className={s.summary}>
            <dt><Trans>Fingerprint</Trans></dt>
            <dd><code>{q.data.escrow.fingerprint}</code></dd>
            <dt><Trans>Created on</Trans></dt>
            <dd>{f.date(q.data.escrow.createdAt)}</dd>
          </dl>
          <Recovery orgId={orgId} waiting={q.data.waitingForRecovery ?? []} />
        </>
      ) : (
        <>
          <Notice kind="warning"><Trans>There is no escrow key yet. The reporting channel cannot open before it exists.</Trans></Notice>
          <Button onPress={() => { create.reset(); setConfirm(true); }}><Trans>Create escrow key</Trans></Button>
        </>
      )}
      {confirm && (
        <ConfirmDialog isOpen onOpenChange={setConfirm} title={t`Create the escrow key?`} confirmLabel={t`Create escrow key`}
          onConfirm={() => create.mutate()} pending={create.isPending} error={create.error}>
          <p><Trans>The private key will be shown once, on this screen. Have a printer or an offline USB stick ready, and make sure nobody can read your screen.</Trans></p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/**
 * People whose access waits for the escrow key (typed here, used once, never stored): their
 * password was reset, so grants made for their old key must be renewed; or records were filed
 * before they had a personal key, so the record is sealed to them from its escrow copy. Only what
 * the module says they may read is granted.
 */
function Recovery({ orgId, waiting }: { orgId: string; waiting: WaitingForEscrow[] }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [person, setPerson] = useState<{ userId: string; displayName: string } | null>(null);
  const [key, setKey] = useState('');
  const [done, setDone] = useState('');
  const recover = useMutation({
    mutationFn: () => post<{ renewed: number; granted: number }>(`/api/orgs/${orgId}/vault/recover`, { escrowKey: key.trim(), userId: person!.userId }),
    onSuccess: (r) => {
      const name = person!.displayName;
      const n = r.renewed;
      const g = r.granted;
      setDone([n > 0 || g === 0 ? t`Access of ${name} restored to ${n} records.` : '', g === 1 ? t`${name} can now open 1 report filed before they had a personal key.` : g > 1 ? t`${name} can now open ${g} reports filed before they had a personal key.` : ''].filter(Boolean).join(' '));
      setPerson(null);
      setKey('');
      void qc.invalidateQueries({ queryKey: keys.escrow(orgId) });
    },
  });
  const err = recover.error instanceof ApiError ? recover.error : undefined;
  const name = person?.displayName ?? '';
  return (
    <>
      <p role="status">{done}</p>
      {waiting.length > 0 && (
        <>
          <h3><Trans>Access waiting for recovery</Trans></h3>
          <p><Trans>These people cannot open some reports yet: they received a new password, or the report was filed before they had a personal key. With the escrow key you give them the access they are entitled to, no more.</Trans></p>
          <ul className={s.fileList}>
            {waiting.map((w) => {
              const name = w.displayName;
              const n = w.count;
              const p = w.pending;
              return (
                <li key={w.userId}>
                  <span className={s.fileName}>{name}</span>
                  {n > 0 && <span className={`${s.small} ${s.muted}`}>{n === 1 ? t`1 record` : t`${n} records`}</span>}
                  {p > 0 && <span className={`${s.small} ${s.muted}`}>{p === 1 ? t`1 report filed before they had a key` : t`${p} reports filed before they had a key`}</span>}
                  <Button variant="secondary" onPress={() => { recover.reset(); setDone(''); setPerson(w); }} aria-label={t`Restore the access of ${name}`}>
                    <Trans>Restore access</Trans>
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {person && (
        <ModalDialog isOpen onOpenChange={(o) => { if (!o) setPerson(null); }} title={t`Restore the access of ${name}`}>
          {(close) => (
            <Form onSubmit={(e) => { e.preventDefault(); recover.mutate(); }}>
              <p><Trans>Type or paste the private escrow key from its offline copy. It is used for this step only and is not stored.</Trans></p>
              {err && !err.field && <ErrorAlert error={err} />}
              <Field label={t`Private escrow key`} value={key} onChange={setKey} isRequired autoComplete="off" maxLength={200} error={err?.fieldMessage('escrowKey')} />
              <DialogActions>
                <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
                <Button type="submit" isDisabled={recover.isPending || key.trim() === ''}><Trans>Restore access</Trans></Button>
              </DialogActions>
            </Form>
          )}
        </ModalDialog>
      )}
    </>
  );
}

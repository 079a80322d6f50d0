import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { LOCALES, ORGANISATION_KINDS, type Locale } from '../../../shared/roles';
import { ApiError, get, post } from '../../app/api';
import { orgName, useMe } from '../../app/auth';
import { LOCALE_NAMES } from '../../app/i18n';
import { KIND_LABELS, LANGUAGE_LABELS } from '../../app/labels';
import { Button, Checkbox, DataTable, DialogActions, ErrorAlert, Field, layout, Loading, ModalDialog, Notice, PageHeader, SelectField } from '../../ui/components';
import { todayIso } from '../../ui/format';
import type { Organisation, OrganisationTreeItem } from './types';
import a from './admin.module.css';

export const ORGANISATIONS_KEY = ['admin', 'organisations'] as const;
export const fetchOrganisationTree = () => get<{ items: OrganisationTreeItem[] }>('/api/admin/organisations').then((r) => r.items);

function NewOrganisationDialog({ tree, onClose, onDone }: { tree: OrganisationTreeItem[]; onClose: () => void; onDone: (o: Organisation) => void }) {
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState('');
  const [parentId, setParentId] = useState('');
  const [names, setNames] = useState<Record<Locale, string>>({ nl: '', fr: '', de: '', en: '' });
  const [languages, setLanguages] = useState<Locale[]>(['nl']);
  const create = useMutation({
    mutationFn: () => post<Organisation>('/api/admin/organisations', {
      code, kind, languages, parentId: parentId || null,
      names: Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim() !== '')),
    }),
    onSuccess: (o) => { void qc.invalidateQueries({ queryKey: ORGANISATIONS_KEY }); onDone(o); },
  });
  const err = create.error instanceof ApiError ? create.error : undefined;
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={t`New organisation`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <ErrorAlert error={create.error} />
          <SelectField label={t`Kind of organisation`} value={kind} onChange={setKind} isRequired error={err?.fieldMessage('kind')}
            options={ORGANISATION_KINDS.map((k) => ({ id: k, label: i18n._(KIND_LABELS[k]) }))} />
          <SelectField label={t`Part of`} value={parentId} onChange={setParentId} error={err?.fieldMessage('parentId')}
            options={[{ id: '', label: t`None (top level)` }, ...tree.map((o) => ({ id: o.id, label: `${orgName(o.names, i18n.locale)} (${o.code})` }))]} />
          <Field label={t`Code`} value={code} onChange={setCode} isRequired maxLength={40} error={err?.fieldMessage('code')}
            description={t`Short and unique, for instance the zone number (PZ 5344). Users of an identity provider type it to sign in.`} />
          <div className={layout.grid2}>
            {LOCALES.map((l) => (
              <Field key={l} label={t`Name in ${i18n._(LANGUAGE_LABELS[l])}`} value={names[l]} onChange={(v) => setNames({ ...names, [l]: v })} maxLength={200}
                error={err?.fieldMessage(`names.${l}`) ?? (l === 'nl' ? err?.fieldMessage('names') : undefined)} />
            ))}
          </div>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontWeight: 600, marginBottom: 'var(--space-2)' }}>{t`Working languages`}</legend>
            {LOCALES.map((l) => (
              <Checkbox key={l} isSelected={languages.includes(l)} onChange={(on) => setLanguages(on ? LOCALES.filter((x) => x === l || languages.includes(x)) : languages.filter((x) => x !== l))}>
                {i18n._(LANGUAGE_LABELS[l])}
              </Checkbox>
            ))}
          </fieldset>
          {err?.fieldMessage('languages') && <p role="alert" style={{ color: 'var(--color-danger)', fontWeight: 600 }}>{err.fieldMessage('languages')}</p>}
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={create.isPending || !kind}><Trans>Create organisation</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

/**
 * Invites (or finds) the account and gives it the administrator role from today. A new
 * organisation has nobody yet, so the roles page would have no one to choose from.
 */
function AppointAdministratorDialog({ org, onClose, onDone }: { org: OrganisationTreeItem; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useLingui();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [locale, setLocale] = useState<string>(org.languages[0] ?? 'nl');
  const appoint = useMutation({
    mutationFn: async () => {
      const u = await post<{ id: string }>(`/api/orgs/${org.id}/users`, { email, displayName, locale });
      await post(`/api/orgs/${org.id}/roles`, { userId: u.id, role: 'administrator', validFrom: todayIso() });
    },
    onSuccess: onDone,
  });
  const err = appoint.error instanceof ApiError ? appoint.error : undefined;
  const name = orgName(org.names, i18n.locale);
  return (
    <ModalDialog isOpen onOpenChange={(o) => !o && onClose()} title={t`Appoint an administrator of ${name}`}>
      {(close) => (
        <Form onSubmit={(e) => { e.preventDefault(); appoint.mutate(); }}>
          <p><Trans>The person receives the administrator role from today. A new account receives an e-mail with a link to choose a password.</Trans></p>
          <ErrorAlert error={appoint.error} />
          <Field label={t`E-mail address`} type="email" value={email} onChange={setEmail} isRequired maxLength={254} error={err?.fieldMessage('email')} autoFocus />
          <Field label={t`Name`} value={displayName} onChange={setDisplayName} isRequired maxLength={200} error={err?.fieldMessage('displayName')} />
          <SelectField label={t`Language of the e-mails`} value={locale} onChange={setLocale} options={LOCALES.map((l) => ({ id: l, label: LOCALE_NAMES[l] }))} error={err?.fieldMessage('locale')} />
          <DialogActions>
            <Button variant="secondary" onPress={close}><Trans>Cancel</Trans></Button>
            <Button type="submit" isDisabled={appoint.isPending}><Trans>Appoint administrator</Trans></Button>
          </DialogActions>
        </Form>
      )}
    </ModalDialog>
  );
}

/** All organisations of the platform (platform administrators only). Also shown outside any organisation. */
export function OrganisationsPage() {
  const { t, i18n } = useLingui();
  const me = useMe().data;
  const q = useQuery({ queryKey: ORGANISATIONS_KEY, queryFn: fetchOrganisationTree, enabled: !!me?.isPlatformAdmin });
  const [creating, setCreating] = useState(false);
  const [appointing, setAppointing] = useState<OrganisationTreeItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const title = t`Organisations`;
  if (!me?.isPlatformAdmin) return <><PageHeader title={title} /><p><Trans>Only platform administrators manage the organisations.</Trans></p></>;
  const tree = q.data ?? [];
  return (
    <>
      <PageHeader title={title} actions={<Button onPress={() => { setCreating(true); setNotice(null); }}><Trans>New organisation</Trans></Button>}>
        <p><Trans>Every police zone, federal directorate, inspectorate and oversight body on this platform. Open an organisation to manage its users and roles, even where you hold no role yourself.</Trans></p>
      </PageHeader>
      <div aria-live="polite">{notice && <Notice kind="success">{notice}</Notice>}</div>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : (
        <DataTable
          label={title}
          columns={[
            { id: 'name', name: t`Name`, isRowHeader: true },
            { id: 'code', name: t`Code` },
            { id: 'kind', name: t`Kind` },
            { id: 'languages', name: t`Working languages` },
            { id: 'actions', name: t`Action` },
          ]}
          rows={tree}
          cells={(o) => {
            const name = orgName(o.names, i18n.locale);
            return [
              <span key="n" style={{ paddingInlineStart: `${o.depth * 1.5}rem`, display: 'inline-block' }}>
                {o.depth > 0 && <span aria-hidden="true" className={a.muted}>└ </span>}{name}
              </span>,
              o.code,
              i18n._(KIND_LABELS[o.kind]),
              o.languages.map((l) => i18n._(LANGUAGE_LABELS[l])).join(', '),
              <span key="a" className={layout.actions}>
                <Link to={`/o/${o.id}/roles`} aria-label={t`Role assignments of ${name}`}><Trans>Roles</Trans></Link>
                <Button variant="secondary" onPress={() => { setNotice(null); setAppointing(o); }} aria-label={t`Appoint an administrator of ${name}`}><Trans>Appoint administrator</Trans></Button>
              </span>,
            ];
          }}
        />
      )}
      {creating && <NewOrganisationDialog tree={tree} onClose={() => setCreating(false)}
        onDone={(o) => { setCreating(false); setNotice(t`The organisation ${orgName(o.names, i18n.locale)} has been created. Appoint its first administrator.`); }} />}
      {appointing && <AppointAdministratorDialog org={appointing} onClose={() => setAppointing(null)}
        onDone={() => { setNotice(t`${orgName(appointing.names, i18n.locale)} has an administrator. They receive an e-mail if their account is new.`); setAppointing(null); }} />}
    </>
  );
}

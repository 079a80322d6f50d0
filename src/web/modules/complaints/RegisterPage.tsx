import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError } from '../../app/api';
import { useOrg } from '../../app/context';
import { LOCALE_NAMES } from '../../app/i18n';
import { useVault, VaultProvider } from '../../app/vault';
import { Button, Checkbox, ErrorAlert, Field, PageHeader, SelectField } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { FilePicker } from '../../ui/FilePicker';
import { todayIso } from '../../ui/format';
import { LOCALES } from '../../../shared/roles';
import { complaintsBase, keys, multipart, postForm } from './api';
import { CHANNEL_LABELS, FORWARDING_SOURCE_LABELS } from './labels';
import type { FiledResponse, StaffComplaintBody } from './types';
import s from './styles';

const STAFF_CHANNELS = ['phone', 'letter', 'email', 'desk', 'forwarded'] as const;

/**
 * /complaints/new — the coordinator registers a complaint received by telephone, letter, e-mail,
 * at the desk, or forwarded by another authority (with who and their reference).
 */
export function RegisterPage() {
  return <VaultProvider><Register /></VaultProvider>;
}

function Register() {
  const { orgId } = useOrg();
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const withVault = useVault();
  const [channel, setChannel] = useState('');
  const [forwardedBy, setForwardedBy] = useState('');
  const [forwardingReference, setForwardingReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [language, setLanguage] = useState<string>(i18n.locale);
  const [what, setWhat] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  const [where, setWhere] = useState('');
  const [involved, setInvolved] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const save = useMutation({
    mutationFn: (body: StaffComplaintBody) => withVault(() => postForm<FiledResponse>(complaintsBase(orgId), multipart('complaint', body, files))),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: keys.all(orgId) });
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'home'] });
      if (r.id) void navigate({ to: `/o/${orgId}/complaints/${r.id}` as never });
      else void navigate({ to: `/o/${orgId}/complaints` as never });
    },
  });
  const err = (k: string) => missing[k] ?? (save.error instanceof ApiError ? save.error.fieldMessage(k) ?? save.error.fieldMessage(`complaint.${k}`) : undefined);
  const submit = () => {
    const m: Record<string, string> = {};
    if (!channel) m.channel = t`Choose how the complaint came in.`;
    if (channel === 'forwarded' && !forwardedBy) m.forwardedBy = t`Choose who forwarded the complaint.`;
    if (!anonymous && !name.trim()) m.name = t`Enter the complainant's name, or tick that the complaint is anonymous.`;
    if (!what.trim()) m.what = t`Describe what happened.`;
    setMissing(m);
    if (Object.keys(m).length) return;
    save.mutate({
      channel: channel as StaffComplaintBody['channel'],
      ...(channel === 'forwarded' ? { forwardedBy: forwardedBy as NonNullable<StaffComplaintBody['forwardedBy']>, forwardingReference: opt(forwardingReference) } : {}),
      receivedOn: receivedOn || undefined,
      anonymous,
      ...(!anonymous ? { name: name.trim(), email: opt(email), phone: opt(phone), address: opt(address) } : {}),
      what: what.trim(), occurredOn: occurredOn || undefined, where: opt(where), involved: opt(involved),
      language: language as StaffComplaintBody['language'],
    });
  };
  const server = save.error instanceof ApiError ? save.error : undefined;
  return (
    <>
      <PageHeader title={t`Register a complaint`}>
        <p><Link to={`/o/${orgId}/complaints`}><Trans>Back to the complaints</Trans></Link></p>
      </PageHeader>
      <Form onSubmit={(e) => { e.preventDefault(); submit(); }} className={s.narrow}>
        {server && !server.field && server.fields.length === 0 && <ErrorAlert error={server} />}
        <h2><Trans>How it came in</Trans></h2>
        <SelectField label={t`Channel`} value={channel} onChange={setChannel} isRequired error={err('channel')}
          options={STAFF_CHANNELS.map((c) => ({ id: c, label: i18n._(CHANNEL_LABELS[c]) }))} />
        {channel === 'forwarded' && (
          <>
            <SelectField label={t`Forwarded by`} value={forwardedBy} onChange={setForwardedBy} isRequired error={err('forwardedBy')}
              options={Object.keys(FORWARDING_SOURCE_LABELS).map((x) => ({ id: x, label: i18n._(FORWARDING_SOURCE_LABELS[x]!) }))} />
            <Field label={t`Their reference (optional)`} value={forwardingReference} onChange={setForwardingReference} maxLength={100} error={err('forwardingReference')} />
          </>
        )}
        <DateField label={t`Received on`} value={receivedOn} onChange={setReceivedOn} max={todayIso()} error={err('receivedOn')} />

        <h2><Trans>The complainant</Trans></h2>
        <Checkbox isSelected={anonymous} onChange={setAnonymous}><Trans>The complainant does not give their name (anonymous)</Trans></Checkbox>
        {!anonymous && (
          <>
            <Field label={t`Name`} value={name} onChange={setName} isRequired maxLength={200} autoComplete="off" error={err('name')} />
            <Field label={t`E-mail address (optional)`} type="email" value={email} onChange={setEmail} maxLength={254} autoComplete="off" error={err('email')} />
            <Field label={t`Telephone number (optional)`} type="tel" value={phone} onChange={setPhone} maxLength={40} autoComplete="off" error={err('phone')} />
            <Field className={s.textarea} label={t`Postal address (optional)`} value={address} onChange={setAddress} multiline maxLength={500} error={err('address')} />
          </>
        )}
        <SelectField label={t`Language of the complainant`} value={language} onChange={setLanguage} isRequired error={err('language')}
          options={LOCALES.map((l) => ({ id: l, label: LOCALE_NAMES[l] }))} />

        <h2><Trans>The complaint</Trans></h2>
        <Field className={s.textarea} label={t`What happened?`} value={what} onChange={setWhat} multiline isRequired maxLength={20_000} error={err('what')} />
        <DateField label={t`When did it happen? (optional)`} value={occurredOn} onChange={setOccurredOn} max={todayIso()} error={err('occurredOn')} />
        <Field label={t`Where did it happen? (optional)`} value={where} onChange={setWhere} maxLength={500} error={err('where')} />
        <Field className={s.textarea} label={t`Who was involved? (optional)`} value={involved} onChange={setInvolved} multiline maxLength={2000} error={err('involved')} />
        <FilePicker files={files} onChange={setFiles} label={<Trans>Add files (optional)</Trans>} />
        <Button type="submit" isDisabled={save.isPending}><Trans>Register the complaint</Trans></Button>
      </Form>
    </>
  );
}

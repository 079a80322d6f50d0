import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { isLocale } from '../../app/i18n';
import { usePublicOrg } from '../../app/public/context';
import { Button, Checkbox, ErrorAlert, Loading, Notice, PageHeader } from '../../ui/components';
import { LocalText } from '../../ui/FilePicker';
import { ComplaintForm } from './ComplaintForm';
import { groupCode } from './components';
import { fileComplaint, readDesk } from './public-api';
import type { FiledResponse, Lang, PublicComplaintBody } from './types';
import s from './styles';

/** The link to the status page, keeping the language of the address. */
export function StatusLink({ children }: { children: ReactNode }) {
  const org = usePublicOrg();
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  return <Link to="/p/$orgCode/complaint/status" params={{ orgCode: org.code }} search={lang ? { lang } : {}}>{children}</Link>;
}

/**
 * /p/$orgCode/complaint — the organisation's complaints desk for citizens, without sign-in: the
 * organisation's introduction and lead times, the form, a review step, then the reference and the
 * status code, shown once.
 */
export function PublicComplaintPage() {
  const org = usePublicOrg();
  const { t, i18n } = useLingui();
  const navigate = useNavigate();
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  const desk = useQuery({ queryKey: ['public', 'complaints', org.code, i18n.locale], queryFn: () => readDesk(org.code, i18n.locale) });
  const [filed, setFiled] = useState<FiledResponse | null>(null);
  const submit = useMutation({
    mutationFn: (v: { complaint: PublicComplaintBody; files: File[] }) => fileComplaint(org.code, i18n.locale, v.complaint, v.files),
    // The code lives in this component's memory only: not in the address, not in storage.
    onSuccess: (r) => setFiled(r),
  });
  useEffect(() => { if (filed) window.scrollTo(0, 0); }, [filed]);

  if (filed) {
    return <Receipt filed={filed} acknowledgeDays={desk.data?.acknowledgeDays} resolveDays={desk.data?.resolveDays}
      onDone={() => { setFiled(null); void navigate({ to: '/p/$orgCode/complaint/status', params: { orgCode: org.code }, search: lang ? { lang } : {} }); }} />;
  }
  const languages = (desk.data?.languages.length ? desk.data.languages : org.languages.filter(isLocale)) as Lang[];
  return (
    <>
      <PageHeader title={t`File a complaint`}>
        <p><Trans>Are you dissatisfied with how a member of the police treated you or acted? Tell us here, with your name or anonymously.</Trans></p>
      </PageHeader>
      <p><StatusLink><Trans>You already filed a complaint? Check its status with your status code.</Trans></StatusLink></p>
      <ErrorAlert error={desk.error} />
      {desk.isPending ? <Loading /> : desk.data && (
        <>
          <section aria-labelledby="complaint-intro" className={s.narrow}>
            <h2 id="complaint-intro"><Trans>How your complaint is handled</Trans></h2>
            <LocalText as="div" className={s.prose} texts={desk.data.intro} />
            <p>
              <Trans>The organisation confirms receipt within {desk.data.acknowledgeDays} days and aims to answer within {desk.data.resolveDays} days.</Trans>{' '}
              <Trans>You can also turn to Comité P, the standing police monitoring committee, directly.</Trans>
            </p>
          </section>
          {!desk.data.open ? (
            <Notice kind="warning">
              <Trans>This organisation does not take complaints through this page at the moment. Contact it by letter, by telephone or at its desk.</Trans>
            </Notice>
          ) : (
            <div className={s.section}>
              <ComplaintForm languages={languages.length ? languages : ['nl']} limits={desk.data.files} pending={submit.isPending} error={submit.error}
                onSubmit={(complaint, files) => submit.mutate({ complaint, files })} />
            </div>
          )}
        </>
      )}
    </>
  );
}

/**
 * The reference and the status code, shown once: the server keeps only a hash of the code, so
 * nobody can give it again. Copy and print; until the citizen ticks that they noted it, leaving
 * the page asks first.
 */
function Receipt({ filed, acknowledgeDays, resolveDays, onDone }: { filed: FiledResponse; acknowledgeDays?: number; resolveDays?: number; onDone: () => void }) {
  const { t } = useLingui();
  const org = usePublicOrg();
  const code = groupCode(filed.code);
  const reference = filed.reference;
  const [kept, setKept] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (kept) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [kept]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${reference} ${code}`);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  const address = `${window.location.origin}/p/${org.code}/complaint/status`;
  return (
    <>
      <PageHeader title={t`Your complaint has been sent`}>
        <p><Trans>Reference: {reference}</Trans></p>
      </PageHeader>
      <Notice kind="warning">
        <strong>{t`Write down this status code now.`}</strong>{' '}
        <Trans>It is shown only this once. Kompas does not keep it, and nobody can give it to you again. With it you check the status of your complaint and read the answer.</Trans>
      </Notice>
      <div className={s.receiptBox}>
        <p><Trans>Status code</Trans></p>
        <p className={s.receipt} data-testid="status-code">{code}</p>
        <p><Trans>Reference: {reference}</Trans></p>
      </div>
      <div className={s.tools} data-print="hide">
        <Button variant="secondary" onPress={() => void copy()}><Trans>Copy the code</Trans></Button>
        <Button variant="secondary" onPress={() => window.print()}><Trans>Print this page</Trans></Button>
      </div>
      <p role="status" data-print="hide">
        {copied === 'yes' && <Trans>The reference and the code are copied. Paste them somewhere only you can reach.</Trans>}
        {copied === 'no' && <Trans>The code could not be copied here: write it down or print this page.</Trans>}
      </p>
      <h2><Trans>How to come back</Trans></h2>
      <ol className={s.story}>
        <li><Trans>Go to the status page, <strong className={s.prose}>{address}</strong>, and enter your status code there. The code is never part of the address.</Trans></li>
        {acknowledgeDays !== undefined && resolveDays !== undefined && (
          <li><Trans>Receipt is confirmed within {acknowledgeDays} days; the organisation aims to answer within {resolveDays} days.</Trans></li>
        )}
        <li><Trans>When the organisation answers, you read the answer on the status page. If you gave your contact details, it may also contact you.</Trans></li>
      </ol>
      <div data-print="hide" className={s.section}>
        <Checkbox isSelected={kept} onChange={setKept}>{t`I have written down or printed my status code`}</Checkbox>
        <Button onPress={onDone} isDisabled={!kept}><Trans>Go to the status page</Trans></Button>
      </div>
    </>
  );
}

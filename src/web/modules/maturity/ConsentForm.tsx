import { useEffect, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Form } from 'react-aria-components';
import { ApiError, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Checkbox, ErrorAlert, Loading, Notice, PageHeader, useFormat } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import { consentUrl, oversightKeys, useConsent, type ConsentView } from './oversight-api';

/**
 * The organisation's choice to be named to the inspectorate and Comité P (chief or administrator):
 * saved on the revision it was loaded with ("0" for the first choice); a 409 shows the other choice.
 */
export function ConsentForm() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const q = useConsent(orgId);
  const [consented, setConsented] = useState<boolean | null>(null);
  const [revision, setRevision] = useState<number | null>(null);
  // The form starts from the loaded choice once; later refetches do not overwrite what is being edited.
  useEffect(() => {
    if (q.data && revision === null) { setConsented(q.data.consented); setRevision(q.data.revision); }
  }, [q.data, revision]);
  const save = useMutation({
    mutationFn: (rev: number) => put<ConsentView>(consentUrl(orgId), { consented: !!consented }, { revision: rev }),
    onSuccess: (v) => { setRevision(v.revision); qc.setQueryData(oversightKeys.consent(orgId), v); },
  });
  const theirs = save.error instanceof ApiError ? (save.error.current as ConsentView | undefined) : undefined;
  const word = (v: boolean) => (v ? t`May be named` : t`Not named`);
  const data = q.data;
  const when = data?.updatedAt ? f.dateTime(data.updatedAt) : '';
  const who = data?.updatedBy?.displayName ?? '–';
  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title"><Trans>Naming to the oversight bodies</Trans></h2>
      <p><Trans>The inspectorate and Comité P see the maturity of the organisations only as counts and quantiles of groups of at least five. If you agree, the name of your organisation appears in the list of organisations that have measured; its levels are never shown.</Trans></p>
      <ErrorAlert error={q.error} />
      {q.isPending || consented === null || revision === null ? <Loading /> : (
        <Form onSubmit={(e) => { e.preventDefault(); save.mutate(revision); }}>
          <Checkbox isSelected={consented} onChange={(v) => { setConsented(v); save.reset(); }}>
            <Trans>Our organisation may be named to the oversight bodies as one that has measured</Trans>
          </Checkbox>
          {data?.updatedAt && (
            <p><Trans>Last chosen on {when} by {who}.</Trans></p>
          )}
          <Button type="submit" isDisabled={save.isPending}><Trans>Save the choice</Trans></Button>
          <SaveError error={save.error} pending={save.isPending} onKeepMine={(rev) => save.mutate(rev)}
            onTakeTheirs={() => {
              if (theirs) { setConsented(theirs.consented); setRevision(theirs.revision); }
              save.reset();
              void qc.invalidateQueries({ queryKey: oversightKeys.consent(orgId) });
            }}
            rows={theirs ? [{ label: t`Naming`, mine: word(consented), theirs: word(theirs.consented) }] : []} />
          {save.isSuccess && <Notice kind="success" live><Trans>Choice saved.</Trans></Notice>}
        </Form>
      )}
    </section>
  );
}

/** /maturity/consent — the chief's or administrator's choice to be named to the oversight bodies. */
export function ConsentPage() {
  const { orgId, has } = useOrg();
  const { t } = useLingui();
  return (
    <>
      <PageHeader title={t`Maturity: naming to the oversight bodies`}>
        {has('integrity_officer', 'chief') && <p><Link to={`/o/${orgId}/maturity`}><Trans>All measurements</Trans></Link></p>}
      </PageHeader>
      <ConsentForm />
    </>
  );
}

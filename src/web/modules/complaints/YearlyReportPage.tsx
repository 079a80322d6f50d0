import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, get, put } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, buttonClass, ErrorAlert, Field, Loading, Notice, PageHeader, SelectField } from '../../ui/components';
import { SaveError } from '../../ui/EditConflict';
import type { RecommendationsView } from '../../../server/modules/complaints/stats-contract';
import { useFormKey } from './components';
import { statsBase, statsKey } from './StatsPage';
import s from '../../ui/Figures.module.css';

/** The coordinator's recommendations of the year: saved with the revision they were opened at (409 shows the other version). */
function RecommendationsEditor({ orgId, year, current, onSaved }: { orgId: string; year: number; current: RecommendationsView; onSaved: (revision: number) => void }) {
  const { t } = useLingui();
  const qc = useQueryClient();
  const [text, setText] = useState(current.text);
  const save = useMutation({
    mutationFn: (revision: number) => put<RecommendationsView>(`${statsBase(orgId)}/yearly-report/${year}`, { text }, { revision }),
    onSuccess: (v) => {
      onSaved(v.revision);
      qc.setQueryData([...statsKey(orgId), 'report', year], v);
    },
  });
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(current.revision); }}>
      <Field label={t`Recommendations`} multiline value={text} onChange={setText} maxLength={20000}
        description={t`Written by the complaints coordinator; they appear in the report and in its public version. A blank line starts a new paragraph.`} />
      <Button type="submit" isDisabled={save.isPending}><Trans>Save the recommendations</Trans></Button>
      <SaveError error={save.error} pending={save.isPending} onKeepMine={(r) => save.mutate(r)}
        onTakeTheirs={() => { save.reset(); void qc.invalidateQueries({ queryKey: [...statsKey(orgId), 'report', year] }); }}
        rows={[{ label: t`Recommendations`, mine: text, theirs: save.error instanceof ApiError ? (save.error.current as RecommendationsView | undefined)?.text ?? '' : '' }]} />
      {save.isSuccess && <Notice kind="success" live><Trans>Saved.</Trans></Notice>}
    </Form>
  );
}

/**
 * /complaints/yearly-report — the yearly complaints report (coordinator and chief): the
 * recommendations (written by the coordinator, read by the chief) and the downloads: the report in
 * Word and PDF, its anonymised public version, and the anonymised CSV for oversight.
 */
export function YearlyReportPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { year?: number };
  const year = search.year ?? new Date().getFullYear() - 1;
  const q = useQuery({ queryKey: [...statsKey(orgId), 'report', year], queryFn: () => get<RecommendationsView>(`${statsBase(orgId)}/yearly-report/${year}`) });
  const [formKey, saved] = useFormKey(q.data?.revision);
  const file = (name: string) => `${statsBase(orgId)}/yearly-report/${year}/${name}?lang=${i18n.locale}`;
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  const download = (name: string, label: string, text: string) => <a className={buttonClass('secondary')} href={file(name)} download aria-label={label}>{text}</a>;
  return (
    <>
      <PageHeader title={t`Yearly complaints report`} actions={<Link to="/o/$orgId/complaints/stats" params={{ orgId }} search={{ year }}><Trans>Statistics of {year}</Trans></Link>}>
        <p><Trans>The figures, lead times and recommendations of the year, for the organisation and, anonymised, for the public. Every download is recorded in the audit log.</Trans></p>
      </PageHeader>
      <SelectField label={t`Year`} options={years.map((y) => ({ id: String(y), label: String(y) }))} value={String(year)}
        onChange={(v) => navigate({ to: '.', search: { year: Number(v) } })} />
      <section>
        <h2><Trans>Downloads</Trans></h2>
        <div className={s.exports}>
          {download('report.docx', t`Download the yearly report of ${year} as Word`, t`Report (Word)`)}
          {download('report.pdf', t`Download the yearly report of ${year} as PDF`, t`Report (PDF)`)}
          {download('public.docx', t`Download the public version of ${year} as Word`, t`Public version (Word)`)}
          {download('public.pdf', t`Download the public version of ${year} as PDF`, t`Public version (PDF)`)}
          {download('oversight.csv', t`Download the anonymised figures of ${year} for oversight as CSV`, t`Figures for oversight (CSV)`)}
        </div>
        <p className={s.muted}><Trans>The public version names no unit and hides small counts (below the organisation's threshold), as the figures for oversight do. Neither version names a staff member.</Trans></p>
      </section>
      <section>
        <h2><Trans>Recommendations</Trans></h2>
        <ErrorAlert error={q.error} />
        {q.isPending ? <Loading /> : q.data && (has('complaints_coordinator')
          ? <RecommendationsEditor key={`${year}-${formKey}`} orgId={orgId} year={year} current={q.data} onSaved={saved} />
          : <p className={s.muted} style={{ whiteSpace: 'pre-line' }}>{q.data.text || t`No recommendations were written for this year.`}</p>)}
      </section>
    </>
  );
}

import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../app/api';
import { fetchFile, saveBlob } from '../../app/files';
import { Button, ErrorAlert } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import s from '../../ui/Figures.module.css';
import { lastFullQuarter } from './listing-period';

type Format = 'csv' | 'docx' | 'pdf';

/**
 * The listing for the authorities on the statistics page (coordinator and chief): the complaints of
 * a period, one a line, without personal data or text, as CSV, Word or PDF. Fetched rather than
 * linked so that the server's check of the period shows at the field it names.
 */
export function ListingSection({ base }: { base: string }) {
  const { t, i18n } = useLingui();
  const [period, setPeriod] = useState(() => lastFullQuarter(new Date()));
  const get = useMutation({
    mutationFn: async (format: Format) => {
      const q = new URLSearchParams({ from: period.from, to: period.to, lang: i18n.locale });
      const f = await fetchFile(`${base}/listing.${format}?${q}`);
      saveBlob(f.blob, f.filename ?? `listing.${format}`);
    },
  });
  const err = get.error instanceof ApiError ? get.error : null;
  const atField = err && (err.fieldMessage('from') || err.fieldMessage('to'));
  const labels: Record<Format, string> = { csv: t`Download the list (CSV)`, docx: t`Download the list (Word)`, pdf: t`Download the list (PDF)` };
  return (
    <section aria-labelledby="complaints-listing">
      <h2 id="complaints-listing"><Trans>Listing for the authorities</Trans></h2>
      <p className={s.muted}><Trans>The complaints of a period, one a line, without personal data or text: for the mayor or police college, the police council or the inspectorate. Every download is recorded in the audit log.</Trans></p>
      <div className={s.exports}>
        <DateField label={t`From`} value={period.from} onChange={(from) => { get.reset(); setPeriod((p) => ({ ...p, from })); }} isRequired error={err?.fieldMessage('from')} />
        <DateField label={t`Up to and including`} value={period.to} onChange={(to) => { get.reset(); setPeriod((p) => ({ ...p, to })); }} isRequired error={err?.fieldMessage('to')} />
      </div>
      <div className={s.exports}>
        {(['csv', 'docx', 'pdf'] as const).map((format) => (
          <Button key={format} variant="secondary" isDisabled={get.isPending} onPress={() => get.mutate(format)}>{labels[format]}</Button>
        ))}
      </div>
      {get.error && !atField && <ErrorAlert error={get.error} />}
    </section>
  );
}

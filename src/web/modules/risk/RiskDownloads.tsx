import { useId } from 'react';
import { useLingui } from '@lingui/react/macro';
import { buttonClass } from '../../ui/components';
import s from '../../ui/ui.module.css';

export type RiskFileFormat = 'csv' | 'docx' | 'pdf';

/**
 * Word, PDF and CSV of what the page shows (an analysis, the register, the oversight overview), in the
 * reader's language. Plain links: the server checks who may read, audits the export and sends it as an
 * attachment that is not cached.
 */
export function RiskDownloads({ url, name }: { url: (format: RiskFileFormat) => string; name: string }) {
  const { t } = useLingui();
  const id = useId();
  // The group says in words what is downloaded; each button's accessible name says it again with its format.
  return (
    <div className={s.actions} style={{ marginBottom: 'var(--space-4)', alignItems: 'center' }} data-print="hide" role="group" aria-labelledby={id}>
      <span id={id}>{t`Download ${name}:`}</span>
      <a className={buttonClass('secondary')} href={url('docx')} download aria-label={t`Download ${name} as Word`}>Word</a>
      <a className={buttonClass('secondary')} href={url('pdf')} download aria-label={t`Download ${name} as PDF`}>PDF</a>
      <a className={buttonClass('secondary')} href={url('csv')} download aria-label={t`Download ${name} as CSV`}>CSV</a>
    </div>
  );
}

import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FileTrigger, Form } from 'react-aria-components';
import { post } from '../../app/api';
import { useOrg } from '../../app/context';
import { Button, Card, ConfirmDialog, ErrorAlert, Field, layout, Notice, PageHeader, useFormat } from '../../ui/components';
import type { ImportReport, ImportResult } from './types';
import s from './admin.module.css';

const MAX_BYTES = 5 * 1024 * 1024;

function Counts({ report }: { report: ImportReport }) {
  const f = useFormat();
  return (
    <dl className={s.counts}>
      <div><dt><Trans>Rows</Trans></dt><dd>{f.number(report.rows)}</dd></div>
      <div><dt><Trans>Valid</Trans></dt><dd>{f.number(report.valid)}</dd></div>
      <div><dt><Trans>With errors</Trans></dt><dd>{f.number(report.rows - report.valid)}</dd></div>
      <div><dt><Trans>New</Trans></dt><dd>{f.number(report.toCreate)}</dd></div>
      <div><dt><Trans>Changed</Trans></dt><dd>{f.number(report.toUpdate)}</dd></div>
      <div><dt><Trans>Unchanged</Trans></dt><dd>{f.number(report.unchanged)}</dd></div>
    </dl>
  );
}

function BadRows({ report }: { report: ImportReport }) {
  const { t } = useLingui();
  // Name the column as a person knows it, not the field name of the API.
  const columns: Record<string, string> = {
    personnelNumber: t`Personnel number`, lastName: t`Last name`, firstName: t`First name`, email: t`E-mail address`,
    staffCategory: t`Category`, grade: t`Grade`, unitCode: t`Unit`, unitId: t`Unit`, functionTitle: t`Function`,
    startDate: t`In service since`, endDate: t`Left service on`,
  };
  if (report.invalid.length === 0) return null;
  return (
    <>
      <h3><Trans>Rows with errors</Trans></h3>
      <div className={s.tableWrapPlain}>
        <table className="import-errors" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <caption className="visually-hidden">{t`Rows with errors`}</caption>
          <thead>
            <tr><th scope="col"><Trans>Line</Trans></th><th scope="col"><Trans>Personnel number</Trans></th><th scope="col"><Trans>Problems</Trans></th></tr>
          </thead>
          <tbody>
            {report.invalid.map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.line}</th>
                <td>{r.personnelNumber ?? '—'}</td>
                <td>
                  <ul className={s.errorList}>
                    {r.errors.map((e, i) => <li key={i}>{e.field && <strong>{columns[e.field] ?? e.field}: </strong>}{e.message}</li>)}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.invalidTruncated && <Notice kind="warning"><Trans>Only the first rows with errors are listed. Correct these and check the file again.</Trans></Notice>}
    </>
  );
}

export function ImportPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const qc = useQueryClient();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const preview = useMutation({ mutationFn: () => post<ImportResult>(`/api/orgs/${orgId}/people/import`, { csv, mode: 'preview' }) });
  const commit = useMutation({
    mutationFn: (acceptValidOnly: boolean) => post<ImportResult>(`/api/orgs/${orgId}/people/import`, { csv, mode: 'commit', acceptValidOnly }),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'people'] });
    },
  });
  const report = preview.data?.report;
  const hasErrors = !!report && report.valid < report.rows;
  const reset = () => { preview.reset(); commit.reset(); };

  const readFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setFileError(null);
    if (file.size > MAX_BYTES) { setFileError(t`The file is larger than 5 MB. Split it into smaller files.`); return; }
    setCsv(await file.text());
    setFileName(file.name);
    reset();
  };

  return (
    <>
      <PageHeader title={t`Import staff from an HR file`}>
        <p><Trans>Paste the lines of a CSV file or choose the file. The first line names the columns: personnel number, last name, first name, e-mail, category (operational or CALog), grade, unit code, function, start date, end date. Kompas checks every line before anything is loaded.</Trans></p>
      </PageHeader>
      <p><Link to={`/o/${orgId}/people`}><Trans>Back to the staff list</Trans></Link></p>

      {commit.data ? (
        <Card title={t`Result`}>
          <div role="status">
            <Notice kind="success">
              <Trans>The staff list has been updated: {commit.data.report.toCreate} added, {commit.data.report.toUpdate} changed, {commit.data.report.unchanged} unchanged.</Trans>
            </Notice>
          </div>
          <div className={layout.actions}>
            <Link to={`/o/${orgId}/people`}><Trans>Open the staff list</Trans></Link>
            <Button variant="secondary" onPress={() => { setCsv(''); setFileName(null); reset(); }}><Trans>Import another file</Trans></Button>
          </div>
        </Card>
      ) : (
        <>
          <Card title={t`1. The file`}>
            <div className={s.fileRow}>
              <FileTrigger acceptedFileTypes={['text/csv', '.csv', 'text/plain']} onSelect={readFile}>
                <Button variant="secondary"><Trans>Choose a CSV file</Trans></Button>
              </FileTrigger>
              <span aria-live="polite">{fileName && <Trans>Chosen: {fileName}</Trans>}</span>
            </div>
            <ErrorAlert error={fileError} />
            <Form onSubmit={(e) => { e.preventDefault(); preview.mutate(); }}>
              <Field label={t`CSV content`} multiline value={csv} onChange={(v) => { setCsv(v); reset(); }} isRequired maxLength={MAX_BYTES}
                description={t`Separated by commas or semicolons; dates as 2024-03-01 or 01/03/2024.`} />
              <Button type="submit" isDisabled={!csv.trim() || preview.isPending}><Trans>Check the file</Trans></Button>
            </Form>
          </Card>
          <ErrorAlert error={preview.error} />
          {report && (
            <Card title={t`2. Check`}>
              <div role="status">
                {hasErrors
                  ? <Notice kind="warning"><Trans>{report.rows - report.valid} of {report.rows} rows have errors. Correct the file, or load only the valid rows.</Trans></Notice>
                  : <Notice kind="success"><Trans>All {report.rows} rows are valid.</Trans></Notice>}
              </div>
              <Counts report={report} />
              {report.ignoredColumns && report.ignoredColumns.length > 0 && (
                <p><Trans>These columns are not read: {report.ignoredColumns.join(', ')}</Trans></p>
              )}
              <BadRows report={report} />
              <ErrorAlert error={commit.error} />
              <div className={layout.actions}>
                <Button onPress={() => commit.mutate(false)} isDisabled={hasErrors || commit.isPending}><Trans>Load all rows</Trans></Button>
                {hasErrors && report.valid > 0 && (
                  <Button variant="secondary" onPress={() => setConfirming(true)} isDisabled={commit.isPending}><Trans>Load only the valid rows</Trans></Button>
                )}
              </div>
            </Card>
          )}
        </>
      )}
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t`Load only the valid rows?`}
        confirmLabel={t`Load ${report?.valid ?? 0} valid rows`}
        onConfirm={() => commit.mutate(true)}
        pending={commit.isPending}
        error={commit.error}
      >
        <p><Trans>{report ? report.rows - report.valid : 0} rows with errors will be skipped. You can load them later from a corrected file.</Trans></p>
      </ConfirmDialog>
    </>
  );
}

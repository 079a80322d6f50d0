import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Button as AriaButton } from 'react-aria-components';
import { ErrorAlert, useFormat } from '../../ui/components';
import { DeadlineClocks as SharedClocks } from '../../ui/DeadlineClock';
import { formatSize, useLocalText } from '../../ui/FilePicker';
import { DEADLINE_LABELS, STATUS_LABELS, THEME_LABELS } from './labels';
import type { ComplaintStatus, DeadlineView, FileView, ThemeView } from './types';
import s from './styles';

/**
 * The key of a form that edits a record at `revision`: the form starts again from the server's
 * version when that changes under it (someone else's save, "take theirs"), but not after its own
 * save, which would drop its "saved" notice with the live region meant to announce it. Call
 * `saved(revision)` with the revision the save returned.
 */
export function useFormKey(revision: number | undefined): [key: number | undefined, saved: (revision: number) => void] {
  const [own, setOwn] = useState<{ key: number | undefined; revision: number } | null>(null);
  const key = own && revision === own.revision ? own.key : revision;
  return [key, (r) => setOwn({ key, revision: r })];
}

export function StatusBadge({ status }: { status: ComplaintStatus }) {
  const { i18n } = useLingui();
  return <span className={`${s.status} ${s[`st-${status}`]}`}>{i18n._(STATUS_LABELS[status])}</span>;
}

/** A complaint's open deadlines (ui/DeadlineClock), each named by its step. */
export function DeadlineClocks({ deadlines }: { deadlines: DeadlineView[] }) {
  const { i18n } = useLingui();
  return <SharedClocks deadlines={deadlines} labelOf={(kind) => (DEADLINE_LABELS[kind] ? i18n._(DEADLINE_LABELS[kind]!) : kind)} />;
}

/** A theme's name: the organisation's text in the reader's language, else the default theme's name, else its id. */
export function useThemeName(themes: ThemeView[] | undefined) {
  const { i18n } = useLingui();
  const text = useLocalText();
  return (id: string) => {
    const th = themes?.find((x) => x.id === id);
    const own = th ? text(th.label) : '';
    if (own) return own;
    const d = THEME_LABELS[id];
    return d ? i18n._(d) : id;
  };
}

/** Files of a complaint, each a button that downloads it (decrypted by the server). */
export function FileList({ files, onDownload }: { files: FileView[]; onDownload: (f: FileView) => Promise<void> }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (files.length === 0) return <p className={s.muted}><Trans>No files.</Trans></p>;
  const download = async (file: FileView) => {
    setBusy(file.id);
    setError(null);
    try {
      await onDownload(file);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ul className={s.fileList} aria-label={t`Files`}>
        {files.map((file) => {
          const name = file.name;
          return (
            <li key={file.id}>
              <AriaButton className={s.linkButton} onPress={() => void download(file)} isDisabled={busy === file.id} aria-label={t`Download ${name}`}>
                {name}
              </AriaButton>
              <span className={`${s.small} ${s.muted}`}>
                {formatSize(file.size, i18n.locale)} · {f.date(file.addedOn)} · {file.addedBy === 'complainant' ? t`from the complainant` : file.by ?? t`from staff`}
              </span>
            </li>
          );
        })}
      </ul>
      <ErrorAlert error={error} />
    </>
  );
}

export { compactCode, groupCode } from './search';

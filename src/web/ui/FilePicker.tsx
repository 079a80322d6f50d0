import { useId, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useLingui as useLinguiRuntime } from '@lingui/react';
import { localised } from '../app/public/context';
import { Button, buttonClass } from './components';
import { formatNumber } from './format';
import s from './FilePicker.module.css';

/** Shared by the modules that take attachments (reports, complaints): limits, the picker, sizes, texts of the organisation. */

export interface FileLimits {
  maxBytes: number;
  maxFiles: number;
  /** Extensions (".pdf") or type names ("pdf"). */
  types: string[];
}

/** What the file types are called on the page ("pdf" → "PDF"). */
export const FILE_TYPE_NAMES: Record<string, string> = {
  pdf: 'PDF', docx: 'Word (.docx)', xlsx: 'Excel (.xlsx)', jpg: 'JPEG', jpeg: 'JPEG', png: 'PNG', txt: 'TXT',
};

/** Limits the servers state in their specs, used when an answer does not repeat them. */
export const DEFAULT_FILE_LIMITS: FileLimits = { maxBytes: 10 * 1024 * 1024, maxFiles: 5, types: ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'txt'] };

export const EXTENSIONS: Record<string, string[]> = {
  pdf: ['.pdf'], docx: ['.docx'], xlsx: ['.xlsx'], jpg: ['.jpg', '.jpeg'], png: ['.png'], txt: ['.txt'],
};

export function formatSize(bytes: number, locale: string): string {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10, locale)} kB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10, locale)} MB`;
}

type Texts = Partial<Record<string, string>>;

/** A text of the organisation in the reader's language (else another it gave), with `lang` set when it differs. */
export function LocalText({ texts, className, as: As = 'span' }: { texts: Texts | string | null | undefined; className?: string; as?: 'span' | 'p' | 'div' }) {
  const { i18n } = useLinguiRuntime();
  if (!texts) return null;
  if (typeof texts === 'string') return <As className={className}>{texts}</As>;
  const hit = localised(texts, i18n.locale);
  if (!hit) return null;
  return <As className={className} lang={hit.lang === i18n.locale ? undefined : hit.lang}>{hit.text}</As>;
}

/** The plain string of a localised text (for labels that must be strings). */
export function useLocalText() {
  const { i18n } = useLinguiRuntime();
  return (texts: Texts | string | null | undefined) => (typeof texts === 'string' ? texts : texts ? localised(texts, i18n.locale)?.text ?? '' : '');
}

/**
 * Choosing attachments: the accepted types and the size limit are said before choosing; a file
 * that does not fit is refused at once with the reason (the server checks again).
 */
export function FilePicker({ files, onChange, limits = DEFAULT_FILE_LIMITS, label, description }: {
  files: File[]; onChange: (files: File[]) => void; limits?: FileLimits; label?: ReactNode; description?: ReactNode;
}) {
  const { t, i18n } = useLingui();
  const id = useId();
  const [problems, setProblems] = useState<string[]>([]);
  // The server names the accepted extensions (".pdf"); the fallback list names types ("pdf").
  const accept = [...new Set(limits.types.flatMap((x) => (x.startsWith('.') ? [x.toLowerCase()] : EXTENSIONS[x] ?? [`.${x}`])))];
  const typeNames = [...new Set(accept.map((e) => FILE_TYPE_NAMES[e.slice(1)] ?? e.slice(1).toUpperCase()))].join(', ');
  const max = formatSize(limits.maxBytes, i18n.locale);
  const maxFiles = limits.maxFiles;
  const add = (list: FileList | null) => {
    if (!list) return;
    const next = [...files];
    const found: string[] = [];
    for (const file of Array.from(list)) {
      const name = file.name;
      const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
      if (!accept.includes(ext)) found.push(t`${name}: this type of file is not accepted.`);
      else if (file.size === 0) found.push(t`${name}: the file is empty.`);
      else if (file.size > limits.maxBytes) found.push(t`${name}: the file is larger than ${max}.`);
      else if (next.length >= maxFiles) found.push(t`${name}: at most ${maxFiles} files can be added.`);
      else next.push(file);
    }
    setProblems(found);
    onChange(next);
  };
  return (
    <div className={s.group}>
      <label htmlFor={id} className={s.groupLabel}>{label ?? <Trans>Attachments (optional)</Trans>}</label>
      <p className={`${s.small} ${s.muted}`} id={`${id}-help`}>
        {description}{description && ' '}
        <Trans>Accepted: {typeNames}; at most {maxFiles} files of {max} each.</Trans>{' '}
        <Trans>Information hidden in photos (such as the place and time it was taken, or the camera) is removed before the file is stored.</Trans>
      </p>
      {/*
        * The browser's own file button speaks the browser's language ("Choose Files"): the real
        * input lies transparent over a button in the page's language, so a click, Enter or Space
        * reaches the input itself (named by the label above, described by the help), one tab stop.
        */}
      <div className={s.picker}>
        <input id={id} className={s.fileInput} type="file" multiple accept={accept.join(',')} aria-describedby={`${id}-help`}
          onChange={(e) => { add(e.currentTarget.files); e.currentTarget.value = ''; }} />
        <span className={`${buttonClass('secondary')} ${s.pickerButton}`} aria-hidden="true">{t`Choose files`}</span>
      </div>
      {problems.length > 0 && (
        <div role="alert" className={s.fieldError}>
          {problems.map((p, i) => <p key={i}>{p}</p>)}
        </div>
      )}
      {files.length > 0 && (
        <ul className={s.fileList} aria-label={t`Chosen files`}>
          {files.map((file, i) => {
            const name = file.name;
            return (
              <li key={`${name}-${i}`}>
                <span className={s.fileName}>{name}</span>
                <span className={`${s.small} ${s.muted}`}>{formatSize(file.size, i18n.locale)}</span>
                <Button variant="quiet" onPress={() => onChange(files.filter((_f, j) => j !== i))} aria-label={t`Remove ${name}`}><Trans>Remove</Trans></Button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

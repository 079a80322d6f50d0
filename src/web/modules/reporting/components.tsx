import { useId, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Button as AriaButton } from 'react-aria-components';
import { localised } from '../../app/public/context';
import { Button, ErrorAlert, useFormat } from '../../ui/components';
import { formatNumber } from '../../ui/format';
import { CATEGORY_LABELS, DEFAULT_FILE_LIMITS, EXTENSIONS, FILE_TYPE_NAMES, STATUS_LABELS } from './labels';
import { MaskedText } from './Redaction';
import type { AnswerView, Deadline, FileView, MessageView, ReportStatus, Texts } from './types';
import s from './reporting.module.css';

/** A text of the organisation in the reader's language (else another it gave), with `lang` set when it differs. */
export function LocalText({ texts, className, as: As = 'span' }: { texts: Texts | string | null | undefined; className?: string; as?: 'span' | 'p' | 'div' }) {
  const { i18n } = useLingui();
  if (!texts) return null;
  if (typeof texts === 'string') return <As className={className}>{texts}</As>;
  const hit = localised(texts, i18n.locale);
  if (!hit) return null;
  return <As className={className} lang={hit.lang === i18n.locale ? undefined : hit.lang}>{hit.text}</As>;
}

/** The plain string of a localised text (for labels that must be strings). */
export function useLocalText() {
  const { i18n } = useLingui();
  return (texts: Texts | string | null | undefined) => (typeof texts === 'string' ? texts : texts ? localised(texts, i18n.locale)?.text ?? '' : '');
}

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { i18n } = useLingui();
  return <span className={`${s.status} ${s[`st-${status}`]}`}>{i18n._(STATUS_LABELS[status])}</span>;
}

export function CategoryName({ category }: { category: string | null | undefined }) {
  const { i18n } = useLingui();
  if (!category) return <span className={s.muted}><Trans>Not given</Trans></span>;
  const d = CATEGORY_LABELS[category];
  return <>{d ? i18n._(d) : category}</>;
}

/**
 * The deadline clock: what is due, and in words how many days are left or how late it is; the
 * colour (green, amber from three days, red when overdue) and the symbol only repeat the words.
 */
export function DeadlineClock({ deadline }: { deadline: Deadline }) {
  const { t } = useLingui();
  const f = useFormat();
  const what = deadline.kind === 'acknowledge' ? t`Confirm receipt` : t`Feedback`;
  const n = deadline.daysLeft;
  const tone = n < 0 ? 'overdue' : n <= 3 ? 'soon' : 'ok';
  const late = -n;
  const when = n < 0
    ? (late === 1 ? t`1 day overdue` : t`${late} days overdue`)
    : n === 0 ? t`due today` : n === 1 ? t`1 day left` : t`${n} days left`;
  const symbol = tone === 'overdue' ? '!' : tone === 'soon' ? '◔' : '○';
  return (
    <span className={`${s.clock} ${s[`clock-${tone}`]}`}>
      <span aria-hidden="true">{symbol}</span>
      <span>{what}: {when} ({f.date(deadline.dueOn)})</span>
    </span>
  );
}

export function DeadlineClocks({ deadlines }: { deadlines: Deadline[] }) {
  if (deadlines.length === 0) return <span className={s.muted}>—</span>;
  return <span className={s.clocks}>{deadlines.map((d) => <DeadlineClock key={d.kind} deadline={d} />)}</span>;
}

export function UnreadBadge({ count }: { count: number }) {
  const { t } = useLingui();
  if (count <= 0) return null;
  return <span className={s.unread}>{count === 1 ? t`1 new message` : t`${count} new messages`}</span>;
}

export function formatSize(bytes: number, locale: string): string {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10, locale)} kB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10, locale)} MB`;
}

/** Files of a report or a message, each a button that downloads it (decrypted by the server). */
export function FileList({ files, onDownload, label }: { files: FileView[]; onDownload: (f: FileView) => Promise<void>; label?: string }) {
  const { t, i18n } = useLingui();
  const f = useFormat();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (files.length === 0) return null;
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
      <ul className={s.fileList} aria-label={label ?? t`Files`}>
        {files.map((file) => {
          const name = file.name;
          return (
          <li key={file.id}>
            <AriaButton className={s.linkButton} onPress={() => void download(file)} isDisabled={busy === file.id}
              aria-label={t`Download ${name}`}>
              {file.name}
            </AriaButton>
            <span className={`${s.small} ${s.muted}`}>
              {formatSize(file.size, i18n.locale)}
              {file.addedOn && <> · {f.date(file.addedOn)}</>}
              {file.addedBy && <> · {file.addedBy === 'reporter' ? t`from the reporter` : t`from a recipient`}</>}
            </span>
          </li>
          );
        })}
      </ul>
      <ErrorAlert error={error} />
    </>
  );
}

/** The exchange between the recipients and the reporter, oldest first. */
export function MessageThread({ messages, viewer, onDownload, extra }: {
  messages: MessageView[]; viewer: 'reporter' | 'recipient'; onDownload: (f: FileView) => Promise<void>;
  /** What the page adds under a message (redaction: who masked, the recipient's tools). */
  extra?: (m: MessageView) => ReactNode;
}) {
  const { t } = useLingui();
  const f = useFormat();
  if (messages.length === 0) return <p className={s.muted}><Trans>No messages yet.</Trans></p>;
  const who = (m: MessageView) => {
    if (m.author === 'reporter') return viewer === 'reporter' ? t`You` : t`The reporter`;
    if (viewer === 'reporter') return t`The recipient of your report`;
    return m.authorName ?? t`A recipient`;
  };
  const kind = (m: MessageView) => m.kind === 'feedback' ? t`Feedback on the follow-up`
    : m.kind === 'closure' ? t`Closure` : m.kind === 'acknowledgement' ? t`Confirmation of receipt` : null;
  return (
    <ol className={s.thread}>
      {[...messages].sort((a, b) => a.seq - b.seq).map((m) => (
        <li key={m.seq} className={`${s.message} ${m.author === 'reporter' ? s.fromReporter : s.fromRecipient}`}>
          <div className={s.messageHead}>
            <span><strong>{who(m)}</strong>{kind(m) && <span className={s.kindTag}>{kind(m)}</span>}</span>
            <span>{f.date(m.sentOn)}</span>
          </div>
          <div className={s.prose}><MaskedText text={m.body} redaction={m.redaction} /></div>
          {extra?.(m)}
          {m.files && m.files.length > 0 && <FileList files={m.files} onDownload={onDownload} label={t`Files of this message`} />}
        </li>
      ))}
    </ol>
  );
}

/** The answers of a report with the questions as they were asked. */
export function Answers({ answers, extra }: {
  answers: (Omit<AnswerView, 'kind'> & { kind?: AnswerView['kind'] })[];
  /** What the page adds under an answer (redaction: who masked, the recipient's tools). */
  extra?: (a: AnswerView) => ReactNode;
}) {
  const text = useLocalText();
  const f = useFormat();
  const shown = answers.filter((a) => a.value != null && a.value !== '');
  if (shown.length === 0) return <p className={s.muted}><Trans>No answers.</Trans></p>;
  return (
    <dl className={s.answers}>
      {shown.map((a) => (
        <div key={a.questionId}>
          <dt>{text(a.label)}</dt>
          <dd>{a.valueLabel ? text(a.valueLabel) || a.value : a.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(a.value ?? '') ? f.date(a.value) : <MaskedText text={a.value ?? ''} redaction={a.redaction} />}</dd>
          {extra && <dd>{extra(a as AnswerView)}</dd>}
        </div>
      ))}
    </dl>
  );
}

export interface FileLimits {
  maxBytes: number;
  maxFiles: number;
  types: string[];
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
      <input id={id} className={s.fileInput} type="file" multiple accept={accept.join(',')} aria-describedby={`${id}-help`}
        onChange={(e) => { add(e.currentTarget.files); e.currentTarget.value = ''; }} />
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

export { groupReceipt } from './receipt';

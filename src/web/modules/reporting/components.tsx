import { useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Button as AriaButton } from 'react-aria-components';
import { ErrorAlert, Notice, useFormat } from '../../ui/components';
import { DeadlineClocks as SharedClocks } from '../../ui/DeadlineClock';
import { formatSize, useLocalText } from '../../ui/FilePicker';
import { CATEGORY_LABELS, STATUS_LABELS } from './labels';
import { MaskedText } from './Redaction';
import type { AnswerView, Deadline, FileView, MessageView, ReportStatus } from './types';
import s from './styles';

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

/** A report's open deadlines (ui/DeadlineClock), each named by its step. */
export function DeadlineClocks({ deadlines }: { deadlines: Deadline[] }) {
  const { t } = useLingui();
  return <SharedClocks deadlines={deadlines} labelOf={(kind) => (kind === 'acknowledge' ? t`Confirm receipt` : t`Feedback`)} />;
}

export function UnreadBadge({ count }: { count: number }) {
  const { t } = useLingui();
  if (count <= 0) return null;
  return <span className={s.unread}>{count === 1 ? t`1 new message` : t`${count} new messages`}</span>;
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

export { groupReceipt } from './receipt';
/**
 * Kompas keeps no trace of a reporter, but the network they report from may: a work computer or the
 * police network can log that someone opened this page (threat model, "Network observers").
 */
export function PrivateDeviceAdvice() {
  return (
    <Notice kind="info">
      <strong><Trans>Use a device and a network of your own.</Trans></strong>{' '}
      <Trans>Kompas keeps no trace of your visit, but the computer and the network you use may: a work computer or the police network can record that this page was opened. Use your private computer or phone on your home connection or mobile data, not a work computer, the police network or its Wi-Fi.</Trans>
    </Notice>
  );
}

/** The attachment picker and the organisation's texts are shared with other modules (ui/FilePicker). */
export { FilePicker, formatSize, LocalText, useLocalText, type FileLimits } from '../../ui/FilePicker';

import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { Button, Checkbox, Notice, PageHeader } from '../../ui/components';
import { groupReceipt } from './components';
import s from './styles';

/**
 * The receipt code, shown once: the server keeps only a hash of it, so nobody can give it again.
 * The page says so plainly, offers to copy and print it, and says how to come back. Until the
 * reporter ticks that they wrote it down, leaving the page asks first.
 */
export function ReceiptPanel({ reference, receipt, ackDays, feedbackMonths, onBehalf = false, followUp, onDone }: {
  reference: string;
  receipt: string;
  ackDays?: number;
  feedbackMonths?: number;
  /** A counsellor hands the code to the person who reported. */
  onBehalf?: boolean;
  /** Where the reporter comes back: a link on the public page, the address to hand over for a counsellor. */
  followUp: ReactNode;
  onDone?: () => void;
}) {
  const { t } = useLingui();
  const code = groupReceipt(receipt);
  const [kept, setKept] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  // Leaving before the code is noted would lose it for good: the browser asks first.
  useEffect(() => {
    if (kept) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [kept]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };

  return (
    <>
      <PageHeader title={onBehalf ? t`The report has been sent` : t`Your report has been sent`}>
        <p><Trans>Reference: {reference}</Trans></p>
      </PageHeader>
      <Notice kind="warning">
        <strong>{onBehalf ? t`Give this receipt code to the person now.` : t`Write down this receipt code now.`}</strong>{' '}
        {onBehalf
          ? t`It is shown only this once. Kompas does not keep it, and nobody, not even the recipients, can give it to the person again. Hand it to them yourself, not by e-mail: without it, they cannot follow up the report.`
          : t`It is shown only this once. Kompas does not keep it, and nobody, not even the recipients, can give it to you again. Without it, the report cannot be followed up.`}
      </Notice>
      <div className={s.receiptBox}>
        <p><Trans>Receipt code</Trans></p>
        <p className={s.receipt} data-testid="receipt">{code}</p>
      </div>
      <div className={s.questionTools} data-print="hide">
        <Button variant="secondary" onPress={() => void copy()}><Trans>Copy the code</Trans></Button>
        <Button variant="secondary" onPress={() => window.print()}><Trans>Print this page</Trans></Button>
      </div>
      <p role="status" data-print="hide">
        {copied === 'yes' && <Trans>The code is copied. Paste it somewhere only you can reach, not on a shared computer.</Trans>}
        {copied === 'no' && <Trans>The code could not be copied here: write it down or print this page.</Trans>}
      </p>

      <h2><Trans>How to come back</Trans></h2>
      <ol className={s.story}>
        <li>{followUp}</li>
        <li>{onBehalf
          ? t`With the code, the person reads the recipient's messages, answers questions, adds information or files, and sees the status of the report. No account and no name are needed.`
          : t`With the code you read the recipient's messages, answer questions, add information or files, and see the status of your report. No account and no name are needed.`}</li>
        {ackDays !== undefined && feedbackMonths !== undefined && (
          <li><Trans>Come back after a few days: receipt is confirmed within {ackDays} days, and feedback on the follow-up comes within {feedbackMonths} months of that confirmation.</Trans></li>
        )}
      </ol>
      <p className={`${s.small} ${s.muted}`}>
        <Trans>Keep the code safe, as you would a PIN code: whoever has it can read the report and the messages.</Trans>
      </p>
      <div data-print="hide" className={s.section}>
        <Checkbox isSelected={kept} onChange={setKept}>
          {onBehalf ? t`The person has the receipt code` : t`I have written down or printed my receipt code`}
        </Checkbox>
        {onDone && <Button onPress={onDone} isDisabled={!kept}>{onBehalf ? t`Continue` : t`Go to the follow-up page`}</Button>}
      </div>
    </>
  );
}

import { Trans, useLingui } from '@lingui/react/macro';
import { planGuidance, type GuidedField } from '../../../server/modules/plan/templates/guidance';
import g from './Guidance.module.css';

/**
 * The AIG model's guidance for one field of the plan ("Determine the specific needs."): open beside
 * an empty field, a collapsed disclosure once the field holds text. It is help for the writer, not
 * plan content: never saved with the plan, never printed (data-print="hide") or exported.
 */
export function Guidance({ field, filled }: { field: GuidedField; filled: boolean }) {
  const { i18n } = useLingui();
  const title = <Trans>Guidance from the AIG model</Trans>;
  const body = (
    <>
      {planGuidance[field].map((d) => <p key={d.id}>{i18n._(d)}</p>)}
      <p className={g.note}><Trans>This guidance is not part of the plan: it is not saved with it and not exported.</Trans></p>
    </>
  );
  if (filled) {
    return <details className={g.details} data-print="hide"><summary>{title}</summary>{body}</details>;
  }
  return <div className={g.box} role="note" data-print="hide"><p className={g.title}>{title}</p>{body}</div>;
}

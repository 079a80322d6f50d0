import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from '@tanstack/react-router';
import { useOrg } from '../../app/context';
import { useFormat } from '../../ui/components';
import type { AgreementView, AnalysisDetail, AnalysisRow, ControlView, PlanLinkView, RecommendationView, ScoreView } from './api';
import { BandBadge } from './components';
import { CONTROL_TYPE_LABELS, EFFECTIVENESS_LABELS, REC_STATUS_LABELS, VULNERABILITY_LABELS } from './labels';
import s from './risk.module.css';

/** The derived figures of a set of scores: vulnerability, likelihood × impact and the band. */
export function Derived({ x }: { x: Pick<ScoreView | AgreementView, 'derived' | 'likelihood' | 'impact'> }) {
  const { i18n } = useLingui();
  const d = x.derived;
  return (
    <dl className={s.side}>
      <div><dt><Trans>Inherent vulnerability</Trans></dt><dd>{d.inherentScore} / 15</dd></div>
      <div><dt><Trans>Aggravating factors</Trans></dt><dd>{d.aggravatingScore} / 12</dd></div>
      <div><dt><Trans>Vulnerability</Trans></dt><dd>{i18n._(VULNERABILITY_LABELS[d.vulnerability])}</dd></div>
      <div><dt><Trans>Likelihood × impact</Trans></dt><dd>{x.likelihood} × {x.impact} = {d.riskScore}</dd></div>
      <div><dt><Trans>Residual risk</Trans></dt><dd><BandBadge band={d.band} /></dd></div>
    </dl>
  );
}

/** The plan entry a recommendation became, with a link to it. */
export function PlanLink({ link }: { link: PlanLinkView }) {
  const { orgId } = useOrg();
  const { t } = useLingui();
  if (link.title === null) return <span><Trans>an entry since deleted from the plan</Trans></span>;
  return (
    <span>
      <Link to={`/o/${orgId}/plans/${link.planId}/actions`} search={link.actionId ? { action: link.actionId } : {}}>
        {link.kind === 'action' ? t`Action: ${link.title}` : t`Objective: ${link.title}`}
      </Link>
      {link.progress !== null && <> ({t`${link.progress}% done`})</>}
      {link.late && <> <span className={s.alarm}><Trans>late</Trans></span></>}
    </span>
  );
}

export function ControlsList({ controls }: { controls: ControlView[] }) {
  const { i18n } = useLingui();
  if (controls.length === 0) return <p className={s.muted}><Trans>No existing control recorded.</Trans></p>;
  return (
    <ul className={s.list}>
      {controls.map((c) => (
        <li key={c.id}>
          <span className={s.prose}>{c.description}</span>
          <div className={s.small}>{i18n._(CONTROL_TYPE_LABELS[c.type])} · {i18n._(EFFECTIVENESS_LABELS[c.effectiveness])}</div>
        </li>
      ))}
    </ul>
  );
}

/** A recommendation's owner, due date, status and plan entry, in one line. */
export function RecommendationFacts({ r }: { r: RecommendationView }) {
  const { i18n } = useLingui();
  const f = useFormat();
  return (
    <div className={s.small}>
      <Trans>Owner:</Trans> {r.owner?.displayName ?? '–'} · <Trans>Due:</Trans> {r.dueDate ? f.date(r.dueDate) : '–'} · {i18n._(REC_STATUS_LABELS[r.status])}
      {r.late && <> · <span className={s.alarm}><Trans>late</Trans></span></>}
      {r.planLink && <> · <Trans>In the policy plan:</Trans> <PlanLink link={r.planLink} /></>}
    </div>
  );
}

export function RecommendationsList({ items }: { items: RecommendationView[] }) {
  if (items.length === 0) return <p className={s.muted}><Trans>No recommendation.</Trans></p>;
  return (
    <ul className={s.list}>
      {items.map((r) => <li key={r.id}><span className={s.prose}>{r.text}</span><RecommendationFacts r={r} /></li>)}
    </ul>
  );
}

/** A process of an analysis shown to someone who does not score it now: own scores, the agreed scores, controls, recommendations. */
export function ProcessOutcome({ a, row }: { a: AnalysisDetail; row: AnalysisRow }) {
  const id = row.process.id;
  return (
    <>
      {row.myScore && <><h3><Trans>Your scores</Trans></h3><Derived x={row.myScore} /></>}
      {row.agreed ? (
        <>
          <h3><Trans>Agreed scores</Trans></h3>
          <Derived x={row.agreed} />
          {row.agreed.reason && <p className={s.prose}><strong><Trans>Why:</Trans></strong> {row.agreed.reason}</p>}
        </>
      ) : a.status === 'consolidating' ? <p className={s.muted}><Trans>No agreed scores yet.</Trans></p> : null}
      {(a.status === 'consolidating' || a.status === 'completed') && (
        <>
          <h3 id={`controls-${id}`}><Trans>Existing controls</Trans></h3>
          <ControlsList controls={row.controls} />
          <h3 id={`recommendations-${id}`}><Trans>Recommendations</Trans></h3>
          <RecommendationsList items={row.recommendations} />
        </>
      )}
    </>
  );
}

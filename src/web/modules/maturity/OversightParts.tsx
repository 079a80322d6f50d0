import { Trans, useLingui } from '@lingui/react/macro';
import type { ReactNode } from 'react';
import { buttonClass, Notice, useFormat } from '../../ui/components';
import type { Quantiles } from './oversight-api';
import { PILLAR_LABELS, PILLARS } from './labels';
import type { Pillar } from './api';
import u from '../../ui/ui.module.css';
import s from './maturity.module.css';

/** A level or an average with one decimal; '–' where there is none (never a zero for a missing figure). */
export function useLevelFormat() {
  const f = useFormat();
  return (v: number | null | undefined) => (v === null || v === undefined ? '–' : f.number(Math.round(v * 100) / 100));
}

/** The words in a cell (or under a heading) where the server withholds a group's figures. */
export function TooSmallText() {
  return <Trans>too small to show (fewer than five organisations)</Trans>;
}

/** The notice for a whole group without figures. */
export function TooSmallNotice({ children }: { children?: ReactNode }) {
  return <Notice kind="info">{children}<strong><TooSmallText /></strong></Notice>;
}

/** Quantile cells of a group: three numbers, or one cell saying the group is too small. */
export function QuantileCells({ q, tooSmall }: { q: Quantiles; tooSmall: boolean }) {
  const lv = useLevelFormat();
  if (tooSmall) return <td colSpan={3}><TooSmallText /></td>;
  return <><td>{lv(q.p25)}</td><td>{lv(q.median)}</td><td>{lv(q.p75)}</td></>;
}

export function QuantileHeads() {
  return <><th scope="col"><Trans>25th percentile</Trans></th><th scope="col"><Trans>Median</Trans></th><th scope="col"><Trans>75th percentile</Trans></th></>;
}

/** A chart and the table of its values side by side (the table is what assistive technology reads). */
export function ChartAndTable({ id, title, chart, tableLabel, children }: { id: string; title: string; chart: ReactNode; tableLabel: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className={s.chartAndTable}>
        {chart}
        <div className={u.tableWrap} tabIndex={0} role="region" aria-label={tableLabel}>
          <table className={u.table}>
            <caption className="visually-hidden">{tableLabel}</caption>
            {children}
          </table>
        </div>
      </div>
    </section>
  );
}

/** Pillar names in the reader's language, in the framework's order. */
export function usePillarNames(): { key: Pillar; name: string }[] {
  const { i18n } = useLingui();
  return PILLARS.map((k) => ({ key: k, name: i18n._(PILLAR_LABELS[k]) }));
}

/** CSV, Word and PDF of a comparison screen: the same figures, the same withheld groups (the server renders them). */
export function ComparisonDownloads({ url, name }: { url: (format: 'csv' | 'docx' | 'pdf') => string; name: string }) {
  const { t } = useLingui();
  return (
    <div className={s.row} style={{ marginBottom: 'var(--space-4)' }} data-print="hide">
      <a className={buttonClass('secondary')} href={url('csv')} download aria-label={t`Download ${name} as CSV`}>CSV</a>
      <a className={buttonClass('secondary')} href={url('docx')} download aria-label={t`Download ${name} as Word`}>Word</a>
      <a className={buttonClass('secondary')} href={url('pdf')} download aria-label={t`Download ${name} as PDF`}>PDF</a>
    </div>
  );
}

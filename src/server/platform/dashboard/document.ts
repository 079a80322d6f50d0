import { documentLabels, languageTag, type Block, type ExportDocument } from '../export/index.js';
import { translate } from '../i18n/index.js';
import type { Locale } from '../../../shared/roles.js';
import type { DashboardTile, DashboardTileView, TileText, Tile } from './contract.js';
import { dashboardMessages as M } from './messages.js';
import { formatTileValue, tileTable } from './table.js';

/** A module's text in the reader's language. */
export const textOf = (locale: Locale, t: TileText): string => ('text' in t ? t.text : translate(locale, { id: t.id, message: t.message }, t.values));

/** A tile with its texts translated: what the web shows and the PDF prints. */
export function translateTile(tile: DashboardTile, locale: Locale): DashboardTileView {
  const tr = (t: TileText) => textOf(locale, t);
  const head = { id: tile.id, title: tr(tile.title), unit: tile.unit, ...(tile.note ? { note: tr(tile.note) } : {}) };
  switch (tile.kind) {
    case 'figures': return { ...head, kind: 'figures', figures: tile.figures.map((f) => ({ label: tr(f.label), value: f.value, ...(f.unit ? { unit: f.unit } : {}) })) };
    case 'series': return {
      ...head, kind: 'series', chart: tile.chart, categories: tile.categories.map(tr),
      series: tile.series.map((s) => ({ label: tr(s.label), values: s.values })), ...(tile.max !== undefined ? { max: tile.max } : {}),
    };
    case 'table': return { ...head, kind: 'table', columns: tile.columns.map(tr), rows: tile.rows.map((r) => ({ label: tr(r.label), values: r.values, ...(r.unit ? { unit: r.unit } : {}) })) };
  }
}

/** The dashboard as a document: per tile a heading, its note and its data table (the charts are pictures of these tables). */
export function dashboardDocument(input: { organisation: string; asOf: string; locale: Locale; tiles: readonly Tile<string>[] }): ExportDocument {
  const { locale } = input;
  const t = (d: { id: string; message: string }, v?: Record<string, unknown>) => translate(locale, d, v);
  const date = new Intl.DateTimeFormat(languageTag(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${input.asOf}T00:00:00Z`));
  const title = t(M.title);
  const blocks: Block[] = [{ kind: 'title', text: title }, { kind: 'subtitle', text: input.organisation }, { kind: 'paragraph', text: t(M.asOf, { date }) }];
  if (input.tiles.length === 0) blocks.push({ kind: 'paragraph', text: t(M.none) });
  for (const tile of input.tiles) {
    blocks.push({ kind: 'heading', level: 2, text: tile.title });
    if (tile.note) blocks.push({ kind: 'paragraph', text: tile.note });
    const table = tileTable(tile, t(M.value));
    blocks.push({
      kind: 'table',
      header: table.header.map((h) => h ?? ''),
      rows: table.rows.map((r) => [r.label, ...r.values.map((v) => formatTileValue(v, r.unit, languageTag(locale)))]),
    });
  }
  return {
    meta: { title: `${title} – ${input.organisation}`, language: languageTag(locale), author: input.organisation },
    page: { header: `${input.organisation} – ${title}`, footer: t(M.generated, { date }), pageNumbers: documentLabels(locale).pageNumbers },
    blocks,
  };
}

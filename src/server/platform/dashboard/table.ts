import type { Tile, TileUnit } from './contract.js';

/**
 * The data table of a tile, the same on screen and in the PDF: a header (the first cell names the
 * rows; null where the rows need no name) and rows with a label and a value per further column.
 * Free of zod and of the catalogs, so the web imports it as it is.
 */
export interface TileTable<T> {
  header: (T | null)[];
  rows: { label: T; values: (number | null)[]; unit: TileUnit }[];
}

export function tileTable<T>(tile: Tile<T>, valueHeader: T): TileTable<T> {
  switch (tile.kind) {
    case 'figures':
      return { header: [null, valueHeader], rows: tile.figures.map((f) => ({ label: f.label, values: [f.value], unit: f.unit ?? tile.unit })) };
    case 'series':
      // One row per category, one column per series: a reader compares the series within a row.
      return {
        header: [null, ...tile.series.map((s) => s.label)],
        rows: tile.categories.map((c, i) => ({ label: c, values: tile.series.map((s) => s.values[i] ?? null), unit: tile.unit })),
      };
    case 'table':
      return { header: [tile.columns[0] ?? null, ...tile.columns.slice(1)], rows: tile.rows.map((r) => ({ label: r.label, values: r.values, unit: r.unit ?? tile.unit })) };
  }
}

/** A number as the tile's unit reads it, in the locale's format; a dash where there is none. */
export function formatTileValue(v: number | null, unit: TileUnit, locale: string): string {
  if (v === null) return '–';
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 'count' ? 0 : unit === 'level' ? 2 : 1 }).format(v);
  return unit === 'percent' ? `${n} %` : n;
}

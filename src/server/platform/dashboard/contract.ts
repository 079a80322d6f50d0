import { z } from 'zod';

/**
 * The organisation's dashboard (issue 20): tiles that modules publish (`ServerModule.dashboardTiles`),
 * gathered by the platform without knowing any of them. A tile carries numbers, never a record; every
 * tile reads as a data table (`tileTable`), which the web shows beside its chart and the PDF prints.
 * A module writes its texts as message ids of the shared catalogs (or literal texts where there is
 * nothing to translate: a year, a plan's title); the platform translates them into the reader's
 * language, so the web shows tiles it knows nothing about.
 */

/** A message (id, English source as the fallback, values), or a literal text. */
export type TileText = { id: string; message?: string; values?: Record<string, string | number> } | { text: string };

/** How a number reads (the tile's unit; a figure or a table row may have its own): a count, days, a percentage, a maturity level (0–4, two decimals). */
export const TILE_UNITS = ['count', 'days', 'percent', 'level'] as const;
export type TileUnit = (typeof TILE_UNITS)[number];
export const TILE_CHARTS = ['bar', 'line', 'radar'] as const;

interface TileBase<T> {
  /** `<module>.<what>`, unique on the dashboard. */
  id: string;
  title: T;
  /** A sentence under the title: what is counted, as of when. */
  note?: T;
  unit: TileUnit;
}

/** A tile with texts of type `T`: `TileText` as a module writes it, `string` once translated. */
export type Tile<T> = TileBase<T> & (
  /** Key numbers side by side ("received 12, late 2"). */
  | { kind: 'figures'; figures: { label: T; value: number | null; unit?: TileUnit }[] }
  /**
   * Values per category, one series each: drawn as bars (`bar`), a line over time (`line`) or a
   * radar over axes (`radar`); `max`: the top of the scale when it is fixed (a level of 4).
   */
  | { kind: 'series'; chart: (typeof TILE_CHARTS)[number]; categories: T[]; series: { label: T; values: (number | null)[] }[]; max?: number }
  /** A table only: the columns (the first names the rows) and rows with a label and a value per further column. */
  | { kind: 'table'; columns: T[]; rows: { label: T; values: (number | null)[]; unit?: TileUnit }[] }
);

/** What a module publishes. */
export type DashboardTile = Tile<TileText>;
/** What the dashboard route answers: the same tile in the reader's language. */
export type DashboardTileView = Tile<string>;

const value = z.number().nullable();
const unit = z.enum(TILE_UNITS);
const base = { id: z.string(), title: z.string(), note: z.string().optional(), unit };
export const dashboardTileView = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('figures'), figures: z.array(z.object({ label: z.string(), value, unit: unit.optional() })) }),
  z.object({
    ...base, kind: z.literal('series'), chart: z.enum(TILE_CHARTS), categories: z.array(z.string()),
    series: z.array(z.object({ label: z.string(), values: z.array(value) })), max: z.number().optional(),
  }),
  z.object({ ...base, kind: z.literal('table'), columns: z.array(z.string()), rows: z.array(z.object({ label: z.string(), values: z.array(value), unit: unit.optional() })) }),
]);

export const dashboardView = z.object({
  /** The organisation's name and the day the figures stand on. */
  organisation: z.string(),
  asOf: z.iso.date(),
  tiles: z.array(dashboardTileView),
});
export type DashboardView = z.infer<typeof dashboardView>;

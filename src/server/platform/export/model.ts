import type { Locale } from '../../../shared/roles.js';

/**
 * The document model every Word and PDF export is built from. A module turns its records into
 * a list of blocks once; `renderDocx` and `renderPdf` lay the same blocks out, so both formats
 * always hold the same content. Texts are plain strings: no markup, nothing fetched, no HTML.
 */

/** A stretch of text inside a paragraph, optionally emphasised. */
export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

export type HeadingLevel = 1 | 2 | 3 | 4;

export type Block =
  /** The document's visible title (first page); the metadata title is `DocumentMeta.title`. */
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; level: HeadingLevel; text: string }
  /** A line break inside `text` stays a line break; a new paragraph is a new block. */
  | { kind: 'paragraph'; text: string | Run[] }
  /** A labelled value ("Period: 2025–2028"), the label in bold. */
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; ordered?: boolean; items: string[] }
  /**
   * One header row (repeated on every page), then the body rows; cells are plain text. `widths` are
   * relative hints (3 is three times as wide as 1); the renderers widen a column to its longest word
   * where the page allows, so no word is broken, and otherwise share the width by content (`fitColumns`).
   */
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] }
  /** A table of contents of the headings up to `depth` (default 2), with their page numbers. */
  | { kind: 'toc'; title: string; depth?: HeadingLevel }
  /** Signature lines side by side: who signs (role), their name and the date when known, and space to sign. */
  | { kind: 'signatures'; signers: Signer[]; labels: SignatureLabels }
  | { kind: 'pageBreak' };

export interface Signer {
  /** What the signer signs as ("Chief of police"). */
  role: string;
  /** Left as a line to fill in by hand when not known. */
  name?: string;
  date?: string;
}

export interface SignatureLabels {
  name: string;
  date: string;
  signature: string;
}

/** A first page of its own, without header and footer: organisation, title, subtitle and labelled facts. */
export interface TitlePage {
  organisation?: string;
  title: string;
  subtitle?: string;
  /** Version, period, status…: one line each, label in bold. */
  fields?: { label: string; value: string }[];
  /** A line at the foot of the page ("Generated on …"). */
  note?: string;
}

/** Running header and footer of every page but the title page. */
export interface PageFurniture {
  /** Text of the running header (organisation and document title, say). */
  header?: string;
  /** Text at the left of the footer (version and status, say). */
  footer?: string;
  /**
   * The page number at the right of the footer, with `{page}` and `{pages}` placeholders
   * ("Page {page} of {pages}"); no page numbers without it.
   */
  pageNumbers?: string;
}

export interface DocumentMeta {
  /** The file's title (window title, document properties). */
  title: string;
  /** BCP 47 tag of the document's language, for screen readers and spelling (`languageTag`). */
  language: string;
  subject?: string;
  keywords?: string[];
  /** The document's author (Word's "Author", PDF's /Author): the organisation that issues it. */
  author?: string;
}

export interface ExportDocument {
  meta: DocumentMeta;
  titlePage?: TitlePage;
  page?: PageFurniture;
  blocks: Block[];
}

/** Belgian variants of our four languages; English documents follow British usage. */
export const LANGUAGE_TAGS: Record<Locale, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

export const languageTag = (locale: Locale): string => LANGUAGE_TAGS[locale];

/** Free text as paragraphs: blank lines and single line breaks both start a new paragraph; empty ones are dropped. */
export function paragraphs(text: string | null | undefined): Block[] {
  return (text ?? '').split(/\r?\n/).map((t) => t.trim()).filter(Boolean).map((t) => ({ kind: 'paragraph' as const, text: t }));
}

/** A column of `tableBlock`: its header, the cell of a row, and its relative width hint. */
export interface TableColumn<T> {
  header: string;
  value: (row: T) => string | null | undefined;
  width?: number;
  /** Shown even when no row has a value (by default such a column is left out). */
  keep?: boolean;
}

/** A table of `rows`, leaving out the columns no row has a value in (a column of blanks says nothing). */
export function tableBlock<T>(columns: TableColumn<T>[], rows: readonly T[]): Extract<Block, { kind: 'table' }> {
  const cells = rows.map((r) => columns.map((c) => (c.value(r) ?? '').trim()));
  const shown = columns.map((c, i) => c.keep || cells.some((row) => row[i] !== '')).map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
  const widths = shown.map((i) => columns[i].width ?? 1);
  return {
    kind: 'table',
    header: shown.map((i) => columns[i].header),
    rows: cells.map((row) => shown.map((i) => row[i])),
    ...(columns.some((c) => c.width !== undefined) ? { widths } : {}),
  };
}

/** Fills a page-number pattern: the parts in order, `{page}` and `{pages}` as markers for the renderer. */
export function pageNumberParts(pattern: string): (string | { field: 'page' | 'pages' })[] {
  return pattern.split(/(\{pages?\})/).filter(Boolean).map((p) => (p === '{page}' ? { field: 'page' as const } : p === '{pages}' ? { field: 'pages' as const } : p));
}

/** The MIME types of what the renderers and `toCsv` produce. */
export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

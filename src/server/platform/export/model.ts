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
  /** One header row (repeated on every page), then the body rows; cells are plain text. */
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'pageBreak' };

export interface DocumentMeta {
  /** The file's title (window title, document properties). */
  title: string;
  /** BCP 47 tag of the document's language, for screen readers and spelling (`languageTag`). */
  language: string;
  subject?: string;
  keywords?: string[];
}

export interface ExportDocument {
  meta: DocumentMeta;
  blocks: Block[];
}

/** Belgian variants of our four languages; English documents follow British usage. */
export const LANGUAGE_TAGS: Record<Locale, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

export const languageTag = (locale: Locale): string => LANGUAGE_TAGS[locale];

/** Free text as paragraphs: blank lines and single line breaks both start a new paragraph; empty ones are dropped. */
export function paragraphs(text: string | null | undefined): Block[] {
  return (text ?? '').split(/\r?\n/).map((t) => t.trim()).filter(Boolean).map((t) => ({ kind: 'paragraph' as const, text: t }));
}

/** The MIME types of what the renderers and `toCsv` produce. */
export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

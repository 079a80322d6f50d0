/**
 * Exports (docs/development.md, "Exports"): one document model rendered as Word and PDF, CSV
 * with one formula guard, one download helper for routes, and the audit event of an export.
 */
export * from './model.js';
export { fitColumns, type FitOptions } from './columns.js';
export { documentLabels, exportMessages, type DocumentLabels } from './messages.js';
export { renderDocx } from './docx.js';
export { renderPdf, type PdfOptions } from './pdf.js';
export { renderCounts, renderDocument } from './render.js';
export { csvCell, csvStream, neutraliseFormula, toCsv, type CsvColumn, type CsvOptions, type CsvStream, type CsvValue } from './csv.js';
export { asciiFilename, contentDisposition, safeFilename, sendDownload, type Download } from './download.js';
export { auditedExport, MAX_AUDITED_IDS, recordExport, type ExportEvent, type ExportRead } from './audit.js';

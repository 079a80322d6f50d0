import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { ExportDocument, Run } from './model.js';

// Fonts: pdfmake's bundled Roboto, which covers the accents of our four languages.
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const fonts = {
  Roboto: {
    normal: path.join(fontDir, 'Roboto-Regular.ttf'),
    bold: path.join(fontDir, 'Roboto-Medium.ttf'),
    italics: path.join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};
const fontFiles = new Set(Object.values(fonts.Roboto));
pdfmake.setFonts(fonts);
// Documents never fetch anything: no URLs, and from disk only the bundled fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => fontFiles.has(path.resolve(p)));

const inline = (text: string | Run[]) =>
  typeof text === 'string' ? text : text.map((r) => ({ text: r.text, bold: r.bold, italics: r.italics }));

export interface PdfOptions {
  /** Deflate the page streams (default). Off, the text is readable in the bytes: for tests. */
  compress?: boolean;
}

/** Renders the document as a tagged A4 PDF with its language and title set. */
export async function renderPdf(doc: ExportDocument, opts: PdfOptions = {}): Promise<Buffer> {
  const content: unknown[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title': content.push({ text: b.text, style: 'title' }); break;
      case 'subtitle': content.push({ text: b.text, style: 'subtitle' }); break;
      case 'heading': content.push({ text: b.text, style: `h${b.level}`, headlineLevel: b.level }); break;
      case 'paragraph': content.push({ text: inline(b.text), margin: [0, 0, 0, 6] }); break;
      case 'field': content.push({ text: [{ text: `${b.label}: `, bold: true }, b.value], margin: [0, 0, 0, 3] }); break;
      case 'list': content.push({ [b.ordered ? 'ol' : 'ul']: b.items, margin: [0, 0, 0, 6] }); break;
      case 'table':
        content.push({
          table: { headerRows: 1, widths: b.header.map(() => '*'), body: [b.header.map((h) => ({ text: h, bold: true })), ...b.rows] },
          layout: 'lightHorizontalLines', fontSize: 8, margin: [0, 0, 0, 8],
        });
        break;
      case 'pageBreak': content.push({ text: '', pageBreak: 'after' }); break;
    }
  }
  const pdf = pdfmake.createPdf({
    info: {
      title: doc.meta.title, creator: 'Kompas', producer: 'Kompas',
      ...(doc.meta.subject ? { subject: doc.meta.subject } : {}),
      ...(doc.meta.keywords?.length ? { keywords: doc.meta.keywords.join(', ') } : {}),
    },
    language: doc.meta.language,
    displayTitle: true,
    tagged: true,
    compress: opts.compress ?? true,
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 48],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, italics: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 15, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 3] },
      h4: { fontSize: 10, bold: true, italics: true, margin: [0, 4, 0, 2] },
    },
    content,
  });
  return pdf.getBuffer();
}

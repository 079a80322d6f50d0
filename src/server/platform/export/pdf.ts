import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import { fitColumns } from './columns.js';
import { pageNumberParts, type Block, type ExportDocument, type Run, type Signer, type SignatureLabels, type TitlePage } from './model.js';

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

// A4 in points, 2 cm side margins (as the Word export).
const PAGE = { width: 595.28, side: 57, top: 64, bottom: 60 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.side;
const TABLE_FONT = 8;
const CELL_PADDING = 4;
const GREY = '#555555';

const inline = (text: string | Run[]) =>
  typeof text === 'string' ? text : text.map((r) => ({ text: r.text, bold: r.bold, italics: r.italics }));

/** Thin rules between rows, a shaded header row, no vertical lines; 4 pt padding on each side. */
const tableLayout = {
  hLineWidth: (i: number, node: { table: { body: unknown[]; headerRows: number } }) => (i === 0 || i === node.table.headerRows || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: () => '#9AA0AC',
  paddingLeft: () => CELL_PADDING,
  paddingRight: () => CELL_PADDING,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (row: number) => (row === 0 ? '#E7E9EE' : null),
};

function table(b: Extract<Block, { kind: 'table' }>) {
  // Roboto at 8 pt: an average character is about 4 pt, counted 4.2 to be safe; the cell padding lies outside pdfmake's widths.
  const widths = fitColumns(b.header, b.rows, { width: TEXT_WIDTH, charWidth: TABLE_FONT * 0.525, padding: 2 * CELL_PADDING, hints: b.widths })
    .map((w) => Math.max(w - 2 * CELL_PADDING, 4));
  return {
    table: { headerRows: 1, widths, body: [b.header.map((h) => ({ text: h, bold: true })), ...b.rows.map((r) => b.header.map((_, i) => r[i] ?? ''))] },
    layout: tableLayout, fontSize: TABLE_FONT, margin: [0, 2, 0, 8],
  };
}

function signatures(signers: Signer[], labels: SignatureLabels) {
  const gap = 24;
  const width = (TEXT_WIDTH - gap * (signers.length - 1)) / Math.max(signers.length, 1);
  const blank = '…………………………';
  return {
    unbreakable: true,
    columnGap: gap,
    margin: [0, 8, 0, 12],
    columns: signers.map((s) => ({
      width,
      stack: [
        { text: s.role, bold: true },
        `${labels.name}: ${s.name ?? blank}`,
        `${labels.date}: ${s.date ?? blank}`,
        // Room to sign, then the line with its label.
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width - 12, y2: 0, lineWidth: 0.6 }], margin: [0, 44, 0, 2] },
        { text: labels.signature, fontSize: 8, color: GREY },
      ],
    })),
  };
}

function titlePage(tp: TitlePage): unknown[] {
  return [
    ...(tp.organisation ? [{ text: tp.organisation, fontSize: 14, bold: true, color: GREY, margin: [0, 90, 0, 30] }] : []),
    { text: tp.title, style: 'title', margin: [0, tp.organisation ? 0 : 120, 0, 12] },
    ...(tp.subtitle ? [{ text: tp.subtitle, fontSize: 14, margin: [0, 0, 0, 30] }] : []),
    ...(tp.fields ?? []).map((f) => ({ text: [{ text: `${f.label}: `, bold: true }, f.value], margin: [0, 0, 0, 4] })),
    ...(tp.note ? [{ text: tp.note, fontSize: 8, color: GREY, margin: [0, 120, 0, 0] }] : []),
    { text: '', pageBreak: 'after' },
  ];
}

export interface PdfOptions {
  /** Deflate the page streams (default). Off, the text is readable in the bytes: for tests. */
  compress?: boolean;
}

/** Renders the document as a tagged A4 PDF with its language and title set. */
export async function renderPdf(doc: ExportDocument, opts: PdfOptions = {}): Promise<Buffer> {
  const content: unknown[] = doc.titlePage ? titlePage(doc.titlePage) : [];
  const tocDepth = doc.blocks.reduce((d, b) => (b.kind === 'toc' ? b.depth ?? 2 : d), 0);
  doc.blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'title': content.push({ text: b.text, style: 'title' }); break;
      case 'subtitle': content.push({ text: b.text, style: 'subtitle' }); break;
      case 'heading':
        content.push({
          text: b.text, style: `h${b.level}`, headlineLevel: b.level,
          ...(b.level <= tocDepth ? { tocItem: true, tocMargin: [(b.level - 1) * 14, 3, 0, 0], ...(b.level === 1 ? { tocStyle: { bold: true } } : {}) } : {}),
        });
        break;
      case 'paragraph': content.push({ text: inline(b.text), margin: [0, 0, 0, 6] }); break;
      case 'field': content.push({ text: [{ text: `${b.label}: `, bold: true }, b.value], margin: [0, 0, 0, 3] }); break;
      case 'list': content.push({ [b.ordered ? 'ol' : 'ul']: b.items, margin: [0, 0, 0, 6] }); break;
      case 'table': content.push(table(b)); break;
      case 'toc': content.push({ toc: { title: { text: b.title, style: 'tocTitle' } } }); break;
      case 'signatures': {
        // What is signed stays with the lines to sign: the paragraph before them and the heading over it.
        const lead: unknown[] = [];
        const prev = doc.blocks[i - 1];
        if (prev?.kind === 'paragraph') {
          lead.unshift(content.pop());
          if (doc.blocks[i - 2]?.kind === 'heading') lead.unshift(content.pop());
        }
        content.push(lead.length ? { stack: [...lead, signatures(b.signers, b.labels)], unbreakable: true } : signatures(b.signers, b.labels));
        break;
      }
      case 'pageBreak': content.push({ text: '', pageBreak: 'after' }); break;
    }
  });
  const p = doc.page;
  // The title page, when there is one, has no header or footer.
  const furnished = (page: number) => Boolean(p) && !(doc.titlePage && page === 1);
  const pageText = (page: number, pages: number) =>
    pageNumberParts(p?.pageNumbers ?? '').map((x) => (typeof x === 'string' ? x : String(x.field === 'page' ? page : pages))).join('');
  const pdf = pdfmake.createPdf({
    info: {
      title: doc.meta.title, creator: 'Kompas', producer: 'Kompas',
      ...(doc.meta.author ? { author: doc.meta.author } : {}),
      ...(doc.meta.subject ? { subject: doc.meta.subject } : {}),
      ...(doc.meta.keywords?.length ? { keywords: doc.meta.keywords.join(', ') } : {}),
    },
    language: doc.meta.language,
    displayTitle: true,
    tagged: true,
    compress: opts.compress ?? true,
    pageSize: 'A4',
    pageMargins: [PAGE.side, PAGE.top, PAGE.side, PAGE.bottom],
    header: (page: number) => (furnished(page) && p?.header
      ? { text: p.header, alignment: 'right', fontSize: 8, color: GREY, margin: [PAGE.side, 28, PAGE.side, 0] }
      : null),
    footer: (page: number, pages: number) => (furnished(page) && (p?.footer || p?.pageNumbers)
      ? { columns: [{ text: p?.footer ?? '', color: GREY }, { text: pageText(page, pages), alignment: 'right', width: 'auto' }], fontSize: 8, margin: [PAGE.side, 24, PAGE.side, 0] }
      : null),
    // A heading never ends a page: it moves to the next one with what it heads.
    pageBreakBefore: (node: { headlineLevel?: number }, q: { getFollowingNodesOnPage: () => unknown[] }) =>
      node.headlineLevel !== undefined && q.getFollowingNodesOnPage().length === 0,
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 22, bold: true, color: '#1F2A44', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, italics: true, margin: [0, 0, 0, 12] },
      tocTitle: { fontSize: 15, bold: true, margin: [0, 0, 0, 10] },
      h1: { fontSize: 15, bold: true, color: '#1F2A44', margin: [0, 14, 0, 6] },
      h2: { fontSize: 12, bold: true, color: '#1F2A44', margin: [0, 10, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
      h4: { fontSize: 10, bold: true, italics: true, margin: [0, 6, 0, 2] },
    },
    content,
  });
  return pdf.getBuffer();
}

import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, LevelFormat, Packer, PageBreak, PageNumber, Paragraph, ShadingType, Table,
  TableCell, TableLayoutType, TableOfContents, TableRow, TabStopType, TextRun, WidthType, type ISectionOptions,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { fitColumns } from './columns.js';
import { pageNumberParts, type Block, type ExportDocument, type Run, type Signer, type SignatureLabels, type TitlePage } from './model.js';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const NUMBERED = 'kompas-numbered';

// A4 in twips (1/20 pt), 2 cm side margins: the body is 9638 twips (17 cm) wide.
const PAGE = { width: 11906, height: 16838, side: 1134, top: 1418, bottom: 1418, header: 709, footer: 709 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.side;
const FONT = 'Arial';
/** Half-points, as Word counts font sizes. */
const SIZE = { body: 20, table: 18, small: 16 };
const GREY = '555555';

/**
 * Characters XML 1.0 cannot carry (C0 controls other than tab and line breaks, lone surrogates,
 * U+FFFE/U+FFFF): one of them in a record would make Word refuse the whole file.
 */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const clean = (s: string) => s.replace(XML_INVALID, '');

type RunStyle = Omit<Run, 'text'> & { size?: number; color?: string };

/** A run per line: a line break in the text is a line break in Word, not a space. */
function runs(input: string | Run[], base: RunStyle = {}): TextRun[] {
  const parts = typeof input === 'string' ? [{ text: input }] : input;
  return parts.flatMap((r) => clean(r.text).split(/\r?\n/).map((line, i) =>
    new TextRun({ text: line, bold: r.bold ?? base.bold, italics: r.italics ?? base.italics, size: base.size, color: base.color, break: i > 0 ? 1 : undefined })));
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function table(b: Extract<Block, { kind: 'table' }>): Table {
  // Arial at 9 pt: an average character is about 4.3 pt, counted 4.6 pt (92 twips) to be safe; Word's cell margins are 2 × 108 twips.
  const widths = fitColumns(b.header, b.rows, { width: TEXT_WIDTH, charWidth: 92, padding: 230, hints: b.widths }).map(Math.floor);
  const cell = (text: string, i: number, header = false) => new TableCell({
    width: { size: widths[i], type: WidthType.DXA },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E9EE' } : undefined,
    children: [new Paragraph({ spacing: { before: 20, after: 20 }, children: runs(text, { bold: header, size: SIZE.table }) })],
  });
  return new Table({
    width: { size: widths.reduce((a, w) => a + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, i) => cell(h, i, true)) }),
      ...b.rows.map((r) => new TableRow({ children: b.header.map((_, i) => cell(r[i] ?? '', i)) })),
    ],
  });
}

function signatures(signers: Signer[], labels: SignatureLabels): Table {
  const width = Math.floor(TEXT_WIDTH / Math.max(signers.length, 1));
  const blank = '…………………………';
  const cell = (s: Signer) => new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { right: 400 },
    children: [
      new Paragraph({ keepNext: true, children: runs(s.role, { bold: true }) }),
      new Paragraph({ keepNext: true, children: runs(`${labels.name}: ${s.name ?? blank}`) }),
      new Paragraph({ keepNext: true, children: runs(`${labels.date}: ${s.date ?? blank}`) }),
      // Room to sign, then the line with its label.
      new Paragraph({ keepNext: true, spacing: { before: 900 }, border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 } }, children: runs(labels.signature, { size: SIZE.small, color: GREY }) }),
    ],
  });
  return new Table({
    width: { size: width * signers.length, type: WidthType.DXA },
    columnWidths: signers.map(() => width),
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: signers.map(cell) })],
  });
}

function titlePage(tp: TitlePage): Paragraph[] {
  return [
    ...(tp.organisation ? [new Paragraph({ spacing: { before: 1800, after: 600 }, children: runs(tp.organisation, { bold: true, size: 28, color: GREY }) })] : []),
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: tp.organisation ? 0 : 2400 }, children: runs(tp.title) }),
    ...(tp.subtitle ? [new Paragraph({ spacing: { after: 600 }, children: runs(tp.subtitle, { size: 28 }) })] : []),
    ...(tp.fields ?? []).map((f) => new Paragraph({ spacing: { after: 80 }, children: runs([{ text: `${f.label}: `, bold: true }, { text: f.value }]) })),
    ...(tp.note ? [new Paragraph({ spacing: { before: 2400 }, children: runs(tp.note, { size: SIZE.small, color: GREY }) })] : []),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

function body(doc: ExportDocument): (Paragraph | Table | TableOfContents)[] {
  const children: (Paragraph | Table | TableOfContents)[] = doc.titlePage ? titlePage(doc.titlePage) : [];
  let lists = 0;
  doc.blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'title': children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(b.text) })); break;
      case 'subtitle': children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: runs(b.text, { italics: true }) })); break;
      case 'heading': children.push(new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.text) })); break;
      // What is signed stays on the page of the lines to sign.
      case 'paragraph': children.push(new Paragraph({ keepNext: doc.blocks[i + 1]?.kind === 'signatures', children: runs(b.text) })); break;
      case 'field': children.push(new Paragraph({ children: runs([{ text: `${b.label}: `, bold: true }, { text: b.value }]) })); break;
      case 'list': {
        // Each numbered list is its own numbering instance, so it starts again at 1.
        const instance = ++lists;
        for (const item of b.items) {
          children.push(new Paragraph({
            ...(b.ordered ? { numbering: { reference: NUMBERED, level: 0, instance } } : { bullet: { level: 0 } }),
            children: runs(item),
          }));
        }
        break;
      }
      case 'table':
        children.push(table(b));
        // Word joins two tables that touch: an empty paragraph keeps them apart.
        children.push(new Paragraph({ children: [] }));
        break;
      case 'toc':
        // Not a heading style: the contents do not list themselves.
        children.push(new Paragraph({ spacing: { after: 240 }, keepNext: true, children: runs(b.title, { bold: true, size: 30 }) }));
        children.push(new TableOfContents(clean(b.title), { hyperlink: true, headingStyleRange: `1-${b.depth ?? 2}` }));
        break;
      case 'signatures':
        children.push(signatures(b.signers, b.labels));
        children.push(new Paragraph({ children: [] }));
        break;
      case 'pageBreak': children.push(new Paragraph({ children: [new PageBreak()] })); break;
    }
  });
  return children;
}

function furniture(doc: ExportDocument): Pick<ISectionOptions, 'headers' | 'footers' | 'properties'> {
  const p = doc.page;
  if (!p) return {};
  // The title page has its own, empty, header and footer. Not `children: []`: Word wants a paragraph in each.
  const empty = { first: new Header({ children: [new Paragraph({})] }) };
  const header = p.header
    ? new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(p.header, { size: SIZE.small, color: GREY }) })] })
    : new Header({ children: [new Paragraph({})] });
  const numbers = p.pageNumbers
    ? [new TextRun({ size: SIZE.small, children: pageNumberParts(clean(p.pageNumbers)).map((x) => (typeof x === 'string' ? x : x.field === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES)) })]
    : [];
  const footer = new Footer({
    children: [new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      children: [...runs(p.footer ?? '', { size: SIZE.small, color: GREY }), ...(numbers.length ? [new TextRun({ text: '\t', size: SIZE.small }), ...numbers] : [])],
    })],
  });
  return {
    properties: { titlePage: Boolean(doc.titlePage) },
    headers: { default: header, ...(doc.titlePage ? empty : {}) },
    footers: { default: footer, ...(doc.titlePage ? { first: new Footer({ children: [new Paragraph({})] }) } : {}) },
  };
}

function build(doc: ExportDocument, withPageNumbers: boolean): Document {
  const { properties, ...parts } = furniture(doc);
  return new Document({
    title: clean(doc.meta.title),
    subject: doc.meta.subject && clean(doc.meta.subject),
    keywords: doc.meta.keywords?.map(clean).join(', '),
    creator: doc.meta.author ? clean(doc.meta.author) : 'Kompas',
    lastModifiedBy: 'Kompas',
    // Lays the pages out as Word would, so the contents and "page x of y" carry their numbers when the
    // file is opened, also in viewers that do not update fields.
    ...(withPageNumbers ? { pageNumbers: estimatePageNumbers } : {}),
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body, language: { value: doc.meta.language } }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: FONT, size: 48, bold: true, color: '1F2A44' }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: '1F2A44' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: '1F2A44' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true } },
        heading3: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 200, after: 60 }, keepNext: true, keepLines: true } },
        heading4: { run: { font: FONT, size: 20, bold: true, italics: true }, paragraph: { spacing: { before: 160, after: 40 }, keepNext: true, keepLines: true } },
      },
    },
    numbering: {
      config: [{
        reference: NUMBERED,
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
      }],
    },
    sections: [{
      properties: {
        ...properties,
        page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side, header: PAGE.header, footer: PAGE.footer } },
      },
      ...parts,
      children: body(doc),
    }],
  });
}

/** Renders the document as Word (.docx), with the document language on every run by default. */
export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const numbered = Boolean(doc.page?.pageNumbers) || doc.blocks.some((b) => b.kind === 'toc');
  if (!numbered) return Packer.toBuffer(build(doc, false));
  try {
    return await Packer.toBuffer(build(doc, true));
  } catch {
    // The page estimate is a convenience: without it Word fills the numbers in when it updates the fields.
    return Packer.toBuffer(build(doc, false));
  }
}

import {
  AlignmentType, Document, HeadingLevel, LevelFormat, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { ExportDocument, Run } from './model.js';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const NUMBERED = 'kompas-numbered';

/**
 * Characters XML 1.0 cannot carry (C0 controls other than tab and line breaks, lone surrogates,
 * U+FFFE/U+FFFF): one of them in a record would make Word refuse the whole file.
 */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const clean = (s: string) => s.replace(XML_INVALID, '');

/** A run per line: a line break in the text is a line break in Word, not a space. */
function runs(input: string | Run[], base: Omit<Run, 'text'> = {}): TextRun[] {
  const parts = typeof input === 'string' ? [{ text: input }] : input;
  return parts.flatMap((r) => clean(r.text).split(/\r?\n/).map((line, i) =>
    new TextRun({ text: line, bold: r.bold ?? base.bold, italics: r.italics ?? base.italics, break: i > 0 ? 1 : undefined })));
}

/** Renders the document as Word (.docx), with the document language on every run by default. */
export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let lists = 0;
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title': children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(b.text) })); break;
      case 'subtitle': children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: runs(b.text, { italics: true }) })); break;
      case 'heading': children.push(new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.text) })); break;
      case 'paragraph': children.push(new Paragraph({ children: runs(b.text) })); break;
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
      case 'table': {
        const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: runs(text, { bold }) })] });
        children.push(new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
          ],
        }));
        // Word joins two tables that touch: an empty paragraph keeps them apart.
        children.push(new Paragraph({ children: [] }));
        break;
      }
      case 'pageBreak': children.push(new Paragraph({ children: [new PageBreak()] })); break;
    }
  }
  const document = new Document({
    title: clean(doc.meta.title),
    subject: doc.meta.subject && clean(doc.meta.subject),
    keywords: doc.meta.keywords?.map(clean).join(', '),
    creator: 'Kompas',
    styles: { default: { document: { run: { language: { value: doc.meta.language } } } } },
    numbering: {
      config: [{
        reference: NUMBERED,
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
      }],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

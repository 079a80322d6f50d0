import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrgTx } from '../db/tx.js';
import { createOrganisation, createTestApp, ownerQuery, type TestApp } from '../../../test/app.js';
import { docxColumnWidths, docxFieldCodes, docxHeadersFooters, docxParagraphs, docxParts, docxTables, pdfInfo, pdfPages } from './export.testkit.js';
import {
  asciiFilename, auditedExport, contentDisposition, CONTENT_TYPES, csvStream, documentLabels, fitColumns, MAX_AUDITED_IDS, neutraliseFormula,
  pageNumberParts, paragraphs, recordExport, renderCounts, renderDocument, renderDocx, renderPdf, safeFilename, sendDownload, tableBlock, toCsv,
  type ExportDocument,
} from './index.js';

const hostile = `<script>alert("x")</script> & 'quotes'`;

const sample: ExportDocument = {
  meta: { title: 'Integriteitsplan 2025–2028', language: 'nl-BE', subject: 'Beleidsplan', keywords: ['integriteit'] },
  blocks: [
    { kind: 'title', text: 'Integriteitsplan' },
    { kind: 'subtitle', text: 'Zone Zuid · 2025–2028' },
    { kind: 'heading', level: 1, text: '1. Identificatie' },
    { kind: 'field', label: 'Periode', value: '2025–2028' },
    { kind: 'heading', level: 2, text: 'Waarden' },
    { kind: 'paragraph', text: [{ text: 'Vet', bold: true }, { text: ' en gewoon; ' }, { text: 'schuin', italics: true }] },
    { kind: 'paragraph', text: `Eerste regel\nTweede regel ${hostile}` },
    { kind: 'list', items: ['Respect', 'Loyauté'] },
    { kind: 'heading', level: 3, text: 'Stappen' },
    { kind: 'list', ordered: true, items: ['Analyse', 'Opleiding'] },
    { kind: 'list', ordered: true, items: ['Evaluatie'] },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 4, text: 'Acties' },
    { kind: 'table', header: ['Actie', 'Eigenaar'], rows: [['Dilemmatraining', 'Dienst Personeel'], ['Über-Prüfung', '=cmd|calc']] },
  ],
};

describe('Word', () => {
  let docx: Buffer;
  beforeAll(async () => { docx = await renderDocx(sample); });

  it('writes the headings with their levels, paragraphs, fields and line breaks', () => {
    const ps = docxParagraphs(docx);
    const styled = (style: string) => ps.filter((p) => p.style === style).map((p) => p.text);
    expect(styled('Title')).toEqual(['Integriteitsplan']);
    expect(styled('Heading1')).toEqual(['1. Identificatie']);
    expect(styled('Heading2')).toEqual(['Waarden']);
    expect(styled('Heading3')).toEqual(['Stappen']);
    expect(styled('Heading4')).toEqual(['Acties']);
    const texts = ps.map((p) => p.text);
    expect(texts).toContain('Periode: 2025–2028');
    expect(texts).toContain('Vet en gewoon; schuin');
    // Hostile text is text: escaped in the XML, read back unchanged.
    expect(texts).toContain(`Eerste regel\nTweede regel ${hostile}`);
    expect(docxParts(docx).get('word/document.xml')).not.toContain('<script>');
  });

  it('writes bulleted and numbered lists, each numbered list starting again', () => {
    const ps = docxParagraphs(docx);
    const item = (text: string) => ps.find((p) => p.text === text)!;
    expect(item('Respect').numId).toBeDefined();
    expect(item('Analyse').numId).toBe(item('Opleiding').numId);
    expect(item('Evaluatie').numId).not.toBe(item('Analyse').numId);
    expect(item('Respect').numId).not.toBe(item('Analyse').numId);
    expect(docxParts(docx).get('word/numbering.xml')).toMatch(/<w:numFmt w:val="decimal"\/>/);
  });

  it('writes tables with a repeated header row, a page break, the language and the title', () => {
    expect(docxTables(docx)).toEqual([{ header: [['Actie', 'Eigenaar']], rows: [['Dilemmatraining', 'Dienst Personeel'], ['Über-Prüfung', '=cmd|calc']] }]);
    const parts = docxParts(docx);
    expect(parts.get('word/document.xml')).toContain('<w:br w:type="page"/>');
    expect(parts.get('word/styles.xml')).toContain('w:lang w:val="nl-BE"');
    expect(parts.get('docProps/core.xml')).toContain('<dc:title>Integriteitsplan 2025–2028</dc:title>');
  });

  it('drops characters XML cannot carry instead of writing a file Word refuses', async () => {
    const d = await renderDocx({ meta: { title: 'x\u0001', language: 'en-GB' }, blocks: [{ kind: 'paragraph', text: 'a\u0000b\u001Fc\uD800d' }] });
    expect(docxParagraphs(d).map((p) => p.text)).toEqual(['abcd']);
    expect(docxParts(d).get('docProps/core.xml')).toContain('<dc:title>x</dc:title>');
  });
});

describe('PDF', () => {
  it('writes the same content, readable through the fonts, on two pages around the break', async () => {
    const pdf = await renderPdf(sample, { compress: false });
    const s = pdf.toString('latin1');
    expect(s.startsWith('%PDF-')).toBe(true);
    expect(s).toContain('/Lang (nl-BE)');
    expect(s).toContain('/StructTreeRoot');
    const [first, second, ...rest] = pdfPages(pdf);
    expect(rest).toEqual([]);
    for (const text of ['Integriteitsplan', 'Zone Zuid', '1. Identificatie', 'Periode:', 'Waarden', 'Loyauté', 'Tweede regel', hostile, 'Analyse', 'Evaluatie']) {
      expect(first).toContain(text);
    }
    for (const text of ['Acties', 'Actie', 'Eigenaar', 'Dilemmatraining', 'Über-Prüfung', '=cmd|calc']) expect(second).toContain(text);
    expect(first).not.toContain('Dilemmatraining');
  });

  it('compresses by default', async () => {
    const pdf = await renderPdf(sample);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    expect(() => pdfPages(pdf)).toThrow(/compressed/);
  });

  it('splits free text into paragraphs', () => {
    expect(paragraphs('Een\n\nTwee\r\nDrie\n  \n')).toEqual(['Een', 'Twee', 'Drie'].map((text) => ({ kind: 'paragraph', text })));
    expect(paragraphs(null)).toEqual([]);
  });
});

/** A document as a policy plan is sent: title page, contents, running header and footer, fitted tables, signatures. */
const long = 'Integriteitsbeleidsverantwoordelijke';
const furnished: ExportDocument = {
  meta: { title: 'Beleidsplan', language: 'nl-BE', author: 'Politiezone Zuid' },
  titlePage: { organisation: 'Politiezone Zuid', title: 'Beleidsplan', subtitle: 'Integriteit', fields: [{ label: 'Versie', value: '2' }], note: 'Gemaakt op 01/02/2026' },
  page: { header: 'Politiezone Zuid — Beleidsplan', footer: 'Versie 2', pageNumbers: 'Pagina {page} van {pages}' },
  blocks: [
    { kind: 'toc', title: 'Inhoud' },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: '1. Eerste hoofdstuk' },
    { kind: 'paragraph', text: 'Tekst.' },
    { kind: 'heading', level: 2, text: '1.1 Onderdeel' },
    { kind: 'heading', level: 3, text: 'Niet in de inhoud' },
    {
      kind: 'table', header: ['Code', 'Actie', 'Eigenaar'], widths: [1, 5, 2],
      rows: [['A 1.1.1', 'Dilemmatraining voor alle personeelsleden in elke dienst van de zone, met een opfrissing elk jaar', long], ['A 1.1.2', 'Steekproef', 'Recherche']],
    },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: '2. Tweede hoofdstuk' },
    { kind: 'signatures', labels: { name: 'Naam', date: 'Datum', signature: 'Handtekening' }, signers: [{ role: 'Korpschef', name: 'Karel Peeters', date: '03/02/2026' }, { role: 'Integriteit' }] },
  ],
};

describe('documents with a title page, contents, header and footer', () => {
  let docx: Buffer;
  let pdf: Buffer;
  beforeAll(async () => {
    docx = await renderDocx(furnished);
    pdf = await renderPdf(furnished, { compress: false });
  });

  it('Word: the title page first, with its own empty header and footer', () => {
    const ps = docxParagraphs(docx);
    expect(ps.slice(0, 5).map((p) => p.text)).toEqual(['Politiezone Zuid', 'Beleidsplan', 'Integriteit', 'Versie: 2', 'Gemaakt op 01/02/2026']);
    expect(ps[1].style).toBe('Title');
    const { headers, footers } = docxHeadersFooters(docx);
    expect(headers.first.map((p) => p.text).join('')).toBe('');
    expect(footers.first.map((p) => p.text).join('')).toBe('');
    expect(headers.default.map((p) => p.text)).toEqual(['Politiezone Zuid — Beleidsplan']);
    expect(docxParts(docx).get('word/document.xml')).toContain('<w:titlePg/>');
  });

  it('Word: the footer numbers the pages with fields, the count written in', () => {
    const { footers } = docxHeadersFooters(docx);
    const footerPart = [...docxParts(docx).keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k)).find((k) => docxFieldCodes(docx, k).length > 0)!;
    expect(docxFieldCodes(docx, footerPart)).toEqual(['PAGE', 'NUMPAGES']);
    // The laid-out count stands in the field's result: readers that do not update fields show it too.
    // (The page number itself differs per page: Word fills it in as it shows each page.)
    expect(footers.default[0].text).toBe('Versie 2\tPagina  van 4');
  });

  it('Word: a table of contents field over headings 1 and 2, with their page numbers', () => {
    const codes = docxFieldCodes(docx);
    expect(codes[0]).toBe('TOC \\h \\o "1-2"');
    expect(codes.filter((c) => c.startsWith('PAGEREF '))).toHaveLength(3);
    const entries = docxParagraphs(docx).filter((p) => /^TOC\d$/.test(p.style ?? ''));
    expect(entries.map((p) => [p.style, p.text])).toEqual([
      ['TOC1', '1. Eerste hoofdstuk\t3'], ['TOC2', '1.1 Onderdeel\t3'], ['TOC1', '2. Tweede hoofdstuk\t4'],
    ]);
  });

  it('Word: author and language in the properties', () => {
    const core = docxParts(docx).get('docProps/core.xml')!;
    expect(core).toContain('<dc:creator>Politiezone Zuid</dc:creator>');
    expect(docxParts(docx).get('word/styles.xml')).toContain('w:lang w:val="nl-BE"');
  });

  it('Word: fixed column widths that follow the hints and fit the longest words', () => {
    const [widths] = docxColumnWidths(docx);
    expect(widths).toHaveLength(3);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9638);
    expect(widths[1]).toBeGreaterThan(widths[0] * 3);
    // 36 letters at 92 twips each, plus the cell margins.
    expect(widths[2]).toBeGreaterThanOrEqual(long.length * 92);
    expect(docxParts(docx).get('word/document.xml')).toContain('<w:tblLayout w:type="fixed"/>');
  });

  it('Word: signature lines with role, name and date, blanks where unknown', () => {
    const sig = docxTables(docx).at(-1)!;
    expect(sig.rows[0][0]).toBe('Korpschef\nNaam: Karel Peeters\nDatum: 03/02/2026\nHandtekening');
    expect(sig.rows[0][1]).toMatch(/^Integriteit\nNaam: …+\nDatum: …+\nHandtekening$/);
  });

  it('PDF: title page without furniture, contents with page numbers, header and "page x of y" on the others', () => {
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(4);
    expect(pages[0]).toContain('Politiezone Zuid');
    expect(pages[0]).toContain('Gemaakt op 01/02/2026');
    expect(pages[0]).not.toContain('Pagina');
    expect(pages[1]).toContain('Inhoud');
    expect(pages[1]).toMatch(/1\. Eerste hoofdstuk3/);
    expect(pages[1]).toMatch(/1\.1 Onderdeel3/);
    expect(pages[1]).toMatch(/2\. Tweede hoofdstuk4/);
    expect(pages[1]).not.toContain('Niet in de inhoud3');
    pages.slice(1).forEach((p, i) => {
      expect(p).toContain('Politiezone Zuid — Beleidsplan');
      expect(p).toContain(`Pagina ${i + 2} van 4`);
    });
    expect(pages[3]).toContain('Korpschef');
    expect(pages[3]).toContain('Naam: Karel Peeters');
    expect(pages[3]).toContain('Handtekening');
    expect(pdfInfo(pdf, 'Author')).toBe('Politiezone Zuid');
    expect(pdf.toString('latin1')).toContain('/Lang (nl-BE)');
  });
});

describe('signatures', () => {
  // Enough text that the approval would start at the foot of page 1 and its lines fall on page 2.
  const filler = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'paragraph' as const, text: `Regel ${i + 1} van de tekst die voorafgaat.` }));
  const signed = (n: number): ExportDocument => ({
    meta: { title: 'x', language: 'nl-BE' },
    blocks: [
      ...filler(n),
      { kind: 'heading', level: 1, text: 'Goedkeuring' },
      { kind: 'paragraph', text: 'Goedgekeurd door K. Peeters op 03/02/2026.' },
      { kind: 'signatures', labels: { name: 'Naam', date: 'Datum', signature: 'Handtekening' }, signers: [{ role: 'Korpschef', name: 'K. Peeters' }] },
    ],
  });

  it('PDF: keeps the heading and the sentence of what is signed on the page of the lines', async () => {
    for (const n of [30, 33, 36, 39]) {
      const pages = pdfPages(await renderPdf(signed(n), { compress: false }));
      const page = pages.find((p) => p.includes('Handtekening'))!;
      expect(page, `after ${n} lines`).toContain('Goedkeuring');
      expect(page).toContain('Goedgekeurd door K. Peeters');
    }
  });

  it('Word: the sentence before the lines keeps with them', async () => {
    const xml = docxParts(await renderDocx(signed(3))).get('word/document.xml')!;
    const sentence = /<w:p>(?:(?!<\/w:p>).)*Goedgekeurd door K\. Peeters(?:(?!<\/w:p>).)*<\/w:p>/s.exec(xml)![0];
    expect(sentence).toContain('<w:keepNext/>');
    const filler1 = /<w:p>(?:(?!<\/w:p>).)*Regel 1 van(?:(?!<\/w:p>).)*<\/w:p>/s.exec(xml)![0];
    expect(filler1).not.toContain('<w:keepNext/>');
  });
});

describe('rendering off the event loop', () => {
  const one = (text: string): ExportDocument => ({ meta: { title: text, language: 'en-GB' }, blocks: [{ kind: 'paragraph', text }] });

  it('renders Word and PDF in the worker thread, each job its own document', async () => {
    const before = renderCounts();
    const [a, b, c] = await Promise.all([renderDocument('docx', one('first')), renderDocument('pdf', one('second'), { compress: false }), renderDocument('docx', one('third'))]);
    expect(docxParagraphs(a).map((p) => p.text)).toEqual(['first']);
    expect(pdfPages(b)).toEqual(['second']);
    expect(docxParagraphs(c).map((p) => p.text)).toEqual(['third']);
    expect(renderCounts()).toEqual({ worker: before.worker + 3, inline: before.inline });
  });

  it('passes a renderer\'s failure on to the caller, and goes on rendering', async () => {
    const broken = { meta: { title: 'x', language: 'en-GB' }, blocks: [{ kind: 'table', header: null, rows: [] }] } as unknown as ExportDocument;
    await expect(renderDocument('docx', broken)).rejects.toThrow();
    expect(docxParagraphs(await renderDocument('docx', one('after'))).map((p) => p.text)).toEqual(['after']);
  });
});

describe('tables and labels', () => {
  it('fits columns: longest words first, the rest by hint, all of the width', () => {
    const opts = { width: 100, charWidth: 1, padding: 0 };
    // Everything fits on one line: the spare width goes by hint.
    expect(fitColumns(['a', 'b'], [['xx', 'yy']], { ...opts, hints: [1, 3] })).toEqual([2 + 24, 2 + 72]);
    // Long text wraps, a long word does not: the word's column keeps it whole.
    const w = fitColumns(['Titel', 'Eigenaar'], [['lorem ipsum '.repeat(30), long]], { ...opts, hints: [5, 1] });
    expect(w[1]).toBeGreaterThanOrEqual(long.length);
    expect(w[0] + w[1]).toBeCloseTo(100);
    // Words too long to sit side by side: shared by their lengths.
    expect(fitColumns(['a', 'b'], [['x'.repeat(150), 'y'.repeat(50)]], opts)).toEqual([75, 25]);
    expect(fitColumns([], [], opts)).toEqual([]);
  });

  it('leaves out columns without a value, keeps those asked for, passes the hints of the rest', () => {
    const t = tableBlock([
      { header: 'Code', value: (r: { code?: string; title: string }) => r.code, width: 1 },
      { header: 'Titel', value: (r) => r.title, width: 5 },
      { header: 'Middelen', value: () => null, width: 2 },
      { header: 'Voortgang', value: () => '', keep: true },
    ], [{ code: 'A 1', title: 'Een' }, { title: 'Twee' }]);
    expect(t).toEqual({ kind: 'table', header: ['Code', 'Titel', 'Voortgang'], rows: [['A 1', 'Een', ''], ['', 'Twee', '']], widths: [1, 5, 1] });
  });

  it('splits page-number patterns and translates the common labels', () => {
    expect(pageNumberParts('Page {page} of {pages}')).toEqual(['Page ', { field: 'page' }, ' of ', { field: 'pages' }]);
    expect(pageNumberParts('{page}/{pages}')).toEqual([{ field: 'page' }, '/', { field: 'pages' }]);
    for (const locale of ['nl', 'fr', 'de', 'en'] as const) {
      const l = documentLabels(locale);
      expect(l.pageNumbers).toContain('{page}');
      expect(l.pageNumbers).toContain('{pages}');
      expect(l.contents).not.toBe('');
    }
  });
});

describe('CSV', () => {
  const columns = [
    { header: 'Naam', value: (r: { name: string | null; n?: number }) => r.name },
    { header: 'Aantal', value: (r: { name: string | null; n?: number }) => r.n },
  ];

  it.each([
    ['=cmd|\' /C calc\'!A0', `'=cmd|' /C calc'!A0`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ['', ''],
  ])('guards %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
    const out = toCsv([{ name: input }], columns, { bom: false, delimiter: ',' });
    expect(parse(out)).toEqual([['Naam', 'Aantal'], [expected, '']]);
  });

  it('quotes delimiters, quotes and line breaks, writes BOM, semicolons and CRLF by default, numbers as numbers', () => {
    const out = toCsv([
      { name: 'a;b', n: -3 }, { name: 'say "hi"', n: 1.5 }, { name: 'line\nbreak', n: NaN }, { name: null, n: 0 }, { name: '=HYPERLINK("http://evil")' },
    ], columns);
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out.slice(1).split('\r\n')).toEqual(['Naam;Aantal', '"a;b";-3', '"say ""hi""";1.5', '"line\nbreak";', ';0', `"'=HYPERLINK(""http://evil"")";`, '']);
    expect(parse(out.slice(1), { delimiter: ';' })).toEqual([
      ['Naam', 'Aantal'], ['a;b', '-3'], ['say "hi"', '1.5'], ['line\nbreak', ''], ['', '0'], [`'=HYPERLINK("http://evil")`, ''],
    ]);
  });

  it('streams the same CSV row by row, headings first even without rows', async () => {
    const read = async (rows: { name: string }[]) => {
      const w = csvStream(columns, { delimiter: ',', lineEnding: '\n' });
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (c: Buffer) => chunks.push(c));
      w.stream.pipe(sink);
      for (const r of rows) w.write(r);
      w.end();
      await new Promise((r) => sink.on('end', r));
      return Buffer.concat(chunks).toString('utf8');
    };
    expect(await read([{ name: '@x' }, { name: 'b,c' }])).toBe('\uFEFFNaam,Aantal\n\'@x,\n"b,c",\n');
    expect(await read([])).toBe('\uFEFFNaam,Aantal\n');
  });
});

describe('downloads', () => {
  it.each([
    ['audit-2025-01-31.csv', 'attachment; filename="audit-2025-01-31.csv"'],
    ['plan "2025"\r\nSet-Cookie: x=1.pdf', 'attachment; filename="plan_2025Set-Cookie_x_1.pdf"; filename*=UTF-8\'\'plan%202025Set-Cookie%20x%3D1.pdf'],
    ['../../etc/passwd', 'attachment; filename="passwd"'],
    ['..\\..\\boot.ini', 'attachment; filename="boot.ini"'],
    ['..', 'attachment; filename="download"'],
    ['.htaccess', 'attachment; filename="htaccess"'],
    ['Évaluation (2025)*.docx', 'attachment; filename="Evaluation_2025_.docx"; filename*=UTF-8\'\'%C3%89valuation%20%282025%29.docx'],
    ['計画.pdf', 'attachment; filename="download.pdf"; filename*=UTF-8\'\'%E8%A8%88%E7%94%BB.pdf'],
    ['report\u202Efdp.exe', 'attachment; filename="reportfdp.exe"'],
    ['a\\"; filename=evil.exe', 'attachment; filename="filename_evil.exe"; filename*=UTF-8\'\'%3B%20filename%3Devil.exe'],
  ])('Content-Disposition for %j', (name, expected) => {
    expect(contentDisposition(name)).toBe(expected);
  });

  it('keeps names short, with their extension, and never empty', () => {
    const long = safeFilename(`${'é'.repeat(300)}.pdf`);
    expect([...long].length).toBe(150);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(safeFilename('  \u0000 ')).toBe('download');
    expect(asciiFilename('___.csv')).toBe('download.csv');
    expect(asciiFilename('Ærø ß.txt')).toBe('r_.txt');
  });

  describe('sendDownload', () => {
    const app = Fastify();
    beforeAll(async () => {
      app.get('/file', async (req, reply) => {
        const { name } = req.query as { name: string };
        return sendDownload(reply, { filename: name, contentType: CONTENT_TYPES.csv, body: Buffer.from('a;b\r\n') });
      });
      await app.ready();
    });
    afterAll(async () => { await app.close(); });

    it('sends the body with a safe disposition, no-store and nosniff, whatever the name', async () => {
      for (const name of ['staff.csv', 'x"\r\nX-Evil: 1', '../../.env', 'Prüfung.csv']) {
        const r = await app.inject({ method: 'GET', url: '/file', query: { name } });
        expect(r.statusCode).toBe(200);
        expect(r.body).toBe('a;b\r\n');
        expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(r.headers['cache-control']).toBe('no-store');
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        expect(r.headers['x-evil']).toBeUndefined();
        const cd = String(r.headers['content-disposition']);
        expect(cd).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"(; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+)?$/);
        expect(cd).not.toMatch(/\.\.|\//);
      }
    });
  });
});

describe('audited exports', () => {
  let t: TestApp;
  let org: string;
  const ctx = { actorUserId: null, ip: '192.0.2.9' };
  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t);
  });
  afterAll(async () => { await t?.close(); });

  const events = (action: string) => ownerQuery<{ record_type: string; record_id: string | null; details: Record<string, unknown> }>(t,
    `SELECT record_type, record_id, details FROM audit_event WHERE organisation_id = $1 AND action = $2 ORDER BY id`, [org, action]);

  it('records the format, the record ids and the facts given, in the transaction of the read', async () => {
    const data = await auditedExport(t.db.db, ctx, { organisationId: org, action: 'test.export', recordType: 'thing', format: 'pdf', details: { filters: ['status'] } },
      async () => ({ data: [{ id: 'a1', secret: 'GEHEIM' }, { id: 'a2', secret: 'GEHEIM' }], recordIds: ['a1', 'a2'], details: { locale: 'fr' } }));
    expect(data).toHaveLength(2);
    const [ev] = await events('test.export');
    expect(ev).toEqual({ record_type: 'thing', record_id: null, details: { format: 'pdf', filters: ['status'], locale: 'fr', count: 2, recordIds: ['a1', 'a2'] } });
    expect(JSON.stringify(ev)).not.toContain('GEHEIM');
  });

  it('records nothing when the read fails', async () => {
    await expect(auditedExport(t.db.db, ctx, { organisationId: org, action: 'test.failed', recordType: 'thing', format: 'csv' }, async () => {
      throw new Error('read failed');
    })).rejects.toThrow('read failed');
    expect(await events('test.failed')).toEqual([]);
  });

  it('keeps a long id list short with the exact count', async () => {
    const ids = Array.from({ length: MAX_AUDITED_IDS + 5 }, (_, i) => `p-${i}`);
    await withOrgTx(t.db.db, org, (tx) => recordExport(tx, ctx, { organisationId: org, action: 'test.many', recordType: 'person', recordId: 'list-1', format: 'csv', recordIds: ids }));
    const [ev] = await events('test.many');
    expect(ev.record_id).toBe('list-1');
    expect(ev.details).toMatchObject({ format: 'csv', count: MAX_AUDITED_IDS + 5, recordIdsTruncated: true });
    expect(ev.details.recordIds).toHaveLength(MAX_AUDITED_IDS);
  });
});

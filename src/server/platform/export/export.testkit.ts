import { strFromU8, unzipSync } from 'fflate';

/**
 * Readers for tests of generated documents: a .docx is a zip of XML parts; a PDF written with
 * `compress: false` keeps its page streams and font maps readable, so its text can be decoded.
 */

export function docxParts(buf: Buffer): Map<string, string> {
  return new Map(Object.entries(unzipSync(new Uint8Array(buf))).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const unescapeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export interface DocxParagraph {
  /** The paragraph style (`Heading1`, `Title`…), if any. */
  style?: string;
  /** Numbering instance of a list item (`w:numId`). */
  numId?: string;
  /** The runs' text; a line break is `\n`, a tab `\t`. */
  text: string;
}

const paragraphsOf = (xml: string): DocxParagraph[] =>
  [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map(([, body]) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1],
    numId: /<w:numId w:val="([^"]+)"\/>/.exec(body)?.[1],
    text: [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)]
      .map((m) => (m[0] === '<w:br/>' ? '\n' : m[0] === '<w:tab/>' ? '\t' : unescapeXml(m[1]))).join(''),
  }));

/** The paragraphs of any part of the document (a header, a footer). */
export function docxPartParagraphs(buf: Buffer, part: string): DocxParagraph[] {
  const xml = docxParts(buf).get(part);
  if (xml === undefined) throw new Error(`no ${part}`);
  return paragraphsOf(xml);
}

/** The field codes of a part (`PAGE`, `NUMPAGES`, `TOC \\o "1-2" …`), trimmed, in order. */
export function docxFieldCodes(buf: Buffer, part = 'word/document.xml'): string[] {
  const xml = docxParts(buf).get(part) ?? '';
  const simple = [...xml.matchAll(/<w:fldSimple [^>]*w:instr="([^"]*)"/g)].map((m) => unescapeXml(m[1]).trim());
  const complex = [...xml.matchAll(/<w:instrText(?: [^>]*)?>([^<]*)<\/w:instrText>/g)].map((m) => unescapeXml(m[1]).trim());
  return [...simple, ...complex];
}

/** The header and footer parts the body's section points at, by kind (`default`, `first`), read as paragraphs. */
export function docxHeadersFooters(buf: Buffer): { headers: Record<string, DocxParagraph[]>; footers: Record<string, DocxParagraph[]> } {
  const parts = docxParts(buf);
  const rels = parts.get('word/_rels/document.xml.rels') ?? '';
  const target = (id: string) => `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? /Target="([^"]+)"[^>]*Id="${id}"/.exec(rels)?.[1]}`;
  const read = (tag: string) => Object.fromEntries([...documentXml(buf).matchAll(new RegExp(`<w:${tag}Reference w:type="(\\w+)" r:id="(\\w+)"/>`, 'g'))]
    .map(([, kind, id]) => [kind, paragraphsOf(parts.get(target(id)) ?? '')]));
  return { headers: read('header'), footers: read('footer') };
}

/** The widths of a table's columns (`w:gridCol`, twips), per table in order. */
export function docxColumnWidths(buf: Buffer): number[][] {
  return [...documentXml(buf).matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map(([, g]) => [...g.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1])));
}

function documentXml(buf: Buffer): string {
  const xml = docxParts(buf).get('word/document.xml');
  if (!xml) throw new Error('no word/document.xml');
  return xml;
}

/** The paragraphs of word/document.xml in order, table cells' paragraphs included. */
export function docxParagraphs(buf: Buffer): DocxParagraph[] {
  return paragraphsOf(documentXml(buf));
}

export interface DocxTable {
  /** Rows marked to repeat as the header on every page. */
  header: string[][];
  rows: string[][];
}

export function docxTables(buf: Buffer): DocxTable[] {
  return [...documentXml(buf).matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, tbl]) => {
    const t: DocxTable = { header: [], rows: [] };
    for (const [, tr] of tbl.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)) {
      const cells = [...tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, tc]) => paragraphsOf(tc).map((p) => p.text).join('\n'));
      (/<w:tblHeader\/>/.test(tr) ? t.header : t.rows).push(cells);
    }
    return t;
  });
}

/** A string of the PDF's document information (/Title, /Author…), following an indirect reference; ASCII values only. */
export function pdfInfo(buf: Buffer, key: string): string | undefined {
  const s = buf.toString('latin1');
  const direct = new RegExp(`/${key} \\(([^)]*)\\)`).exec(s);
  if (direct) return direct[1];
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(s)?.[1];
  if (!ref) return undefined;
  return new RegExp(`\\n${ref} 0 obj\\n\\(([^)]*)\\)`).exec(s)?.[1];
}

/** The text of each page of an uncompressed PDF, decoded through the fonts' ToUnicode maps. */
export function pdfPages(buf: Buffer): string[] {
  const s = buf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of s.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(m[1], m[2]);
  const object = (ref: string) => {
    const o = objects.get(ref);
    if (o === undefined) throw new Error(`no object ${ref}`);
    return o;
  };

  const cmaps = new Map<string, Map<string, string>>();
  // A ligature ("fi") maps to several UTF-16 units, written `<0066 0069>`.
  const utf16 = (hex: string) => String.fromCharCode(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  const cmapOf = (fontRef: string) => {
    let map = cmaps.get(fontRef);
    if (map) return map;
    map = new Map();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(object(fontRef))?.[1];
    if (!ref) throw new Error(`font ${fontRef} has no ToUnicode map`);
    const cmap = object(ref);
    for (const [, from, , list] of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      [...list.matchAll(/<([0-9a-f\s]+)>/gi)].forEach((u, i) => map!.set((parseInt(from, 16) + i).toString(16).padStart(4, '0'), utf16(u[1])));
    }
    for (const [, from, to, dst] of cmap.matchAll(/^<([0-9a-f]+)> <([0-9a-f]+)> <([0-9a-f]+)>$/gim)) {
      for (let c = parseInt(from, 16); c <= parseInt(to, 16); c++) map.set(c.toString(16).padStart(4, '0'), utf16((parseInt(dst, 16) + c - parseInt(from, 16)).toString(16).padStart(4, '0')));
    }
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, code, dst] of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(code.toLowerCase().padStart(4, '0'), utf16(dst));
    }
    cmaps.set(fontRef, map);
    return map;
  };

  const root = /\/Type \/Pages\n[\s\S]*?\/Kids \[([^\]]*)\]/.exec(s)?.[1];
  if (!root) throw new Error('no page tree');
  return [...root.matchAll(/(\d+) 0 R/g)].map(([, pageRef]) => {
    const page = object(pageRef);
    const resources = object(/\/Resources (\d+) 0 R/.exec(page)![1]);
    const fonts = new Map([...resources.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1], m[2]]));
    const content = object(/\/Contents (\d+) 0 R/.exec(page)![1]);
    if (/\/Filter/.test(content.slice(0, content.indexOf('stream')))) throw new Error('compressed PDF: render with compress: false');
    let font: Map<string, string> | undefined;
    let text = '';
    for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (m[1]) { font = cmapOf(fonts.get(m[1])!); continue; }
      for (const [, hex] of m[2].matchAll(/<([0-9a-f]*)>/gi)) {
        for (const code of hex.match(/.{4}/g) ?? []) text += font?.get(code.toLowerCase()) ?? '\uFFFD';
      }
    }
    return text;
  });
}

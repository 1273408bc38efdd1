import { concordFontFiles } from './pdf-fonts.js';

/**
 * One way to write a PDF that Concord publishes: the document as a list of blocks (headings,
 * paragraphs, lists, a new page), with its title, author and language. Every capability that
 * publishes a PDF describes it this way, so the writer behind this interface decides once how
 * it is laid out and tagged for assistive technology.
 *
 * The title is printed first, as the document's heading at level 1; the blocks' headings
 * follow from level 2 (or from level 1 again in a document of several parts, such as a letter
 * per member after a page break). Headings should not skip a level.
 */
export type PdfBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; language?: string }
  | { kind: 'paragraph'; text: string; language?: string }
  | { kind: 'list'; items: (string | PdfListItem)[]; ordered?: boolean }
  /** Starts a new page: a letter per member in a print pack, say. */
  | { kind: 'pageBreak' };

/** A list item with more to it than one line: an agenda item and its details, say. */
export interface PdfListItem {
  text: string;
  /** Paragraphs under the item, in the item's body. */
  details?: string[];
  /** The item's own label ('5', '5a') in place of its place in the list; for an ordered list. */
  label?: string;
}

/**
 * A heading's or paragraph's own `language` (a BCP 47 tag), where it is not the document's: a
 * clause the council has only in English in a Welsh document, say. Screen readers switch voice.
 */
export interface PdfSpec {
  title: string;
  /** Document metadata: the council's name. */
  author: string;
  /** The document's language, as a BCP 47 tag ('en-GB', 'cy-GB'). */
  language: string;
  blocks: PdfBlock[];
}

const margin = 56;
const ink = '#0b0c0c';
const headingSize = { 1: 18, 2: 14, 3: 12 } as const;
const bodySize = 11;

/**
 * A tagged PDF (ISO 32000-1, 14.8): A4 pages of text in DejaVu Sans, embedded, so that Welsh
 * letters print; a structure tree (Document > H1–H3, P, L > LI > Lbl + LBody) in reading order;
 * the title shown in the window title bar; the language and the author in the metadata; page
 * numbers marked as pagination artifacts, outside the structure. It declares PDF/UA-1 in its
 * metadata, which it aims at but has not been checked against (see decisions/0020).
 */
export async function writePdf(spec: PdfSpec): Promise<Uint8Array> {
  const fonts = await concordFontFiles();
  // Loaded when a PDF is first asked for: a server that serves none does not hold it (decisions/0025).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA' as never, // PDFKit supports it; its type declarations list only PDF/A.
    lang: spec.language,
    displayTitle: true,
    bufferPages: true,
    font: null as unknown as string, // no standard font: every font in the document is embedded (registered below)
    info: { Title: plain(spec.title), Author: plain(spec.author), Creator: 'Concord', Producer: 'Concord' },
  });
  const out: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular').fillColor(ink).lineGap(2);

  const width = doc.page.width - 2 * margin;
  const root = doc.struct('Document');
  doc.addStructure(root);

  /**
   * Mark what `draw` draws as the content of `element`. The content joins the element once drawn,
   * so that the parent tree has every page the text flowed onto, not only the first.
   */
  const mark = (element: PDFKit.PDFStructureElement, type: string, draw: () => void) => {
    const content = doc.markStructureContent(type);
    draw();
    doc.endMarkedContent();
    element.add(content);
  };
  /** Text as one marked, tagged element under `parent`. */
  const tagged = (parent: PDFKit.PDFStructureElement, type: string, text: string, font: 'regular' | 'bold', size: number, x = margin, w = width, language?: string) => {
    const element = doc.struct(type, language && language !== spec.language ? { lang: language } : {});
    parent.add(element);
    mark(element, type, () => doc.font(font).fontSize(size).text(plain(text), x, doc.y, { width: w }));
    element.end();
  };
  /** Space after a block, unless it ends the page. */
  const gap = (points: number) => {
    doc.y = Math.min(doc.y + points, doc.page.maxY());
  };
  /** Start a new page unless `lines` lines at `size` still fit on this one. */
  const keep = (size: number, lines = 1) => {
    doc.fontSize(size);
    if (doc.y + doc.currentLineHeight(true) * lines > doc.page.maxY()) doc.addPage();
  };

  // Where each part begins (a letter per member after a page break): pages are numbered within their part.
  const partStarts = [0];
  keep(headingSize[1], 2);
  tagged(root, 'H1', spec.title, 'bold', headingSize[1]);
  gap(10);
  for (const block of spec.blocks) {
    if (block.kind === 'heading') {
      // A heading is kept with the first two lines of what follows it.
      keep(bodySize, 4);
      tagged(root, `H${block.level}`, block.text, 'bold', headingSize[block.level], margin, width, block.language);
      gap(6);
    } else if (block.kind === 'paragraph') {
      keep(bodySize);
      tagged(root, 'P', block.text, 'regular', bodySize, margin, width, block.language);
      gap(6);
    } else if (block.kind === 'list') {
      const list = doc.struct('L');
      root.add(list);
      const labels = block.items.map((item, i) => (block.ordered ? `${(typeof item === 'string' ? undefined : item.label) ?? i + 1}.` : '•'));
      const indent = Math.max(18, ...labels.map((l) => doc.font('bold').fontSize(bodySize).widthOfString(l) + 8));
      // In a list of items with details (an agenda), every item's own line is bold, details or none.
      const titled = block.items.some((item) => typeof item !== 'string' && item.details?.length);
      block.items.forEach((entry, i) => {
        const item = typeof entry === 'string' ? { text: entry } : entry;
        keep(bodySize);
        const li = doc.struct('LI');
        list.add(li);
        const top = doc.y;
        const lbl = doc.struct('Lbl');
        li.add(lbl);
        mark(lbl, 'Lbl', () => doc.font(block.ordered ? 'bold' : 'regular').fontSize(bodySize).text(labels[i]!, margin, top, { width: indent, lineBreak: false }));
        lbl.end();
        doc.y = top;
        const body = doc.struct('LBody');
        li.add(body);
        if (item.details?.length) {
          tagged(body, 'P', item.text, 'bold', bodySize, margin + indent, width - indent);
          for (const detail of item.details) {
            gap(2);
            tagged(body, 'P', detail, 'regular', bodySize, margin + indent, width - indent);
          }
        } else {
          mark(body, 'LBody', () => doc.font(titled ? 'bold' : 'regular').fontSize(bodySize).text(plain(item.text), margin + indent, top, { width: width - indent }));
        }
        body.end();
        li.end();
        gap(4);
      });
      list.end();
      gap(4);
    } else {
      doc.addPage();
      partStarts.push(doc.bufferedPageRange().count - 1);
    }
  }
  root.end();

  // Page numbers, as pagination artifacts: furniture that a screen reader passes over. Each
  // part is numbered on its own, so a member's letter says "2 / 2", not the pack's "7 / 9".
  const pages = doc.bufferedPageRange();
  for (const [i, first] of partStarts.entries()) {
    const count = (partStarts[i + 1] ?? pages.count) - first;
    if (count < 2) continue;
    for (let n = 0; n < count; n++) {
      doc.switchToPage(pages.start + first + n);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.font('regular').fontSize(9).text(`${n + 1} / ${count}`, margin, doc.page.height - bottom + 18, { width, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }
  // PDFKit copies the title and author into the XMP metadata as they are; a council's name may
  // hold an ampersand. The Info dictionary is written by then, so the escaped copy goes only there.
  const endMetadata = doc.endMetadata.bind(doc);
  doc.endMetadata = () => {
    doc.info = { ...doc.info, Title: xml(plain(spec.title)), Author: xml(plain(spec.author)) };
    endMetadata();
  };
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(out));
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Composed characters, so that a letter and its accent print as the one glyph the font has. */
function plain(text: string): string {
  return text.normalize('NFC');
}

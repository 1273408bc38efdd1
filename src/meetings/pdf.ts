import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { embedConcordFonts } from '../web/pdf-fonts.js';

export interface AgendaPdf {
  title: string;
  lines: { text: string; style?: 'heading' | 'item' | 'body' }[];
  /** Document metadata. */
  author: string;
  /** The document's language, as a BCP 47 tag ('en-GB', 'cy-GB'). */
  language: string;
}

/**
 * The public agenda as a PDF: the same text as the page, in order, with a title and language
 * set so that screen readers and search find it. Text only, A4, DejaVu Sans (which has the
 * Welsh letters).
 */
export async function agendaPdf(doc: AgendaPdf): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.author);
  pdf.setLanguage(doc.language);
  pdf.setCreator('Concord');
  const { regular, bold } = await embedConcordFonts(pdf);
  const margin = 56;
  const width = 595.28;
  const height = 841.89;
  let page = pdf.addPage([width, height]);
  let y = height - margin;
  const write = (text: string, font: PDFFont, size: number, gap: number) => {
    for (const line of wrap(encodable(text, font), font, size, width - 2 * margin)) {
      if (y < margin + size) {
        page = pdf.addPage([width, height]);
        y = height - margin;
      }
      page.drawText(line, { x: margin, y: y - size, size, font, color: rgb(0.04, 0.05, 0.05) });
      y -= size * 1.35;
    }
    y -= gap;
  };
  write(doc.title, bold, 18, 10);
  for (const line of doc.lines) {
    if (line.style === 'heading') write(line.text, bold, 13, 6);
    else if (line.style === 'item') write(line.text, bold, 11, 2);
    else write(line.text, regular, 11, 6);
  }
  return pdf.save();
}

/** Characters the standard font cannot show become their nearest plain form. */
function encodable(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  return [...text.normalize('NFC')]
    .map((ch) => {
      if (supported.has(ch.codePointAt(0)!)) return ch;
      const plain = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return [...plain].every((c) => supported.has(c.codePointAt(0)!)) ? plain : '?';
    })
    .join('');
}

function wrap(text: string, font: PDFFont, size: number, max: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > max && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

import type { PDFFont } from 'pdf-lib';
import { embedConcordFonts } from '../web/pdf-fonts.js';

/**
 * Mark a copy of a PDF for the one person it is given to: their name and the date along
 * the top and bottom of every page, and across its middle. The text is real PDF text, so
 * it survives printing and can be read back (the tests do), and each recipient's copy
 * differs. The original stored in the database is never sent out unmarked for a
 * confidential paper.
 */
export async function markCopy(original: Uint8Array, banner: string, diagonal: string): Promise<Uint8Array> {
  // Loaded at the first copy marked, not at start (decisions/0025).
  const { degrees, PDFDocument, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.load(original, { updateMetadata: false });
  // DejaVu Sans Bold: a Welsh name or banner prints as written.
  const { bold: font } = await embedConcordFonts(pdf);
  const line = encodable(font, banner);
  const across = encodable(font, diagonal);
  for (const page of pdf.getPages()) {
    const { x, y, width, height } = page.getCropBox();
    let size = 8;
    while (size > 4 && font.widthOfTextAtSize(line, size) > width - 24) size -= 0.5;
    const lineWidth = font.widthOfTextAtSize(line, size);
    const left = x + Math.max(12, (width - lineWidth) / 2);
    const colour = rgb(0.6, 0, 0);
    page.drawText(line, { x: left, y: y + height - 14, size, font, color: colour });
    page.drawText(line, { x: left, y: y + 8, size, font, color: colour });
    const big = Math.max(10, Math.min(36, (Math.hypot(width, height) * 0.7) / Math.max(1, font.widthOfTextAtSize(across, 1))));
    page.drawText(across, { x: x + width * 0.12, y: y + height * 0.2, size: big, font, color: rgb(0.75, 0.75, 0.75), opacity: 0.35, rotate: degrees(Math.atan2(height, width) * (180 / Math.PI)) });
  }
  return pdf.save();
}

/**
 * The standard fonts cover Windows-1252 only: a letter outside it (ŵ, ŷ in Welsh names)
 * is written without its accent rather than failing the copy.
 */
function encodable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
      try {
        font.encodeText(plain);
        out += plain;
      } catch {
        out += '?';
      }
    }
  }
  return out;
}

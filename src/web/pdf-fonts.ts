import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The font of every PDF Concord makes: DejaVu Sans, embedded (subset) so that Welsh letters
 * (ŵ, ŷ, â …) and typographic quotes print as written; the PDF standard fonts cannot show
 * ŵ or ŷ. The font files come from the `dejavu-fonts-ttf` package (see decisions/0008).
 */
const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

let files: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** The regular and bold faces, as font files: PDFKit embeds them itself (src/web/pdf.ts). */
export function concordFontFiles(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  files ??= Promise.all([readFile(join(fontDir, 'DejaVuSans.ttf')), readFile(join(fontDir, 'DejaVuSans-Bold.ttf'))]).then(([regular, bold]) => ({ regular, bold }));
  return files;
}

/** Embed Concord's regular and bold faces in a document made or opened with pdf-lib (the watermark). */
export async function embedConcordFonts(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  // Loaded when a PDF is first made, not when Concord starts: it takes a third of a second.
  const { default: fontkit } = await import('@pdf-lib/fontkit');
  pdf.registerFontkit(fontkit);
  const { regular, bold } = await concordFontFiles();
  return { regular: await pdf.embedFont(regular, { subset: true }), bold: await pdf.embedFont(bold, { subset: true }) };
}

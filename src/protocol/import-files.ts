/**
 * The text of a council's protocol from the file it keeps it in, read with maintained
 * libraries (mammoth for Word, PDF.js for PDF), as lines that `splitClauses` reads.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? whole;
  });

/**
 * Word's own list numbering is not in a document's text: mammoth gives it as nested lists, so
 * each item is written out with the number Word shows ("2.3"), as a council that typed its
 * numbers would have it. Paragraphs and headings are lines; blocks are separated by a blank line.
 */
export function linesOfWordHtml(html: string): string {
  const out: string[] = [];
  const counters: (number | null)[] = []; // null for a bulleted list
  let line = '';
  const flush = () => {
    const text = decode(line).replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    line = '';
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)\b[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      line += m[3];
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (tag === 'br') line += ' ';
    else if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) counters.pop();
      else counters.push(tag === 'ol' ? 0 : null);
    } else if (tag === 'li') {
      flush();
      if (!closing && counters.length && counters.at(-1) !== null) {
        counters[counters.length - 1] = counters.at(-1)! + 1;
        const numbered = counters.filter((c): c is number => c !== null);
        line = `${numbered.join('.')}. `;
      }
    } else if (/^(p|h[1-6]|tr|table)$/.test(tag)) {
      // A list item's own paragraph keeps the number written before it.
      if (!/^\d+(\.\d+)*\. $/.test(line)) flush();
    }
  }
  flush();
  return out.join('\n');
}

export async function textOfDocx(bytes: Buffer): Promise<string> {
  // The readers are loaded when a file is first imported, not when Concord starts.
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.convertToHtml({ buffer: bytes });
  return linesOfWordHtml(value);
}

/** A PDF's text, page by page, a line wherever the text moves down the page. */
export async function textOfPdf(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, disableFontFace: true }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      let text = '';
      let lastY: number | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const y = item.transform[5] as number;
        if (lastY !== undefined && Math.abs(y - lastY) > 1 && !text.endsWith('\n')) text += '\n';
        text += item.str;
        if (item.hasEOL) text += '\n';
        lastY = y;
      }
      pages.push(text);
    }
    return pages.join('\n');
  } finally {
    await pdf.destroy();
  }
}

import { agendaPdf } from '../meetings/pdf.js';

/**
 * One way to write a PDF that Concord publishes: the document as a list of blocks (headings,
 * paragraphs, lists, a new page), with its title, author and language. Every capability that
 * publishes a PDF describes it this way, so the writer behind this interface decides once how
 * it is laid out and tagged for assistive technology.
 */
export type PdfBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  /** Starts a new page: a letter per member in a print pack, say. */
  | { kind: 'pageBreak' };

export interface PdfSpec {
  title: string;
  /** Document metadata: the council's name. */
  author: string;
  /** The document's language, as a BCP 47 tag ('en-GB', 'cy-GB'). */
  language: string;
  blocks: PdfBlock[];
}

export async function writePdf(spec: PdfSpec): Promise<Uint8Array> {
  const lines: { text: string; style?: 'heading' | 'item' | 'body' }[] = [];
  for (const block of spec.blocks) {
    if (block.kind === 'heading') lines.push({ text: block.text, style: 'heading' });
    else if (block.kind === 'paragraph') lines.push({ text: block.text });
    else if (block.kind === 'list') block.items.forEach((item, i) => lines.push({ text: block.ordered ? `${i + 1}. ${item}` : `• ${item}`, style: 'body' }));
  }
  return agendaPdf({ title: spec.title, author: spec.author, language: spec.language, lines });
}

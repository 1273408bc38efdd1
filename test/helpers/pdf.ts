import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A structure element as a reader of the PDF finds it, with the text of its content. */
export interface PdfElement {
  role: string;
  /** Its text and its descendants', in reading order, spaces collapsed. */
  text: string;
  lang?: string;
  children: PdfElement[];
}

/** What assistive technology reads of a PDF: its metadata, its structure, and its text in reading order. */
export interface PdfReading {
  title: string | undefined;
  author: string | undefined;
  /** The catalog's /Lang. */
  language: string | undefined;
  /** The catalog's /MarkInfo /Marked. */
  marked: boolean;
  /** The viewer preference to show the title, not the file name, in the window's title bar. */
  displayTitle: boolean;
  pages: number;
  /**
   * Each page's structure tree below its root (the Document element and what it holds on that
   * page): an element that runs onto the next page is found again, with the rest of its text, there.
   */
  trees: PdfElement[];
  /** Every element, depth first through the pages' trees: the reading order. */
  elements: PdfElement[];
  /** The tagged text in reading order, spaces collapsed. */
  text: string;
  /** Text marked as an artifact (page numbers): not read out. */
  artifacts: string[];
  /** Text drawn outside any marked content: neither read as content nor marked as an artifact. */
  untagged: string[];
  /** The texts of the elements of a role ('H1', 'LI'), in reading order. */
  textsOf(role: string): string[];
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  lang?: string;
  children?: StructNode[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Read a PDF back with pdf.js (the reader in Firefox), as a screen reader would be given it. */
export async function readPdf(bytes: Uint8Array | Buffer): Promise<PdfReading> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    const markInfo = await pdf.getMarkInfo();
    const preferences = (await pdf.getViewerPreferences()) as Record<string, unknown> | null;
    const trees: PdfElement[] = [];
    const artifacts: string[] = [];
    const untagged: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      // The text of each piece of marked content, by its id; what lies outside, and what is an artifact.
      const texts = new Map<string, string[]>();
      const open: { id: string | null; tag: string | undefined }[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push({ id: (item as { id?: string | null }).id ?? null, tag: (item as { tag?: string }).tag });
          else if (item.type === 'endMarkedContent') open.pop();
          continue;
        }
        if (!item.str.trim()) continue;
        if (open.some((m) => m.tag === 'Artifact')) artifacts.push(squash(item.str));
        else {
          const marked = [...open].reverse().find((m) => m.id);
          if (marked?.id) texts.set(marked.id, [...(texts.get(marked.id) ?? []), item.str]);
          else untagged.push(squash(item.str));
        }
      }
      const toElement = (node: StructNode): PdfElement => {
        const parts: string[] = [];
        const children: PdfElement[] = [];
        for (const child of node.children ?? []) {
          if (child.type === 'content' && child.id) parts.push((texts.get(child.id) ?? []).join(' '));
          else if (child.role) {
            const element = toElement(child);
            children.push(element);
            parts.push(element.text);
          }
        }
        return { role: node.role!, text: squash(parts.join(' ')), ...(node.lang ? { lang: node.lang } : {}), children };
      };
      const root = (await page.getStructTree()) as StructNode | null;
      for (const top of root?.children ?? []) if (top.role) trees.push(toElement(top));
      page.cleanup();
    }
    const elements: PdfElement[] = [];
    const walk = (e: PdfElement) => {
      elements.push(e);
      e.children.forEach(walk);
    };
    trees.forEach(walk);
    return {
      title: info.Title as string | undefined,
      author: info.Author as string | undefined,
      language: info.Language as string | undefined,
      marked: markInfo?.Marked === true,
      displayTitle: preferences?.DisplayDocTitle === true,
      pages: pdf.numPages,
      trees,
      elements,
      text: squash(trees.map((t) => t.text).join(' ')),
      artifacts,
      untagged,
      textsOf: (role) => elements.filter((e) => e.role === role).map((e) => e.text),
    };
  } finally {
    await pdf.destroy();
  }
}

/** The roles of the elements in reading order, indented by depth: a picture of the tree to compare. */
export function outline(trees: PdfElement[]): string[] {
  const lines: string[] = [];
  const walk = (e: PdfElement, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${e.role}`);
    e.children.forEach((c) => walk(c, depth + 1));
  };
  trees.forEach((t) => walk(t, 0));
  return lines;
}

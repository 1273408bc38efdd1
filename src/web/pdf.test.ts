import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { outline, readPdf } from '../../test/helpers/pdf.js';
import { writePdf, type PdfSpec } from './pdf.js';

const spec: PdfSpec = {
  title: 'Agenda: Planning & Highways Committee, 3 December 2026',
  author: 'Crickhowell Town Council',
  language: 'en-GB',
  blocks: [
    { kind: 'heading', level: 2, text: 'Business' },
    { kind: 'paragraph', text: 'The public are welcome to attend.' },
    { kind: 'list', ordered: true, items: ['Apologies for absence', { text: 'Planning applications', details: ['To consider the applications listed.'], label: '5a' }] },
    { kind: 'heading', level: 3, text: 'Notes' },
    { kind: 'list', items: ['Bring papers', 'Arrive early'] },
  ],
};

describe('writePdf: the PDFs Concord publishes', () => {
  it('writes a tagged PDF with its title, author and language, the title shown in the window’s title bar', async () => {
    const bytes = await writePdf(spec);
    assert.equal(Buffer.from(bytes.subarray(0, 8)).toString('latin1'), '%PDF-1.7');
    const pdf = await readPdf(bytes);
    assert.equal(pdf.title, spec.title);
    assert.equal(pdf.author, 'Crickhowell Town Council');
    assert.equal(pdf.language, 'en-GB');
    assert.equal(pdf.marked, true);
    assert.equal(pdf.displayTitle, true);
    assert.equal(pdf.pages, 1);
    // It says it aims at PDF/UA-1, in XMP that a title with an ampersand leaves well formed.
    const text = Buffer.from(bytes).toString('latin1');
    assert.match(text, /<pdfuaid:part>1<\/pdfuaid:part>/);
    assert.match(text, /<rdf:li xml:lang="x-default">Agenda: Planning &amp; Highways Committee, 3 December 2026<\/rdf:li>/);
  });

  it('gives a structure tree of headings, paragraphs and lists, in reading order, with every word tagged', async () => {
    const pdf = await readPdf(await writePdf(spec));
    assert.deepEqual(outline(pdf.trees), [
      'Document',
      '  H1',
      '  H2',
      '  P',
      '  L',
      '    LI',
      '      Lbl',
      '      LBody',
      '    LI',
      '      Lbl',
      '      LBody',
      '        P',
      '        P',
      '  H3',
      '  L',
      '    LI',
      '      Lbl',
      '      LBody',
      '    LI',
      '      Lbl',
      '      LBody',
    ]);
    assert.deepEqual(pdf.textsOf('H1'), [spec.title]);
    assert.deepEqual(pdf.textsOf('LI'), ['1. Apologies for absence', '5a. Planning applications To consider the applications listed.', '• Bring papers', '• Arrive early']);
    assert.equal(pdf.text, `${spec.title} Business The public are welcome to attend. 1. Apologies for absence 5a. Planning applications To consider the applications listed. Notes • Bring papers • Arrive early`);
    assert.deepEqual(pdf.untagged, []);
    assert.deepEqual(pdf.artifacts, [], 'a one-page document has no page numbers');
  });

  it('prints Welsh letters as written, in A4, and tags the language as given', async () => {
    const bytes = await writePdf({ title: 'Agenda’r Cyngor', author: 'Cyngor Tref Crucywel', language: 'cy-GB', blocks: [{ kind: 'paragraph', text: 'Gŵyl Dŵr ŷd: ymddiheuriadau' }] });
    const pdf = await readPdf(bytes);
    assert.equal(pdf.language, 'cy-GB');
    assert.deepEqual(pdf.textsOf('P'), ['Gŵyl Dŵr ŷd: ymddiheuriadau']);
    assert.deepEqual(pdf.textsOf('H1'), ['Agenda’r Cyngor']);
    const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
    const view = (await doc.getPage(1)).view.map((n) => Math.round(n));
    await doc.destroy();
    assert.deepEqual(view, [0, 0, 595, 842]);
  });

  it('tags a heading or paragraph in another language than the document’s with its own', async () => {
    const pdf = await readPdf(
      await writePdf({ title: 'Protocol', author: 'Cyngor', language: 'cy-GB', blocks: [{ kind: 'heading', level: 2, text: '1.1 Purpose', language: 'en-GB' }, { kind: 'paragraph', text: 'In English.', language: 'en-GB' }, { kind: 'paragraph', text: 'Yn Gymraeg.', language: 'cy-GB' }] }),
    );
    assert.deepEqual(
      pdf.elements.filter((e) => e.role !== 'Document').map((e) => [e.role, e.lang]),
      [['H1', undefined], ['H2', 'en-GB'], ['P', 'en-GB'], ['P', undefined]],
    );
  });

  it('wraps long text and flows it onto further pages, numbered as artifacts, the text all there in order', async () => {
    const sentences = Array.from({ length: 300 }, (_, i) => `Sentence ${i + 1} of the long paragraph.`);
    const bytes = await writePdf({ title: 'Long', author: 'Council', language: 'en-GB', blocks: [{ kind: 'paragraph', text: sentences.join(' ') }, { kind: 'paragraph', text: 'The end.' }] });
    const pdf = await readPdf(bytes);
    assert.ok(pdf.pages >= 2, `${pdf.pages} pages`);
    assert.deepEqual(pdf.artifacts, Array.from({ length: pdf.pages }, (_, i) => `${i + 1} / ${pdf.pages}`));
    assert.deepEqual(pdf.untagged, []);
    // The paragraph is one element whose content is on each page it runs onto.
    assert.equal(pdf.text, `Long ${sentences.join(' ')} The end.`);
    assert.deepEqual(pdf.trees.map((t) => t.role), Array.from({ length: pdf.pages }, () => 'Document'));
  });

  it('starts a new page at a page break', async () => {
    const pdf = await readPdf(
      await writePdf({ title: 'Letters', author: 'Council', language: 'en-GB', blocks: [{ kind: 'paragraph', text: 'First letter.' }, { kind: 'pageBreak' }, { kind: 'heading', level: 1, text: 'Second' }, { kind: 'paragraph', text: 'Second letter.' }] }),
    );
    assert.equal(pdf.pages, 2);
    assert.deepEqual(outline(pdf.trees), ['Document', '  H1', '  P', 'Document', '  H1', '  P']);
    assert.equal(pdf.trees[1]!.text, 'Second Second letter.');
    assert.deepEqual(pdf.artifacts, [], 'each part is one page: no numbers');
  });

  it('numbers the pages of each part on their own, as each member’s letter in a pack', async () => {
    const long = (who: string) => ({ kind: 'paragraph' as const, text: Array.from({ length: 250 }, (_, i) => `${who}, sentence ${i + 1}.`).join(' ') });
    const pdf = await readPdf(await writePdf({ title: 'Letters', author: 'Council', language: 'en-GB', blocks: [long('Jo'), { kind: 'pageBreak' }, { kind: 'paragraph', text: 'A short letter.' }, { kind: 'pageBreak' }, long('Tom')] }));
    assert.equal(pdf.pages, 5);
    assert.deepEqual(pdf.artifacts, ['1 / 2', '2 / 2', '1 / 2', '2 / 2']);
  });
});

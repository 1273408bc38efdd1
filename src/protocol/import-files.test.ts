import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient, type Page } from '../../test/helpers/client.js';
import { embedConcordFonts } from '../web/pdf-fonts.js';
import { splitClauses } from './import.js';
import { linesOfWordHtml, textOfDocx, textOfPdf } from './import-files.js';
import { findTemplate } from './templates/index.js';
import type { ProtocolTemplate } from './types.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A template as a council would type it in Word, renumbered 1, 2, 3 …: a heading paragraph, then the clause. */
async function docxOf(template: ProtocolTemplate): Promise<Buffer> {
  const paragraphs = template.clauses.flatMap((c, i) => [`${i + 1}. ${c.heading}`, c.text]);
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A template printed to PDF, renumbered, a line of text for each heading and each clause on a page wide enough for it. */
async function pdfOf(template: ProtocolTemplate): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const { regular } = await embedConcordFonts(pdf);
  const size = 4;
  const lines = template.clauses.flatMap((c, i) => [`${i + 1}. ${c.heading}`, c.text]);
  const width = Math.max(...lines.map((l) => regular.widthOfTextAtSize(l, size))) + 40;
  const perPage = 60;
  for (let start = 0; start < lines.length; start += perPage) {
    const page = pdf.addPage([width, perPage * 8 + 40]);
    lines.slice(start, start + perPage).forEach((line, i) => page.drawText(line, { x: 20, y: perPage * 8 + 20 - i * 8, size, font: regular }));
  }
  return Buffer.from(await pdf.save());
}

/** Every field a browser would post from the page's form: inputs, ticked boxes, text areas and chosen options. */
function formFields(page: Page, selector: string): Record<string, string | string[]> {
  const $ = page.$;
  const out: Record<string, string | string[]> = {};
  const add = (name: string | undefined, value: string) => {
    if (!name) return;
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  };
  $(`${selector} input`).each((_, el) => {
    const input = $(el);
    const type = input.attr('type') ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && input.attr('checked') === undefined) return;
    add(input.attr('name'), input.attr('value') ?? '');
  });
  $(`${selector} textarea`).each((_, el) => add($(el).attr('name'), $(el).text()));
  $(`${selector} select`).each((_, el) => add($(el).attr('name'), $(el).find('option[selected]').attr('value') ?? ''));
  return out;
}

describe('reading a council’s protocol from Word and PDF', () => {
  it('writes out Word’s own list numbering, nested, before each item', () => {
    const html = '<p>Protocol</p><ol><li>Introduction</li><li><p>Councillors</p><ol><li>Acting alone, no councillor instructs an officer.</li><li>The chair neither.</li></ol></li></ol><p>Signed &amp; dated</p>';
    assert.equal(linesOfWordHtml(html), 'Protocol\n1. Introduction\n2. Councillors\n2.1. Acting alone, no councillor instructs an officer.\n2.2. The chair neither.\nSigned & dated');
    assert.deepEqual(splitClauses(linesOfWordHtml(html)).map((c) => c.number), ['1', '2', '2.1', '2.2']);
  });

  for (const key of ['brackley', 'mumbles']) {
    it(`recovers every clause of ${key}’s protocol from a Word document and from a PDF`, async () => {
      const template = findTemplate(key)!;
      for (const [kind, text] of [
        ['docx', await textOfDocx(await docxOf(template))],
        ['pdf', await textOfPdf(await pdfOf(template))],
      ] as const) {
        const clauses = splitClauses(text);
        assert.equal(clauses.length, template.clauses.length, `${kind}: every clause is found`);
        template.clauses.forEach((original, i) => {
          assert.equal(clauses[i]!.heading, original.heading, `${kind}: heading of clause ${i + 1}`);
          assert.equal(clauses[i]!.text, original.text, `${kind}: text of clause ${i + 1}`);
        });
      }
    });
  }
});

describe('the import page', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
  });
  after(() => ctx.close());

  const draftClauses = () =>
    ctx.db.tenant(ctx.council.id, async (trx) => {
      const draft = await trx.selectFrom('protocol_versions').select('id').where('status', '=', 'draft').executeTakeFirst();
      return draft ? trx.selectFrom('protocol_clauses').select(['number', 'heading', 'body', 'kind', 'rules']).where('version_id', '=', draft.id).orderBy('position').execute() : undefined;
    });

  it('refuses a councillor, before reading what they upload', async () => {
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    assert.equal((await councillor.get('/protocol/import')).status, 403);
    const upload = await councillor.upload('/protocol/import', {}, { name: 'protocol.docx', type: DOCX, bytes: await docxOf(findTemplate('brackley')!) });
    assert.equal(upload.status, 403);
    assert.match(upload.text('main'), /clause/i);
  });

  it('answers a file that is not Word or PDF, and nothing at all, with the field to correct', async () => {
    const image = await clerk.upload('/protocol/import', {}, { name: 'protocol.png', type: 'image/png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082', 'hex') });
    assert.equal(image.status, 400);
    assert.equal(image.$('.govuk-error-summary a[href="#file"]').length, 1, image.errors().join());
    const empty = await clerk.upload('/protocol/import', { text: '  ' });
    assert.equal(empty.status, 400);
    assert.equal(empty.$('.govuk-error-summary a[href="#text"]').length, 1);
  });

  it('reads an uploaded Word document, suggests each clause’s kind and rules, and makes the confirmed clauses a draft', async () => {
    // The demo has a draft waiting: the page says so, and the import waits until it is discarded.
    const start = await clerk.get('/protocol/import');
    assert.equal(start.status, 200);
    assert.equal(start.$('[data-testid="draft-waiting"]').length, 1);
    const template = findTemplate('brackley')!;
    const review = await clerk.upload('/protocol/import', {}, { name: 'Brackley protocol.docx', type: DOCX, bytes: await docxOf(template) });
    assert.equal(review.status, 200, review.errors().join());
    assert.match(review.text('[data-testid="read-from"]'), new RegExp(`Brackley protocol.docx: ${template.clauses.length} clauses`));
    assert.equal(review.$('fieldset[data-testid^="clause-"]').length, template.clauses.length);
    const fields = formFields(review, 'form[action$="/protocol/import/confirm"]');
    const withDraft = await clerk.post('/protocol/import/confirm', fields);
    assert.equal(withDraft.status, 400);
    assert.match(withDraft.errors().join(), /already waiting/);
    assert.equal((await clerk.post('/protocol/draft/discard', {})).status, 303);

    // The Clerk leaves out the last clause and changes the first one's number.
    const last = template.clauses.length - 1;
    const confirmed = await clerk.post('/protocol/import/confirm', { ...Object.fromEntries(Object.entries(fields).filter(([k]) => k !== `keep-${last}`)), 'number-0': 'A1' });
    assert.equal(confirmed.status, 303, confirmed.errors().join());
    assert.match(confirmed.location ?? '', /\/protocol\/draft$/);
    const clauses = (await draftClauses())!;
    assert.equal(clauses.length, template.clauses.length - 1);
    assert.equal(clauses[0]!.number, 'A1');
    assert.equal(clauses[1]!.body, template.clauses[1]!.text);
    // What was suggested and confirmed is what the draft carries.
    const suggested = (i: number) => ({ kind: String(fields[`kind-${i}`]), rules: ([] as string[]).concat(fields[`rules-${i}`] ?? []) });
    clauses.forEach((c, i) => assert.deepEqual({ kind: c.kind, rules: [...c.rules] }, suggested(i), `clause ${c.number}`));
    assert.ok(clauses.some((c) => c.rules.length > 0), 'rules were suggested');
  });

  it('sends a clause back with its error when the Clerk leaves a rule on guidance', async () => {
    assert.equal((await clerk.post('/protocol/draft/discard', {})).status, 303);
    const review = await clerk.upload('/protocol/import', { text: '1. Acting alone\nNo councillor instructs an officer.\n2. Respect\nEveryone is courteous.' });
    assert.equal(review.status, 200);
    const fields = { ...formFields(review, 'form[action$="/protocol/import/confirm"]'), 'kind-0': 'guidance', 'rules-0': 'no-individual-instruction' };
    const again = await clerk.post('/protocol/import/confirm', fields);
    assert.equal(again.status, 400);
    assert.equal(again.$('.govuk-error-summary a[href="#rules-0"]').length, 1, again.errors().join());
    assert.match(again.errors().join(), /^Clause 1:/);
    assert.equal(await draftClauses(), undefined, 'nothing was stored');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf, type PdfReading } from '../../test/helpers/pdf.js';

/**
 * A Welsh council's PDFs, read in Welsh: each is tagged with the language it is written in
 * (cy-GB), its title the one top heading, its parts under headings, in the page's order.
 */
describe('the PDFs of a Welsh council, in Welsh (Crickhowell)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    await clerk.get('/account?lang=cy');
  });
  after(() => ctx.close());

  async function pdfAt(client: TestClient, path: string): Promise<PdfReading> {
    const res = (await client.get(path)).res;
    assert.equal(res.statusCode, 200, `${path}: ${res.statusCode}`);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = await readPdf(res.rawPayload);
    assert.equal(pdf.language, 'cy-GB', path);
    assert.equal(pdf.marked, true, path);
    assert.equal(pdf.displayTitle, true, path);
    assert.deepEqual(pdf.textsOf('H1'), [pdf.title], `${path}: the title is the one top heading`);
    assert.deepEqual(pdf.untagged, [], `${path}: every word is tagged`);
    return pdf;
  }

  it('publishes the agenda in Welsh to anyone who asks for Welsh, its items a numbered list', async () => {
    const meeting = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').where('summons_issued_on', 'is not', null).orderBy('meeting_date').executeTakeFirstOrThrow());
    const visitor = new TestClient(ctx.app);
    await visitor.get('/sign-in?lang=cy');
    const pdf = await pdfAt(visitor, `/meetings/${meeting.id}/agenda.pdf`);
    assert.match(pdf.title ?? '', /^Agenda: /);
    assert.deepEqual(pdf.textsOf('H2'), ['Y busnes i’w drafod']);
    const items = pdf.textsOf('LI');
    assert.ok(items.length >= 2, items.join(' | '));
    items.forEach((item, i) => assert.match(item, new RegExp(`^${i + 1}\\. `), 'numbered in order'));
    assert.ok(pdf.text.indexOf(items[0]!) < pdf.text.indexOf(items[1]!), 'item 1 before item 2');
  });

  it('prints the protocol, each clause under its heading', async () => {
    const pdf = await pdfAt(clerk, '/protocol.pdf');
    const page = await clerk.get('/protocol');
    assert.equal(pdf.title, page.text('h1'));
    // The page's caption 'Cymal 1.1' is the PDF's number.
    const clauses = page.$('[data-testid="clause"] h2').map((_, h) => page.$(h).text().replace(/\s+/g, ' ').trim().replace(/^Cymal /, '')).get();
    assert.ok(clauses.length > 5);
    assert.deepEqual(pdf.textsOf('H2').slice(0, clauses.length), clauses);
  });

  it('prints the health report, a heading for each part, its figures lists', async () => {
    const pdf = await pdfAt(clerk, '/protocol/health.pdf?from=2026-01-01&to=2026-11-22');
    assert.equal(pdf.title, 'Adroddiad ar iechyd y protocol');
    const page = await clerk.get('/protocol/health?from=2026-01-01&to=2026-11-22');
    assert.deepEqual(pdf.textsOf('H2'), page.$('main h2').map((_, h) => page.$(h).text().trim()).get());
    assert.ok(pdf.textsOf('LI').length > 0);
  });

  it('prints the action report, its parts under headings', async () => {
    const pdf = await pdfAt(clerk, '/decisions/report.pdf?body=council');
    assert.match(pdf.title ?? '', /^Adroddiad ar gamau gweithredu: /);
    const parts = pdf.textsOf('H2');
    assert.equal(parts.length, 2);
    assert.match(parts[0]!, /^Ar agor: /);
    assert.match(parts[1]!, /^Wedi’u cwblhau ers y cyfarfod diwethaf: /);
  });

  it('prints a conduct referral’s pack for the Ombudsman', async () => {
    const res = await clerk.api('POST', '/api/v1/conduct/referrals', { councillorId: ctx.people.riverside, complainant: 'Preswylydd', occurredOn: '2026-11-10', complaint: 'Gweiddi ar aelod o’r cyhoedd.' });
    assert.equal(res.statusCode, 201, res.body);
    const pdf = await pdfAt(clerk, `/conduct/referrals/${res.json().id}/pack.pdf`);
    assert.equal(pdf.textsOf('H2')[0], 'Ombwdsmon Gwasanaethau Cyhoeddus Cymru');
    assert.match(pdf.text, /Gweiddi ar aelod o’r cyhoedd\./);
  });

  it('gives the Clerk a person’s data, each section under its heading', async () => {
    await clerk.get('/privacy/requests/new');
    const recorded = await clerk.post('/privacy/requests/new', { personId: ctx.people.market, receivedOn: '2026-10-31', identityChecked: 'true', identityMethod: 'Wedi mewngofnodi' });
    assert.equal(recorded.status, 303, recorded.errors().join());
    const pdf = await pdfAt(clerk, `/privacy/requests/${recorded.location!.split('/').pop()!}/archive.pdf`);
    assert.ok(pdf.textsOf('H2').length > 1);
    assert.ok(pdf.textsOf('LI').length > 0, 'records are list items');
  });
});

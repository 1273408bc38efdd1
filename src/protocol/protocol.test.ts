import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf } from '../../test/helpers/pdf.js';
import { findTemplate } from './templates/index.js';

describe('the protocol page', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());
  const ilminster = findTemplate('ilminster')!;

  for (const key of ['clerk', 'officer', 'riverside'] as const) {
    it(`shows the ${key} every clause in the council's numbering, each labelled`, async () => {
      const client = new TestClient(ctx.app);
      await client.signIn(ctx.emailOf(key));
      const page = await client.get('/protocol');
      assert.equal(page.status, 200);
      const clauses = page.$('[data-testid="clause"]');
      assert.equal(clauses.length, ilminster.clauses.length);
      const first = ilminster.clauses[0]!;
      assert.equal(clauses.first().attr('id'), `clause-${first.number.replace(/\./g, '-')}`);
      const numbers = clauses.map((_, el) => page.$(el).find('.govuk-caption-s').text().trim()).get();
      assert.deepEqual(numbers, ilminster.clauses.map((c) => `Clause ${c.number}`));
    });
  }

  it('labels clause 2.3 enforced and links it to where Concord applies it', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const page = await client.get('/protocol');
    const clause = page.$('#clause-2-3');
    assert.match(clause.find('h2').text(), /Councillors acting alone/);
    assert.equal(clause.find('[data-testid="clause-kind"]').text().trim(), 'Enforced');
    assert.equal(clause.find('a[href="/tasks/new"]').text().trim(), 'Giving officers work');
  });

  it('links each clause that carries a rule to where Concord applies it, and calls none "not yet" once every rule is applied', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('chair'));
    const page = await client.get('/protocol');
    // 2.9 (selection panels) is applied by staff appointments; 2.6 (documents about a matter of
    // pecuniary interest) by the document library.
    assert.match(page.text('#clause-2-9'), /Where Concord applies this: Staff appointments/);
    assert.equal(page.$('#clause-2-6 a[href="/documents"]').text().trim(), 'Documents about matters of interest');
    assert.doesNotMatch(page.text('main'), /does not apply this clause yet/);
  });

  it('shows the approval record', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const page = await client.get('/protocol');
    const rows = page.$('table tbody tr').map((_, tr) => page.$(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.equal(rows.length, 2);
    assert.match(rows[0]!, /4 December 2012/);
    assert.match(rows[1]!, /9 August 2016/);
  });

  it('gives the same protocol as JSON', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    const res = await client.api('GET', '/api/v1/protocol');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.clauses.length, ilminster.clauses.length);
    const c23 = body.clauses.find((c: { number: string }) => c.number === '2.3');
    assert.deepEqual({ kind: c23.kind, rules: c23.rules, applied: c23.applied }, { kind: 'enforced', rules: ['no-individual-instruction'], applied: true });
  });

  it('is a public page: someone signed out reads the protocol as adopted, without how Concord applies it', async () => {
    const page = await new TestClient(ctx.app).get('/protocol');
    assert.equal(page.status, 200);
    assert.equal(page.$('[data-testid="clause"]').length, ilminster.clauses.length);
    assert.match(page.text('#clause-2-3'), /Councillors acting alone/);
    assert.doesNotMatch(page.text('#clause-2-3'), /Giving officers work/);
    assert.equal(page.$('[data-testid="clause-kind"]').length, 0);
    assert.doesNotMatch(page.text('main'), /does not apply this clause yet/);
    assert.equal(page.$('#clause-2-3 a[href="/tasks/new"]').length, 0);
    assert.equal(page.$('[data-testid="approval-record"] tbody tr').length, 2, 'the approval record is public');
  });

  it('is a public PDF too, in the council’s numbering, with its approval record, linked from the page', async () => {
    const visitor = new TestClient(ctx.app);
    assert.equal((await visitor.get('/protocol')).$('a[data-testid="protocol-pdf"][href="/protocol.pdf"]').length, 1);
    const res = await ctx.app.inject({ method: 'GET', url: '/protocol.pdf' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    // Tagged: the title the heading, each clause under its number and heading, in order, then the approval record.
    const pdf = await readPdf(res.rawPayload);
    assert.match(pdf.title ?? '', /protocol/i);
    assert.equal(pdf.language, 'en-GB');
    assert.equal(pdf.marked, true);
    assert.deepEqual(pdf.textsOf('H1'), [pdf.title]);
    assert.deepEqual(pdf.textsOf('H2'), [...ilminster.clauses.map((c) => `${c.number} ${c.heading}`), 'Approval record']);
    let at = -1;
    for (const c of ilminster.clauses) {
      const found = pdf.text.indexOf(`${c.number} ${c.heading}`, at + 1);
      assert.ok(found > at, `clause ${c.number} is numbered as the council numbers it, in order`);
      at = found;
    }
    const record = pdf.textsOf('LI');
    assert.equal(record.length, 2, 'both approvals');
    assert.ok(record.some((li) => /2012/.test(li)), record.join(' | '));
    assert.deepEqual(pdf.untagged, []);
  });

  it('links a place only for someone who may go there', async () => {
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    const theirs = await councillor.get('/protocol');
    assert.equal(theirs.$('a[href="/tasks/new"]').length, 0, 'a councillor is not sent to a form that refuses them');
    assert.ok(theirs.$('a[href="/tasks"]').length > 0);
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    assert.ok((await clerk.get('/protocol')).$('a[href="/tasks/new"]').length > 0);
  });

  it('keeps the API for signed-in people', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/protocol' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.id, 'unauthenticated');
  });
});

describe('every template becomes a working council', () => {
  for (const key of ['model', 'crickhowell', 'mumbles', 'brackley', 'ledbury']) {
    it(`${key}: its protocol page shows all its clauses and its refusals use its own words`, async () => {
      const ctx = await testApp({ template: key });
      try {
        const template = findTemplate(key)!;
        const client = new TestClient(ctx.app);
        await client.signIn(ctx.emailOf('chair'));
        const page = await client.get('/protocol');
        assert.equal(page.$('[data-testid="clause"]').length, template.clauses.length);
        const refused = await client.api('POST', '/api/v1/tasks', { title: 'x', resolutionId: ctx.people.officer, assignedTo: ctx.people.officer });
        assert.equal(refused.statusCode, 403);
        // The clause cited is one of the council's own carrying the rule: the one addressed to
        // the person refused comes first (src/policy/clause-order.test.ts covers which).
        const cited = template.clauses.find((c) => c.rules.includes('no-individual-instruction') && c.number === refused.json().error.clause.number);
        assert.ok(cited, `clause ${refused.json().error.clause.number} carries the rule`);
        assert.equal(refused.json().error.clause.text, cited.summary);
        assert.equal(refused.json().error.clause.protocol, `${template.council.name} protocol`);
      } finally {
        await ctx.close();
      }
    });
  }
});

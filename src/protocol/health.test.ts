import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf } from '../../test/helpers/pdf.js';
import { addDays } from '../calendar/dates.js';
import { londonDate } from '../policy/principal.js';

const today = londonDate(FIXED_NOW);

describe('the protocol health report', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  let chair: TestClient;
  let now = FIXED_NOW;
  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => now });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    chair = new TestClient(ctx.app);
    await chair.signIn(ctx.emailOf('chair'));
  });
  after(() => ctx.close());

  const report = async (client = clerk, query = '') => {
    const res = await client.api('GET', `/api/v1/protocol/health${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const records = <T>(fn: Parameters<TestContext['db']['tenant']>[1]) => ctx.db.tenant(ctx.council.id, fn) as Promise<T>;

  it('counts over the last twelve months by default, and agrees with the records', async () => {
    const r = (await report()).report;
    assert.equal(r.from, addDays(today, -365));
    assert.equal(r.to, today);
    const since = new Date(`${addDays(today, -366)}T00:00:00Z`);
    const counted = await records<{ messages: number; refusals: number }>(async (trx) => ({
      messages: (await trx.selectFrom('staff_messages').select('sent_at').where('sent_at', '>=', since).execute()).filter((m) => londonDate(new Date(m.sent_at)) >= r.from).length,
      refusals: (await trx.selectFrom('audit_log').select('at').where('action', '=', 'access.refused').where('entity_id', '=', 'no-individual-instruction').where('at', '>=', since).execute()).filter((a) => londonDate(new Date(a.at)) >= r.from).length,
    }));
    assert.equal(r.messages.sent, counted.messages);
    assert.equal(r.instructions.refused, counted.refusals);
    const people = await records<number>(async (trx) => (await trx.selectFrom('people').select('id').where('active', '=', true).where('role', 'in', ['clerk', 'officer']).execute()).length);
    assert.ok(r.acknowledgements.length >= 1, 'the version in force is listed');
    assert.ok(r.acknowledgements.every((a: { expected: number }) => a.expected >= people), 'every serving officer is expected to acknowledge');
  });

  it('counts a refused instruction under the clause it cited, and the enquiry the councillor sent instead', async () => {
    // The audit log is dated by the database's own clock, not the test's: the period runs on past both.
    const period = `?from=${addDays(today, -365)}&to=${addDays(londonDate(new Date()), 1)}`;
    const before = (await report(clerk, period)).report;
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    const message = await councillor.api('POST', '/api/v1/messages', { to: 'office', subject: 'Hedge', body: 'It is blocking the path.' });
    assert.equal(message.statusCode, 201, message.body);
    const refused = await councillor.api('POST', '/api/v1/tasks', { title: 'Cut the hedge', assignedTo: ctx.people.officer });
    assert.equal(refused.statusCode, 403);
    const clause = refused.json().error.clause.number as string;
    // The enquiry follows the refusal as the audit log dates it; a session does not outlive the clock's jump.
    now = new Date(Date.now() + 60_000);
    const again = new TestClient(ctx.app);
    await again.signIn(ctx.emailOf('riverside'));
    const sent = await again.api('POST', '/api/v1/enquiries', { subject: 'The hedge by the car park', body: 'When will the hedge be cut?' });
    now = FIXED_NOW;
    assert.equal(sent.statusCode, 201, sent.body);

    const after = (await report(clerk, period)).report;
    assert.equal(after.instructions.refused, before.instructions.refused + 1);
    const under = (r: typeof after) => r.instructions.byClause.find((c: { clauses: string }) => c.clauses.split(', ')[0] === clause)?.count ?? 0;
    assert.equal(under(after), under(before) + 1, `counted under clause ${clause}`);
    assert.equal(after.instructions.instead.enquiry, before.instructions.instead.enquiry + 1);
    assert.equal(after.enquiries.overall.received, before.enquiries.overall.received + 1);
    assert.equal(after.messages.sent, before.messages.sent + 1);
    // The demo's today is a Sunday: a message that is not urgent waits for the office to open.
    assert.equal(after.messages.heldOutsideHours, before.messages.heldOutsideHours + 1);

    // The records behind the figure: for the Clerk, who reads the audit log; not for the Chair.
    const page = await clerk.get(`/protocol/health${period}`);
    const href = page.$('[data-testid="table-instructions"] a[href*="/protocol/health/refusals"]').first().attr('href');
    assert.ok(href, 'the refusals figure links to its records');
    const list = await clerk.get(href);
    assert.equal(list.status, 200);
    const row = list.$('[data-testid="refusals"] tbody tr').first().text().replace(/\s+/g, ' ');
    assert.match(row, new RegExp(`${clause}.*Then sent an enquiry`));
    assert.equal((await chair.get(`/protocol/health${period}`)).$('a[href*="/protocol/health/refusals"]').length, 0);
    assert.equal((await chair.get(href)).status, 403);
  });

  it('hides concerns when fewer than three were raised, and counts them by stage from three', async () => {
    const raised = await records<number>(async (trx) => (await trx.selectFrom('concern_cases').select('id').execute()).length);
    const raise = (n: number) =>
      records(async (trx) => {
        for (let i = 0; i < n; i++) {
          await trx.insertInto('concern_cases').values({ council_id: ctx.council.id, raised_by: ctx.people.officer, about_kind: 'relationship', about_person_id: null, statement: 'A concern', concerns_clerk: false, raised_at: FIXED_NOW }).execute();
        }
      });
    if (raised >= 3) {
      // A period before any concern: none to count.
      assert.equal((await report(clerk, '?from=2001-01-01&to=2001-12-31')).report.concerns, null);
    } else {
      assert.equal((await report()).report.concerns, null);
      const page = await clerk.get('/protocol/health');
      assert.match(page.text('[data-testid="empty-concerns"]'), /Fewer than three concerns/);
      assert.equal(page.$('[data-testid="table-concerns"]').length, 0, 'no count at all is shown');
    }
    await raise(Math.max(0, 3 - raised));
    const concerns = (await report()).report.concerns;
    assert.ok(concerns, 'three concerns are counted');
    assert.equal(concerns.raised, Math.max(3, raised));
    for (const stage of [concerns.informal, concerns.formal, concerns.closed]) assert.ok(stage === null || stage === 0 || stage >= 3, `a stage is never one or two: ${stage}`);
    // One of them closed: the stage says "fewer than three", not 1, on the page and in the API.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const one = await trx.selectFrom('concern_cases').select('id').where('status', '=', 'informal').limit(1).executeTakeFirstOrThrow();
      await trx.updateTable('concern_cases').set({ status: 'closed', closed_at: FIXED_NOW }).where('id', '=', one.id).execute();
    });
    const after = (await report()).report.concerns!;
    const closedNow = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('concern_cases').select('id').where('status', '=', 'closed').execute());
    assert.ok(closedNow.length > 0 && closedNow.length < 3, `one or two closed (${closedNow.length})`);
    assert.equal(after.closed, null);
    const page = await clerk.get('/protocol/health');
    assert.match(page.text('[data-testid="table-concerns"]'), /Fewer than three/);
    assert.equal(page.$('[data-testid="table-concerns"] a').length, 0, 'concern counts link to no case');
  });

  it('shows the Clerk a page with bars, tables and links to the records behind the figures', async () => {
    const page = await clerk.get('/protocol/health');
    assert.equal(page.status, 200);
    assert.equal(page.$('[data-testid="chart-acknowledgements"] meter').length >= 1, true);
    assert.ok(page.$('[data-testid="table-acknowledgements"] a[href$="/protocol/acknowledgements"]').length >= 1);
    assert.ok(page.$('[data-testid="table-enquiries"] a[href*="/reports/equal-treatment?from="]').length >= 1);
    assert.ok(page.$('[data-testid="table-overdue"] a[href$="/training/everyone"]').length >= 1);
    const protocol = await clerk.get('/protocol');
    assert.equal(protocol.$('[data-testid="health-link"]').length, 1);
  });

  it('gives the same figures as a PDF for the council’s papers', async () => {
    const page = await clerk.get('/protocol/health?from=2026-01-01&to=2026-11-22');
    const href = page.$('a[data-testid="health-pdf"]').attr('href');
    assert.equal(href, '/protocol/health.pdf?from=2026-01-01&to=2026-11-22');
    const { res } = await clerk.get(href);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    // Tagged: the title the heading, a heading for each part as on the page, its figures a list.
    const pdf = await readPdf(res.rawPayload);
    const figures = (await report(clerk, '?from=2026-01-01&to=2026-11-22')).report;
    assert.equal(pdf.title, 'Protocol health report');
    assert.equal(pdf.language, 'en-GB');
    assert.equal(pdf.marked, true);
    assert.deepEqual(pdf.textsOf('H1'), ['Protocol health report']);
    assert.deepEqual(pdf.textsOf('H2'), page.$('main h2').map((_, h) => page.$(h).text().trim()).get());
    assert.equal(pdf.textsOf('H2')[0], 'Acknowledgements by version');
    assert.ok(pdf.textsOf('LI').includes(`• Messages sent to staff: ${figures.messages.sent}`), pdf.textsOf('LI').join(' | '));
    assert.match(pdf.text, /^Protocol health report .* From 1 January 2026 to 22 November 2026\. Acknowledgements by version /);
    assert.deepEqual(pdf.untagged, []);
  });

  it('lets the Chair read the report, with links only to the lists the Chair may read', async () => {
    const page = await chair.get('/protocol/health');
    assert.equal(page.status, 200);
    assert.equal(page.$('a[href$="/protocol/acknowledgements"]').length, 0);
    assert.equal(page.$('a[href$="/training/everyone"]').length, 0);
    assert.equal(page.$('a[href$="/documents/oversight"]').length, 0);
    assert.ok(page.$('[data-testid="table-acknowledgements"]').length === 1, 'the figures themselves are shown');
  });

  it('refuses another councillor with the clause, and another officer', async () => {
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('market'));
    const api = await councillor.api('GET', '/api/v1/protocol/health');
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.id, 'health_report_chair');
    assert.ok(api.json().error.clause.number, 'the refusal names a clause');
    const page = await councillor.get('/protocol/health');
    assert.equal(page.status, 403);
    assert.match(page.text('main'), /clause/i);
    assert.equal((await councillor.get('/protocol')).$('[data-testid="health-link"]').length, 0);
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    const refused = await officer.api('GET', '/api/v1/protocol/health');
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.id, 'clerk_manages_staff');
  });

  it('answers a bad period with 400 naming the field, and an end before the start', async () => {
    const bad = await clerk.api('GET', '/api/v1/protocol/health?from=2026-02-30');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, 'from');
    const page = await clerk.get('/protocol/health?from-day=1&from-month=6&from-year=2026&to-day=1&to-month=1&to-year=2026');
    assert.equal(page.status, 400);
    assert.match(page.text('.govuk-error-summary'), /end of the period/);
    const chosen = await report(clerk, '?from=2026-01-01&to=2026-06-30');
    assert.equal(chosen.from, '2026-01-01');
    assert.equal(chosen.to, '2026-06-30');
  });
});

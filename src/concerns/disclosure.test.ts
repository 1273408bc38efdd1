import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

async function signedIn(ctx: TestContext, key: DemoKey): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  await client.signIn(ctx.emailOf(key));
  return client;
}

const STATEMENT = 'At the planning committee Councillor Shah shouted at me across the room and said my report was written by a child.';
const NOTE = 'Spoke to the committee chair, who remembers it the same way.';

const emailsTo = (ctx: TestContext, address: string) =>
  ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['subject', 'body']).where('recipient_email', '=', address).execute());

describe('telling the person a case is about (ACAS Code; Ilminster)', () => {
  let ctx: TestContext;
  let id: string;
  let clerk: TestClient;
  let priya: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    const sam = await signedIn(ctx, 'officer');
    const raised = await sam.api('POST', '/api/v1/concerns', { aboutKind: 'councillor', aboutPersonId: ctx.people.vice, statement: STATEMENT });
    assert.equal(raised.statusCode, 201, raised.body);
    id = raised.json().id;
    clerk = await signedIn(ctx, 'clerk');
    const note = await clerk.api('POST', `/api/v1/concerns/${id}/entries`, { kind: 'conversation', occurredOn: '2026-11-21', body: NOTE });
    assert.equal(note.statusCode, 201, note.body);
    priya = await signedIn(ctx, 'vice');
  });
  after(() => ctx.close());

  it('before they are told, the person concerned sees nothing, and is refused naming the clause', async () => {
    const told = await priya.get(`/concerns/${id}/told`);
    assert.equal(told.status, 403);
    assert.match(told.text('[data-testid="refusal"]'), /Ilminster Town Council protocol/);
    assert.doesNotMatch(told.res.body, /planning committee|committee chair/);
    assert.equal((await priya.api('GET', `/api/v1/concerns/${id}/told`)).statusCode, 403);
    const list = await priya.get('/concerns/about-me');
    assert.equal(list.status, 200);
    assert.equal(list.$('[data-testid="no-cases-about-me"]').length, 1);
    assert.deepEqual((await priya.api('GET', '/api/v1/concerns/about-me')).json().cases, []);
    assert.equal((await emailsTo(ctx, 'vice@example.org')).length, 0, 'nor emailed anything');
  });

  it('the handler writes a summary: the raiser’s statement copied is refused naming the field, and so is an outcome not yet reached', async () => {
    const form = await clerk.get(`/concerns/${id}/tell`);
    assert.equal(form.status, 200);
    assert.match(form.text('[data-testid="tell-whom"]'), /Priya Shah will be emailed/);
    const copied = await clerk.post(`/concerns/${id}/tell`, { summary: `You are alleged to have done this: ${STATEMENT.toUpperCase()}` });
    assert.equal(copied.status, 400);
    assert.match(copied.errors().join(' '), /own words/);
    assert.equal(copied.$('#summary-error').length, 1, 'the error is on the summary');
    const outcome = await clerk.api('POST', `/api/v1/concerns/${id}/tell`, { summary: 'That you spoke sharply to an officer at a committee.', shareOutcome: true });
    assert.equal(outcome.statusCode, 400);
    assert.deepEqual(outcome.json().error.fields.map((f: { field: string }) => f.field), ['shareOutcome']);
    const blank = await clerk.api('POST', `/api/v1/concerns/${id}/tell`, { summary: '' });
    assert.deepEqual(blank.json().error.fields.map((f: { field: string }) => f.field), ['summary']);
    assert.equal((await emailsTo(ctx, 'vice@example.org')).length, 0, 'nothing was sent');
  });

  it('is told what the handler chose, by email with a link only, and reads it on Cases about you', async () => {
    const res = await clerk.post(`/concerns/${id}/tell`, {
      summary: 'It is alleged that at the planning committee on 18 November you spoke to an officer in a way that was demeaning.',
      invitation: 'Tuesday 1 December at 10:00, in the council office.',
      shareDates: 'true',
    });
    assert.equal(res.status, 303, res.res.body);
    const sent = await emailsTo(ctx, 'vice@example.org');
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.subject, /a matter for you to read in Concord/);
    assert.match(sent[0]!.body, new RegExp(`/concerns/${id}/told`));
    assert.doesNotMatch(sent[0]!.body, /planning|demeaning|Sam Patel/, 'nothing of the case in the email');

    const list = await priya.get('/concerns/about-me');
    assert.equal(list.$(`[data-testid="about-me"] a[href$="/concerns/${id}/told"]`).length, 1);
    const page = await priya.get(`/concerns/${id}/told`);
    assert.equal(page.status, 200);
    assert.match(page.text('[data-testid="summary"]'), /spoke to an officer in a way that was demeaning/);
    assert.match(page.text('[data-testid="invitation"]'), /Tuesday 1 December at 10:00/);
    assert.match(page.text('[data-testid="accompanied"]'), /right to be accompanied/);
    assert.match(page.text('[data-testid="due-next"]'), /Review of informal resolution/);
    assert.equal(page.$('[data-testid="stages"]').length, 1);
    // Not the statement, not who raised it, not the handlers' record, not the access log.
    for (const secret of [/shouted at me/, /Sam Patel/, /committee chair, who remembers/, /opened it|was refused it/]) assert.doesNotMatch(page.res.body, secret);
    const api = (await priya.api('GET', `/api/v1/concerns/${id}/told`)).json();
    assert.deepEqual(Object.keys(api).sort(), ['dates', 'id', 'letters']);
    assert.equal(api.letters[0].raisedBy, null);
    assert.doesNotMatch(JSON.stringify(api), /shouted|Sam Patel|remembers/);
  });

  it('after being told, they still cannot open the case itself or work on it', async () => {
    assert.equal((await priya.get(`/concerns/${id}`)).status, 403);
    assert.equal((await priya.api('GET', `/api/v1/concerns/${id}`)).statusCode, 403);
    assert.equal((await priya.api('POST', `/api/v1/concerns/${id}/entries`, { kind: 'note', occurredOn: '2026-11-21', body: 'My side.' })).statusCode, 403);
    assert.equal((await priya.get(`/concerns/${id}/tell`)).status, 403);
    const mine = (await priya.api('GET', '/api/v1/concerns')).json().cases;
    assert.equal(mine.some((c: { id: string }) => c.id === id), false);
  });

  it('what they were told is for them alone: the raiser, the handler and other councillors are refused it', async () => {
    for (const key of ['officer', 'clerk', 'riverside', 'chair'] as const) {
      const client = key === 'clerk' ? clerk : await signedIn(ctx, key);
      assert.equal((await client.get(`/concerns/${id}/told`)).status, 403, key);
      assert.equal((await client.api('GET', `/api/v1/concerns/${id}/told`)).statusCode, 403, key);
    }
    const tom = await signedIn(ctx, 'riverside');
    assert.equal((await tom.api('POST', `/api/v1/concerns/${id}/tell`, { summary: 'Not mine to tell.' })).statusCode, 403, 'only a handler tells');
  });

  it('the handler sees what was told and when, and the access log shows the telling and the reading', async () => {
    const page = await clerk.get(`/concerns/${id}`);
    assert.match(page.text('[data-testid="told"]'), /Alex Morgan: It is alleged that at the planning committee.*Tuesday 1 December.*with the dates/);
    const log = page.text('[data-testid="access-log"]');
    assert.match(log, /Alex Morgan told the person concerned/);
    assert.match(log, /Priya Shah read what they were told/);
    assert.match(log, /Priya Shah was refused it/);
  });

  it('a later letter adds the outcome and, when the handler chooses, who raised it', async () => {
    const closed = await clerk.api('POST', `/api/v1/concerns/${id}/close`, { outcome: 'Councillor Shah has agreed to apologise to the officer.' });
    assert.equal(closed.statusCode, 200, closed.body);
    const res = await clerk.api('POST', `/api/v1/concerns/${id}/tell`, { summary: 'The matter is closed with an agreed outcome.', shareOutcome: true, nameRaiser: true });
    assert.equal(res.statusCode, 201, res.body);
    const page = await priya.get(`/concerns/${id}/told`);
    assert.equal(page.$('[data-testid="summary"]').length, 2, 'both letters');
    assert.match(page.text('[data-testid="told-outcome"]'), /agreed to apologise/);
    assert.match(page.text('[data-testid="raised-by"]'), /Raised by Sam Patel/);
    assert.doesNotMatch(page.res.body, /shouted at me|committee chair, who remembers/);
  });

  it('a concern about the working relationship, about no one person, has no one to tell', async () => {
    const sam = await signedIn(ctx, 'officer');
    const raised = await sam.api('POST', '/api/v1/concerns', { aboutKind: 'relationship', aboutPersonId: '', statement: 'Meetings have become hostile to staff.' });
    const res = await clerk.api('POST', `/api/v1/concerns/${raised.json().id}/tell`, { summary: 'About the working relationship.' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.id, 'no_person_concerned');
  });

  it('the case page says who handles it and under which clause, fixed when raised', async () => {
    for (const client of [clerk, await signedIn(ctx, 'officer')]) {
      const page = await client.get(`/concerns/${id}`);
      assert.match(page.text('[data-testid="routed-under"]'), /^A concern goes to the .*Clerk \(clause [\d.]+ of the Ilminster Town Council protocol\)\. The people handling it were fixed when it was raised\.$/);
    }
  });
});

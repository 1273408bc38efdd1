import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

describe('an enquiry’s acknowledgement, in the councillor’s own language', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
  });
  after(() => ctx.close());

  const lastAckTo = async (personId: string) =>
    ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['subject', 'body']).where('recipient_id', '=', personId).orderBy('created_at', 'desc').executeTakeFirstOrThrow());

  it('is in Welsh for a councillor who reads Welsh, whatever language the page was in', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    await tom.get('/account?lang=cy');
    // Sent through the API with an English Accept-Language: the email follows the person.
    const sent = await tom.api('POST', '/api/v1/enquiries', { kind: 'enquiry', subject: 'Bus shelter', body: 'When will the shelter on the High Street be repaired?' });
    assert.equal(sent.statusCode, 201, sent.body);
    const ack = await lastAckTo(ctx.people.riverside);
    assert.match(ack.subject, /^Cyngor Tref Crucywel: ymholiad ENQ-\d{4}-\d{4} wedi dod i law$/);
    assert.match(ack.body, /Rhagfyr|Tachwedd|Ionawr/, 'the due date is written in Welsh');
  });

  it('is in English for a councillor who has not chosen Welsh', async () => {
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const sent = await owen.api('POST', '/api/v1/enquiries', { kind: 'enquiry', subject: 'Grass cutting', body: 'Which verges are cut this month?' });
    assert.equal(sent.statusCode, 201, sent.body);
    const ack = await lastAckTo(ctx.people.independent);
    assert.match(ack.body, /November|December|January/);
    assert.doesNotMatch(ack.body, /Rhagfyr|Tachwedd|Ionawr/);
  });
});

describe('a form’s errors, announced in the page’s language', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
  });
  after(() => ctx.close());

  it('prefixes each field’s error with “Gwall” in Welsh and “Error” in English, for screen readers', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    await tom.get('/enquiries/new?lang=cy');
    const welsh = await tom.post('/enquiries/new', { kind: 'enquiry', subject: '', body: '' });
    assert.equal(welsh.status, 400);
    const hidden = welsh.$('.govuk-error-message .govuk-visually-hidden').map((_, el) => welsh.$(el).text().trim()).get();
    assert.ok(hidden.length > 0, 'the form shows field errors');
    assert.deepEqual([...new Set(hidden)], ['Gwall:']);

    await tom.get('/enquiries/new?lang=en');
    const english = await tom.post('/enquiries/new', { kind: 'enquiry', subject: '', body: '' });
    assert.deepEqual([...new Set(english.$('.govuk-error-message .govuk-visually-hidden').map((_, el) => english.$(el).text().trim()).get())], ['Error:']);
  });
});

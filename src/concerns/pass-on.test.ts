import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';


async function signedIn(ctx: TestContext, key: string): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  await client.signIn(key.includes('@') ? key : ctx.emailOf(key as DemoKey));
  return client;
}

const outbox = (ctx: TestContext) => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['recipient_email', 'subject', 'body']).execute());

/** Everyone's emails about concerns, by address. */
async function concernEmails(ctx: TestContext, subjectPart: string) {
  return (await outbox(ctx)).filter((m) => m.subject.includes(subjectPart));
}


describe('an officer’s own employment matter, passed on by a councillor (Ilminster 3.4)', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('goes into the procedure in one action, and the officer is told where it went', async () => {
    const tom = await signedIn(ctx, 'riverside');
    const res = await tom.post('/concerns/pass-on', { officerId: ctx.people.officer, summary: 'Asked me to support a pay rise at the next meeting.' });
    assert.equal(res.status, 303, res.res.body);
    const after = await tom.get('/concerns');
    assert.match(after.text('.govuk-notification-banner'), /Passed on for Sam Patel, to Alex Morgan/);
    assert.equal(after.$('[data-testid="concerns"]').length > 0, false, 'the councillor keeps nothing of it');
    const told = await concernEmails(ctx, 'passed to the right people');
    assert.deepEqual(told.map((m) => m.recipient_email), ['officer@example.org']);
    assert.match(told[0]!.body, /Tom Baker has passed what you raised.*It has gone to Alex Morgan/s);
    const sam = await signedIn(ctx, 'officer');
    const mine = (await sam.api('GET', '/api/v1/concerns')).json().cases;
    const kases = await Promise.all(mine.map(async (c: { id: string }) => (await sam.api('GET', `/api/v1/concerns/${c.id}`)).json()));
    const kase = kases.find((k) => k.passedOnBy !== null);
    assert.equal(kase.aboutKind, 'employment');
    assert.equal(kase.passedOnBy, 'Tom Baker');
  });

  it('is for councillors: an officer raises their own matter themselves, and is told the clause', async () => {
    const sam = await signedIn(ctx, 'officer');
    const res = await sam.get('/concerns/pass-on');
    assert.equal(res.status, 403);
    assert.match(res.text('[data-testid="refusal"]'), /clause 3\.4 of the Ilminster Town Council protocol/);
  });

  it('describes the concerns and conduct API in the OpenAPI document, refusals included', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [path, method] of [['/api/v1/concerns', 'post'], ['/api/v1/concerns/{id}', 'get'], ['/api/v1/concerns/{id}/decision', 'post'], ['/api/v1/concerns/pass-on', 'post'], ['/api/v1/conduct/referrals', 'post']] as const) {
      assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
      assert.ok(doc.paths[path][method].responses['403'], `${method} ${path}: the refusal is documented`);
    }
  });
});

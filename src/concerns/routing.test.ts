import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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

const STATEMENT = 'Spoke over me at the allotments meeting and called my report useless in front of residents.';

describe('raising a concern: routed by each council’s protocol', () => {
  const raise = async (template: string, by: DemoKey, about: DemoKey | 'clerk', kind: 'councillor' | 'officer') => {
    const ctx = await testApp({ template });
    try {
      const client = await signedIn(ctx, by);
      const res = await client.api('POST', '/api/v1/concerns', { aboutKind: kind, aboutPersonId: ctx.people[about], statement: STATEMENT });
      return { status: res.statusCode, body: res.json(), ctx: { people: ctx.people }, emails: await concernEmails(ctx, 'a concern for you to handle') };
    } finally {
      await ctx.close();
    }
  };

  it('Brackley: a concern about the Town Clerk goes to the Mayor and the Chair of the Finance Committee, by email with a link only', async () => {
    const r = await raise('brackley', 'officer', 'clerk', 'officer');
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.handlers.map((h: { name: string }) => h.name).sort(), ['Jo Evans', 'Tom Baker']);
    assert.deepEqual(r.emails.map((e) => e.recipient_email).sort(), ['chair@example.org', 'tom@example.org']);
    for (const e of r.emails) {
      assert.match(e.body, new RegExp(`/concerns/${r.body.id}`));
      assert.doesNotMatch(e.body, /allotments|useless|Alex Morgan|Sam Patel/, 'no case details in the email');
    }
  });

  it('Brackley: a concern about a councillor goes to the Town Clerk', async () => {
    const r = await raise('brackley', 'officer', 'market', 'councillor');
    assert.deepEqual(r.body.handlers.map((h: { name: string }) => h.name), ['Alex Morgan']);
  });

  it('Brackley: a concern the Town Clerk raises about the Mayor never goes to the Mayor', async () => {
    const r = await raise('brackley', 'clerk', 'chair', 'councillor');
    assert.deepEqual(r.body.handlers.map((h: { name: string }) => h.name), ['Tom Baker']);
  });

  for (const template of ['ilminster', 'ledbury']) {
    it(`${template}: a concern about a councillor goes to the Clerk; one about the Clerk to the Chair`, async () => {
      const r = await raise(template, 'officer', 'independent', 'councillor');
      assert.deepEqual(r.body.handlers.map((h: { name: string }) => h.name), ['Alex Morgan']);
      const c = await raise(template, 'officer', 'clerk', 'officer');
      assert.deepEqual(c.body.handlers.map((h: { name: string }) => h.name), ['Jo Evans']);
    });
  }

  it('Ilminster: when the routing leaves no one, the form says so, names who to contact outside Concord, and stores nothing', async () => {
    const ctx = await testApp({ template: 'ilminster' });
    try {
      const chair = await signedIn(ctx, 'chair');
      const form = await chair.get('/concerns/new');
      assert.equal(form.status, 200);
      assert.match(form.text('[data-testid="outside"]'), /Monitoring Officer/);
      const res = await chair.post('/concerns/new', { aboutKind: 'officer', aboutPersonId: ctx.people.clerk, statement: STATEMENT });
      assert.equal(res.status, 400);
      assert.match(res.errors().join(' '), /no one in Concord this concern can go to/);
      assert.match(res.text('[data-testid="outside"]'), /Monitoring Officer/);
      const count = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('concern_cases').select((eb) => eb.fn.countAll<number>().as('n')).where('raised_by', '=', ctx.people.chair).executeTakeFirstOrThrow());
      assert.equal(Number(count.n), 0);
    } finally {
      await ctx.close();
    }
  });

  it('names the field when the person chosen is not what the concern is about', async () => {
    const ctx = await testApp({ template: 'ilminster' });
    try {
      const tom = await signedIn(ctx, 'riverside');
      const res = await tom.api('POST', '/api/v1/concerns', { aboutKind: 'officer', aboutPersonId: ctx.people.market, statement: STATEMENT });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json().error.fields.map((f: { field: string }) => f.field), ['aboutPersonId']);
    } finally {
      await ctx.close();
    }
  });
});


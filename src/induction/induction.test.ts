import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { createJobRunner } from '../capabilities/registry.js';

describe('a councillor’s first 28 days', () => {
  let ctx: TestContext;
  let newcomer: string;
  const signedIn = async (key: DemoKey | 'rhys') => {
    const client = new TestClient(ctx.app);
    await client.signIn(key === 'rhys' ? 'rhys@example.org' : ctx.emailOf(key));
    return client;
  };

  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    // Rhys Morgan was co-opted a week ago: his term, and his checklist, began then.
    newcomer = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const { password_hash } = await trx.selectFrom('people').select('password_hash').where('id', '=', ctx.people.independent).executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('people')
        .values({ council_id: ctx.council.id, name: 'Rhys Morgan', email: 'rhys@example.org', password_hash, role: 'councillor', council_office: null, term_starts: '2026-11-15', term_ends: '2027-05-06' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  });
  after(() => ctx.close());

  it('shows a new councillor their checklist on the home page, with each date 28 days on', async () => {
    const owen = await signedIn('rhys');
    const home = await owen.get('/');
    assert.equal(home.$('[data-testid="item-interests"]').attr('data-state'), 'todo');
    assert.match(home.text('[data-testid="item-interests"]'), /Due by 13 December 2026/);
    assert.equal(home.$('[data-testid="item-protocol"]').attr('data-state'), 'elsewhere');
    assert.equal(home.$('[data-testid="item-conduct"]').attr('data-state'), 'elsewhere');
    const api = await owen.api('GET', '/api/v1/induction');
    assert.deepEqual(api.json().items.map((i: { key: string }) => i.key), ['interests', 'summons', 'protocol', 'conduct', 'training', 'equipment', 'group']);
    const tom = await signedIn('riverside');
    assert.equal((await tom.get('/')).$('[data-testid="checklist"]').length, 0, 'not for a councillor years into the term');
  });

  it('lets the public register tell a nil return from no return', async () => {
    const register = async () => {
      const page = await new TestClient(ctx.app).get('/interests/register');
      return page.text(`[data-person-id="${newcomer}"]`);
    };
    assert.match(await register(), /Not yet returned/);
    const owen = await signedIn('rhys');
    await owen.get('/induction');
    const made = await owen.post('/induction/nil-return', {});
    assert.equal(made.status, 303);
    assert.match(await register(), /Nothing to declare: the councillor made a nil return on 22 November 2026/);
    const api = await new TestClient(ctx.app).api('GET', '/api/v1/interests/register');
    const entry = api.json().councillors.find((c: { id: string }) => c.id === newcomer);
    assert.equal(entry.nilReturnOn, '2026-11-22');
    assert.equal((await owen.api('GET', '/api/v1/induction')).json().items[0].state, 'done');
    const officer = await signedIn('officer');
    const officerNil = await officer.api('POST', '/api/v1/induction/nil-return');
    assert.equal(officerNil.statusCode, 403);
    assert.ok(officerNil.json().error.clause.number);
  });

  it('shows the Clerk everyone’s progress, refuses it to others with the clause, and reminds before each date once', async () => {
    const clerk = await signedIn('clerk');
    const page = await clerk.get('/induction/everyone');
    assert.match(page.$('[data-testid="everyone"] tbody tr').first().text(), /Rhys Morgan/);
    const tom = await signedIn('riverside');
    const refused = await tom.get('/induction/everyone');
    assert.equal(refused.status, 403);
    assert.equal(refused.$('[data-testid="refusal"]').attr('data-error-id'), 'day_to_day_running');
    const officer = await signedIn('officer');
    assert.equal((await officer.api('GET', '/api/v1/induction/everyone')).json().error.id, 'clerk_manages_staff');
    assert.equal((await new TestClient(ctx.app).get('/induction/everyone')).status, 303);

    const queued = await clerk.post(`/induction/${newcomer}/reminders`, {});
    assert.equal(queued.status, 303);
    await clerk.post(`/induction/${newcomer}/reminders`, {});
    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select(['run_at', 'payload']).where('kind', '=', 'induction.remind').execute());
    assert.ok(jobs.length >= 2, 'queued twice over');
    // The interests item is done; the summons consent is due 13 December, reminded on Friday 6 December's opening.
    const summons = jobs.filter((j) => (j.payload as { item: string }).item === 'summons');
    assert.equal(new Date(summons[0]!.run_at as unknown as string).toISOString(), '2026-12-07T09:00:00.000Z');
    const mailer = new RecordingMailer();
    const at = new Date('2026-12-07T09:00:00Z');
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => at });
    await runner.runDue(at);
    await runner.runDue(at);
    const sent = mailer.sent.filter((m) => m.to === 'rhys@example.org' && m.subject.includes('summons'));
    assert.equal(sent.length, 1, 'one email for the two jobs');
    assert.equal(sent[0]!.subject, 'Due by 13 December 2026: Agree to receive the summons by email');
  });

  it('queues the first reminders itself when the Clerk adds a councillor whose term has begun, and not for an officer', async () => {
    const clerk = await signedIn('clerk');
    const reminders = (personId: string) =>
      ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select('payload').where('kind', '=', 'induction.remind').execute()).then((jobs) => jobs.filter((j) => (j.payload as { personId: string }).personId === personId));
    const added = await clerk.api('POST', '/api/v1/people', { name: 'Ffion Lloyd', email: 'ffion@example.org', role: 'councillor', termStarts: '2026-11-20', termEnds: '2027-05-06' });
    assert.equal(added.statusCode, 201, added.body);
    const items = (await reminders(added.json<{ id: string }>().id)).map((j) => (j.payload as { item: string }).item).sort();
    assert.ok(items.includes('interests') && items.includes('summons'), `reminders queued for ${items.join(', ')}`);
    const officer = await clerk.api('POST', '/api/v1/people', { name: 'Sam Price', email: 'sam@example.org', role: 'officer', jobTitle: 'Caretaker' });
    assert.equal(officer.statusCode, 201, officer.body);
    assert.equal((await reminders(officer.json<{ id: string }>().id)).length, 0);
  });
});


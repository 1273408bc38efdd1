import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

describe('officers’ tasks: no individual councillor instructs an employee', () => {
  let ctx: TestContext;
  let resolutionId: string;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    resolutionId = (await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('resolutions').select('id').where('minute_number', '=', '26/45').executeTakeFirstOrThrow())).id;
  });
  after(() => ctx.close());

  const validTask = (ctx: TestContext) => ({
    title: 'Ask the fencing contractors for start dates',
    resolutionId,
    assignedTo: ctx.people.officer,
  });
  const countTasks = async () => Number((await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('officer_tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow())).n);

  for (const key of ['chair', 'vice', 'riverside', 'independent'] as const) {
    it(`refuses the ${key} councillor the task form, naming Ilminster clause 2.3`, async () => {
      const client = new TestClient(ctx.app);
      await client.signIn(ctx.emailOf(key));
      const page = await client.get('/tasks/new');
      assert.equal(page.status, 403);
      const refusal = page.text('[data-testid="refusal"]');
      assert.match(refusal, /Refused under clause 2\.3 of the Ilminster Town Council protocol: a councillor acting alone cannot give an employee instructions\./);
      assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'individual_instruction');
      assert.equal(page.$('[data-testid="clause-link"]').first().attr('href'), '/protocol#clause-2-3');
      assert.equal(page.$('form[action="/tasks/new"]').length, 0, 'no form is offered');
    });
  }

  it('shows the chair “Give an officer a task” on the task list, leading to the refusal with its clause and what to do instead', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('chair'));
    const list = await client.get('/tasks');
    assert.equal(list.status, 200);
    const link = list.$('a[data-testid="new-task-refused"]');
    assert.equal(link.text().trim(), 'Give an officer a task');
    assert.equal(link.attr('href'), '/tasks/new');
    assert.equal(list.$('[data-testid="new-task"]').length, 0, 'not the button the Clerk has');
    const refused = await client.get(link.attr('href')!);
    assert.equal(refused.status, 403);
    assert.match(refused.text('[data-testid="refusal"]'), /Refused under clause 2\.3 of the Ilminster Town Council protocol/);
    assert.equal(refused.$('[data-testid="clause-link"]').first().attr('href'), '/protocol#clause-2-3');
    assert.deepEqual(refused.$('[data-testid="refusal-instead"] a').map((_, a) => refused.$(a).attr('href')).get(), ['/enquiries/new', '/meetings']);

    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const clerksList = await clerk.get('/tasks');
    assert.equal(clerksList.$('[data-testid="new-task"]').attr('href'), '/tasks/new');
    assert.equal(clerksList.$('[data-testid="new-task-refused"]').length, 0);
  });

  it('refuses a councillor’s form post and stores nothing', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('chair'));
    await client.get('/');
    const before = await countTasks();
    const page = await client.post('/tasks/new', { ...validTask(ctx) });
    assert.equal(page.status, 403);
    assert.equal(await countTasks(), before);
  });

  it('refuses the API call with 403 and the clause as JSON', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const res = await client.api('POST', '/api/v1/tasks', validTask(ctx));
    assert.equal(res.statusCode, 403);
    const body = res.json();
    assert.equal(body.error.id, 'individual_instruction');
    assert.deepEqual(body.error.clause, {
      protocol: 'Ilminster Town Council protocol',
      number: '2.3',
      text: 'a councillor acting alone cannot give an employee instructions.',
    });
    assert.match(body.error.message, /clause 2\.3/);
  });

  it('records each refusal in the audit log with its clause', async () => {
    const rows = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('audit_log').select(['actor_id', 'entity_id', 'data']).where('action', '=', 'access.refused').execute(),
    );
    const fromRiverside = rows.find((r) => r.actor_id === ctx.people.riverside);
    assert.ok(fromRiverside, 'the refusal of the API call is recorded');
    assert.equal(fromRiverside.entity_id, 'no-individual-instruction');
    assert.deepEqual((fromRiverside.data as { clauses: string[] }).clauses, ['2.3']);
  });

  it('lets the Clerk give an officer a task under a recorded resolution, citing it', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const form = await client.get('/tasks/new');
    assert.match(form.text('#resolutionId'), /Minute 26\/45, Full Town Council, 22 October 2026: RESOLVED that the Clerk obtain three quotations/);
    const res = await client.post('/tasks/new', { ...validTask(ctx), 'dueOn-day': '4', 'dueOn-month': '12', 'dueOn-year': '2026' });
    assert.equal(res.status, 303);
    const page = await client.get(res.location!);
    assert.match(page.text('.govuk-notification-banner'), /given to Sam Patel/);
    assert.match(page.text('[data-testid="task-summary"]'), /Carries out\s*Minute 26\/45, Full Town Council, 22 October 2026\s*Officer\s*Sam Patel\s*Due\s*4 December 2026/);
    const list = await client.get('/tasks');
    assert.match(list.text('[data-testid="tasks"]'), /Ask the fencing contractors for start dates.*Sam Patel.*Minute 26\/45.*4 December 2026/);
  });

  it('refuses a task that carries out no recorded resolution, naming the field and the clause', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const before = await countTasks();
    const unknown = await client.api('POST', '/api/v1/tasks', { ...validTask(ctx), resolutionId: ctx.people.chair });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.fields, [{ field: 'resolutionId', message: 'Choose the recorded resolution this task carries out (clause 2.2 of the Ilminster Town Council protocol)' }]);
    assert.equal(await countTasks(), before);
  });

  it('shows the form again with every error named, and stores nothing, when fields are missing', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    await client.get('/tasks/new');
    const page = await client.post('/tasks/new', { title: '', resolutionId: '', assignedTo: '', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), [
      'Enter what is to be done',
      'Enter the resolution it carries out (clause 2.2 of the Ilminster Town Council protocol)',
      'Enter officer',
      'Due date must be a real date',
    ]);
    assert.equal(page.$('.govuk-error-summary a').first().attr('href'), '#title');
    assert.match(page.title(), /^Error:/);
  });

  it('lets an officer take a task for themselves but not give one to a colleague', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    const own = await client.api('POST', '/api/v1/tasks', { ...validTask(ctx), assignedTo: ctx.people.officer });
    assert.equal(own.statusCode, 201);
    const other = await client.api('POST', '/api/v1/tasks', { ...validTask(ctx), assignedTo: ctx.people.clerk });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.id, 'clerk_manages_staff');
    assert.equal(other.json().error.clause.number, '2.4');
  });

  it('refuses to give a task to a councillor, who is not an officer', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const res = await client.api('POST', '/api/v1/tasks', { ...validTask(ctx), assignedTo: ctx.people.chair });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.fields[0].field, 'assignedTo');
  });

  it('names the field when the API body is not valid', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const res = await client.api('POST', '/api/v1/tasks', { title: 'x', assignedTo: ctx.people.officer });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.id, 'invalid_request');
    assert.ok(res.json().error.fields.some((f: { field: string }) => f.field === 'resolutionId'));
  });
});

describe('refusal comes before validation', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
  });
  after(() => ctx.close());

  it('tells a councillor the clause even when the body is empty, listing every clause that forbids it', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('chair'));
    const res = await client.api('POST', '/api/v1/tasks', {});
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.id, 'individual_instruction');
    assert.deepEqual(res.json().error.clauses.map((c: { number: string }) => c.number), ['2.3.5a', '4.2']);
  });
});

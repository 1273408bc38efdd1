import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import * as cheerio from 'cheerio';
import { FIXED_NOW, restartDatabase, testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { createJobRunner } from '../capabilities/registry.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';

const ROLES = ['clerk', 'officer', 'councillor', 'other councillor', 'other council', 'signed out'] as const;
type RoleName = (typeof ROLES)[number];

/** What each role gets from each route: a status, and for a refusal the error id (on the page and in the API alike). */
const MATRIX: Record<string, Record<RoleName, string>> = {
  '/training': { clerk: '200', officer: '200', councillor: '200', 'other councillor': '200', 'other council': '200', 'signed out': '303' },
  '/api/v1/training': { clerk: '200', officer: '200', councillor: '200', 'other councillor': '200', 'other council': '200', 'signed out': '401' },
  '/training/people/OWEN': { clerk: '200', officer: '403 training_records', councillor: '200', 'other councillor': '403 training_records', 'other council': '404', 'signed out': '303' },
  '/api/v1/training/people/OWEN': { clerk: '200', officer: '403 training_records', councillor: '200', 'other councillor': '403 training_records', 'other council': '404', 'signed out': '401' },
  '/training/everyone': { clerk: '200', officer: '403 clerk_manages_staff', councillor: '403 day_to_day_running', 'other councillor': '403 day_to_day_running', 'other council': '200', 'signed out': '303' },
  '/api/v1/training/overdue': { clerk: '200', officer: '403 clerk_manages_staff', councillor: '403 day_to_day_running', 'other councillor': '403 day_to_day_running', 'other council': '200', 'signed out': '401' },
  '/training/records/new': { clerk: '200', officer: '200', councillor: '403 day_to_day_running', 'other councillor': '403 day_to_day_running', 'other council': '200', 'signed out': '303' },
};

describe('training', () => {
  let ctx: TestContext;
  const clock = FIXED_NOW;
  const clients = new Map<RoleName, TestClient>();
  const signedIn = async (key: DemoKey) => {
    const client = new TestClient(ctx.app, '/c/demo');
    await client.signIn(ctx.emailOf(key));
    return client;
  };

  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => clock });
    await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury', today: '2026-11-22' });
    ctx.app.concord.councils.invalidate();
    clients.set('clerk', await signedIn('clerk'));
    clients.set('officer', await signedIn('officer'));
    clients.set('councillor', await signedIn('independent'));
    clients.set('other councillor', await signedIn('market'));
    const other = new TestClient(ctx.app, '/c/ledbury');
    await other.signIn(ctx.emailOf('clerk'));
    clients.set('other council', other);
    clients.set('signed out', new TestClient(ctx.app, '/c/demo'));
  });
  after(() => ctx.close());

  const observe = (res: LightMyRequestResponse): string => {
    if (res.statusCode !== 403) return String(res.statusCode);
    const isJson = String(res.headers['content-type']).includes('json');
    if (isJson) {
      const body = res.json<{ error: { id: string; clause?: { number: string } } }>();
      assert.ok(body.error.clause?.number, 'the API names the clause');
      return `403 ${body.error.id}`;
    }
    const $ = cheerio.load(res.body);
    assert.match($('[data-testid="refusal"]').text(), /clause/i, 'the page names the clause');
    return `403 ${$('[data-testid="refusal"]').attr('data-error-id')}`;
  };

  it('gives each role what the protocol allows on every route, page and API, naming the clause when it refuses', async () => {
    const seen: Record<string, Record<string, string>> = {};
    for (const [route, expected] of Object.entries(MATRIX)) {
      seen[route] = {};
      for (const role of ROLES) {
        const path = route.replace('OWEN', ctx.people.independent);
        const client = clients.get(role)!;
        const res = path.startsWith('/api/') ? await client.api('GET', path) : (await client.get(path)).res;
        seen[route][role] = observe(res);
      }
      assert.deepEqual(seen[route], expected, route);
    }
  });

  it('shows the Clerk everyone’s training with the overdue one first, and the councillor their own overdue course', async () => {
    const page = await clients.get('clerk')!.get('/training/everyone');
    const first = page.$('[data-testid="everyone"] tbody tr').first();
    assert.match(first.text(), /Owen Hughes/);
    assert.match(first.find('[data-testid="overdue-cell"]').text(), /Code of conduct/);
    assert.equal(page.$('[data-testid="overdue-cell"][data-overdue!="0"]').length, 1, 'one person has overdue training');
    assert.match(page.text('[data-testid="request-queue"]'), /Hannah Price: Planning applications for councillors/);

    const owen = await clients.get('councillor')!.get('/training');
    assert.equal(owen.$('[data-testid="overdue"]').length, 1);
    assert.match(owen.text('[data-testid="training-due"]'), /Code of conduct/);
    const home = await clients.get('councillor')!.get('/');
    assert.equal(home.text('[data-testid="home-training"]'), 'Required training overdue: 1');

    const api = await clients.get('clerk')!.api('GET', '/api/v1/training/overdue');
    assert.deepEqual(api.json().people.map((p: { name: string }) => p.name), ['Owen Hughes']);
  });

  it('takes a councillor’s request for training to the Clerk’s queue, and tells the Clerk by email', async () => {
    const tom = await signedIn('riverside');
    const empty = await tom.post('/training/requests/new', { course: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.errors().length, 1);
    const sent = await tom.post('/training/requests/new', { course: 'Understanding the council’s budget', reason: 'I joined the finance committee.' });
    assert.equal(sent.status, 303);
    const queue = await clients.get('clerk')!.get('/training/everyone');
    assert.match(queue.text('[data-testid="request-queue"]'), /Tom Baker: Understanding the council’s budget/);
    const mail = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['recipient_email', 'subject']).where('subject', 'like', '%Understanding the council%').execute());
    assert.deepEqual(mail, [{ recipient_email: 'clerk@example.org', subject: 'A request for training: Understanding the council’s budget' }]);
  });

  it('records training with its certificate, refusing bad input by field', async () => {
    const officer = clients.get('officer')!;
    await officer.get('/training/records/new');
    const bad = await officer.post('/training/records/new', { personId: ctx.people.independent, course: 'Code of conduct', provider: 'County association', completedOn: '2026-11-01', hours: 'three' });
    assert.equal(bad.status, 400);
    assert.equal(bad.errors().length, 1);
    const badApi = await officer.api('POST', '/api/v1/training/records', { personId: ctx.people.independent, course: 'Code of conduct', provider: 'County association', completedOn: '2026-11-01', hours: 3, certificateDocumentId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(badApi.statusCode, 400);
    assert.equal(badApi.json().error.fields[0].field, 'certificateDocumentId');
    const requirement = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('training_requirements').select('id').where('course', '=', 'Code of conduct').executeTakeFirstOrThrow());
    const doc = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('documents').select('id').where('classification', '=', 'internal').executeTakeFirstOrThrow());
    const ok = await officer.post('/training/records/new', { personId: ctx.people.independent, course: 'Code of conduct', provider: 'County association', completedOn: '2026-11-01', hours: '3', requirementId: requirement.id, certificateDocumentId: doc.id });
    assert.equal(ok.status, 303, ok.errors().join());
    const owen = await clients.get('councillor')!.get('/training');
    assert.equal(owen.$('[data-testid="overdue"]').length, 0);
    assert.equal(owen.$(`[data-testid="training-records"] a[href$="/documents/${doc.id}"]`).length, 1, 'the certificate is linked');
  });

  it('reminds each person of required training before it is due, once, across a restart', async () => {
    const clerk = clients.get('clerk')!;
    await clerk.get('/training/requirements');
    // Due 60 days after the terms began in 2023: long past for this council's councillors, so it is due for the officers instead.
    const added = await clerk.post('/training/requirements', { course: 'Data protection', appliesTo: 'officers', withinDays: '2000' });
    assert.equal(added.status, 303);
    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select(['run_at', 'payload']).where('kind', '=', 'training.remind').execute());
    assert.equal(jobs.length, 1, 'one reminder, for the one officer whose date lies ahead');
    const runAt = new Date(jobs[0]!.run_at);
    // Duplicate the job, as a retry or a second scheduling would.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.insertInto('jobs').values({ council_id: ctx.council.id, kind: 'training.remind', payload: JSON.stringify(jobs[0]!.payload), run_at: runAt.toISOString() }).execute());
    const mailer = new RecordingMailer();
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => runAt });
    await runner.runDue(runAt);
    const reopened = await restartDatabase(ctx);
    try {
      const again = createJobRunner({ db: reopened, mailer, clock: () => new Date(runAt.getTime() + 3_600_000) });
      await again.runDue(new Date(runAt.getTime() + 3_600_000));
      const reminders = mailer.sent.filter((m) => m.subject.includes('Data protection'));
      assert.equal(reminders.length, 1, 'sent once');
      assert.equal(reminders[0]!.to, 'officer@example.org');
      // A weekday at the office's opening, five working days before the date.
      assert.equal(runAt.getUTCDay() >= 1 && runAt.getUTCDay() <= 5, true);
    } finally {
      await reopened.close();
    }
  });
});

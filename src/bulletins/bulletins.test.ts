import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { createJobRunner } from '../capabilities/registry.js';
import type { MailMessage } from '../notifications/mailer.js';
import { resolveRecipients } from './service.js';

const COMMITTEE = 'Finance and General Purposes Committee';
const minutes = (n: number) => new Date(FIXED_NOW.getTime() + n * 60_000);

describe('bulletins', () => {
  let ctx: TestContext;
  let clock = FIXED_NOW;
  let committeeId: string;
  let budgetBulletin: string;

  const recipientsOf = (bulletinId: string) =>
    ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('bulletin_recipients as r').innerJoin('people as p', 'p.id', 'r.person_id').select(['p.name', 'r.read_at']).where('r.bulletin_id', '=', bulletinId).orderBy('p.name').execute(),
    );
  const signedIn = async (key: Parameters<TestContext['emailOf']>[0]) => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf(key));
    return client;
  };
  const bulletinCount = () => ctx.db.tenant(ctx.council.id, async (trx) => (await trx.selectFrom('bulletins').select('id').execute()).length);

  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => clock });
    // The demo's committee has Jo Evans (the chair), Tom Baker and Owen Hughes. A former
    // councillor left on it must not be reached: their term has ended.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      committeeId = (await trx.selectFrom('committees').select('id').where('name', '=', COMMITTEE).executeTakeFirstOrThrow()).id;
      await trx.insertInto('committee_members').values({ council_id: ctx.council.id, committee_id: committeeId, person_id: ctx.people.former }).execute();
    });
  });
  after(() => ctx.close());

  it('resolves an audience to the councillors in term that day: all, a committee’s members, an office’s holders', async () => {
    const names = (audience: Parameters<typeof resolveRecipients>[1]) =>
      ctx.db.tenant(ctx.council.id, async (trx) => (await resolveRecipients(trx, audience, '2026-11-22')).map((p) => p.name));
    assert.deepEqual(await names({ all: true, committeeIds: [], offices: [] }), ['Hannah Price', 'Jo Evans', 'Owen Hughes', 'Priya Shah', 'Tom Baker']);
    assert.deepEqual(await names({ all: false, committeeIds: [committeeId], offices: [] }), ['Jo Evans', 'Owen Hughes', 'Tom Baker'], 'Dan Clarke, a former councillor, is left out');
    assert.deepEqual(await names({ all: false, committeeIds: [], offices: ['vice_chair'] }), ['Priya Shah']);
    assert.deepEqual(await names({ all: false, committeeIds: [committeeId], offices: ['vice_chair'] }), ['Jo Evans', 'Owen Hughes', 'Priya Shah', 'Tom Baker']);
    assert.deepEqual(await names({ all: false, committeeIds: [], offices: [] }), [], 'nothing chosen reaches no one');
    const inHisTerm = await ctx.db.tenant(ctx.council.id, (trx) => resolveRecipients(trx, { all: false, committeeIds: [committeeId], offices: [] }, '2022-06-01'));
    assert.ok(inHisTerm.some((p) => p.name === 'Dan Clarke'), 'on a day within his term he would have been reached');
  });

  it('lets an officer publish to a committee and an office, and emails each recipient once, through the outbox', async () => {
    clock = minutes(0);
    const officer = await signedIn('officer');
    const form = await officer.get('/bulletins/new');
    assert.equal(form.status, 200);
    assert.equal(form.$(`input[name="committeeIds"][value="${committeeId}"]`).length, 1);
    const sent = await officer.post('/bulletins/new', {
      title: 'Budget workshop on Thursday',
      body: 'The draft budget will be walked through on Thursday at 6pm.\n\nPlease bring your questions.',
      audience: 'chosen',
      committeeIds: [committeeId],
      offices: ['vice_chair'],
    });
    assert.equal(sent.status, 303, sent.text('.govuk-error-summary'));
    budgetBulletin = sent.location!.split('/').pop()!;
    const page = await officer.get(`/bulletins/${budgetBulletin}`);
    assert.match(page.text('.govuk-notification-banner'), /“Budget workshop on Thursday” has been published.*\(4 in all\)/);
    assert.match(page.text('[data-testid="bulletin-details"]'), new RegExp(`Sent to Members of ${COMMITTEE} and the Deputy Mayor`));
    assert.equal(page.$('[data-testid="bulletin-body"] p').length, 2);
    assert.deepEqual((await recipientsOf(budgetBulletin)).map((r) => r.name), ['Jo Evans', 'Owen Hughes', 'Priya Shah', 'Tom Baker']);

    const outbox = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('outbox_messages').select(['recipient_email', 'subject', 'body']).where('subject', 'like', '%Budget workshop%').orderBy('recipient_email').execute(),
    );
    assert.deepEqual(outbox.map((m) => m.recipient_email), ['chair@example.org', 'owen@example.org', 'tom@example.org', 'vice@example.org']);

    const mail: MailMessage[] = [];
    const runner = createJobRunner({ db: ctx.db, mailer: { send: async (m) => void mail.push(m) }, clock: () => minutes(1) });
    await runner.runDue(minutes(1));
    const bulletinMail = mail.filter((m) => m.subject === 'Ilminster Town Council bulletin: Budget workshop on Thursday');
    assert.deepEqual(bulletinMail.map((m) => m.to).sort(), ['chair@example.org', 'owen@example.org', 'tom@example.org', 'vice@example.org']);
    assert.match(bulletinMail[0]!.text, /Sam Patel has sent you a bulletin[^]*walked through on Thursday[^]*\/bulletins\/[0-9a-f-]{36}/);
    await runner.runDue(minutes(2));
    assert.equal(mail.filter((m) => m.subject.includes('Budget workshop')).length, 4, 'each sent once');
  });

  it('shows a recipient the bulletin unread, first in their list and counted on their home page', async () => {
    const tom = await signedIn('riverside');
    // The demo gave Tom one bulletin he has read and one he has not; this is the third.
    const home = await tom.get('/');
    assert.equal(home.text('[data-testid="unread-bulletins"]'), 'You have 2 unread bulletins from the officers.');
    const list = await tom.get('/bulletins');
    const rows = list.$('[data-testid="bulletins"] tbody tr').map((_, tr) => list.$(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /^Budget workshop on Thursday.*Unread$/);
    assert.match(rows[1]!, /^Budget papers for the next committee meeting.*Unread$/);
    assert.match(rows[2]!, /^Winter gritting and the salt bins.*Read$/);
  });

  it('records the read receipt the first time a recipient opens it, and only then', async () => {
    clock = minutes(10);
    const priya = await signedIn('vice');
    const opened = await priya.get(`/bulletins/${budgetBulletin}`);
    assert.equal(opened.status, 200);
    assert.match(opened.text('[data-testid="read-on"]'), /22 November 2026 at 12:10pm/);
    clock = minutes(30);
    const again = await priya.api('GET', `/api/v1/bulletins/${budgetBulletin}`);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().sentToYou, true);
    assert.equal(again.json().readAt, minutes(10).toISOString(), 'the first opening stands');
    assert.equal(again.json().receipts, undefined, 'receipts are for officers');
    const priyas = (await recipientsOf(budgetBulletin)).find((r) => r.name === 'Priya Shah');
    assert.equal(new Date(priyas!.read_at!).toISOString(), minutes(10).toISOString());
    assert.equal((await priya.get('/')).text('[data-testid="unread-bulletins"]'), 'You have 1 unread bulletin from the officers.');
  });

  it('shows officers who it went to, who has read it and when, and who has not', async () => {
    const clerk = await signedIn('clerk');
    const page = await clerk.get(`/bulletins/${budgetBulletin}`);
    assert.equal(page.text('[data-testid="receipts-summary"]'), 'Opened by 1 of the 4 councillors it was sent to.');
    const rows = page.$('[data-testid="receipts"] tbody tr').map((_, tr) => page.$(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.deepEqual(rows.slice(0, 3), ['Jo Evans Not opened yet', 'Owen Hughes Not opened yet', 'Tom Baker Not opened yet']);
    assert.match(rows[3]!, /^Priya Shah 22 November 2026 at 12:10pm$/);
    const api = await clerk.api('GET', `/api/v1/bulletins/${budgetBulletin}/receipts`);
    assert.equal(api.statusCode, 200);
    assert.deepEqual({ recipients: api.json().recipients, read: api.json().read }, { recipients: 4, read: 1 });
    assert.deepEqual(
      api.json().receipts.map((r: { name: string; readAt: string | null }) => [r.name, r.readAt]),
      [['Jo Evans', null], ['Owen Hughes', null], ['Tom Baker', null], ['Priya Shah', minutes(10).toISOString()]],
    );
    assert.equal((await recipientsOf(budgetBulletin)).filter((r) => r.read_at).length, 1, 'an officer opening it leaves no receipt');
    const list = await clerk.get('/bulletins');
    assert.equal(list.$('[data-testid="read-count"]').first().text().trim(), '1 of 4');
  });

  it('lets a councillor who was not sent it read it in the archive, without counting them', async () => {
    const hannah = await signedIn('market');
    const archive = await hannah.get('/bulletins/archive');
    assert.equal(archive.status, 200);
    const rows = archive.$('[data-testid="archive"] tbody tr').map((_, tr) => archive.$(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, new RegExp(`^Budget workshop on Thursday Members of ${COMMITTEE} and the Deputy Mayor 22 November 2026`), 'the newest first, with its audience');
    assert.match(rows[2]!, /^Winter gritting and the salt bins Sent to you All councillors/);
    const page = await hannah.get(`/bulletins/${budgetBulletin}`);
    assert.equal(page.status, 200);
    assert.match(page.text('[data-testid="bulletin-body"]'), /walked through on Thursday/);
    assert.equal(page.$('[data-testid="not-sent-to-you"]').length, 1);
    assert.equal(page.$('[data-testid="receipts"]').length, 0);
    const api = await hannah.api('GET', `/api/v1/bulletins/${budgetBulletin}`);
    assert.deepEqual({ sentToYou: api.json().sentToYou, readAt: api.json().readAt, recipients: api.json().recipients }, { sentToYou: false, readAt: null, recipients: undefined });
    assert.equal((await recipientsOf(budgetBulletin)).length, 4, 'still four recipients');
    assert.equal((await recipientsOf(budgetBulletin)).filter((r) => r.read_at).length, 1, 'and still one read');
    const all = await hannah.api('GET', '/api/v1/bulletins');
    const published = all.json().bulletins.map((b: { publishedAt: string }) => b.publishedAt);
    assert.deepEqual(published, [...published].sort().reverse(), 'newest first');
    assert.equal(all.json().unread, 1, 'only the demo’s bulletin to everyone, which she has not opened, counts for her');
  });

  it('refuses a councillor, whatever their office, who tries to publish, naming the clause, and stores nothing', async () => {
    const before = await bulletinCount();
    const chair = await signedIn('chair');
    const form = await chair.get('/bulletins/new');
    assert.equal(form.status, 403);
    assert.equal(form.$('[data-testid="refusal"]').attr('data-error-id'), 'day_to_day_running');
    assert.match(form.text('[data-testid="refusal"]'), /Refused under clause 1\.4 of the Ilminster Town Council protocol/);
    const posted = await chair.post('/bulletins/new', { title: 'From the chair', body: 'Hello', audience: 'all' });
    assert.equal(posted.status, 403);
    const api = await chair.api('POST', '/api/v1/bulletins', { title: 'From the chair', body: 'Hello', audience: 'all' });
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.id, 'day_to_day_running');
    assert.deepEqual(api.json().error.clauses.map((c: { number: string }) => c.number), ['1.4', '2.4']);
    const receipts = await chair.api('GET', `/api/v1/bulletins/${budgetBulletin}/receipts`);
    assert.equal(receipts.statusCode, 403);
    assert.equal(receipts.json().error.id, 'day_to_day_running');
    assert.equal((await chair.get('/bulletins')).$('[data-testid="new-bulletin"]').length, 0);
    assert.equal(await bulletinCount(), before);
  });

  it('names the fields that are wrong, on the page and in the API', async () => {
    const before = await bulletinCount();
    const officer = await signedIn('officer');
    await officer.get('/bulletins/new');
    const empty = await officer.post('/bulletins/new', { title: '', body: '', audience: 'all' });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.errors(), ['Enter title', 'Enter bulletin text']);
    assert.equal(empty.$('.govuk-error-summary a').first().attr('href'), '#title');
    const nobody = await officer.post('/bulletins/new', { title: 'To nobody', body: 'Text', audience: 'chosen' });
    assert.equal(nobody.status, 400);
    assert.deepEqual(nobody.errors(), ['Choose at least one committee or office']);
    assert.equal(nobody.$('input[name="title"]').val(), 'To nobody', 'what was typed is kept');

    const missing = await officer.api('POST', '/api/v1/bulletins', { title: '', body: 'Text', audience: 'all' });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.id, 'invalid_request');
    assert.deepEqual(missing.json().error.fields.map((f: { field: string }) => f.field), ['title']);
    const unknown = await officer.api('POST', '/api/v1/bulletins', { title: 'x', body: 'y', audience: 'chosen', committeeIds: ['00000000-0000-4000-8000-000000000000'] });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.fields, [{ field: 'committeeIds', message: 'Choose committees of this council' }]);
    assert.equal(await bulletinCount(), before);
  });

  it('publishes to all councillors through the API, fixing the recipients that day', async () => {
    clock = minutes(60);
    const clerk = await signedIn('clerk');
    const res = await clerk.api('POST', '/api/v1/bulletins', { title: 'Office closed on Friday', body: 'The council office is closed on Friday for staff training.', audience: 'all' });
    assert.equal(res.statusCode, 201);
    assert.deepEqual({ recipients: res.json().recipients, read: res.json().read, audience: res.json().audience.text }, { recipients: 5, read: 0, audience: 'All councillors' });
    assert.deepEqual((await recipientsOf(res.json().id)).map((r) => r.name), ['Hannah Price', 'Jo Evans', 'Owen Hughes', 'Priya Shah', 'Tom Baker']);
    const emails = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select('recipient_email').where('subject', '=', 'Ilminster Town Council bulletin: Office closed on Friday').execute());
    assert.equal(emails.length, 5);
    assert.ok(!emails.some((e) => e.recipient_email === 'former@example.org'));
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('action').where('entity_id', '=', res.json().id).execute());
    assert.deepEqual(audit.map((a) => a.action), ['bulletin.published']);
  });

  it('links the protocol’s information clause to bulletins, and officers’ home pages to them', async () => {
    const clerk = await signedIn('clerk');
    assert.equal((await clerk.get('/')).$('[data-testid="bulletins-link"]').attr('href'), '/bulletins');
    const officer = await signedIn('officer');
    assert.equal((await officer.get('/')).$('[data-testid="bulletins-link"]').attr('href'), '/bulletins');
    const protocol = await officer.get('/protocol');
    assert.equal(protocol.$('#clause-4-1 a[href="/bulletins"]').text().trim(), 'Bulletins to councillors');
  });
});

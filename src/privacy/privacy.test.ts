import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import * as cheerio from 'cheerio';
import { FIXED_NOW, testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf } from '../../test/helpers/pdf.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { createJobRunner } from '../capabilities/registry.js';
import { CAPABILITIES } from '../capabilities/index.js';
import type { Capability } from '../capabilities/capability.js';
import { createDemoCouncil } from '../demo/demo.js';
import { londonDate } from '../policy/principal.js';
import { findTemplate } from '../protocol/templates/index.js';
import type { PersonalDataArchive } from './export.js';

/** The refusal's error id, on a page or in JSON, checking that it names the clause. */
function refusal(res: LightMyRequestResponse): string {
  if (res.statusCode !== 403) return String(res.statusCode);
  if (String(res.headers['content-type']).includes('json')) return `403 ${res.json<{ error: { id: string } }>().error.id}`;
  const $ = cheerio.load(res.body);
  assert.match($('[data-testid="refusal"]').text(), /clause/i, 'the page names the clause');
  return `403 ${$('[data-testid="refusal"]').attr('data-error-id')}`;
}

describe('subject access requests and the export of a person’s data', () => {
  let ctx: TestContext;
  let ledburyId: string;
  const signedIn = async (key: DemoKey, base = '/c/demo') => {
    const client = new TestClient(ctx.app, base);
    await client.signIn(ctx.emailOf(key));
    return client;
  };
  let clerk: TestClient;
  let hannahRequest: string;
  let outsiderRequest: string;

  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => FIXED_NOW });
    // A second council, with people at the same addresses and records of its own.
    ledburyId = (await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury', today: londonDate(FIXED_NOW) })).id;
    ctx.app.concord.councils.invalidate();
    clerk = await signedIn('clerk');
  });
  after(() => ctx.close());

  it('keeps subject access requests to the Clerk, naming the clause to others, and hides them from another council', async () => {
    const officer = await signedIn('officer');
    const councillor = await signedIn('market');
    const otherClerk = await signedIn('clerk', '/c/ledbury');
    assert.equal((await clerk.get('/privacy')).status, 200);
    assert.equal(refusal((await officer.get('/privacy')).res), '403 clerk_manages_staff');
    assert.equal(refusal((await councillor.get('/privacy')).res), '403 day_to_day_running');
    assert.equal(refusal((await councillor.get('/privacy/requests/new')).res), '403 day_to_day_running');
    assert.equal((await new TestClient(ctx.app, '/c/demo').get('/privacy')).status, 303, 'signed out: to sign in');
    const nav = await clerk.get('/setup');
    assert.equal(nav.$('a[href="/c/demo/privacy"]').length > 0, true, 'the Clerk finds it in the set-up section’s navigation');

    await clerk.get('/privacy/requests/new');
    const recorded = await clerk.post('/privacy/requests/new', { personId: ctx.people.market, receivedOn: '2026-10-31', identityChecked: 'true', identityMethod: 'Signed in to Concord' });
    assert.equal(recorded.status, 303, recorded.errors().join());
    hannahRequest = recorded.location!.split('/').pop()!;
    assert.equal(refusal((await councillor.get(`/privacy/requests/${hannahRequest}`)).res), '403 day_to_day_running');
    assert.equal(refusal((await councillor.get(`/privacy/requests/${hannahRequest}/archive.json`)).res), '403 day_to_day_running');
    assert.equal((await otherClerk.get(`/privacy/requests/${hannahRequest}`)).status, 404, 'another council’s request is not found');
    assert.equal((await otherClerk.get(`/privacy/requests/${hannahRequest}/archive.json`)).status, 404);
  });

  it('computes the deadline a calendar month from receipt, month end and all, and lists the request', async () => {
    const page = await clerk.get(`/privacy/requests/${hannahRequest}`);
    assert.equal(page.text('[data-testid="deadline"]'), '30 November 2026', '31 October → 30 November');
    assert.equal(page.$('[data-testid="extend-form"]').length, 1, 'still within the first month: it may be extended');
    const list = await clerk.get('/privacy');
    assert.match(list.text('[data-testid="requests"]'), /Hannah Price 31 October 2026 30 November 2026 Open/);
  });

  it('refuses bad input as a 400 naming the field', async () => {
    await clerk.get('/privacy/requests/new');
    const nobody = await clerk.post('/privacy/requests/new', { personId: '', requesterName: '', receivedOn: '2026-11-01' });
    assert.equal(nobody.status, 400);
    assert.match(nobody.$('#requesterName-error').text(), /give the name of the person asking/);
    const future = await clerk.post('/privacy/requests/new', { requesterName: 'Sam Jones', receivedOn: '2026-11-23' });
    assert.equal(future.status, 400);
    assert.match(future.$('#receivedOn-error').text(), /cannot be in the future/);
    const notADate = await clerk.post('/privacy/requests/new', { requesterName: 'Sam Jones', receivedOn: '2026-02-30' });
    assert.equal(notADate.status, 400);
    assert.match(notADate.$('#receivedOn-error').text(), /real date/);
    const how = await clerk.post('/privacy/requests/new', { requesterName: 'Sam Jones', receivedOn: '2026-11-01', identityChecked: 'true' });
    assert.equal(how.status, 400);
    assert.match(how.$('#identityMethod-error').text(), /Say how identity was checked/);
    const email = await clerk.post('/privacy/requests/new', { requesterName: 'Sam Jones', requesterEmail: 'not an address', receivedOn: '2026-11-01' });
    assert.equal(email.status, 400);
    assert.equal(email.$('#requesterEmail-error').length, 1);
    const stranger = await clerk.post('/privacy/requests/new', { personId: '7b0c8a5e-0000-4000-8000-000000000000', receivedOn: '2026-11-01' });
    assert.equal(stranger.status, 400);
    assert.equal(stranger.$('#personId-error').length, 1);
    const count = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('subject_access_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('requester_name', '=', 'Sam Jones').executeTakeFirstOrThrow());
    assert.equal(Number(count.n), 0, 'nothing was recorded');
  });

  it('reminds the Clerk a week before the deadline and on the day, once each', async () => {
    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select(['run_at', 'payload']).where('kind', '=', 'privacy.sar_remind').orderBy('run_at').execute());
    assert.deepEqual(
      jobs.map((j) => londonDate(new Date(j.run_at))),
      ['2026-11-23', '2026-11-30'],
    );
    const weekBefore = new Date(jobs[0]!.run_at);
    const mailer = new RecordingMailer();
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => weekBefore });
    await runner.runDue(weekBefore);
    // The same reminder queued again, as a retry would: still one email.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.insertInto('jobs').values({ council_id: ctx.council.id, kind: 'privacy.sar_remind', payload: JSON.stringify(jobs[0]!.payload), run_at: weekBefore.toISOString() }).execute());
    await runner.runDue(weekBefore);
    const mail = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['recipient_email', 'subject', 'body']).where('subject', 'like', '%subject access request%').execute());
    assert.equal(mail.length, 1, 'one reminder');
    assert.equal(mail[0]!.recipient_email, 'clerk@example.org');
    assert.equal(mail[0]!.subject, 'A subject access request is due in a week, by 30 November 2026');
    assert.match(mail[0]!.body, /Hannah Price, received on 31 October 2026/);
  });

  it('extends a complex request by two months when the person was told within the first, and the old reminder falls silent', async () => {
    await clerk.get(`/privacy/requests/${hannahRequest}`);
    const blank = await clerk.post(`/privacy/requests/${hannahRequest}/extend`, { complexReason: '', personToldOn: '' });
    assert.equal(blank.status, 400);
    assert.equal(blank.$('#complexReason-error').length, 1);
    const extended = await clerk.post(`/privacy/requests/${hannahRequest}/extend`, { complexReason: 'Records across several committees to review', personToldOn: '2026-11-20' });
    assert.equal(extended.status, 303, extended.errors().join());
    const page = await clerk.get(`/privacy/requests/${hannahRequest}`);
    assert.equal(page.text('[data-testid="deadline"]'), '1 February 2027', '31 October + 3 months is a Sunday: the next working day');
    assert.match(page.text('.govuk-notification-banner'), /now due by 1 February 2027/);
    assert.equal(page.$('[data-testid="extend-form"]').length, 0, 'once only');
    const again = await clerk.post(`/privacy/requests/${hannahRequest}/extend`, { complexReason: 'More', personToldOn: '2026-11-21' });
    assert.equal(again.status, 400);
    assert.deepEqual(again.errors(), ['This request has already been extended; it can be extended only once, by up to two months.']);

    const onTheDay = new Date('2026-11-30T09:00:00Z');
    await createJobRunner({ db: ctx.db, mailer: new RecordingMailer(), clock: () => onTheDay }).runDue(onTheDay);
    const due = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select('subject').where('subject', 'like', '%due today%').execute());
    assert.equal(due.length, 0, 'the 30 November reminder no longer holds');
    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select('run_at').where('kind', '=', 'privacy.sar_remind').where('run_at', '>', new Date('2026-12-01T00:00:00Z')).orderBy('run_at').execute());
    assert.deepEqual(
      jobs.map((j) => londonDate(new Date(j.run_at))),
      ['2027-01-25', '2027-02-01'],
    );
  });

  it('refuses an extension after the first month, naming the field and the rule, and marks a response sent', async () => {
    await clerk.get('/privacy/requests/new');
    const recorded = await clerk.post('/privacy/requests/new', { requesterName: 'Sam Jones', requesterEmail: 'sam@example.net', receivedOn: '2026-09-30', identityMethod: '' });
    assert.equal(recorded.status, 303, recorded.errors().join());
    outsiderRequest = recorded.location!.split('/').pop()!;
    const page = await clerk.get(`/privacy/requests/${outsiderRequest}`);
    assert.equal(page.text('[data-testid="deadline"]'), '30 October 2026');
    assert.equal(page.$('[data-testid="overdue"]').length, 1);
    assert.equal(page.$('[data-testid="extend-form"]').length, 0);
    assert.match(page.text('[data-testid="extend-closed"]'), /first month ended on 30 October 2026/);
    assert.match(page.text('[data-testid="no-person"]'), /not in Concord/);
    const late = await clerk.post(`/privacy/requests/${outsiderRequest}/extend`, { complexReason: 'Many records', personToldOn: '2026-10-31' });
    assert.equal(late.status, 400);
    assert.match(late.$('#personToldOn-error').text(), /within one month of receipt, by 30 October 2026 \(UK GDPR article 12\(3\)\)/);
    assert.equal((await clerk.get(`/privacy/requests/${outsiderRequest}/archive.json`)).status, 404, 'no one in Concord to export');

    const list = await clerk.get('/privacy');
    assert.match(list.text('[data-testid="requests"] tbody tr:first-child'), /Sam Jones .* Overdue/, 'the overdue one first');

    await clerk.get(`/privacy/requests/${outsiderRequest}`);
    const future = await clerk.post(`/privacy/requests/${outsiderRequest}/sent`, { sentOn: '2026-11-23' });
    assert.equal(future.status, 400);
    assert.equal(future.$('#sentOn-error').length, 1);
    const sent = await clerk.post(`/privacy/requests/${outsiderRequest}/sent`, { sentOn: '2026-11-21' });
    assert.equal(sent.status, 303, sent.errors().join());
    const done = await clerk.get(`/privacy/requests/${outsiderRequest}`);
    assert.equal(done.text('[data-testid="status"]'), 'Sent on 21 November 2026');
    assert.equal(done.$('[data-testid="sent-form"]').length, 0);
  });

  it('has every capability that keeps records about people say what it holds', () => {
    // Those that hold nothing to export: pages without records of their own (about, home, the public site, the
    // account page, whose person is the profile setup exports), backups (copies of the rest),
    // and sign-in, whose sessions and failed attempts last hours and belong to no archive.
    const without = (CAPABILITIES as readonly Capability[]).filter((c) => !c.personalData).map((c) => c.id);
    assert.deepEqual(without.sort(), ['about', 'account', 'auth', 'backup', 'home', 'public-site']);
  });

  it('exports what every capability holds about the person, and nothing of another person or council', async () => {
    const hannah = ctx.people.market;
    // Records of hers in more capabilities than the demo gives her: equipment on loan.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const item = await trx.insertInto('equipment_items').values({ council_id: ctx.council.id, name: 'Council laptop', asset_number: 'IT-PRIV-1' }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('equipment_loans').values({ council_id: ctx.council.id, item_id: item.id, person_id: hannah, issued_on: '2026-11-01', issued_by: ctx.people.clerk }).execute();
      await trx.insertInto('outbox_messages').values({ council_id: ctx.council.id, recipient_id: hannah, recipient_email: 'hannah@example.org', channel: 'email', subject: 'Your laptop', body: 'The council laptop is ready to collect.' }).execute();
    });
    await signedIn('market'); // an audit entry of her own: signing in

    const res = (await clerk.get(`/privacy/requests/${hannahRequest}/archive.json`)).res;
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const archive = res.json<PersonalDataArchive>();
    assert.equal(archive.person.id, hannah);
    assert.equal(archive.council.id, ctx.council.id);
    const rows = (key: string) => archive.sections.find((s) => s.key === key)?.rows ?? [];
    for (const key of ['setup.profile', 'groups.memberships', 'enquiries.enquiries', 'enquiries.messages', 'messages.messages', 'interests.register', 'bulletins.received', 'training.records', 'training.requests', 'equipment.loans', 'concerns.cases', 'concerns.entries', 'audit.entries', 'privacy.requests', 'meetings.attendance', 'meetings.summons', 'notifications.sent']) {
      assert.ok(rows(key).length > 0, `the export holds ${key}`);
    }
    assert.equal(rows('setup.profile')[0]!.email, 'hannah@example.org');
    assert.equal('password_hash' in rows('setup.profile')[0]!, false, 'not the password’s hash');
    assert.equal(rows('equipment.loans')[0]!.item, 'Council laptop');
    assert.ok(rows('audit.entries').some((e) => e.action === 'sign_in'));
    assert.equal(archive.sections.find((s) => s.key === 'concerns.cases')!.needsReview, true, 'a concern names others: for the Clerk’s review');
    assert.equal(rows('meetings.attendance').find((a) => a.status === 'apologies')?.meeting_date, '2026-10-22', 'her apologies for last month’s meeting');
    assert.ok(rows('notifications.sent').every((m) => m.recipient_email === 'hannah@example.org'), 'only the emails and letters sent to her');

    // Nothing of anyone else here: the ids of others' own records never appear.
    const json = JSON.stringify(archive);
    const others = await ctx.db.tenant(ctx.council.id, async (trx) => [
      ...(await trx.selectFrom('training_records').select('id').where('person_id', '!=', hannah).execute()),
      ...(await trx.selectFrom('training_requests').select('id').where('person_id', '!=', hannah).execute()),
      ...(await trx.selectFrom('interests').select('id').where('person_id', '!=', hannah).execute()),
      ...(await trx.selectFrom('enquiries').select('id').where('councillor_id', '!=', hannah).execute()),
      ...(await trx.selectFrom('staff_messages').select('id').where('sender_id', '!=', hannah).where((eb) => eb.or([eb('recipient_id', 'is', null), eb('recipient_id', '!=', hannah)])).execute()),
      ...(await trx.selectFrom('equipment_loans').select('id').where('person_id', '!=', hannah).execute()),
      ...(await trx.selectFrom('concern_cases').select('id').where('raised_by', '!=', hannah).where((eb) => eb.or([eb('about_person_id', 'is', null), eb('about_person_id', '!=', hannah)])).execute()),
      ...(await trx.selectFrom('people').select('id').where('id', '!=', hannah).where('role', '=', 'councillor').execute()),
      ...(await trx.selectFrom('outbox_messages').select('id').where((eb) => eb.or([eb('recipient_id', 'is', null), eb('recipient_id', '!=', hannah)])).execute()),
    ]);
    assert.ok(others.length > 10, 'there are others’ records to leave out');
    for (const { id } of others) assert.equal(json.includes(id), false, `another person’s record ${id}`);

    // Nor of the other council, though its Hannah Price has the same address and records of her own.
    const ledbury = await ctx.db.system(async (trx) => {
      const tables = ['people', 'training_records', 'training_requests', 'interests', 'enquiries', 'enquiry_messages', 'staff_messages', 'bulletins', 'concern_cases', 'concern_entries', 'political_groups'] as const;
      const ids: string[] = [];
      for (const table of tables) ids.push(...(await trx.selectFrom(table).select('id').where('council_id', '=', ledburyId).execute()).map((r) => r.id));
      return ids;
    });
    assert.ok(ledbury.length > 20);
    assert.equal(json.includes(ledburyId), false);
    for (const id of ledbury) assert.equal(json.includes(id), false, `the other council’s record ${id}`);
    const exported = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['entity_id', 'data']).where('action', '=', 'privacy.archive_exported').execute());
    assert.equal(exported.length, 1, 'the download is logged');
  });

  it('gives the Clerk a readable PDF of the same archive', async () => {
    const res = (await clerk.get(`/privacy/requests/${hannahRequest}/archive.pdf`)).res;
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    // Tagged: the title the heading, each section under its own, its records a numbered list.
    const pdf = await readPdf(res.rawPayload);
    assert.equal(pdf.title, 'Personal data held about Hannah Price');
    assert.equal(pdf.language, 'en-GB');
    assert.equal(pdf.marked, true);
    assert.deepEqual(pdf.textsOf('H1'), ['Personal data held about Hannah Price']);
    const sections = pdf.textsOf('H2');
    assert.ok(sections.includes('Training records'), sections.join(' | '));
    assert.ok(pdf.textsOf('LI').some((li) => /^\d+\. .*Council laptop/.test(li)), 'each record an item of its section’s list');
    assert.match(pdf.text, /^Personal data held about Hannah Price What .* holds about you in Concord, as at /);
    assert.match(pdf.text, /For the council’s review before release/);
    assert.deepEqual(pdf.untagged, []);
  });

  it('shows the Clerk of a case about the Clerk only that it exists and who holds it, as the rules would', async () => {
    // A councillor's concern about the Clerk goes to the Chair; the Clerk may not open it.
    const councillor = await signedIn('riverside');
    const raised = await councillor.api('POST', '/api/v1/concerns', { aboutKind: 'officer', aboutPersonId: ctx.people.clerk, statement: 'The Clerk spoke over members at the last meeting.' });
    assert.equal(raised.statusCode, 201, raised.body);
    const caseId = raised.json().id as string;
    assert.equal((await clerk.get(`/concerns/${caseId}`)).status, 403, 'the Clerk is refused the case itself');

    await clerk.get('/privacy/requests/new');
    const recorded = await clerk.post('/privacy/requests/new', { personId: ctx.people.clerk, receivedOn: '2026-11-20', identityChecked: 'true', identityMethod: 'Known to the council' });
    assert.equal(recorded.status, 303, recorded.errors().join());
    const res = (await clerk.get(`/privacy/requests/${recorded.location!.split('/').pop()!}/archive.json`)).res;
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.includes('spoke over members'), false, 'not the statement');
    const cases = res.json<PersonalDataArchive>().sections.find((x) => x.key === 'concerns.cases')!.rows;
    const listed = cases.find((c) => c.id === caseId)!;
    assert.deepEqual(Object.keys(listed).sort(), ['held_by', 'id', 'raised_at', 'status']);
    assert.ok((listed.held_by as string[]).length > 0, 'who holds it, to pass the request to');
  });

  it('lets a person download their own data from their account page, without what the Clerk must review', async () => {
    const hannah = await signedIn('market');
    const account = await hannah.get('/account');
    const link = account.$('[data-testid="download-own-data"]');
    assert.equal(link.attr('href'), '/c/demo/account/my-data.json');
    const res = (await hannah.get('/account/my-data.json')).res;
    assert.equal(res.statusCode, 200);
    const archive = res.json<PersonalDataArchive>();
    assert.equal(archive.person.id, ctx.people.market);
    assert.equal(archive.withoutReview, true);
    assert.ok(archive.sections.some((s) => s.key === 'training.records' && s.rows.length > 0));
    assert.equal(archive.sections.some((s) => s.needsReview), false);
    assert.equal(archive.sections.some((s) => s.key.startsWith('concerns.')), false, 'the concern about her waits for the Clerk');
    assert.equal(res.body.includes('criticised my minutes'), false);
    assert.equal((await new TestClient(ctx.app, '/c/demo').get('/account/my-data.json')).status, 303, 'signed out: to sign in');
  });
});

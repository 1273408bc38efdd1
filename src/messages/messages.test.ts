import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIXED_NOW, restartDatabase, testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { TestClient } from '../../test/helpers/client.js';
import { buildApp } from '../app.js';
import { testConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { createJobRunner } from '../capabilities/registry.js';
import { isOfficeOpen, londonDayAndTime, nextOpening, type OfficeCalendar } from './office-hours.js';

const ENGLAND: OfficeCalendar = { nation: 'england', hours: { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' } };
const WALES: OfficeCalendar = { ...ENGLAND, nation: 'wales' };
const at = (iso: string) => new Date(iso);

describe('office hours', () => {
  const cases: { from: string; opens: string; why: string; cal?: OfficeCalendar }[] = [
    { from: '2026-11-20T18:00:00Z', opens: '2026-11-23T09:00:00Z', why: 'Friday evening (GMT) → Monday 9:00' },
    { from: '2026-11-22T12:00:00Z', opens: '2026-11-23T09:00:00Z', why: 'Sunday noon → Monday 9:00' },
    { from: '2026-11-23T06:30:00Z', opens: '2026-11-23T09:00:00Z', why: 'Monday before opening → that morning' },
    { from: '2026-11-23T17:00:00Z', opens: '2026-11-24T09:00:00Z', why: 'Monday at closing time → Tuesday' },
    { from: '2026-05-22T16:30:00Z', opens: '2026-05-26T08:00:00Z', why: 'Friday 17:30 BST before the spring bank holiday (Mon 25 May) → Tuesday 9:00 BST' },
    { from: '2026-08-28T17:00:00Z', opens: '2026-09-01T08:00:00Z', why: 'England’s summer bank holiday Monday 31 August → Tuesday' },
    { from: '2026-12-24T17:30:00Z', opens: '2026-12-29T09:00:00Z', why: 'Christmas Eve evening: Christmas Friday, Boxing Day Saturday, substitute Monday 28 → Tuesday 29' },
    { from: '2026-12-31T17:30:00Z', opens: '2027-01-04T09:00:00Z', why: 'New Year’s Eve (Thursday) evening: New Year’s Day Friday → Monday 4 January' },
    { from: '2026-10-23T16:30:00Z', opens: '2026-10-26T09:00:00Z', why: 'Friday 17:30 BST, clocks go back on Sunday 25 October → Monday 9:00 GMT' },
    { from: '2026-03-27T18:00:00Z', opens: '2026-03-30T08:00:00Z', why: 'Friday 18:00 GMT, clocks go forward on Sunday 29 March → Monday 9:00 BST' },
    { from: '2026-11-23T17:30:00Z', opens: '2026-11-25T08:30:00Z', why: 'an office open Monday, Wednesday, Friday from 8:30', cal: { nation: 'england', hours: { days: [1, 3, 5], opens: '08:30', closes: '16:00' } } },
  ];
  for (const c of cases) {
    it(`opens next: ${c.why}`, () => {
      const cal = c.cal ?? ENGLAND;
      assert.equal(isOfficeOpen(at(c.from), cal), false, 'closed when asked');
      assert.equal(nextOpening(at(c.from), cal).toISOString(), new Date(c.opens).toISOString());
      assert.equal(isOfficeOpen(at(c.opens), cal), true, 'open at the opening instant');
      assert.equal(isOfficeOpen(new Date(Date.parse(c.opens) - 1000), cal), false, 'closed a second before');
    });
  }

  it('is open from opening time, to closing time exclusive, in London time on both sides of a clock change', () => {
    assert.equal(isOfficeOpen(at('2026-11-23T16:59:59Z'), ENGLAND), true);
    assert.equal(isOfficeOpen(at('2026-11-23T17:00:00Z'), ENGLAND), false);
    assert.equal(isOfficeOpen(at('2026-06-01T08:00:00Z'), ENGLAND), true, '9:00 BST');
    assert.equal(isOfficeOpen(at('2026-06-01T15:59:00Z'), ENGLAND), true, '16:59 BST');
    assert.equal(isOfficeOpen(at('2026-06-01T16:00:00Z'), ENGLAND), false, '17:00 BST');
    assert.equal(isOfficeOpen(at('2026-11-21T12:00:00Z'), ENGLAND), false, 'Saturday');
  });

  it('closes on the bank holidays of the council’s nation', () => {
    // Monday 3 August 2026 is a bank holiday in Scotland only; Wales follows England.
    assert.equal(isOfficeOpen(at('2026-08-03T10:00:00Z'), WALES), true);
    assert.equal(isOfficeOpen(at('2026-08-31T10:00:00Z'), WALES), false, 'summer bank holiday in Wales too');
    assert.equal(isOfficeOpen(at('2026-12-28T10:00:00Z'), ENGLAND), false, 'Boxing Day substitute');
  });

  it('tells a time as a sender reads it', () => {
    assert.deepEqual(londonDayAndTime(at('2026-11-23T09:00:00Z')), { day: 'Monday 23 November 2026', time: '9:00am' });
    assert.deepEqual(londonDayAndTime(at('2026-03-30T08:00:00Z')), { day: 'Monday 30 March 2026', time: '9:00am' });
  });
});


const MONDAY_OPENING = new Date('2026-11-23T09:00:00Z');
const HELD_UNTIL = 'Monday 23 November 2026 at 9:00am';

async function signedIn(ctx: TestContext, key: DemoKey): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  await client.signIn(ctx.emailOf(key));
  return client;
}

function outboxTo(db: Database, councilId: string, email: string, subjectPart: string) {
  return db.tenant(councilId, (trx) =>
    trx.selectFrom('outbox_messages').select(['id', 'subject', 'body', 'sent_at']).where('recipient_email', '=', email).where('subject', 'like', `%${subjectPart}%`).execute(),
  );
}

describe('messages to staff (Brackley: official channels, clause 8)', () => {
  let ctx: TestContext;
  let clock = FIXED_NOW;
  before(async () => {
    ctx = await testApp({ template: 'brackley', now: () => clock });
  });
  after(() => ctx.close());

  it('holds a message written on a Sunday and tells the sender when it will be delivered', async () => {
    const councillor = await signedIn(ctx, 'riverside');
    const form = await councillor.get('/messages/new');
    assert.equal(form.status, 200);
    assert.match(form.text('[data-testid="closed-warning"]'), new RegExp(HELD_UNTIL));
    assert.match(form.text('[data-testid="clause"]'), /^Clause 8 of the Brackley Town Council protocol/);

    const sent = await councillor.post('/messages/new', { to: ctx.people.officer, subject: 'Footpath signs on Bridge Street', body: 'Could the new signs go up before the fair?' });
    assert.equal(sent.status, 303, sent.res.body);
    const page = await councillor.get(sent.location!);
    assert.match(page.text('.govuk-notification-banner'), new RegExp(`held until ${HELD_UNTIL}`));
    assert.equal(page.text('[data-testid="status"]'), `Held until ${HELD_UNTIL}`);

    const api = await councillor.api('GET', '/api/v1/messages');
    const mine = api.json<{ messages: { subject: string; status: string; heldUntil: string | null; deliverAt: string; outOfHours: boolean }[] }>().messages.find((m) => m.subject === 'Footpath signs on Bridge Street');
    assert.deepEqual(mine && { status: mine.status, heldUntil: mine.heldUntil, deliverAt: mine.deliverAt, outOfHours: mine.outOfHours }, { status: 'held', heldUntil: HELD_UNTIL, deliverAt: MONDAY_OPENING.toISOString(), outOfHours: true });

    const officer = await signedIn(ctx, 'officer');
    assert.doesNotMatch((await officer.get('/messages/inbox')).text('main'), /Footpath signs/, 'not in the inbox while held');
    assert.equal((await outboxTo(ctx.db, ctx.council.id, ctx.emailOf('officer'), 'Footpath signs')).length, 0, 'no email while held');
  });

  it('says so in the API too: held, with when', async () => {
    const councillor = await signedIn(ctx, 'market');
    const res = await councillor.api('POST', '/api/v1/messages', { to: 'office', subject: 'Allotment rents', body: 'When are the allotment rents due this year?' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().status, 'held');
    assert.equal(res.json().heldUntil, HELD_UNTIL);
    assert.equal(res.json().to, 'office');
  });

  it('delivers held messages when the office opens on Monday: in the inbox, and one email each', async () => {
    const mailer = new RecordingMailer();
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => MONDAY_OPENING });
    await runner.runDue(new Date('2026-11-23T08:59:00Z'));
    assert.equal((await outboxTo(ctx.db, ctx.council.id, ctx.emailOf('officer'), 'Footpath signs')).length, 0, 'not before opening');

    await runner.runDue(MONDAY_OPENING);
    await runner.runDue(MONDAY_OPENING);
    await runner.runDue(new Date(MONDAY_OPENING.getTime() + 3_600_000));
    clock = MONDAY_OPENING;
    try {
      const officer = await signedIn(ctx, 'officer');
      const inbox = await officer.get('/messages/inbox');
      assert.match(inbox.text('[data-testid="inbox"]'), /Tom Baker Footpath signs on Bridge Street/);
      assert.doesNotMatch(inbox.text('[data-testid="inbox"]'), /Allotment rents/, 'the office’s messages are the Town Clerk’s');
      const clerk = await signedIn(ctx, 'clerk');
      assert.match((await clerk.get('/messages/inbox')).text('[data-testid="inbox"]'), /Hannah Price Allotment rents/);
    } finally {
      clock = FIXED_NOW;
    }

    const emails = await outboxTo(ctx.db, ctx.council.id, ctx.emailOf('officer'), 'Footpath signs');
    assert.equal(emails.length, 1);
    assert.match(emails[0]!.body, /Could the new signs go up before the fair\?/);
    assert.ok(emails[0]!.sent_at, 'the email went');
    assert.deepEqual(mailer.sent.filter((m) => m.subject.includes('Footpath signs')).map((m) => m.to), [ctx.emailOf('officer')], 'sent once');
    assert.deepEqual(mailer.sent.filter((m) => m.subject.includes('Allotment rents')).map((m) => m.to), [ctx.emailOf('clerk')]);

    const councillor = await signedIn(ctx, 'riverside');
    const api = await councillor.api('GET', '/api/v1/messages');
    const mine = api.json().messages.find((m: { subject: string }) => m.subject === 'Footpath signs on Bridge Street');
    assert.equal(mine.status, 'delivered');
    assert.equal(mine.deliveredAt, MONDAY_OPENING.toISOString());
    assert.match((await councillor.get('/messages')).text('[data-testid="sent"]'), /Footpath signs on Bridge Street Sam Patel Sunday 22 November 2026 at 12:00pm Delivered/);
  });

  it('delivers an urgent message with a reason at once, out of hours, and lists it for the Town Clerk', async () => {
    const councillor = await signedIn(ctx, 'independent');
    await councillor.get('/messages/new');
    const sent = await councillor.post('/messages/new', {
      to: 'office',
      subject: 'Burst main on the High Street',
      body: 'Water is running down the High Street from the market square.',
      urgent: 'on',
      urgentReason: 'The water is flooding the market stalls set up for tomorrow.',
    });
    assert.equal(sent.status, 303, sent.res.body);
    const page = await councillor.get(sent.location!);
    assert.equal(page.text('[data-testid="status"]'), 'Delivered');

    const clerk = await signedIn(ctx, 'clerk');
    assert.match((await clerk.get('/messages/inbox')).text('[data-testid="inbox"]'), /Owen Hughes Burst main on the High Street .* Urgent/);
    const urgent = await clerk.get('/messages/urgent');
    assert.equal(urgent.status, 200);
    assert.match(urgent.text('[data-testid="urgent"] tbody'), /Owen Hughes The office \(Town Clerk\) Sunday 22 November 2026 at 12:00pm The water is flooding the market stalls set up for tomorrow\./);
    assert.equal((await outboxTo(ctx.db, ctx.council.id, ctx.emailOf('clerk'), 'urgent message from Owen Hughes: Burst main')).length, 1, 'emailed at once');

    const logged = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['action', 'data']).where('action', '=', 'staff_message.sent_urgent_out_of_hours').execute());
    assert.deepEqual(
      logged.map((l) => (l.data as { urgentReason?: string }).urgentReason),
      ['The water is flooding the market stalls set up for tomorrow.'],
    );
  });

  it('refuses the urgent list to everyone but the Town Clerk, naming clause 8', async () => {
    for (const key of ['officer', 'chair'] as const) {
      const client = await signedIn(ctx, key);
      const page = await client.get('/messages/urgent');
      assert.equal(page.status, 403, key);
      assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'urgent_messages_clerk');
      assert.match(page.text('[data-testid="refusal"]'), /Refused under clause 8 of the Brackley Town Council protocol/);
    }
  });

  it('refuses urgent without a reason, naming the field and the clause, and stores nothing', async () => {
    const count = () => ctx.db.tenant(ctx.council.id, async (trx) => (await trx.selectFrom('staff_messages').select('id').execute()).length);
    const before = await count();
    const councillor = await signedIn(ctx, 'vice');
    await councillor.get('/messages/new');
    const page = await councillor.post('/messages/new', { to: 'office', subject: 'Bins', body: 'The bins were not emptied.', urgent: 'on', urgentReason: '  ' });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Enter why it is urgent: clause 8 of the Brackley Town Council protocol asks that a message to staff outside office hours is urgent only for a reason, which is recorded']);
    assert.equal(page.$('.govuk-error-summary a').attr('href'), '#urgentReason');
    assert.equal(page.$('input[name="urgent"]').attr('checked'), 'checked', 'what was typed is kept');

    const api = await councillor.api('POST', '/api/v1/messages', { to: 'office', subject: 'Bins', body: 'The bins were not emptied.', urgent: true });
    assert.equal(api.statusCode, 400);
    assert.deepEqual(api.json().error.fields.map((f: { field: string }) => f.field), ['urgentReason']);
    assert.match(api.json().error.fields[0].message, /clause 8 of the Brackley Town Council protocol/);
    assert.equal(await count(), before);
  });

  it('delivers at once in office hours', async () => {
    clock = new Date('2026-11-23T10:30:00Z');
    try {
      const councillor = await signedIn(ctx, 'chair');
      const res = await councillor.api('POST', '/api/v1/messages', { to: 'office', subject: 'Mayor’s diary for December', body: 'Please send me the December engagements.' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().status, 'delivered');
      assert.equal(res.json().heldUntil, null);
      assert.equal(res.json().outOfHours, false);
      const clerk = await signedIn(ctx, 'clerk');
      const inbox = await clerk.get('/messages/inbox');
      assert.match(inbox.text('[data-testid="inbox"]'), /Jo Evans Mayor’s diary for December/);
      const href = inbox.$('[data-testid="inbox"] a').filter((_, a) => inbox.$(a).text() === 'Mayor’s diary for December').attr('href')!;
      const one = await clerk.get(href);
      assert.equal(one.status, 200);
      assert.equal(one.text('[data-testid="message-body"]'), 'Please send me the December engagements.');
      assert.equal((await outboxTo(ctx.db, ctx.council.id, ctx.emailOf('clerk'), 'Mayor’s diary')).length, 1);
    } finally {
      clock = FIXED_NOW;
    }
  });

  it('keeps a message between its sender and recipients: not found for anyone else, and no staff inbox for councillors', async () => {
    const id = await ctx.db.tenant(ctx.council.id, async (trx) => (await trx.selectFrom('staff_messages').select('id').where('subject', '=', 'Footpath signs on Bridge Street').executeTakeFirstOrThrow()).id);
    const other = await signedIn(ctx, 'market');
    assert.equal((await other.get(`/messages/${id}`)).status, 404);
    const clerk = await signedIn(ctx, 'clerk');
    assert.equal((await clerk.get(`/messages/${id}`)).status, 404, 'a message to an officer is the officer’s');
    const inbox = await other.get('/messages/inbox');
    assert.equal(inbox.status, 403);
    assert.equal(inbox.$('[data-testid="refusal"]').attr('data-error-id'), 'staff_inbox');
    const toCouncillor = await other.api('POST', '/api/v1/messages', { to: ctx.people.chair, subject: 'Hello', body: 'A message to a councillor.' });
    assert.equal(toCouncillor.statusCode, 400);
    assert.equal(toCouncillor.json().error.fields[0].field, 'to');
  });

  let officersReport: string;
  it('sends an officer’s report of contact through a personal account to the Town Clerk, inbox and email', async () => {
    const officer = await signedIn(ctx, 'officer');
    const form = await officer.get('/contact-reports/new');
    assert.equal(form.status, 200);
    assert.match(form.text('[data-testid="recipients"]'), /Alex Morgan \(Town Clerk\)/);
    const sent = await officer.post('/contact-reports/new', {
      councillorId: ctx.people.market,
      'occurredOn-day': '21',
      'occurredOn-month': '11',
      'occurredOn-year': '2026',
      channel: 'messaging',
      summary: 'Texted my personal phone late on Saturday about the allotment rents.',
    });
    assert.equal(sent.status, 303, sent.res.body);
    officersReport = sent.location!.split('/').pop()!;
    const clerk = await signedIn(ctx, 'clerk');
    const list = await clerk.get('/contact-reports');
    assert.match(list.text('[data-testid="reports"]'), /Hannah Price Sam Patel 21 November 2026 Text or messaging app/);
    const report = await clerk.get(`/contact-reports/${officersReport}`);
    assert.equal(report.status, 200);
    assert.equal(report.text('[data-testid="report-summary"]'), 'Texted my personal phone late on Saturday about the allotment rents.');
    assert.equal((await outboxTo(ctx.db, ctx.council.id, ctx.emailOf('clerk'), 'report of contact')).length, 1);
    const logged = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('data').where('action', '=', 'contact_report.created').where('entity_id', '=', officersReport).execute());
    assert.deepEqual((logged[0]?.data as { recipients: string[] }).recipients, [ctx.people.clerk]);
  });

  it('refuses a councillor the report, on the page and in the API, naming clause 8', async () => {
    const councillor = await signedIn(ctx, 'market');
    const page = await councillor.get(`/contact-reports/${officersReport}`);
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'contact_report_private');
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause 8 of the Brackley Town Council protocol/);
    const api = await councillor.api('GET', `/api/v1/contact-reports/${officersReport}`);
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.id, 'contact_report_private');
    assert.equal(api.json().error.clause.number, '8');
    assert.doesNotMatch(api.body, /allotment rents/);
    assert.doesNotMatch((await councillor.get('/contact-reports')).text('main'), /Sam Patel/, 'not listed either');
    const create = await councillor.get('/contact-reports/new');
    assert.equal(create.status, 403);
    assert.equal(create.$('[data-testid="refusal"]').attr('data-error-id'), 'contact_report_by_staff');
    const before = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('contact_reports').select('id').execute());
    const filed = await councillor.api('POST', '/api/v1/contact-reports', { councillorId: ctx.people.independent, occurredOn: '2026-11-20', channel: 'other', summary: 'A councillor reporting a councillor.' });
    assert.equal(filed.statusCode, 403);
    assert.equal(filed.json().error.id, 'contact_report_by_staff');
    assert.equal(filed.json().error.clause.number, '8');
    assert.equal((await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('contact_reports').select('id').execute())).length, before.length);
  });

  it('sends the Town Clerk’s own report to the people the protocol names: the Mayor and the Chair of Finance', async () => {
    const clerk = await signedIn(ctx, 'clerk');
    const form = await clerk.get('/contact-reports/new');
    assert.match(form.text('[data-testid="recipients"]'), /Jo Evans \(Mayor\), Tom Baker \(Chair of the finance committee\)/);
    const res = await clerk.api('POST', '/api/v1/contact-reports', { councillorId: ctx.people.independent, occurredOn: '2026-11-20', channel: 'social_media', summary: 'A direct message on my personal account about the Christmas lights.' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().recipients.map((r: { name: string }) => r.name), ['Jo Evans', 'Tom Baker']);
    const id = res.json().id as string;

    for (const key of ['chair', 'riverside'] as const) {
      const reader = await signedIn(ctx, key);
      const page = await reader.get(`/contact-reports/${id}`);
      assert.equal(page.status, 200, key);
      assert.match(page.text('[data-testid="report"]'), /Owen Hughes Reported by Alex Morgan/);
      assert.equal((await outboxTo(ctx.db, ctx.council.id, ctx.emailOf(key), 'report of contact')).length, 1, `${key} is emailed`);
    }
    for (const key of ['officer', 'vice', 'independent'] as const) {
      const other = await signedIn(ctx, key);
      const page = await other.get(`/contact-reports/${id}`);
      assert.equal(page.status, 403, key);
    }
  });

  it('offers each person the links and forms the rules allow them', async () => {
    const view = async (key: DemoKey) => {
      const client = await signedIn(ctx, key);
      const index = await client.get('/messages');
      const reports = await client.get('/contact-reports');
      const form = await client.get('/messages/new');
      return {
        inbox: index.$('[data-testid="inbox-link"]').length,
        urgent: index.$('[data-testid="urgent-link"]').length,
        report: reports.$('[data-testid="new-report"]').length,
        toOffice: form.$('input[name="to"][value="office"]').length,
      };
    };
    assert.deepEqual(await view('clerk'), { inbox: 1, urgent: 1, report: 1, toOffice: 0 });
    assert.deepEqual(await view('officer'), { inbox: 1, urgent: 0, report: 1, toOffice: 1 });
    assert.deepEqual(await view('riverside'), { inbox: 0, urgent: 0, report: 0, toOffice: 1 });
  });

  it('names the missing fields of a report', async () => {
    const officer = await signedIn(ctx, 'officer');
    await officer.get('/contact-reports/new');
    const page = await officer.post('/contact-reports/new', { councillorId: '', summary: '' });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Choose a councillor', 'Enter when it happened', 'Select how they made contact', 'Enter what happened']);
  });
});

describe('messages to staff: a restart between holding and delivery', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('loses nothing: a new process on the same database delivers the held message once', async () => {
    const councillor = await signedIn(ctx, 'riverside');
    const res = await councillor.api('POST', '/api/v1/messages', { to: ctx.people.officer, subject: 'Bus shelter glass', body: 'The glass in the Ditton Street shelter is cracked.' });
    assert.equal(res.json().status, 'held');

    // The process stops: the app closes and the database connection goes.
    const reopened = await restartDatabase(ctx);
    try {
      const app = await buildApp({ config: testConfig(), db: reopened, clock: () => MONDAY_OPENING });
      await app.ready();
      const mailer = new RecordingMailer();
      const one = createJobRunner({ db: reopened, mailer, clock: () => MONDAY_OPENING });
      const two = createJobRunner({ db: reopened, mailer, clock: () => MONDAY_OPENING });
      await Promise.all([one.runDue(MONDAY_OPENING), two.runDue(MONDAY_OPENING)]);
      await Promise.all([one.runDue(MONDAY_OPENING), two.runDue(MONDAY_OPENING)]);
      assert.deepEqual(mailer.sent.filter((m) => m.subject.includes('Bus shelter glass')).map((m) => m.to), [ctx.emailOf('officer')], 'delivered once');

      const officer = new TestClient(app);
      await officer.signIn(ctx.emailOf('officer'));
      assert.match((await officer.get('/messages/inbox')).text('[data-testid="inbox"]'), /Tom Baker Bus shelter glass/);
      await app.close();
    } finally {
      await reopened.close();
    }
  });
});

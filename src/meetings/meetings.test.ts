import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf } from '../../test/helpers/pdf.js';
import { main } from '../cli/main.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import { meetingScheduledEarlier } from './test-support.js';

/** Today in these tests: Sunday 22 November 2026 (FIXED_NOW). Ledbury: papers a week ahead, clause 2.3.5. */
const LATE_MEETING = '2026-11-24';
const NEXT_COUNCIL = '2026-12-08'; // the demo's next full council meeting: today + 16

async function meetingOn(ctx: TestContext, date: string, committee: boolean | null = false) {
  const rows = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select(['id', 'committee_id']).where('meeting_date', '=', date).execute());
  const row = rows.find((r) => committee === null || (committee ? r.committee_id !== null : r.committee_id === null));
  assert.ok(row, `a meeting on ${date}`);
  return row.id;
}

async function auditRows(ctx: TestContext, action: string) {
  return ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['actor_id', 'entity_id', 'data']).where('action', '=', action).orderBy('seq').execute());
}

function parseCalendar(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  assert.equal(comp.name, 'vcalendar');
  return comp.getAllSubcomponents('vevent').map((e) => {
    const ev = new ICAL.Event(e);
    return { summary: ev.summary, start: ev.startDate, uid: ev.uid, location: ev.location };
  });
}

describe('meetings: agenda requests and the notice period (Ledbury 2.3.5)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  let lateId: string;
  let nextId: string;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    // Scheduled some weeks ago: today it is too close for requests in the ordinary way.
    lateId = await meetingScheduledEarlier(ctx, { meetingDate: LATE_MEETING, venue: 'Burgage Hall' });
    nextId = await meetingOn(ctx, NEXT_COUNCIL);
  });
  after(() => ctx.close());

  it('lists the meeting with its deadline for requests and the date the summons is due', async () => {
    const list = await clerk.get('/meetings');
    assert.equal(list.status, 200);
    const text = list.text('[data-testid="upcoming-meetings"]');
    // Tue 24 Nov: requests a week before (Tue 17 Nov); summons by Thu 19 Nov (Mon 23, Sat 21, Fri 20 count).
    assert.match(text, /24 November 2026 Full Town Council 7:00pm, Burgage Hall 17 November 2026 19 November 2026 Draft/);
    // The Clerk is warned: overdue for this one; the committee's (issued) and the 8 December one (warned from 30 November) are not.
    assert.deepEqual(list.$('[data-testid="summons-warning"]').map((_, el) => list.$(el).text().replace(/\s+/g, ' ').trim()).get(), [
      '! Warning The summons for Full Town Council on 24 November 2026 had to be issued by 19 November 2026. Re-schedule the meeting before issuing it.',
    ]);
  });

  it('refuses a councillor’s late request on the page, naming the clause and offering the next meeting', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const form = await tom.get(`/meetings/${lateId}/request`);
    assert.equal(form.status, 403);
    const page = await tom.post(`/meetings/${lateId}/request`, { title: 'Speeding on the Homend', details: '', paperTitle: '', paperBody: '' });
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'late_agenda_request');
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause 2\.3\.5 of the Ledbury Town Council protocol: agenda items must be notified in good time, with papers at least a week before the meeting\./);
    assert.match(page.text('[data-testid="refusal-lead"]'), /had to reach the Town Clerk by the end of Tuesday 17 November 2026/);
    assert.match(page.text('[data-testid="next-meeting"]'), /next meeting of the same body, on Tuesday 8 December 2026: requests for that one are due by Tuesday 1 December 2026/);
    assert.equal(page.$('[data-testid="ask-next"]').attr('href'), `/meetings/${nextId}/request?title=Speeding%20on%20the%20Homend`);
    const stored = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_requests').select('id').where('meeting_id', '=', lateId).execute());
    assert.equal(stored.length, 0, 'nothing is stored');
    const refusals = (await auditRows(ctx, 'access.refused')).filter((r) => r.entity_id === 'agenda-notice' && r.actor_id === ctx.people.riverside);
    assert.equal(refusals.length, 2, 'both refusals are recorded');
    assert.deepEqual((refusals[0]!.data as { clauses: string[] }).clauses, ['2.3.5']);

    // The offered next meeting takes the request, with its title carried over.
    const next = await tom.get(`/meetings/${nextId}/request?title=Speeding%20on%20the%20Homend`);
    assert.equal(next.status, 200);
    assert.equal(next.$('#title').val(), 'Speeding on the Homend');
  });

  it('refuses the late request in the API with 403, the clause and the next meeting, before validating the body', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const res = await tom.api('POST', `/api/v1/meetings/${lateId}/agenda-requests`, {});
    assert.equal(res.statusCode, 403);
    const { error } = res.json();
    assert.equal(error.id, 'late_agenda_request');
    assert.deepEqual(error.clause, { protocol: 'Ledbury Town Council protocol', number: '2.3.5', text: 'agenda items must be notified in good time, with papers at least a week before the meeting.' });
    assert.equal(error.deadline, '2026-11-17');
    assert.deepEqual(error.nextMeeting, { id: nextId, meetingDate: NEXT_COUNCIL, agendaDeadline: '2026-12-01' });
  });

  it('does not let a councillor (the chair included) claim urgency: only the Clerk accepts a late item', async () => {
    const jo = new TestClient(ctx.app);
    await jo.signIn(ctx.emailOf('chair'));
    const res = await jo.api('POST', `/api/v1/meetings/${lateId}/agenda-requests`, { title: 'Flooding', urgentReason: 'It is urgent' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.id, 'late_agenda_request');
  });

  it('refuses the Clerk too without a reason, and accepts an urgent late request with one, recorded in the audit log', async () => {
    const none = await clerk.api('POST', `/api/v1/meetings/${lateId}/agenda-requests`, { title: 'Flooding on Bye Street', requestedBy: ctx.people.riverside });
    assert.equal(none.statusCode, 403);

    await clerk.get(`/meetings/${lateId}/request`);
    const page = await clerk.post(`/meetings/${lateId}/request`, {
      requestedBy: ctx.people.riverside,
      title: 'Flooding on Bye Street',
      details: 'Sandbags and the drain survey.',
      paperTitle: 'Drain survey',
      paperBody: 'The survey found two blocked culverts.',
      urgentReason: 'The Environment Agency needs the council’s answer before 1 December.',
    });
    assert.equal(page.status, 303);
    const rows = await auditRows(ctx, 'agenda_request.accepted_urgent');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor_id, ctx.people.clerk);
    assert.deepEqual(
      { ...(rows[0]!.data as Record<string, unknown>) },
      { number: 2, meetingId: lateId, requestedBy: ctx.people.riverside, title: 'Flooding on Bye Street', papers: 1, late: true, urgentReason: 'The Environment Agency needs the council’s answer before 1 December.' },
    );
    const meeting = await clerk.get(`/meetings/${lateId}`);
    assert.match(meeting.text('[data-testid="agenda"]'), /1\. Flooding on Bye Street Sandbags and the drain survey\. Drain survey/);
    const requests = await clerk.get(`/meetings/${lateId}?part=requests`);
    assert.match(requests.text('[data-testid="request-2"]'), /Request 2: Flooding on Bye Street From Tom Baker\. Accepted Accepted as urgent after the deadline: The Environment Agency/);
  });

  it('numbers requests in the order received, and records a rejection with its reason', async () => {
    const hannah = new TestClient(ctx.app);
    await hannah.signIn(ctx.emailOf('market'));
    const first = await hannah.api('POST', `/api/v1/meetings/${nextId}/agenda-requests`, { title: 'Christmas lights', papers: [{ title: 'Quote', body: 'Lights: £1,200.' }] });
    assert.equal(first.statusCode, 201);
    const second = await hannah.api('POST', `/api/v1/meetings/${nextId}/agenda-requests`, { title: 'Bins in the park' });
    assert.deepEqual([first.json().number, second.json().number], [3, 4]);
    assert.equal(first.json().status, 'pending');

    const noReason = await clerk.api('POST', `/api/v1/agenda-requests/${second.json().id}/decision`, { decision: 'reject' });
    assert.equal(noReason.statusCode, 400);
    const rejected = await clerk.api('POST', `/api/v1/agenda-requests/${second.json().id}/decision`, { decision: 'reject', reason: 'Not within the council’s powers: the park belongs to the county.' });
    assert.equal(rejected.statusCode, 200);
    assert.equal(rejected.json().status, 'rejected');
    const [row] = await auditRows(ctx, 'agenda_request.rejected');
    assert.equal((row!.data as { reason: string }).reason, 'Not within the council’s powers: the park belongs to the county.');

    const councillorDecides = await hannah.api('POST', `/api/v1/agenda-requests/${first.json().id}/decision`, { decision: 'accept' });
    assert.equal(councillorDecides.statusCode, 403);
    assert.equal(councillorDecides.json().error.id, 'day_to_day_running');

    const mine = await hannah.get(`/meetings/${nextId}`);
    assert.match(mine.text('[data-testid="request-4"]'), /Rejected because: Not within the council’s powers/);
  });

  it('shows the draft agenda to the chair, who comments; not to other councillors', async () => {
    const jo = new TestClient(ctx.app);
    await jo.signIn(ctx.emailOf('chair'));
    const page = await jo.get(`/meetings/${nextId}`);
    assert.match(page.text('[data-testid="agenda"]'), /1\. Apologies for absence/);
    const posted = await jo.post(`/meetings/${nextId}/comments`, { body: 'Take the lights before the bins, please.' });
    assert.equal(posted.status, 303);
    const after = await clerk.get(`/meetings/${nextId}`);
    assert.match(after.text('[data-testid="comment"]'), /Take the lights before the bins, please\./);

    const hannah = new TestClient(ctx.app);
    await hannah.signIn(ctx.emailOf('market'));
    const other = await hannah.get(`/meetings/${nextId}`);
    assert.equal(other.$('[data-testid="agenda"]').length, 0);
    assert.match(other.text('main'), /The agenda has not been issued yet\./);
    await hannah.get(`/meetings/${nextId}`);
    const refused = await hannah.post(`/meetings/${nextId}/comments`, { body: 'Me too' });
    assert.equal(refused.status, 404);
  });
});

describe('meetings: the summons within three clear days', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  let meetingId: string;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    // Scheduled when it was still in time; its summons was not issued by the day it was due.
    meetingId = await meetingScheduledEarlier(ctx, { kind: 'extraordinary', meetingDate: LATE_MEETING, startsAt: '18:30', venue: 'Market House' });
    assert.equal((await clerk.api('GET', `/api/v1/meetings/${meetingId}`)).json().summonsDue, '2026-11-19');
    const item = await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, { title: 'Staffing matter', details: 'The Deputy Clerk’s grading appeal.', confidential: true, confidentialReason: 'it concerns a named employee' });
    assert.equal(item.statusCode, 201);
    await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, { title: 'Town plan consultation', details: 'To agree the response.' });
  });
  after(() => ctx.close());

  it('refuses to issue the summons after the latest date, on the page and in the API', async () => {
    const page = await clerk.get(`/meetings/${meetingId}`);
    assert.match(page.text('[data-testid="skipped-days"]'), /Sun 22 Nov 2026: Sunday/);
    const refused = await clerk.post(`/meetings/${meetingId}/summons`, {});
    assert.equal(refused.status, 400);
    assert.match(refused.text('[data-testid="summons-error"]'), /had to be issued by Thursday 19 November 2026, three clear days before\. Re-schedule the meeting/);
    const api = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`);
    assert.equal(api.statusCode, 409);
    assert.equal(api.json().error.id, 'summons_too_late');
    const issued = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('summons_issued_on').where('id', '=', meetingId).executeTakeFirstOrThrow());
    assert.equal(issued.summons_issued_on, null);
  });

  it('issues it once re-scheduled: one message per member, by email only with consent in England', async () => {
    await clerk.get(`/meetings/${meetingId}`);
    const moved = await clerk.post(`/meetings/${meetingId}/reschedule`, { 'meetingDate-day': '1', 'meetingDate-month': '12', 'meetingDate-year': '2026', startsAt: '18:30', venue: 'Market House' });
    assert.equal(moved.status, 303);
    await clerk.get(`/meetings/${meetingId}`);
    const issued = await clerk.post(`/meetings/${meetingId}/summons`, {});
    assert.equal(issued.status, 303);
    const outbox = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('outbox_messages as o').innerJoin('people as p', 'p.id', 'o.recipient_id').select(['p.name', 'o.channel', 'o.subject', 'o.body', 'o.sent_at']).where('o.meeting_id', '=', meetingId).orderBy('p.name').execute(),
    );
    // Every councillor in term on the day (the former councillor is not).
    assert.deepEqual(outbox.map((o) => `${o.name}:${o.channel}`), ['Hannah Price:email', 'Jo Evans:post', 'Owen Hughes:post', 'Priya Shah:post', 'Tom Baker:post']);
    assert.equal(outbox[0]!.subject, 'Summons: Full Town Council, Tuesday 1 December 2026');
    assert.match(outbox[0]!.body, /1\. Staffing matter \(press and public to be excluded\)\n2\. Town plan consultation/);
    assert.ok(outbox.every((o) => o.sent_at === null), 'left for the notifications service to send');
    const [entry] = await auditRows(ctx, 'summons.issued');
    assert.equal((entry!.data as { latestIssueDate: string }).latestIssueDate, '2026-11-26');
  });

  it('publishes the agenda: the private item in general terms only, as HTML and as a PDF', async () => {
    const visitor = new TestClient(ctx.app);
    const page = await visitor.get(`/meetings/${meetingId}/agenda`);
    assert.equal(page.status, 200);
    const items = page.text('[data-testid="agenda-items"]');
    assert.match(items, /1\. Staffing matter The public and press are to be excluded for this item, by resolution, because it concerns a named employee 2\. Town plan consultation To agree the response\./);
    assert.doesNotMatch(page.res.body, /grading appeal/);

    const pdf = await visitor.get(`/meetings/${meetingId}/agenda.pdf`);
    assert.equal(pdf.res.headers['content-type'], 'application/pdf');
    // A tagged PDF: the title its one top heading, the business a numbered list, in the page's order.
    const agenda = await readPdf(pdf.res.rawPayload);
    assert.equal(agenda.title, 'Agenda: Full Town Council, Tuesday 1 December 2026');
    assert.equal(agenda.language, 'en-GB');
    assert.equal(agenda.marked, true);
    assert.deepEqual(agenda.textsOf('H1'), ['Agenda: Full Town Council, Tuesday 1 December 2026']);
    assert.deepEqual(agenda.textsOf('H2'), ['Business to be transacted']);
    assert.deepEqual(agenda.textsOf('LI'), [
      '1. Staffing matter The public and press are to be excluded for this item, by resolution, because it concerns a named employee',
      '2. Town plan consultation To agree the response.',
    ]);
    assert.match(agenda.text, /^Agenda: Full Town Council, Tuesday 1 December 2026 .*Date and time: Tuesday 1 December 2026, .*Business to be transacted 1\. Staffing matter .* 2\. Town plan consultation .*Agenda issued on /);
    assert.deepEqual(agenda.untagged, []);
    assert.doesNotMatch(agenda.text, /grading appeal/);

    const notIssued = await visitor.get(`/meetings/${await meetingOn(ctx, NEXT_COUNCIL)}/agenda`);
    assert.equal(notIssued.status, 404);
  });

  it('sends a confidential item’s papers to the body’s members only', async () => {
    const committeeMeeting = await meetingOn(ctx, '2026-12-02', true);
    const paper = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_papers').select('id').where('meeting_id', '=', committeeMeeting).executeTakeFirstOrThrow());
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const member = await owen.get(`/meetings/${committeeMeeting}/papers/${paper.id}`);
    assert.equal(member.status, 200);
    assert.match(member.text('[data-testid="paper-body"]'), /hours needed for the Assistant Clerk/);
    const hannah = new TestClient(ctx.app);
    await hannah.signIn(ctx.emailOf('market'));
    const outsider = await hannah.get(`/meetings/${committeeMeeting}/papers/${paper.id}`);
    assert.equal(outsider.status, 403);
    assert.equal(outsider.$('[data-testid="refusal"]').attr('data-error-id'), 'confidential_paper');
    const meeting = await hannah.get(`/meetings/${committeeMeeting}`);
    assert.match(meeting.text('[data-testid="agenda"]'), /3\. Staffing matter The public and press are to be excluded/);
    assert.doesNotMatch(meeting.text('[data-testid="agenda"]'), /Assistant Clerk’s hours|Report on staffing hours/);
  });

  it('lets the agenda change after issue only by issuing it again', async () => {
    const add = await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, { title: 'Late correspondence' });
    assert.equal(add.statusCode, 201);
    const page = await clerk.get(`/meetings/${meetingId}`);
    assert.match(page.text('[data-testid="summons-status"]'), /Issued on 22 November 2026; changed since, to be issued again/);
    const again = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`);
    assert.equal(again.statusCode, 200);
    assert.equal((await auditRows(ctx, 'summons.reissued')).length, 1);
  });

  it('answers the clear-days question for anyone, without signing in, naming the reading', async () => {
    const visitor = new TestClient(ctx.app);
    const res = await visitor.api('GET', '/api/v1/tools/summons-date?meeting=2025-05-27');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.latestIssueDate, '2025-05-21');
    assert.equal(body.reading.id, 'nalc');
    assert.match(body.reading.name, /^NALC’s reading/);
    assert.deepEqual(body.skipped.map((s: { label: string }) => s.label), ['Sun 25 May 2025: Sunday', 'Mon 26 May 2025: bank holiday (Spring bank holiday)']);
    assert.equal((await visitor.api('GET', '/api/v1/tools/summons-date?meeting=2025-02-30')).statusCode, 400);
  });

  it('counts with the council’s settings: the stricter reading, and its days of mourning', async () => {
    await clerk.get('/meetings/settings');
    const saved = await clerk.post('/meetings/settings', { clearDaysReading: 'working-weekdays', saturdaysCount: 'yes', agendaNoticeUnit: 'calendar-days' });
    assert.equal(saved.status, 303);
    const strict = (await new TestClient(ctx.app).api('GET', '/api/v1/tools/summons-date?meeting=2025-05-27')).json();
    assert.equal(strict.reading.id, 'working-weekdays');
    assert.equal(strict.latestIssueDate, '2025-05-20');

    await clerk.get('/meetings/settings');
    await clerk.post('/meetings/settings', { clearDaysReading: 'nalc', saturdaysCount: 'yes', agendaNoticeUnit: 'calendar-days' });
    await clerk.get('/meetings/settings');
    const added = await clerk.post('/meetings/settings/mourning', { 'day-day': '13', 'day-month': '3', 'day-year': '2024', name: 'Test day of mourning' });
    assert.equal(added.status, 303);
    const mourning = (await new TestClient(ctx.app).api('GET', '/api/v1/tools/summons-date?meeting=2024-03-15')).json();
    assert.equal(mourning.latestIssueDate, '2024-03-09');
    assert.ok(mourning.skipped.some((s: { label: string }) => s.label === 'Wed 13 Mar 2024: day of mourning or thanksgiving (Test day of mourning)'));

    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    assert.equal((await tom.get('/meetings/settings')).status, 403);
  });
});

describe('meetings: calendar feeds and minutes', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
  });
  after(() => ctx.close());

  it('publishes the council’s issued meetings as a feed a calendar program can read', async () => {
    const res = await new TestClient(ctx.app).api('GET', '/meetings/public.ics');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/calendar/);
    const events = parseCalendar(res.body);
    // Only the committee meeting's summons is issued among coming meetings; last month's was too.
    assert.equal(events.length, 2);
    const coming = events.find((e) => e.start.toJSDate().toISOString() === '2026-12-02T19:00:00.000Z');
    assert.ok(coming, 'the committee meeting at 19:00 London time');
    assert.equal(coming.summary, 'Finance and General Purposes Committee meeting, Ilminster Town Council');
    assert.equal(coming.location, 'Council Chamber, Town Hall');
  });

  it('gives each person a private feed of their meetings and deadlines', async () => {
    await clerk.get('/meetings/preferences');
    const page = await clerk.post('/meetings/preferences/feed', {});
    const url = page.text('[data-testid="feed-url"] code');
    const path = new URL(url).pathname;
    const res = await new TestClient(ctx.app).api('GET', path);
    assert.equal(res.statusCode, 200);
    const events = parseCalendar(res.body);
    const summaries = events.map((e) => e.summary);
    assert.ok(summaries.includes('Summons due: Full Town Council, meeting on 2026-12-08'));
    const due = events.find((e) => e.summary === 'Summons due: Full Town Council, meeting on 2026-12-08')!;
    assert.equal(due.start.isDate, true);
    assert.equal(due.start.toString(), '2026-12-03');
    const deadline = events.find((e) => e.summary === 'Agenda requests due: Full Town Council, meeting on 2026-12-08')!;
    assert.equal(deadline.start.toString(), '2026-12-01', 'five clear days before Tue 8 Dec');

    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('independent'));
    await tom.get('/meetings/preferences');
    const tomPage = await tom.post('/meetings/preferences/feed', {});
    const tomEvents = parseCalendar((await new TestClient(ctx.app).api('GET', new URL(tomPage.text('[data-testid="feed-url"] code')).pathname)).body);
    assert.ok(tomEvents.some((e) => e.summary.startsWith('Agenda requests due')));
    assert.ok(!tomEvents.some((e) => e.summary.startsWith('Summons due')), 'a councillor is not given the Clerk’s deadlines');

    assert.equal((await new TestClient(ctx.app).api('GET', '/meetings/feed/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics')).statusCode, 404);
    const renewed = await clerk.post('/meetings/preferences/feed', {});
    assert.notEqual(renewed.text('[data-testid="feed-url"] code'), url);
    assert.equal((await new TestClient(ctx.app).api('GET', path)).statusCode, 404, 'the old address stops working');
  });

  it('records draft minutes against the agenda, approves them at the next meeting, then locks them', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const page = await clerk.get(`/meetings/${last}/minutes`);
    assert.match(page.text('[data-testid="minutes-status"]'), /Draft/);
    assert.equal(page.$('a[data-testid="minutes-pdf"]').length, 0, 'draft minutes are not the record yet');
    assert.equal((await clerk.get(`/meetings/${last}/minutes.pdf`)).status, 404);
    const items = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_items').select(['id', 'position']).where('meeting_id', '=', last).orderBy('position').execute());
    const saved = await clerk.post(`/meetings/${last}/minutes`, { [`minute-${items[2]!.id}`]: 'Resolved to accept the quote from Fenceright Ltd (minute 45/26).' });
    assert.equal(saved.status, 303);
    // A declaration of interest made at the meeting, which its minutes record.
    await clerk.get(`/declarations/meetings/${last}`);
    const declared = await clerk.post(`/declarations/meetings/${last}/record`, { personId: ctx.people.riverside, itemId: items[2]!.id, kind: 'pecuniary', details: 'His firm quoted for the fence.', leftRoom: 'true' });
    assert.equal(declared.status, 303, declared.text('.govuk-error-summary'));
    // Approved at the next meeting of the same body, once it has taken place.
    const m = await meetingScheduledEarlier(ctx, { meetingDate: '2026-11-10' });
    await clerk.get(`/meetings/${last}/minutes`);
    const approved = await clerk.post(`/meetings/${last}/minutes/approve`, { approvedAt: m });
    assert.equal(approved.status, 303);
    const locked = await clerk.get(`/meetings/${last}/minutes`);
    assert.match(locked.text('[data-testid="minutes-status"]'), /Approved and locked Approved at the meeting on Tuesday 10 November 2026\./);
    assert.match(locked.text('[data-testid="minutes"]'), /3\. Play area fence Resolved to accept the quote from Fenceright Ltd/);

    // Approved, they are a tagged PDF too, linked from the page, read as the page reads them.
    assert.equal(locked.$('a[data-testid="minutes-pdf"]').attr('href'), `/meetings/${last}/minutes.pdf`);
    const pdf = await clerk.get(`/meetings/${last}/minutes.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.res.headers['content-type'], 'application/pdf');
    const minutes = await readPdf(pdf.res.rawPayload);
    const title = locked.text('h1');
    assert.match(title, /^Minutes: .+, Thursday 22 October 2026$/);
    assert.equal(minutes.title, title);
    assert.equal(minutes.language, 'en-GB');
    assert.equal(minutes.marked, true);
    assert.deepEqual(minutes.textsOf('H1'), [title]);
    const headings = locked.$('[data-testid="minutes"] h2').map((_, h) => locked.$(h).text().trim()).get();
    assert.ok(headings.length >= 3);
    assert.deepEqual(minutes.textsOf('H2').filter((h) => h !== 'Attendance' && h !== 'Declarations of interest'), headings, 'an item a heading, in the agenda’s order');
    // The declarations of interest, as the page records them, under their own heading before the items.
    const declarations = locked.$('[data-testid="declaration-made"]').map((_, li) => locked.$(li).text().replace(/\s+/g, ' ').trim()).get();
    assert.ok(declarations.some((d) => /, item 3 \(Play area fence\): Disclosable pecuniary interest\. His firm quoted for the fence\. Left the room\.$/.test(d)), declarations.join(' | '));
    const published = await readPdf((await new TestClient(ctx.app).get(`/meetings/${last}/minutes/public.pdf`)).res.rawPayload);
    for (const declaration of declarations) {
      assert.ok(minutes.text.includes(declaration), `the PDF records "${declaration}"`);
      assert.ok(published.text.includes(declaration), `and so does the PDF the public reads: "${declaration}"`);
    }
    assert.ok(minutes.text.indexOf('Declarations of interest') < minutes.text.indexOf(headings[0]!));
    assert.match(minutes.text, /3\. Play area fence Resolved to accept the quote from Fenceright Ltd \(minute 45\/26\)\./);
    assert.match(minutes.text, /Approved at the meeting on Tuesday 10 November 2026\./);
    assert.ok(minutes.text.indexOf(headings[0]!) < minutes.text.indexOf(headings[1]!), 'item 1 before item 2');
    assert.deepEqual(minutes.untagged, []);
    // As the page: not for someone signed out.
    assert.equal((await new TestClient(ctx.app).get(`/meetings/${last}/minutes.pdf`)).status, (await new TestClient(ctx.app).get(`/meetings/${last}/minutes`)).status);
    await clerk.get(`/meetings/${last}/minutes`);
    const change = await clerk.post(`/meetings/${last}/minutes`, { [`minute-${items[0]!.id}`]: 'Changed' });
    assert.equal(change.status, 400);
    assert.match(change.text('#minutes'), /approved and are locked/);
  });

  it('answers on the command line, as text and as JSON', async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
    assert.equal(await main(['summons-date', '2026-04-09'], {}, out), 0);
    assert.equal(lines[1], 'Latest date to issue the summons and public notice: Monday 30 March 2026');
    assert.ok(lines.includes('  Sun 5 Apr 2026: Easter break'));
    lines.length = 0;
    assert.equal(await main(['summons-date', '2025-05-27', '--json'], {}, out), 0);
    const json = JSON.parse(lines.join('\n'));
    assert.equal(json.latestIssueDate, '2025-05-21');
    assert.equal(json.reading.id, 'nalc');
    lines.length = 0;
    assert.equal(await main(['summons-date', '27/05/2025'], {}, out), 2);
    assert.match(lines[0]!, /^ERR Give the meeting date as YYYY-MM-DD/);
  });
});

describe('meetings: agenda papers and registered interests (Ilminster 2.6)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  let meetingId: string;
  let itemId: string;
  let paperId: string;
  let playArea: string;
  let stationRoad: string;
  const matterId = (title: string) => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('matters').select('id').where('title', '=', title).executeTakeFirstOrThrow()).then((r) => r.id);
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    meetingId = await meetingOn(ctx, NEXT_COUNCIL);
    playArea = await matterId('Play area fencing contract');
    stationRoad = await matterId('Land at Station Road');
  });
  after(() => ctx.close());

  it('lets the Clerk set an item’s matter, when adding it and afterwards, and shows it on the meeting page', async () => {
    // The demo's request 1 comes with a paper; accepted, the paper follows its item.
    const request = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_requests').select('id').where('meeting_id', '=', meetingId).where('number', '=', 1).executeTakeFirstOrThrow());
    await clerk.get(`/meetings/${meetingId}`);
    assert.equal((await clerk.post(`/meetings/${meetingId}/requests/${request.id}/decision`, { decision: 'accept', reason: '' })).status, 303);
    const { item, paper } = await ctx.db.tenant(ctx.council.id, async (trx) => ({
      item: await trx.selectFrom('agenda_items').select(['id', 'position', 'matter_id']).where('request_id', '=', request.id).executeTakeFirstOrThrow(),
      paper: await trx.selectFrom('agenda_papers').select('id').where('request_id', '=', request.id).executeTakeFirstOrThrow(),
    }));
    assert.equal(item.matter_id, null);
    itemId = item.id;
    paperId = paper.id;

    const before = await clerk.get(`/meetings/${meetingId}`);
    assert.equal(before.$(`[data-testid="item-matter-${item.position}"]`).length, 0, 'no matter yet');
    assert.equal((await clerk.post(`/meetings/${meetingId}/items/${itemId}/matter`, { matterId: playArea })).status, 303);

    await clerk.get(`/meetings/${meetingId}`);
    const added = await clerk.post(`/meetings/${meetingId}/items`, { title: 'Planning application PA/2026/0142', details: '', confidentialReason: '', matterId: stationRoad });
    assert.equal(added.status, 303);

    const page = await clerk.get(`/meetings/${meetingId}`);
    assert.equal(page.text(`[data-testid="item-matter-${item.position}"]`), 'Matter: Play area fencing contract');
    assert.equal(page.text(`[data-testid="item-matter-${item.position + 1}"]`), 'Matter: Land at Station Road');
    assert.equal((await clerk.get(`/meetings/${meetingId}?part=items`)).$(`#matterId-${itemId} option:selected`).val(), playArea);
    const api = await clerk.api('GET', `/api/v1/meetings/${meetingId}`);
    assert.deepEqual(api.json().items.map((i: { matterId: string | null }) => i.matterId).slice(-2), [playArea, stationRoad]);
    const set = (await auditRows(ctx, 'agenda_item.matter_set')).at(-1);
    assert.deepEqual(set?.data, { position: item.position, from: null, to: playArea });

    await clerk.get(`/meetings/${meetingId}`);
    assert.equal((await clerk.post(`/meetings/${meetingId}/summons`, {})).status, 303);
  });

  it('refuses the item’s paper, under clause 2.6, to a councillor once they register a pecuniary interest in its matter', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const open = await tom.get(`/meetings/${meetingId}/papers/${paperId}`);
    assert.equal(open.status, 200, 'before the interest is registered, the paper is his as a member');

    await tom.get('/interests/new');
    const registered = await tom.post('/interests/new', { category: 'contracts', holder: 'self', description: 'My firm has quoted for the play area fence', matterIds: playArea });
    assert.equal(registered.status, 303);

    const refused = await tom.get(`/meetings/${meetingId}/papers/${paperId}`);
    assert.equal(refused.status, 403);
    assert.equal(refused.$('[data-testid="refusal"]').attr('data-error-id'), 'interest_conflict');
    assert.match(refused.text('[data-testid="refusal"]'), /Refused under clause 2\.6 of the Ilminster Town Council protocol: a councillor may not see documents about a matter where they have a pecuniary interest\./);
    assert.doesNotMatch(refused.res.body, /112 residents/);

    const page = await tom.get(`/meetings/${meetingId}`);
    assert.match(page.text('[data-testid="withheld-papers"]'), /^Residents’ petition on Station Road: withheld from you\. Refused under clause 2\.6 of the Ilminster Town Council protocol/);
    const link = page.$('[data-testid="withheld-papers"] a[data-testid="withheld-link"]');
    assert.equal(link.attr('href'), `/meetings/${meetingId}/papers/${paperId}`, 'listed as the way to the refusal, so there is something to open');
    assert.equal(page.$(`a[href$="/papers/${paperId}"]:not([data-testid="withheld-link"])`).length, 0, 'no other link to it');

    const refusals = (await auditRows(ctx, 'access.refused')).filter((r) => r.actor_id === ctx.people.riverside && r.entity_id === 'pecuniary-interest-documents');
    assert.equal(refusals.length, 1);
    const data = refusals[0]!.data as { clauses: string[]; path: string; errorId: string };
    assert.deepEqual(data.clauses, ['2.6']);
    assert.equal(data.errorId, 'interest_conflict');
    assert.equal(data.path, `/meetings/${meetingId}/papers/${paperId}`);
  });

  it('bars in the library, too, a document that names no matter once it is a paper for an item about his interest: the agenda and the library agree', async () => {
    const report = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const doc = await trx.selectFrom('documents').select('id').where('title', '=', 'Annual report 2025-26').executeTakeFirstOrThrow();
      await trx.insertInto('agenda_papers').values({ council_id: ctx.council.id, meeting_id: meetingId, agenda_item_id: itemId, request_id: null, title: 'Annual report', body: '', document_id: doc.id, created_by: ctx.people.clerk }).execute();
      return doc.id;
    });
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const refused = await tom.api('GET', `/api/v1/documents/${report}`);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.id, 'interest_conflict');
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    assert.equal((await owen.api('GET', `/api/v1/documents/${report}`)).statusCode, 200, 'another member, with no interest, still has it');
    await ctx.db.tenant(ctx.council.id, (trx) => trx.deleteFrom('agenda_papers').where('document_id', '=', report).where('meeting_id', '=', meetingId).execute());
    assert.equal((await tom.api('GET', `/api/v1/documents/${report}`)).statusCode, 200, 'off the agenda, it is about no matter of his');
  });

  it('still gives the paper to another member, and logs each opening as a document’s is', async () => {
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const page = await owen.get(`/meetings/${meetingId}`);
    assert.equal(page.$(`a[href$="/papers/${paperId}"]`).length, 1);
    assert.equal(page.$('[data-testid="withheld-papers"]').length, 0);
    const paper = await owen.get(`/meetings/${meetingId}/papers/${paperId}`);
    assert.equal(paper.status, 200);
    assert.match(paper.text('[data-testid="paper-body"]'), /112 residents ask for a 20 mph limit/);
    const views = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['actor_id', 'entity_type', 'entity_id']).where('action', '=', 'document.viewed').where('entity_id', '=', paperId).orderBy('seq').execute());
    assert.deepEqual(views, [
      { actor_id: ctx.people.riverside, entity_type: 'agenda_paper', entity_id: paperId },
      { actor_id: ctx.people.independent, entity_type: 'agenda_paper', entity_id: paperId },
    ]);
  });

  it('refuses another council’s matter on an item, in the form and the API, and the database refuses it too', async () => {
    const other = await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury', today: '2026-11-22' });
    const foreign = await ctx.db.tenant(other.id, (trx) => trx.selectFrom('matters').select('id').where('title', '=', 'Play area fencing contract').executeTakeFirstOrThrow());
    // With two councils on the deployment, each is reached by its own address.
    const clerk = new TestClient(ctx.app, `/c/${ctx.council.slug}`);
    await clerk.signIn(ctx.emailOf('clerk'));

    await clerk.get(`/meetings/${meetingId}`);
    const form = await clerk.post(`/meetings/${meetingId}/items/${itemId}/matter`, { matterId: foreign.id });
    assert.equal(form.status, 400);
    assert.deepEqual(form.errors(), ['Select one of the council’s matters']);

    const api = await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, { title: 'Fence', matterId: foreign.id });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.fields[0].field, 'matterId');

    await assert.rejects(ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('agenda_items').set({ matter_id: foreign.id }).where('id', '=', itemId).execute()));
    const item = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_items').select('matter_id').where('id', '=', itemId).executeTakeFirstOrThrow());
    assert.equal(item.matter_id, playArea);
  });
});

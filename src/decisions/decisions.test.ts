import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf } from '../../test/helpers/pdf.js';
import type { DemoKey } from '../demo/demo.js';

/** In the demo (today 22 November 2026): last month's full council met on 22 October; the next meets on 8 December. */
async function meetingOn(ctx: TestContext, date: string) {
  return ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').where('meeting_date', '=', date).where('committee_id', 'is', null).executeTakeFirstOrThrow());
}
async function resolutionNumbered(ctx: TestContext, minute: string) {
  return ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('resolutions').select('id').where('minute_number', '=', minute).executeTakeFirstOrThrow());
}
async function count(ctx: TestContext, table: 'resolutions' | 'officer_tasks' | 'agreed_actions' | 'task_notes') {
  const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
  return Number(row.n);
}
async function signedIn(ctx: TestContext, key: DemoKey) {
  const client = new TestClient(ctx.app);
  await client.signIn(ctx.emailOf(key));
  return client;
}
describe('decisions: resolutions are recorded against the meeting that made them', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('lets the Clerk record a resolution of a meeting that has taken place, shown on the meeting and the decisions page', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const clerk = await signedIn(ctx, 'clerk');
    const form = await clerk.get(`/meetings/${last.id}/resolutions/new`);
    assert.equal(form.status, 200);
    const item = form.$('#agendaItemId option').filter((_, o) => form.$(o).text().includes('Declarations of interest')).attr('value')!;
    const res = await clerk.post(`/meetings/${last.id}/resolutions`, { agendaItemId: item, minuteNumber: '26/44', text: 'RESOLVED that no declarations were made.' });
    assert.equal(res.status, 303);
    const page = await clerk.get(res.location!);
    assert.match(page.text('[data-testid="resolution"]'), /Meeting\s*Full Town Council, 22 October 2026\s*Agenda item\s*Declarations of interest\s*Resolved\s*RESOLVED that no declarations were made\./);
    const meeting = await clerk.get(`/meetings/${last.id}`);
    assert.match(meeting.text('[data-testid="meeting-resolutions"]'), /Minute 26\/44: RESOLVED that no declarations were made\./);
    const councillor = await signedIn(ctx, 'independent');
    const list = await councillor.get('/decisions');
    assert.match(list.text('[data-testid="resolutions"]'), /26\/44\s*Minute 26\/44, Full Town Council, 22 October 2026\s*RESOLVED that no declarations were made\./);
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['actor_id', 'data']).where('action', '=', 'resolution.recorded').execute());
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_id, ctx.people.clerk);
  });

  it('refuses a resolution for a meeting not yet held, an agenda item of another meeting, and a minute number already used', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const next = await meetingOn(ctx, '2026-12-08');
    const clerk = await signedIn(ctx, 'clerk');
    const before = await count(ctx, 'resolutions');
    const future = await clerk.api('POST', `/api/v1/meetings/${next.id}/resolutions`, { minuteNumber: '26/90', text: 'RESOLVED that something be done.' });
    assert.equal(future.statusCode, 400);
    assert.deepEqual(future.json().error.fields, [{ field: 'meetingId', message: 'The meeting has not taken place yet, so it has made no decisions' }]);
    const nextItem = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', next.id).executeTakeFirstOrThrow());
    const wrongItem = await clerk.api('POST', `/api/v1/meetings/${last.id}/resolutions`, { agendaItemId: nextItem.id, minuteNumber: '26/91', text: 'RESOLVED.' });
    assert.equal(wrongItem.statusCode, 400);
    assert.equal(wrongItem.json().error.fields[0].field, 'agendaItemId');
    await clerk.get(`/meetings/${last.id}/resolutions/new`);
    const taken = await clerk.post(`/meetings/${last.id}/resolutions`, { agendaItemId: '', minuteNumber: '26/45', text: 'RESOLVED again.' });
    assert.equal(taken.status, 400);
    assert.deepEqual(taken.errors(), ['Minute 26/45 is already recorded: check the number']);
    assert.equal(taken.$('#minuteNumber').val(), '26/45', 'what was typed is kept');
    assert.equal(await count(ctx, 'resolutions'), before);
  });

  it('refuses councillors, the chair included, with the clause, and stores nothing', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const before = await count(ctx, 'resolutions');
    for (const key of ['chair', 'market'] as const) {
      const client = await signedIn(ctx, key);
      const page = await client.get(`/meetings/${last.id}/resolutions/new`);
      assert.equal(page.status, 403);
      assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'day_to_day_running');
      const res = await client.api('POST', `/api/v1/meetings/${last.id}/resolutions`, { minuteNumber: '26/99', text: 'RESOLVED.' });
      assert.equal(res.statusCode, 403);
      assert.deepEqual(res.json().error.clauses.map((c: { number: string }) => c.number), ['1.4', '2.4']);
    }
    assert.equal(await count(ctx, 'resolutions'), before);
  });

  it('refuses an officer until the Clerk asks them to record resolutions too', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const officer = await signedIn(ctx, 'officer');
    const refused = await officer.api('POST', `/api/v1/meetings/${last.id}/resolutions`, { minuteNumber: '26/47', text: 'RESOLVED that the council’s website be updated.' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.id, 'records_decisions');
    assert.equal(refused.json().error.clause.number, '2.2');
    const form = await officer.get(`/meetings/${last.id}/resolutions/new`);
    assert.equal(form.status, 403);
    assert.equal(form.$('[data-testid="refusal"]').attr('data-error-id'), 'records_decisions');
    assert.match(form.text('[data-testid="refusal"]'), /Refused under clause 2\.2 of the Ilminster Town Council protocol/);
    const clerk = await signedIn(ctx, 'clerk');
    const page = await clerk.get('/decisions');
    assert.equal(page.$('input[name="recorders"]').length, 1, 'the one other officer is offered');
    assert.equal((await clerk.post('/decisions/recorders', { recorders: ctx.people.officer })).status, 303);
    const allowed = await officer.api('POST', `/api/v1/meetings/${last.id}/resolutions`, { minuteNumber: '26/47', text: 'RESOLVED that the council’s website be updated.' });
    assert.equal(allowed.statusCode, 201);
    assert.equal(allowed.json().minuteNumber, '26/47');
    assert.equal((await clerk.post('/decisions/recorders', {})).status, 303);
    const again = await officer.api('POST', `/api/v1/meetings/${last.id}/resolutions`, { minuteNumber: '26/48', text: 'RESOLVED.' });
    assert.equal(again.statusCode, 403, 'asking can be undone');
  });
});

describe('actions: the officer keeps progress, and no councillor instructs', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  const taskTitled = (title: string) => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('officer_tasks').select(['id', 'status', 'done_at']).where('title', '=', title).executeTakeFirstOrThrow());

  it('lets the officer record progress and finish their action, kept as a thread', async () => {
    const task = await taskTitled('Obtain three quotations for the play area fence');
    const officer = await signedIn(ctx, 'officer');
    const page = await officer.get(`/tasks/${task.id}`);
    assert.match(page.text('[data-testid="task-notes"]'), /Two quotations received/);
    const res = await officer.post(`/tasks/${task.id}/progress`, { body: 'Third quotation in; all three go to the December meeting.', status: 'done' });
    assert.equal(res.status, 303);
    const after = await officer.get(`/tasks/${task.id}`);
    assert.match(after.text('[data-testid="task-notes"]'), /Two quotations received.*Third quotation in; all three go to the December meeting\./);
    assert.match(after.text('[data-testid="task-summary"]'), /Status\s*Done/);
    const row = await taskTitled('Obtain three quotations for the play area fence');
    assert.equal(row.status, 'done');
    assert.ok(row.done_at, 'when it was done is kept');
  });

  it('asks for a note and a status, naming each', async () => {
    const task = await taskTitled('Order two grit bins');
    const officer = await signedIn(ctx, 'officer');
    await officer.get(`/tasks/${task.id}`);
    const before = await count(ctx, 'task_notes');
    const page = await officer.post(`/tasks/${task.id}/progress`, { body: '' });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Enter progress note', 'Select status after this note']);
    assert.equal(await count(ctx, 'task_notes'), before);
  });

  it('refuses another officer’s action to an officer, and every action to a councillor, with the clause', async () => {
    const clerksTask = await taskTitled('Tell the highway authority where the grit bins are');
    const officer = await signedIn(ctx, 'officer');
    const page = await officer.get(`/tasks/${clerksTask.id}`);
    assert.equal(page.$('form[action$="/progress"]').length, 0, 'no form on a colleague’s action');
    const res = await officer.api('POST', `/api/v1/tasks/${clerksTask.id}/progress`, { body: 'Done it for you.', status: 'done' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.id, 'clerk_manages_staff');
    const posted = await officer.post(`/tasks/${clerksTask.id}/progress`, { body: 'Done it for you.', status: 'done' });
    assert.equal(posted.status, 403);
    assert.equal(posted.$('[data-testid="refusal"]').attr('data-error-id'), 'clerk_manages_staff');
    const chair = await signedIn(ctx, 'chair');
    const byChair = await chair.api('POST', `/api/v1/tasks/${clerksTask.id}/progress`, { body: 'Please hurry.', status: 'in_progress' });
    assert.equal(byChair.statusCode, 403);
    assert.equal(byChair.json().error.id, 'day_to_day_running');
    assert.equal((await taskTitled('Tell the highway authority where the grit bins are')).status, 'open');
  });

  it('offers a councillor who tries to instruct an officer an enquiry or an agenda item instead', async () => {
    const chair = await signedIn(ctx, 'chair');
    const page = await chair.get('/tasks/new');
    assert.equal(page.status, 403);
    const links = page.$('[data-testid="refusal-instead"] a').map((_, a) => `${page.$(a).text()} ${page.$(a).attr('href')}`).get();
    assert.deepEqual(links, ['Send the officers an enquiry /enquiries/new', 'Ask for an item on a meeting’s agenda /meetings']);
    const res = await chair.api('POST', '/api/v1/tasks', {});
    assert.deepEqual(res.json().error.instead, [
      { label: 'Send the officers an enquiry', href: '/enquiries/new' },
      { label: 'Ask for an item on a meeting’s agenda', href: '/meetings' },
    ]);
    const enquiry = await chair.get('/enquiries/new');
    assert.equal(enquiry.status, 200, 'the path offered is open to them');
  });
});

describe('the action report for the body that decided', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('counts open actions (overdue first) and those done since the body last met, from the recorded data', async () => {
    const councillor = await signedIn(ctx, 'market');
    const res = await councillor.api('GET', '/api/v1/action-report?body=council');
    assert.equal(res.statusCode, 200);
    const report = res.json();
    assert.equal(report.lastMeetingDate, '2026-10-22');
    assert.equal(report.nextMeetingDate, '2026-12-08');
    assert.equal(report.overdue, 1);
    assert.deepEqual(report.open.map((a: { title: string; overdue: boolean }) => [a.title, a.overdue]), [
      ['Tell the highway authority where the grit bins are', true],
      ['Obtain three quotations for the play area fence', false],
    ]);
    assert.deepEqual(report.doneSinceLastMeeting.map((a: { title: string; doneOn: string }) => [a.title, a.doneOn]), [['Order two grit bins', '2026-11-12']]);
    assert.equal(report.open[1].latestNote, 'Two quotations received; the third contractor visits next week.');

    const page = await councillor.get('/decisions/report?body=council');
    assert.equal(page.text('[data-testid="open-heading"]'), 'Open: 2 (1 overdue)');
    assert.equal(page.text('[data-testid="done-heading"]'), 'Done since the last meeting: 1');
    assert.match(page.text('[data-testid="report-since"]'), /As at 22 November 2026\. Done since the last meeting, on 22 October 2026/);
    assert.equal(page.$('[data-testid="report-to-agenda"]').length, 0, 'only officers put it on an agenda');
  });

  it('leaves out actions done before the last meeting, and other bodies’ actions', async () => {
    const committee = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('committees').select('id').orderBy('name').executeTakeFirstOrThrow());
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('officer_tasks').set({ done_at: new Date('2026-10-20T10:00:00Z') }).where('title', '=', 'Order two grit bins').execute());
    const clerk = await signedIn(ctx, 'clerk');
    const report = (await clerk.api('GET', '/api/v1/action-report?body=council')).json();
    assert.deepEqual(report.doneSinceLastMeeting, []);
    const committeeReport = (await clerk.api('GET', `/api/v1/action-report?body=${committee.id}`)).json();
    assert.deepEqual([committeeReport.open, committeeReport.doneSinceLastMeeting], [[], []]);
    assert.equal((await clerk.api('GET', '/api/v1/action-report?body=nonsense')).statusCode, 404);
  });

  it('prints as a PDF with the same figures', async () => {
    const clerk = await signedIn(ctx, 'clerk');
    const pdf = await clerk.get('/decisions/report.pdf?body=council');
    assert.equal(pdf.res.headers['content-type'], 'application/pdf');
    // Tagged: the title the heading, each part under its own heading, its actions a list, in the page's order.
    const report = await readPdf(pdf.res.rawPayload);
    assert.equal(report.title, `Action report: Full Town Council – ${ctx.council.name}`);
    assert.equal(report.language, 'en-GB');
    assert.equal(report.marked, true);
    assert.deepEqual(report.textsOf('H1'), [report.title]);
    assert.deepEqual(report.textsOf('H2'), ['Open: 2 (1 overdue)', 'Done since the last meeting: 0']);
    const open = report.textsOf('LI');
    assert.equal(open.length, 2);
    assert.ok(open.some((li) => /^• Task \d+: Tell the highway authority where the grit bins are Minute /.test(li)), open.join(' | '));
    assert.match(report.text, /^Action report: Full Town Council – .* As at 22 November 2026\. .* Open: 2 \(1 overdue\) • Task .* Done since the last meeting: 0 /);
    assert.deepEqual(report.untagged, []);
  });

  it('goes on the agenda of the body’s next meeting, with the report as its paper', async () => {
    const next = await meetingOn(ctx, '2026-12-08');
    const clerk = await signedIn(ctx, 'clerk');
    const page = await clerk.get('/decisions/report?body=council');
    assert.match(page.text('[data-testid="report-to-agenda"]'), /Put this report on the agenda for 8 December 2026/);
    const res = await clerk.post('/decisions/report/agenda', { body: 'council' });
    assert.equal(res.status, 303);
    assert.equal(res.location, `/meetings/${next.id}`);
    const item = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_items').select(['id', 'title']).where('meeting_id', '=', next.id).orderBy('position', 'desc').executeTakeFirstOrThrow());
    assert.equal(item.title, 'Progress on actions');
    const paper = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_papers').select(['title', 'body']).where('agenda_item_id', '=', item.id).executeTakeFirstOrThrow());
    assert.equal(paper.title, 'Action report as at 22 November 2026');
    assert.match(paper.body, /Open: 2 \(1 overdue\)/);
    assert.match(paper.body, /Tell the highway authority where the grit bins are/);
  });
});

describe('the action report on the agenda of a council that works in Welsh and English (Crickhowell)', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
  });
  after(() => ctx.close());

  it('is written in both languages, the council’s usual one first, as its standard business is', async () => {
    const clerk = await signedIn(ctx, 'clerk');
    await clerk.get('/decisions/report?body=council');
    const res = await clerk.post('/decisions/report/agenda', { body: 'council' });
    assert.equal(res.status, 303, res.text('main'));
    const meetingId = res.location!.split('/').pop()!;
    const item = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_items').select(['id', 'title']).where('meeting_id', '=', meetingId).orderBy('position', 'desc').executeTakeFirstOrThrow());
    assert.equal(item.title, 'Progress on actions / Cynnydd ar gamau gweithredu');
    const paper = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_papers').select(['title', 'body']).where('agenda_item_id', '=', item.id).executeTakeFirstOrThrow());
    assert.match(paper.title, /^Action report as at 22 November 2026 \/ .*22 Tachwedd 2026$/);
    const [english, welsh] = paper.body.split('\n\n— — —\n\n');
    assert.match(english!, /Open: /);
    assert.ok(welsh && welsh !== english, 'the report again, in Welsh');
    assert.match(welsh, /Tachwedd/);
  });
});

describe('the chair’s record of agreed actions (Ledbury 2.4)', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
  });
  after(() => ctx.close());

  it('is a request: recording one instructs no one until the Clerk confirms it against the minutes', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const tasksBefore = await count(ctx, 'officer_tasks');
    const chair = await signedIn(ctx, 'chair');
    const page = await chair.get(`/meetings/${last.id}/agreed-actions`);
    assert.equal(page.status, 200);
    const res = await chair.post(`/meetings/${last.id}/agreed-actions`, { description: 'Get the fence contractors to start before the spring half-term.' });
    assert.equal(res.status, 303);
    const after = await chair.get(`/meetings/${last.id}/agreed-actions`);
    assert.match(after.text('[data-testid="agreed-actions"]'), /Get the fence contractors to start before the spring half-term\..*Waiting for the Town Clerk/);
    assert.equal(await count(ctx, 'officer_tasks'), tasksBefore, 'no task until the Clerk confirms');

    const clerk = await signedIn(ctx, 'clerk');
    const list = await clerk.get('/decisions');
    assert.equal(list.$('[data-testid="pending-agreed"] li').length, 2, 'the demo’s and this one wait for the Clerk');
    const agreed = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agreed_actions').select('id').where('description', 'like', 'Get the fence%').executeTakeFirstOrThrow());
    const quotes = await resolutionNumbered(ctx, '26/45');
    await clerk.get(`/meetings/${last.id}/agreed-actions`);
    const confirmed = await clerk.post(`/meetings/${last.id}/agreed-actions/${agreed.id}/confirm`, { resolutionId: quotes.id, title: 'Agree a start date with the fence contractor', assignedTo: ctx.people.officer, 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' });
    assert.equal(confirmed.status, 303);
    assert.equal(await count(ctx, 'officer_tasks'), tasksBefore + 1);
    const task = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('officer_tasks').select(['resolution_id', 'assigned_to', 'details']).where('title', '=', 'Agree a start date with the fence contractor').executeTakeFirstOrThrow());
    assert.deepEqual(task, { resolution_id: quotes.id, assigned_to: ctx.people.officer, details: 'Get the fence contractors to start before the spring half-term.' });
    const shown = await chair.get(`/meetings/${last.id}/agreed-actions`);
    assert.match(shown.text('[data-testid="agreed-actions"]'), /Get the fence contractors.*Confirmed\s*Became task \d+/);
  });

  it('must match a resolution of that meeting; the Clerk may decline, saying why', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const demo = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agreed_actions').select('id').where('description', 'like', 'Write to the contractors%').executeTakeFirstOrThrow());
    const clerk = await signedIn(ctx, 'clerk');
    await clerk.get(`/meetings/${last.id}/agreed-actions`);
    const noResolution = await clerk.post(`/meetings/${last.id}/agreed-actions/${demo.id}/confirm`, { resolutionId: '', title: 'Write to contractors', assignedTo: ctx.people.officer });
    assert.equal(noResolution.status, 400);
    assert.deepEqual(noResolution.errors(), ['Enter the resolution it carries out']);
    const noReason = await clerk.post(`/meetings/${last.id}/agreed-actions/${demo.id}/decline`, { reason: '' });
    assert.equal(noReason.status, 400);
    assert.deepEqual(noReason.errors(), ['Enter why it is declined']);
    const declined = await clerk.post(`/meetings/${last.id}/agreed-actions/${demo.id}/decline`, { reason: 'The minutes record no decision to write to contractors.' });
    assert.equal(declined.status, 303);
    const chair = await signedIn(ctx, 'chair');
    const page = await chair.get(`/meetings/${last.id}/agreed-actions`);
    assert.match(page.text('[data-testid="agreed-actions"]'), /Write to the contractors.*Declined\s*Declined: The minutes record no decision to write to contractors\./);
    const twice = await clerk.api('POST', `/api/v1/meetings/${last.id}/agreed-actions`, { description: 'x' });
    assert.equal(twice.statusCode, 403, 'the Clerk does not record agreed actions: the chair does');
  });

  it('refuses an officer other than the Clerk who tries to confirm or decline one, with the clause', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const chair = await signedIn(ctx, 'chair');
    await chair.get(`/meetings/${last.id}/agreed-actions`);
    await chair.post(`/meetings/${last.id}/agreed-actions`, { description: 'Thank the volunteers who cleared the brook.' });
    const agreed = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agreed_actions').select(['id', 'status']).where('description', 'like', 'Thank the volunteers%').executeTakeFirstOrThrow());
    const quotes = await resolutionNumbered(ctx, '26/45');
    const officer = await signedIn(ctx, 'officer');
    await officer.get('/');
    const confirm = await officer.post(`/meetings/${last.id}/agreed-actions/${agreed.id}/confirm`, { resolutionId: quotes.id, title: 'Thank the volunteers', assignedTo: ctx.people.officer });
    assert.equal(confirm.status, 403);
    assert.equal(confirm.$('[data-testid="refusal"]').attr('data-error-id'), 'clerk_confirms_actions');
    assert.match(confirm.text('[data-testid="refusal"]'), /Refused under clause 2\.3\.1 of the Ledbury Town Council protocol/);
    const decline = await officer.post(`/meetings/${last.id}/agreed-actions/${agreed.id}/decline`, { reason: 'Not minuted.' });
    assert.equal(decline.status, 403);
    const after = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agreed_actions').select('status').where('id', '=', agreed.id).executeTakeFirstOrThrow());
    assert.equal(after.status, 'pending', 'still waiting for the Clerk');
  });

  it('refuses a councillor who did not chair the meeting, with the council’s clause', async () => {
    const last = await meetingOn(ctx, '2026-10-22');
    const before = await count(ctx, 'agreed_actions');
    const councillor = await signedIn(ctx, 'riverside');
    const page = await councillor.get(`/meetings/${last.id}/agreed-actions`);
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'chair_records_actions');
    const res = await councillor.api('POST', `/api/v1/meetings/${last.id}/agreed-actions`, { description: 'Tell the Clerk to repaint the shelter.' });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json().error.clauses.map((c: { number: string }) => c.number), ['2.3.1', '2.3.3', '2.4']);
    assert.equal(await count(ctx, 'agreed_actions'), before);
  });
});

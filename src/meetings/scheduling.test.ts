import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

/**
 * Today in these tests is Sunday 22 November 2026. A meeting on Thursday 26 November needs its
 * summons by Saturday 21 (Mon 23, Tue 24 and Wed 25 are the clear days): too late today. One on
 * Friday 27 November needs it by Monday 23: still in time.
 */
const TOO_CLOSE = { day: '26', month: '11', year: '2026', iso: '2026-11-26' };
const IN_TIME = '2026-11-27';
const NEXT_COUNCIL = '2026-12-08';
const LAST_COUNCIL = '2026-10-22';

const meetingForm = (date: { day: string; month: string; year: string }, extra: Record<string, string> = {}) => ({
  committeeId: '',
  kind: 'ordinary',
  'meetingDate-day': date.day,
  'meetingDate-month': date.month,
  'meetingDate-year': date.year,
  startsAt: '19:00',
  venue: 'Burgage Hall',
  ...extra,
});

async function meetingOn(ctx: TestContext, date: string) {
  const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').where('meeting_date', '=', date).where('committee_id', 'is', null).executeTakeFirstOrThrow());
  return row.id;
}

async function itemTitles(ctx: TestContext, meetingId: string) {
  const rows = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_items').select('title').where('meeting_id', '=', meetingId).orderBy('position').execute());
  return rows.map((r) => r.title);
}

describe('scheduling a meeting: the date and the summons’ notice (England, Ledbury)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
  });
  after(() => ctx.close());

  it('lists a meeting as soon as it is scheduled, in the API and on the page, though both were read just before', async () => {
    const listed = async () => ({
      api: (await clerk.api('GET', '/api/v1/meetings')).json<{ meetings: { meetingDate: string; venue: string }[] }>().meetings.filter((m) => m.venue === 'Market House').length,
      page: (await clerk.get('/meetings')).text('main').split('Market House').length - 1,
    });
    assert.deepEqual(await listed(), { api: 0, page: 0 });
    assert.deepEqual(await listed(), { api: 0, page: 0 }, 'asked again, answered as remembered');
    const scheduled = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2027-02-09', startsAt: '19:00', venue: 'Market House' });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    const after = await listed();
    assert.equal(after.api, 1, 'the API lists it');
    assert.ok(after.page >= 1, 'the page lists it');
  });

  it('refuses a date that has passed, on the page and in the API', async () => {
    await clerk.get('/meetings/new');
    const page = await clerk.post('/meetings/new', meetingForm({ day: '3', month: '6', year: '2025' }));
    assert.equal(page.status, 400);
    assert.match(page.text('#meetingDate-error'), /Tuesday 3 June 2025 has passed: choose a date for the meeting that is today or later/);
    const api = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2025-06-03', startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.fields[0].field, 'meetingDate');
    assert.match(api.json().error.fields[0].message, /has passed/);
  });

  it('refuses a meeting too close for its summons, naming the law, an extraordinary one too', async () => {
    await clerk.get('/meetings/new');
    const page = await clerk.post('/meetings/new', meetingForm(TOO_CLOSE, { kind: 'extraordinary', shortNoticeReason: 'The roof has blown off.' }));
    assert.equal(page.status, 400);
    assert.match(
      page.text('#meetingDate-error'),
      /The summons for a meeting on Thursday 26 November 2026 had to be issued by Saturday 21 November 2026: the Local Government Act 1972 \(Schedule 12, paragraph 10\(2\)\(b\)\) requires three clear days, for an extraordinary meeting as for an ordinary one\. Choose a later date/,
    );
    const api = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'extraordinary', meetingDate: TOO_CLOSE.iso, startsAt: '19:00', venue: 'Burgage Hall', shortNoticeReason: 'The roof has blown off.' });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.fields[0].field, 'meetingDate');
    assert.match(api.json().error.fields[0].message, /Schedule 12, paragraph 10\(2\)\(b\)/);
    const stored = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').where('meeting_date', '=', TOO_CLOSE.iso).execute());
    assert.equal(stored.length, 0, 'nothing is scheduled');

    const inTime = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'extraordinary', meetingDate: IN_TIME, startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(inTime.statusCode, 201, inTime.body);
    assert.equal(inTime.json().summonsDue, '2026-11-23');
  });

  it('refuses to move a meeting too close, and to move one that has taken place', async () => {
    const next = await meetingOn(ctx, NEXT_COUNCIL);
    await clerk.get(`/meetings/${next}?part=schedule`);
    const moved = await clerk.post(`/meetings/${next}/reschedule`, { 'meetingDate-day': '26', 'meetingDate-month': '11', 'meetingDate-year': '2026', startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(moved.status, 400);
    assert.match(moved.text('#meetingDate-error'), /paragraph 10\(2\)\(b\)/);

    const last = await meetingOn(ctx, LAST_COUNCIL);
    const form = await clerk.get(`/meetings/${last}?part=schedule`);
    assert.equal(form.$('[data-testid="reschedule"]').length, 0, 'no form to move a meeting that has taken place');
    assert.match(form.text('[data-testid="meeting-held"]'), /This meeting took place on 22 October 2026\. Only its record can change now/);
    await clerk.get(`/meetings/${next}?part=schedule`);
    const refused = await clerk.post(`/meetings/${last}/reschedule`, { 'meetingDate-day': '10', 'meetingDate-month': '12', 'meetingDate-year': '2026', startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(refused.status, 400);
    assert.match(refused.errors().join(), /The meeting on Thursday 22 October 2026 has taken place: only its record/);
  });

  it('starts a new agenda with the council’s standard items, the minutes naming the last meeting', async () => {
    await clerk.get('/meetings/new');
    const page = await clerk.post('/meetings/new', meetingForm({ day: '15', month: '12', year: '2026' }));
    assert.equal(page.status, 303);
    const id = await meetingOn(ctx, '2026-12-15');
    assert.deepEqual(await itemTitles(ctx, id), [
      'Apologies for absence',
      'Declarations of interest',
      'Minutes of the meeting held on Tuesday 8 December 2026',
      'Public participation',
      'Action report',
    ]);
  });

  it('lets the Clerk reorder and remove items until the summons is issued, then refuses, on the page and in the API', async () => {
    const id = await meetingOn(ctx, '2026-12-15');
    const items = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_items').select(['id', 'title']).where('meeting_id', '=', id).orderBy('position').execute());
    const page = await clerk.get(`/meetings/${id}?part=items`);
    assert.equal(page.$('[data-testid="move-up-1"]').length, 0, 'the first item cannot move up');
    assert.equal(page.$('[data-testid="move-down-5"]').length, 0, 'the last item cannot move down');
    const up = await clerk.post(`/meetings/${id}/items/${items[3]!.id}/move`, { direction: 'up' });
    assert.equal(up.status, 303);
    assert.equal(up.location, `/meetings/${id}?part=items#item-${items[3]!.id}`);
    const removed = await clerk.post(`/meetings/${id}/items/${items[4]!.id}/remove`, {});
    assert.equal(removed.status, 303);
    assert.deepEqual(await itemTitles(ctx, id), ['Apologies for absence', 'Declarations of interest', 'Public participation', 'Minutes of the meeting held on Tuesday 8 December 2026']);

    const api = await clerk.api('POST', `/api/v1/meetings/${id}/items/${items[0]!.id}/move`, { direction: 'down' });
    assert.equal(api.statusCode, 200);
    assert.deepEqual(
      api.json().items.map((i: { number: number; title: string }) => `${i.number}. ${i.title}`),
      ['1. Declarations of interest', '2. Apologies for absence', '3. Public participation', '4. Minutes of the meeting held on Tuesday 8 December 2026'],
    );
    const deleted = await clerk.api('DELETE', `/api/v1/meetings/${id}/items/${items[2]!.id}`);
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.json().items.length, 3);

    assert.equal((await clerk.api('POST', `/api/v1/meetings/${id}/summons`)).statusCode, 200);
    const after = await clerk.get(`/meetings/${id}?part=items`);
    assert.equal(after.$('[data-testid="move-down-1"]').length, 0, 'no buttons once the summons is issued');
    const refused = await clerk.post(`/meetings/${id}/items/${items[0]!.id}/move`, { direction: 'up' });
    assert.equal(refused.status, 400);
    assert.match(refused.text('[data-testid="agenda-error"]'), /The summons was issued on Sunday 22 November 2026 with the agenda in this order: items can no longer be moved or taken off/);
    const apiRefused = await clerk.api('DELETE', `/api/v1/meetings/${id}/items/${items[0]!.id}`);
    assert.equal(apiRefused.statusCode, 400);
    assert.equal(apiRefused.json().error.fields[0].field, 'agenda');
    assert.equal((await itemTitles(ctx, id)).length, 3);
  });

  it('tells the Clerk of requests still undecided before the summons, and issues only once told', async () => {
    const next = await meetingOn(ctx, NEXT_COUNCIL);
    const page = await clerk.get(`/meetings/${next}?part=summons`);
    assert.match(page.text('[data-testid="pending-requests"]'), /One agenda request is still waiting for your decision\..*Request 1: Speed limit on Station Road \(Tom Baker\)/);
    const refused = await clerk.post(`/meetings/${next}/summons`, {});
    assert.equal(refused.status, 400);
    assert.match(refused.text('#pendingAcknowledged-error'), /Agenda requests 1 are still waiting for your decision/);
    const api = await clerk.api('POST', `/api/v1/meetings/${next}/summons`, {});
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.fields[0].field, 'pendingAcknowledged');
    const issued = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('summons_issued_on').where('id', '=', next).executeTakeFirstOrThrow());
    assert.equal(issued.summons_issued_on, null);

    await clerk.get(`/meetings/${next}?part=summons`);
    const told = await clerk.post(`/meetings/${next}/summons`, { pendingAcknowledged: 'yes' });
    assert.equal(told.status, 303);
    assert.equal(told.location, `/meetings/${next}?part=summons`);
  });

  it('keeps a meeting that has taken place to its record: no items added, on the page or in the API', async () => {
    const last = await meetingOn(ctx, LAST_COUNCIL);
    const page = await clerk.get(`/meetings/${last}?part=items`);
    assert.equal(page.$('[data-testid="add-item"]').length, 0);
    const refused = await clerk.post(`/meetings/${last}/items`, { title: 'Something late', details: '', confidentialReason: '', matterId: '' });
    assert.equal(refused.status, 400);
    assert.match(refused.text('[data-testid="agenda-error"]'), /has taken place: only its record/);
    const api = await clerk.api('POST', `/api/v1/meetings/${last}/items`, { title: 'Something late' });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.fields[0].field, 'agenda');
  });

  it('takes the standard items from the council’s setting, which the Clerk keeps', async () => {
    const settings = await clerk.get('/meetings/settings');
    assert.equal(settings.$('input[name="standardItems"]:checked').length, 5);
    const saved = await clerk.post('/meetings/settings/standard-items', { standardItems: ['declarations', 'apologies'] });
    assert.equal(saved.status, 303);
    const res = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2027-01-12', startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(await itemTitles(ctx, res.json().id), ['Apologies for absence', 'Declarations of interest'], 'in the standard order');
    await clerk.get('/meetings/settings');
    const refused = await clerk.post('/meetings/settings/standard-items', { standardItems: ['cake'] });
    assert.equal(refused.status, 400);
  });

  it('splits the Clerk’s meeting page into parts, each with its own title', async () => {
    const next = await meetingOn(ctx, NEXT_COUNCIL);
    const overview = await clerk.get(`/meetings/${next}`);
    assert.deepEqual(
      overview.$('[data-testid="meeting-parts"] li').map((_, el) => overview.$(el).text().replace(/\s+/g, ' ').trim()).get(),
      ['Overview', 'Agenda items', 'Agenda requests (1 waiting)', 'The summons', 'Date and venue'],
    );
    assert.equal(overview.$('[data-testid="add-item"]').length, 0, 'the forms are on their own parts');
    assert.equal(overview.$('[data-testid="reschedule"]').length, 0);
    const items = await clerk.get(overview.$('[data-testid="part-items"]').attr('href')!);
    assert.equal(items.$('[data-testid="add-item"]').length, 1);
    assert.match(items.title(), /^Agenda items – /);
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const councillor = await tom.get(`/meetings/${next}?part=items`);
    assert.equal(councillor.$('[data-testid="meeting-parts"]').length, 0, 'a councillor has the overview alone');
    assert.equal(councillor.$('[data-testid="add-item"]').length, 0);
  });
});

describe('scheduling a meeting: an urgent committee meeting in Wales (Crickhowell)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  let committeeId: string;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    committeeId = (await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('committees').select('id').orderBy('name').executeTakeFirstOrThrow())).id;
  });
  after(() => ctx.close());

  it('refuses a committee meeting too close without a reason, naming the Welsh paragraph', async () => {
    const api = await clerk.api('POST', '/api/v1/meetings', { committeeId, kind: 'ordinary', meetingDate: TOO_CLOSE.iso, startsAt: '19:00', venue: 'Clarence Hall' });
    assert.equal(api.statusCode, 400);
    assert.match(api.json().error.fields[0].message, /paragraph 26\(2\)\(b\)\) requires three clear days\. Choose a later date or, for an urgent committee meeting at least a day ahead, say why it cannot wait/);
  });

  it('refuses the full council at short notice even with a reason', async () => {
    const api = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'extraordinary', meetingDate: TOO_CLOSE.iso, startsAt: '19:00', venue: 'Clarence Hall', shortNoticeReason: 'Flooding.' });
    assert.equal(api.statusCode, 400);
    assert.match(api.json().error.fields[0].message, /paragraph 26\(2\)\(b\)\) requires three clear days, for an extraordinary meeting as for an ordinary one/);
  });

  it('accepts an urgent committee meeting with its reason, records it, and lets its summons go out', async () => {
    await clerk.get('/meetings/new');
    const page = await clerk.post('/meetings/new', meetingForm(TOO_CLOSE, { committeeId, venue: 'Clarence Hall', shortNoticeReason: 'The bridge closure needs a response before Friday.' }));
    assert.equal(page.status, 303, page.text('.govuk-error-summary'));
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select(['id', 'short_notice_reason']).where('meeting_date', '=', TOO_CLOSE.iso).executeTakeFirstOrThrow());
    assert.equal(row.short_notice_reason, 'The bridge closure needs a response before Friday.');
    const shown = await clerk.get(`/meetings/${row.id}`);
    assert.match(shown.text('[data-testid="short-notice"]'), /Called at short notice as an urgent committee meeting: The bridge closure needs a response before Friday\./);
    const issued = await clerk.api('POST', `/api/v1/meetings/${row.id}/summons`);
    assert.equal(issued.statusCode, 200, issued.body);
  });
});

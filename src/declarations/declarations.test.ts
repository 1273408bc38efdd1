import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { createJobRunner } from '../capabilities/registry.js';
import { meetingScheduledEarlier } from '../meetings/test-support.js';

/** The demo's today is Sunday 22 November 2026; last month's full council met on Thursday 22 October. */
describe('dispensations and declarations of interest at meetings', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  let hannah: TestClient;
  let tom: TestClient;
  let officer: TestClient;
  let matters: Record<string, string>;
  let lastMeeting: string;
  let items: Record<string, string>;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    hannah = new TestClient(ctx.app);
    await hannah.signIn(ctx.emailOf('market'));
    tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      matters = Object.fromEntries((await trx.selectFrom('matters').select(['id', 'title']).execute()).map((m) => [m.title, m.id]));
      const last = await trx.selectFrom('meetings').select('id').where('committee_id', 'is', null).where('meeting_date', '=', '2026-10-22').executeTakeFirstOrThrow();
      lastMeeting = last.id;
      items = Object.fromEntries((await trx.selectFrom('agenda_items').select(['id', 'title']).where('meeting_id', '=', last.id).execute()).map((i) => [i.title, i.id]));
      // The fence item is about the play area contract.
      await trx.updateTable('agenda_items').set({ matter_id: matters['Play area fencing contract']! }).where('id', '=', items['Play area fence']!).execute();
    });
  });
  after(() => ctx.close());

  const outbox = (subjectLike: string) => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['recipient_email', 'subject', 'body']).where('subject', 'like', subjectLike).orderBy('created_at').execute());

  it('publishes the dispensations granted, to anyone, page and API, and not the requests waiting', async () => {
    const anyone = new TestClient(ctx.app);
    const page = await anyone.get('/declarations/dispensations/public');
    assert.equal(page.status, 200);
    const entries = page.$('[data-testid="public-dispensation"]');
    assert.equal(entries.length, 1);
    assert.match(page.text('[data-testid="public-dispensation"]'), /^Priya Shah Taking part in the discussion and voting, from 6 May 2026 to 12 December 2026\. For: Staffing review; Staffing matter \(2 December 2026\) \(e\) It is otherwise appropriate · By resolution of the council \(Minute 26\/71\)$/);
    assert.doesNotMatch(page.text('main'), /Station Road/, 'Hannah’s request waits for the council: not on the register');
    const api = await anyone.api('GET', '/api/v1/declarations/dispensations/public');
    assert.equal(api.statusCode, 200);
    assert.deepEqual(
      api.json().dispensations.map((d: { councillor: string; from: string; until: string; matters: string[] }) => [d.councillor, d.from, d.until, d.matters]),
      [['Priya Shah', '2026-05-06', '2026-12-12', ['Staffing review']]],
    );
  });

  it('tells the Clerk on the home page of a request waiting for a decision', async () => {
    const home = await clerk.get('/');
    assert.equal(home.text('[data-testid="declarations-waiting"]'), 'One request for a dispensation waits for a decision');
    assert.equal((await tom.get('/')).$('[data-testid="declarations-waiting"]').length, 0, 'not on a councillor’s');
  });

  it('refuses a period over four years under s.33(3), and an end before the start, on the form and in the API', async () => {
    await tom.get('/declarations/dispensations/new');
    const base = { ground: 'c', reasons: 'My firm quoted for the fence.', covers: 'both', matterIds: matters['Play area fencing contract']!, 'from-day': '1', 'from-month': '10', 'from-year': '2026' };
    const long = await tom.post('/declarations/dispensations/new', { ...base, 'until-day': '1', 'until-month': '10', 'until-year': '2030' });
    assert.equal(long.status, 400);
    assert.deepEqual(long.errors(), ['A dispensation may not last longer than four years (Localism Act 2011 s.33(3)): the last day can be 30 September 2030 at the latest']);
    const backwards = await tom.post('/declarations/dispensations/new', { ...base, 'until-day': '1', 'until-month': '9', 'until-year': '2026' });
    assert.equal(backwards.status, 400);
    assert.deepEqual(backwards.errors(), ['The end of the period must be on or after its start']);
    const nothing = await tom.post('/declarations/dispensations/new', { ...base, matterIds: [], 'until-day': '1', 'until-month': '9', 'until-year': '2027' });
    assert.deepEqual(nothing.errors(), ['Choose the matters or agenda items the dispensation is for']);

    const body = { ground: 'c', reasons: 'My firm quoted for the fence.', covers: 'both', matterIds: [matters['Play area fencing contract']], from: '2026-10-01' };
    const apiLong = await tom.api('POST', '/api/v1/declarations/dispensations', { ...body, until: '2030-10-01' });
    assert.equal(apiLong.statusCode, 400);
    assert.equal(apiLong.json().error.fields[0].field, 'until');
    assert.match(apiLong.json().error.fields[0].message, /Localism Act 2011 s\.33\(3\)/);
    const apiBackwards = await tom.api('POST', '/api/v1/declarations/dispensations', { ...body, until: '2026-09-30' });
    assert.equal(apiBackwards.statusCode, 400);
    assert.match(apiBackwards.json().error.fields[0].message, /on or after its start/);
    const apiYear26 = await tom.api('POST', '/api/v1/declarations/dispensations', { ...body, from: '0026-10-01', until: '0027-09-30' });
    assert.equal(apiYear26.statusCode, 400, 'a year typed short is refused, not misread');
    assert.equal(apiYear26.json().error.fields[0].field, 'from');
    assert.equal((await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('dispensations').select('id').where('person_id', '=', ctx.people.riverside).execute())).length, 0, 'nothing stored');
  });

  it('refuses an officer’s request for a dispensation, naming the clause', async () => {
    const page = await officer.get('/declarations/dispensations/new');
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'dispensation_members_only');
    assert.match(page.text('[data-testid="refusal"]'), /clause 33 .*members of the body that meets declare their own interests/);
    const api = await officer.api('POST', '/api/v1/declarations/dispensations', { ground: 'e', reasons: 'x', covers: 'both', matterIds: [matters['Staffing review']], from: '2026-12-01', until: '2027-12-01' });
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.id, 'dispensation_members_only');
    assert.equal(api.json().error.clause.number, '33');
  });

  let tomsDispensation: string;
  it('takes a councillor’s written request to the Clerk, and the Clerk records the council’s decision; the member is told', async () => {
    await tom.get('/declarations/dispensations/new');
    const sent = await tom.post('/declarations/dispensations/new', {
      ground: 'a',
      reasons: 'Three of us quoted for the fence.',
      covers: 'both',
      matterIds: matters['Play area fencing contract']!,
      'from-day': '1',
      'from-month': '10',
      'from-year': '2026',
      'until-day': '30',
      'until-month': '9',
      'until-year': '2030',
    });
    assert.equal(sent.status, 303, sent.errors().join());
    tomsDispensation = sent.location!.split('/').pop()!;
    assert.deepEqual((await outbox('A request for a dispensation from Tom Baker')).map((m) => m.recipient_email), [ctx.emailOf('clerk')]);

    // A councillor does not decide it: that is the officers' work, on the council's resolution.
    const byTom = await tom.api('POST', `/api/v1/declarations/dispensations/${tomsDispensation}/decision`, { outcome: 'granted', decidedBy: 'council', reference: 'Minute 26/99', from: '2026-10-01', until: '2027-09-30' });
    assert.equal(byTom.statusCode, 403);
    assert.equal(byTom.json().error.id, 'day_to_day_running');

    await clerk.get(`/declarations/dispensations/${tomsDispensation}`);
    const byClerk = await clerk.post(`/declarations/dispensations/${tomsDispensation}/decision`, { outcome: 'granted', decidedBy: 'clerk', 'from-day': '1', 'from-month': '10', 'from-year': '2026', 'until-day': '30', 'until-month': '9', 'until-year': '2027' });
    assert.equal(byClerk.status, 400);
    assert.deepEqual(byClerk.errors(), ['The council has not delegated dispensations to the Town Clerk: record the council’s resolution']);
    const tooLong = await clerk.post(`/declarations/dispensations/${tomsDispensation}/decision`, { outcome: 'granted', decidedBy: 'council', reference: 'Minute 26/99', 'from-day': '1', 'from-month': '10', 'from-year': '2026', 'until-day': '1', 'until-month': '10', 'until-year': '2030' });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.errors().join(), /Localism Act 2011 s\.33\(3\)/);
    const apiTooLong = await clerk.api('POST', `/api/v1/declarations/dispensations/${tomsDispensation}/decision`, { outcome: 'granted', decidedBy: 'council', reference: 'Minute 26/99', from: '2026-10-01', until: '2030-10-01' });
    assert.equal(apiTooLong.statusCode, 400);
    assert.match(apiTooLong.json().error.fields[0].message, /four years \(Localism Act 2011 s\.33\(3\)\)/);
    const apiBackwards = await clerk.api('POST', `/api/v1/declarations/dispensations/${tomsDispensation}/decision`, { outcome: 'granted', decidedBy: 'council', reference: 'Minute 26/99', from: '2026-10-01', until: '2026-09-01' });
    assert.equal(apiBackwards.statusCode, 400);

    const granted = await clerk.post(`/declarations/dispensations/${tomsDispensation}/decision`, { outcome: 'granted', decidedBy: 'council', reference: 'Minute 26/99', 'from-day': '1', 'from-month': '10', 'from-year': '2026', 'until-day': '30', 'until-month': '9', 'until-year': '2027' });
    assert.equal(granted.status, 303, granted.errors().join());
    const page = await tom.get(`/declarations/dispensations/${tomsDispensation}`);
    assert.match(page.text('[data-testid="dispensation-summary"]'), /Granted for 1 October 2026 to 30 September 2027/);
    assert.match(page.text('[data-testid="dispensation-summary"]'), /By resolution of the council \(Minute 26\/99\)/);
    assert.deepEqual((await outbox('Your dispensation has been granted')).map((m) => [m.recipient_email, m.body.split('\n')[0]]), [[ctx.emailOf('riverside'), 'Your dispensation has been granted from 1 October 2026 to 30 September 2027.']]);
    const again = await clerk.api('POST', `/api/v1/declarations/dispensations/${tomsDispensation}/decision`, { outcome: 'refused', decidedBy: 'council', reference: 'Minute 26/100' });
    assert.equal(again.statusCode, 409);
    // Another councillor does not see it in full.
    const other = new TestClient(ctx.app);
    await other.signIn(ctx.emailOf('independent'));
    assert.equal((await other.get(`/declarations/dispensations/${tomsDispensation}`)).status, 404);
  });

  it('reminds the member and the Clerk 28 days before a dispensation ends, once', async () => {
    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select(['run_at', 'payload']).where('kind', '=', 'dispensation.remind_end').execute());
    assert.equal(jobs.length, 1);
    const runAt = new Date(jobs[0]!.run_at);
    assert.equal(runAt.toISOString().slice(0, 10), '2027-09-02', '28 days before 30 September 2027');
    // Queued twice, as a retry would.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.insertInto('jobs').values({ council_id: ctx.council.id, kind: 'dispensation.remind_end', payload: JSON.stringify(jobs[0]!.payload), run_at: runAt.toISOString() }).execute());
    const mailer = new RecordingMailer();
    const early = createJobRunner({ db: ctx.db, mailer, clock: () => new Date(runAt.getTime() - 86_400_000) });
    await early.runDue(new Date(runAt.getTime() - 86_400_000));
    assert.equal(mailer.sent.filter((m) => m.subject.startsWith('A dispensation ends')).length, 0, 'not before its day');
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => runAt });
    await runner.runDue(runAt);
    await runner.runDue(runAt);
    const sent = mailer.sent.filter((m) => m.subject === 'A dispensation ends on 30 September 2027');
    assert.deepEqual(sent.map((m) => m.to).sort(), [ctx.emailOf('clerk'), ctx.emailOf('riverside')].sort());
    assert.match(sent[0]!.text, /The dispensation granted to Tom Baker ends on 30 September 2027\./);
  });

  it('links a meeting’s declarations from its page once its agenda is out to the reader, and not before', async () => {
    const meetingId = await meetingScheduledEarlier(ctx, { meetingDate: '2026-12-11' });
    const link = async (who: TestClient) => (await who.get(`/meetings/${meetingId}`)).$('[data-testid="declarations-link"]').length;
    assert.equal(await link(tom), 0, 'the draft agenda is not his to see');
    assert.equal((await tom.get(`/declarations/meetings/${meetingId}`)).status, 404);
    assert.equal(await link(clerk), 1, 'the Clerk prepares it');
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('meetings').set({ summons_issued_on: '2026-11-20', summons_issued_at: new Date('2026-11-20T10:00:00Z'), summons_issue_count: 1 }).where('id', '=', meetingId).execute());
    assert.equal(await link(tom), 1);
    assert.equal((await tom.get(`/declarations/meetings/${meetingId}`)).status, 200);
  });

  it('withholds an item’s paper from a member with a pecuniary interest, under clause 2.6, and gives it once a dispensation covers the matter (page and API)', async () => {
    const meetingId = await meetingScheduledEarlier(ctx, { meetingDate: '2026-12-10' });
    const { paperId, documentId, itemId } = await ctx.db.tenant(ctx.council.id, async (trx) => {
      await trx.updateTable('meetings').set({ summons_issued_on: '2026-11-20', summons_issued_at: new Date('2026-11-20T10:00:00Z'), summons_issue_count: 1 }).where('id', '=', meetingId).execute();
      const item = await trx.insertInto('agenda_items').values({ council_id: ctx.council.id, meeting_id: meetingId, position: 1, title: 'Station Road planning application', details: '', matter_id: matters['Land at Station Road']! }).returning('id').executeTakeFirstOrThrow();
      const doc = await trx.selectFrom('documents').select('id').where('title', '=', 'Station Road planning application: officer’s report').executeTakeFirstOrThrow();
      const paper = await trx.insertInto('agenda_papers').values({ council_id: ctx.council.id, meeting_id: meetingId, agenda_item_id: item.id, request_id: null, title: 'Officer’s report', body: '', document_id: doc.id, created_by: ctx.people.clerk }).returning('id').executeTakeFirstOrThrow();
      return { paperId: paper.id, documentId: doc.id, itemId: item.id };
    });
    const refused = await hannah.get(`/meetings/${meetingId}/papers/${paperId}`);
    assert.equal(refused.status, 403);
    assert.match(refused.text('[data-testid="refusal"]'), /Refused under clause 2\.6 of the Ilminster Town Council protocol: a councillor may not see documents about a matter where they have a pecuniary interest\./);
    const refusedApi = await hannah.api('GET', `/api/v1/documents/${documentId}`);
    assert.equal(refusedApi.statusCode, 403);
    assert.equal(refusedApi.json().error.clause.number, '2.6');

    // Before the meeting, the item is marked as touching her register.
    const mine = await hannah.get(`/declarations/meetings/${meetingId}`);
    assert.equal(mine.$(`[data-testid="my-item"][data-item-id="${itemId}"]`).attr('data-touches'), 'yes');
    assert.match(mine.text(`[data-testid="my-item"][data-item-id="${itemId}"] [data-testid="touches"]`), /This item is about Land at Station Road, a matter in your register of interests\./);

    // Her request waiting in the demo is granted by the council.
    const request = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('dispensations').select('id').where('person_id', '=', ctx.people.market).executeTakeFirstOrThrow());
    const decided = await clerk.api('POST', `/api/v1/declarations/dispensations/${request.id}/decision`, { outcome: 'granted', decidedBy: 'council', reference: 'Minute 26/101', from: '2026-11-22', until: '2027-11-21' });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json().status, 'granted');

    const given = await hannah.get(`/meetings/${meetingId}/papers/${paperId}`);
    assert.equal(given.status, 200);
    assert.equal((await hannah.api('GET', `/api/v1/documents/${documentId}`)).statusCode, 200);
    const now = await hannah.get(`/declarations/meetings/${meetingId}`);
    assert.match(now.text(`[data-testid="my-item"][data-item-id="${itemId}"] [data-testid="my-dispensation"]`), /Your dispensation covers this item: Taking part in the discussion, until 21 November 2027\./);
    // The Clerk and the chair see it too; another councillor does not.
    const chair = new TestClient(ctx.app);
    await chair.signIn(ctx.emailOf('chair'));
    assert.match((await chair.get(`/declarations/meetings/${meetingId}`)).text('[data-testid="covering-dispensations"]'), /Hannah Price, item 1: Taking part in the discussion, until 21 November 2027\./);
    assert.equal((await tom.get(`/declarations/meetings/${meetingId}`)).$('[data-testid="covering-dispensations"]').length, 0);

    // Her declaration before the meeting, shown to the Clerk next to her dispensation.
    await hannah.get(`/declarations/meetings/${meetingId}`);
    // Sent with nothing chosen, it is not answered as sent.
    const empty = await hannah.post(`/declarations/meetings/${meetingId}/before`, { [`details-${itemId}`]: '' });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.errors(), ['Choose, for at least one item, the interest you have in it or that you have none']);
    assert.equal(empty.$('#declarations').length, 1, 'the message is on the form, where the summary links');
    const emptyApi = await hannah.api('POST', `/api/v1/declarations/meetings/${meetingId}/before`, { declarations: [] });
    assert.equal(emptyApi.statusCode, 400);
    assert.equal(emptyApi.json().error.fields[0].field, 'declarations');
    const declared = await hannah.post(`/declarations/meetings/${meetingId}/before`, { [`kind-${itemId}`]: 'pecuniary', [`details-${itemId}`]: 'My partner owns the adjoining field.' });
    assert.equal(declared.status, 303);
    const clerkView = await clerk.get(`/declarations/meetings/${meetingId}`);
    assert.match(clerkView.text(`[data-testid="declaration-before"][data-person-id="${ctx.people.market}"]`), /^Hannah Price, item 1 \(Station Road planning application\): Disclosable pecuniary interest\. My partner owns the adjoining field\. \(Dispensation: Taking part in the discussion, until 21 November 2027\.\)$/);
  });

  it('refuses declarations before a meeting from anyone not a member of its body, naming the clause', async () => {
    const committee = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const meeting = await trx.selectFrom('meetings').select(['id', 'committee_id']).where('committee_id', 'is not', null).where('summons_issued_on', 'is not', null).executeTakeFirstOrThrow();
      const members = (await trx.selectFrom('committee_members').select('person_id').where('committee_id', '=', meeting.committee_id).execute()).map((m) => m.person_id);
      const item = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meeting.id).orderBy('position').executeTakeFirstOrThrow();
      return { id: meeting.id, members, item: item.id };
    });
    const outsiderKey = (['riverside', 'market', 'independent', 'vice', 'chair'] as const).find((k) => !committee.members.includes(ctx.people[k]))!;
    assert.ok(outsiderKey, 'a councillor outside the committee');
    const outsider = new TestClient(ctx.app);
    await outsider.signIn(ctx.emailOf(outsiderKey));
    const page = await outsider.get(`/declarations/meetings/${committee.id}`);
    assert.equal(page.$('[data-testid="my-item"]').length, 0, 'no form to declare');
    const refused = await outsider.post(`/declarations/meetings/${committee.id}/before`, { [`kind-${committee.item}`]: 'none' });
    assert.equal(refused.status, 403);
    assert.equal(refused.$('[data-testid="refusal"]').attr('data-error-id'), 'declaration_not_member');
    assert.match(refused.text('[data-testid="refusal"]'), /clause 33/);
    const api = await outsider.api('POST', `/api/v1/declarations/meetings/${committee.id}/before`, { declarations: [{ itemId: committee.item, kind: 'none' }] });
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.id, 'declaration_not_member');
    const byOfficer = await officer.api('POST', `/api/v1/declarations/meetings/${committee.id}/before`, { declarations: [{ itemId: committee.item, kind: 'none' }] });
    assert.equal(byOfficer.statusCode, 403);

    // Before its summons is issued, a meeting's agenda is not out: there is nothing to declare on.
    const draft = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const meeting = await trx.selectFrom('meetings').select('id').where('summons_issued_on', 'is', null).where('committee_id', 'is', null).executeTakeFirstOrThrow();
      return { id: meeting.id, item: (await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meeting.id).executeTakeFirstOrThrow()).id };
    });
    assert.equal((await tom.api('POST', `/api/v1/declarations/meetings/${draft.id}/before`, { declarations: [{ itemId: draft.item, kind: 'none' }] })).statusCode, 404);
  });

  it('tells a member declaring for a meeting that has met that it has, whatever was sent, on the form and in the API', async () => {
    const met = 'The meeting has taken place: declarations made at it are recorded by the Town Clerk.';
    await tom.get(`/declarations/meetings/${lastMeeting}`);
    for (const sent of [{ [`details-${items['Play area fence']!}`]: '' }, { [`kind-${items['Play area fence']!}`]: 'none' }]) {
      const page = await tom.post(`/declarations/meetings/${lastMeeting}/before`, sent);
      assert.equal(page.status, 400);
      assert.deepEqual(page.errors(), [met], JSON.stringify(sent));
    }
    for (const body of [{ declarations: [] }, {}, { declarations: [{ itemId: items['Play area fence'], kind: 'none' }] }]) {
      const api = await tom.api('POST', `/api/v1/declarations/meetings/${lastMeeting}/before`, body);
      assert.equal(api.statusCode, 400, JSON.stringify(body));
      assert.equal(api.json().error.id, 'meeting_met', JSON.stringify(body));
      assert.equal(api.json().error.message, met);
    }
    const stored = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meeting_declarations').select('id').where('meeting_id', '=', lastMeeting).where('person_id', '=', ctx.people.riverside).where('stage', '=', 'before').execute());
    assert.equal(stored.length, 0, 'nothing stored');
  });

  it('refuses a councillor recording a declaration at the meeting: the Clerk records them', async () => {
    const page = await tom.post(`/declarations/meetings/${lastMeeting}/record`, { personId: ctx.people.independent, itemId: items['Play area fence']!, kind: 'other_registrable' });
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'day_to_day_running');
    const api = await tom.api('POST', `/api/v1/declarations/meetings/${lastMeeting}`, { personId: ctx.people.independent, itemId: items['Play area fence'], kind: 'other_registrable' });
    assert.equal(api.statusCode, 403);
    assert.ok(api.json().error.clause.number);
  });

  it('refuses a dispensation relied on that is not the member’s, or does not cover the item, naming s.31(4); and a non-member', async () => {
    const vices = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('dispensations').select('id').where('person_id', '=', ctx.people.vice).executeTakeFirstOrThrow());
    await clerk.get(`/declarations/meetings/${lastMeeting}`);
    const notHis = await clerk.post(`/declarations/meetings/${lastMeeting}/record`, { personId: ctx.people.riverside, itemId: items['Play area fence']!, kind: 'pecuniary', dispensationId: vices.id });
    assert.equal(notHis.status, 400);
    assert.match(notHis.errors().join(), /does not cover this item for this member on the day of the meeting.*Localism Act 2011 s\.31\(4\)/);
    // His own dispensation covers the fence's matter, not the planning item.
    const notCovering = await clerk.api('POST', `/api/v1/declarations/meetings/${lastMeeting}`, { personId: ctx.people.riverside, itemId: items['Planning application PA/2026/0142: land at Station Road'], kind: 'pecuniary', dispensationId: tomsDispensation });
    assert.equal(notCovering.statusCode, 400);
    assert.equal(notCovering.json().error.fields[0].field, 'dispensationId');
    assert.match(notCovering.json().error.fields[0].message, /s\.31\(4\)/);
    const former = await clerk.api('POST', `/api/v1/declarations/meetings/${lastMeeting}`, { personId: ctx.people.former, itemId: items['Play area fence'], kind: 'other_registrable' });
    assert.equal(former.statusCode, 400);
    assert.equal(former.json().error.fields[0].field, 'personId');
    const count = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meeting_declarations').select('id').where('meeting_id', '=', lastMeeting).where('person_id', 'in', [ctx.people.riverside, ctx.people.former]).execute());
    assert.equal(count.length, 0);

    const relied = await clerk.post(`/declarations/meetings/${lastMeeting}/record`, { personId: ctx.people.riverside, itemId: items['Play area fence']!, kind: 'pecuniary', details: 'His firm quoted for the fence.', dispensationId: tomsDispensation });
    assert.equal(relied.status, 303, relied.errors().join());
    const list = await clerk.get(`/declarations/meetings/${lastMeeting}`);
    assert.match(list.text(`[data-testid="declaration-recorded"][data-person-id="${ctx.people.riverside}"]`), /Relied on a dispensation \(Taking part in the discussion and voting, until 30 September 2027\)\./);
  });

  it('starts the 28 days to register a pecuniary interest declared at the meeting that is not in the register, and chases it', async () => {
    await clerk.get(`/declarations/meetings/${lastMeeting}`);
    const recorded = await clerk.api('POST', `/api/v1/declarations/meetings/${lastMeeting}`, { personId: ctx.people.independent, itemId: items['Planning application PA/2026/0142: land at Station Road'], kind: 'pecuniary', details: 'Owns a house on Station Road.', leftRoom: true, tookNoPart: true });
    assert.equal(recorded.statusCode, 201, recorded.body);
    assert.equal(recorded.json().registerBy, '2026-11-19', 'the meeting’s day and 28 days');
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const hub = await owen.get('/declarations');
    assert.match(hub.text(`[data-testid="registration-due"]`), /Declared at the meeting on 22 October 2026 \(item: Planning application PA\/2026\/0142: land at Station Road\): register it by 19 November 2026\. Overdue/);
    const clerkHub = await clerk.get('/declarations');
    assert.match(clerkHub.text(`[data-testid="registration-due"][data-person-id="${ctx.people.independent}"]`), /^Owen Hughes: /);
    const meetingPage = await owen.get(`/declarations/meetings/${lastMeeting}`);
    assert.match(meetingPage.text(`[data-testid="declaration-recorded"][data-person-id="${ctx.people.independent}"] [data-testid="register-by"]`), /to be registered by 19 November 2026 \(Localism Act 2011 s\.31\(3\)\)/);
    // The date tells that the register is behind: the member and the Clerk know it, another councillor does not, in the API as on the page.
    const owensOwn = (await owen.api('GET', `/api/v1/declarations/meetings/${lastMeeting}`)).json<{ declarations: { id: string; registerBy: string | null }[] }>();
    assert.equal(owensOwn.declarations.find((d) => d.id === recorded.json().id)!.registerBy, '2026-11-19');
    const tomsView = (await tom.api('GET', `/api/v1/declarations/meetings/${lastMeeting}`)).json<{ declarations: { id: string; registerBy: string | null }[] }>();
    assert.equal(tomsView.declarations.find((d) => d.id === recorded.json().id)!.registerBy, null);
    assert.equal((await tom.get(`/declarations/meetings/${lastMeeting}`)).$(`[data-testid="declaration-recorded"][data-person-id="${ctx.people.independent}"] [data-testid="register-by"]`).length, 0);

    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select(['run_at', 'payload']).where('kind', '=', 'declaration.register_chase').execute());
    const owens = jobs.filter((j) => (j.payload as { declarationId: string }).declarationId === recorded.json().id);
    assert.equal(owens.length, 1);
    const mailer = new RecordingMailer();
    const now = new Date('2026-11-22T12:00:00Z');
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => now });
    await runner.runDue(now);
    await runner.runDue(now);
    const chase = mailer.sent.filter((m) => m.subject === 'Register by 19 November 2026: an interest declared on 22 October 2026');
    assert.ok(chase.some((m) => m.to === ctx.emailOf('independent')), chase.map((m) => m.to).join());
    assert.ok(chase.some((m) => m.to === ctx.emailOf('clerk')));
    assert.match(chase.find((m) => m.to === ctx.emailOf('independent'))!.text, /Owen Hughes declared a disclosable pecuniary interest at the meeting on 22 October 2026 \(item: Planning application PA\/2026\/0142: land at Station Road\) that is not in the register of interests\. It must be registered by 19 November 2026 \(Localism Act 2011 s\.31\(3\)\)\./);

    // Once registered, it is no longer listed as due.
    await owen.get('/interests/new');
    assert.equal((await owen.post('/interests/new', { category: 'land', holder: 'self', description: 'House on Station Road', matterIds: matters['Land at Station Road']! })).status, 303);
    assert.equal((await owen.get('/declarations')).$(`[data-testid="registration-due"]`).length, 0);
  });

  it('puts the declarations in the minutes and in a public list for the meeting, signed out', async () => {
    const anyone = new TestClient(ctx.app);
    const list = await anyone.get(`/declarations/meetings/${lastMeeting}/public`);
    assert.equal(list.status, 200);
    const lines = list.$('[data-testid="declaration-made"]').map((_, el) => list.$(el).text().replace(/\s+/g, ' ').trim()).get();
    assert.ok(lines.includes('Jo Evans, item 3 (Play area fence): Non-registrable interest. Lives next to the play area. Left the room. Took no part.'), lines.join('\n'));
    assert.ok(lines.includes('Owen Hughes, item 4 (Planning application PA/2026/0142: land at Station Road): Disclosable pecuniary interest. Owns a house on Station Road. Left the room. Took no part.'), lines.join('\n'));
    assert.doesNotMatch(list.text('main'), /registered by/, 'the public list does not carry the register’s dates');
    const api = await anyone.api('GET', `/api/v1/declarations/meetings/${lastMeeting}/public`);
    assert.equal(api.statusCode, 200);
    assert.equal(api.json().declarations.length, 3);
    assert.deepEqual(Object.keys(api.json().declarations[0]).sort(), ['details', 'dispensation', 'item', 'itemTitle', 'kind', 'leftRoom', 'member', 'tookNoPart']);

    const minutes = await tom.get(`/meetings/${lastMeeting}/minutes`);
    assert.match(minutes.text('[data-testid="minutes-declarations"]'), /Tom Baker, item 3 \(Play area fence\): Disclosable pecuniary interest\. His firm quoted for the fence\. Took part under a dispensation\./);
    const minutesApi = await tom.api('GET', `/api/v1/meetings/${lastMeeting}/minutes`);
    assert.equal(minutesApi.json().declarations.length, 3);

    // A meeting whose summons is not issued has no public list yet.
    const draft = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').where('summons_issued_on', 'is', null).executeTakeFirstOrThrow());
    assert.equal((await anyone.get(`/declarations/meetings/${draft.id}/public`)).status, 404);
  });

  it('lets the Clerk decide a dispensation once the council has delegated it', async () => {
    const hub = await clerk.get('/declarations');
    assert.match(hub.text('[data-testid="delegation"]'), /^Each dispensation is decided by the council’s resolution\./);
    // A council delegates only by resolution: the Clerk says which.
    const unsaid = await clerk.post('/declarations/settings', { delegated: 'on' });
    assert.equal(unsaid.status, 400);
    assert.match(unsaid.text('.govuk-error-summary'), /Give the council’s resolution that delegated deciding dispensations to the Town Clerk \(a council delegates only by resolution: Local Government Act 1972 s\.101\)/);
    assert.equal(unsaid.$('#reference').attr('aria-describedby')?.includes('reference-error'), true, 'the error is beside the reference field');
    assert.equal(unsaid.$('input[name="delegated"]').attr('checked'), 'checked', 'the box stays ticked');
    const notDelegated = await tom.api('POST', '/api/v1/declarations/dispensations', { ground: 'e', reasons: 'Allowances', covers: 'voting', matterIds: [matters['Staffing review']], from: '2026-12-01', until: '2027-11-30' });
    assert.equal((await clerk.api('POST', `/api/v1/declarations/dispensations/${notDelegated.json().id}/decision`, { outcome: 'refused', decidedBy: 'clerk' })).statusCode, 400, 'nothing was delegated');

    assert.equal((await clerk.post('/declarations/settings', { delegated: 'on', reference: 'Minute 26/114 of 12 November 2026' })).status, 303);
    const saved = await clerk.get('/declarations');
    assert.equal(saved.text('[data-testid="delegation"]'), 'The council has delegated this to the Town Clerk: Minute 26/114 of 12 November 2026.');
    assert.equal(saved.text('.govuk-notification-banner__title'), 'Saved');
    assert.equal(saved.text('.govuk-notification-banner__heading'), 'Your changes have been saved.');
    const asked = await tom.api('POST', '/api/v1/declarations/dispensations', { ground: 'e', reasons: 'Allowances', covers: 'voting', matterIds: [matters['Staffing review']], from: '2026-12-01', until: '2027-11-30' });
    assert.equal(asked.statusCode, 201, asked.body);
    const deciding = await clerk.get(`/declarations/dispensations/${asked.json().id}`);
    assert.match(deciding.text('#decidedBy-2-item-hint'), /delegated this to the Town Clerk: Minute 26\/114 of 12 November 2026\./);
    const decided = await clerk.api('POST', `/api/v1/declarations/dispensations/${asked.json().id}/decision`, { outcome: 'refused', decidedBy: 'clerk' });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json().status, 'refused');
    assert.equal(decided.json().decidedBy, 'clerk');

    // Named by a resolution recorded in Concord, it reads as that minute.
    const resolution = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('resolutions').select(['id', 'minute_number']).orderBy('minute_number').executeTakeFirstOrThrow());
    await clerk.get('/declarations');
    assert.equal((await clerk.post('/declarations/settings', { delegated: 'on', resolutionId: resolution.id })).status, 303);
    assert.match((await clerk.get('/declarations')).text('[data-testid="delegation"]'), new RegExp(`^The council has delegated this to the Town Clerk: Minute ${resolution.minute_number.replace(/[/.]/g, '\\$&')}, `));
  });

  it('holds a delegation saved without its resolution not in force until the Clerk records it', async () => {
    // As a council that delegated before Concord asked for the resolution has it.
    await ctx.db.system((trx) =>
      trx
        .updateTable('councils')
        .set({ settings: sql`(settings - 'dispensationsDelegation') || '{"dispensationsDelegated": true}'::jsonb` })
        .where('id', '=', ctx.council.id)
        .execute(),
    );
    ctx.app.concord.councils.invalidate();
    const hub = await clerk.get('/declarations');
    assert.equal(hub.text('[data-testid="delegation"]'), 'The council’s delegation of this to the Town Clerk has no resolution recorded. Until it is recorded here, each dispensation is decided by the council’s resolution.');
    assert.equal(hub.$('input[name="delegated"]').attr('checked'), 'checked', 'only the resolution is left to add');
    const asked = await tom.api('POST', '/api/v1/declarations/dispensations', { ground: 'e', reasons: 'Allowances', covers: 'voting', matterIds: [matters['Staffing review']], from: '2026-12-01', until: '2027-11-30' });
    assert.equal(asked.statusCode, 201, asked.body);
    const deciding = await clerk.get(`/declarations/dispensations/${asked.json().id}`);
    assert.equal(deciding.text('#decidedBy-2-item-hint'), 'The council’s delegation of this to the Town Clerk has no resolution recorded. Until it is recorded here, each dispensation is decided by the council’s resolution.');
    const onPage = await clerk.post(`/declarations/dispensations/${asked.json().id}/decision`, { outcome: 'refused', decidedBy: 'clerk' });
    assert.equal(onPage.status, 400);
    assert.deepEqual(onPage.errors(), ['The council’s delegation to the Town Clerk has no resolution recorded: record it under ‘Who decides dispensations’ before deciding as the Town Clerk']);
    const byClerk = await clerk.api('POST', `/api/v1/declarations/dispensations/${asked.json().id}/decision`, { outcome: 'refused', decidedBy: 'clerk' });
    assert.equal(byClerk.statusCode, 400, byClerk.body);
    assert.equal(byClerk.json().error.fields[0].field, 'decidedBy');
    assert.match(byClerk.json().error.fields[0].message, /^The council’s delegation to the Town Clerk has no resolution recorded: record it under ‘Who decides dispensations’ before deciding as the Town Clerk/);
    assert.equal((await clerk.post('/declarations/settings', { delegated: 'on', reference: 'Minute 25/031 of 14 May 2025' })).status, 303);
    assert.equal((await clerk.api('POST', `/api/v1/declarations/dispensations/${asked.json().id}/decision`, { outcome: 'refused', decidedBy: 'clerk' })).statusCode, 200, 'in force once recorded');
  });

  it('gives the papers of a meeting still to come, once its summons is out, under a dispensation from its day, not one from the day after; the library and every agenda holding the paper agree', async () => {
    // Last, as it registers an interest of Owen Hughes's that the register's chase above must not see.
    // He registers a pecuniary interest in the play area contract; its quotes are a paper for a meeting on 17 December.
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const meetingId = await meetingScheduledEarlier(ctx, { meetingDate: '2026-12-17' });
    const { paperId, documentId } = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const item = await trx.insertInto('agenda_items').values({ council_id: ctx.council.id, meeting_id: meetingId, position: 1, title: 'Play area fence: award of contract', details: '', matter_id: matters['Play area fencing contract']! }).returning('id').executeTakeFirstOrThrow();
      const doc = await trx.selectFrom('documents').select('id').where('title', '=', 'Play area fencing: quotes').executeTakeFirstOrThrow();
      const paper = await trx.insertInto('agenda_papers').values({ council_id: ctx.council.id, meeting_id: meetingId, agenda_item_id: item.id, request_id: null, title: 'The quotes', body: '', document_id: doc.id, created_by: ctx.people.clerk }).returning('id').executeTakeFirstOrThrow();
      const interest = await trx
        .insertInto('interests')
        .values({ council_id: ctx.council.id, person_id: ctx.people.independent, kind: 'pecuniary', category: 'employment', holder: 'self', description: 'I work for one of the firms quoting.', sensitive: false, registered_on: '2026-11-01', ended_on: null, supersedes: null, superseded_on: null, recorded_by: ctx.people.independent })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('interest_matters').values({ council_id: ctx.council.id, interest_id: interest.id, matter_id: matters['Play area fencing contract']! }).execute();
      return { paperId: paper.id, documentId: doc.id };
    });
    const grant = async (from: string, until: string) => {
      const asked = await owen.api('POST', '/api/v1/declarations/dispensations', { ground: 'b', reasons: 'Most of the council work for the firms quoting.', covers: 'both', matterIds: [matters['Play area fencing contract']], from, until });
      assert.equal(asked.statusCode, 201, asked.body);
      const decided = await clerk.api('POST', `/api/v1/declarations/dispensations/${asked.json().id}/decision`, { outcome: 'granted', decidedBy: 'council', reference: 'Minute 26/120', from, until });
      assert.equal(decided.statusCode, 200, decided.body);
    };
    const library = async () => (await owen.api('GET', `/api/v1/documents/${documentId}`)).statusCode;
    const answers = async () => ({
      paper: (await owen.get(`/meetings/${meetingId}/papers/${paperId}`)).status,
      document: await library(),
      listed: (await owen.get(`/meetings/${meetingId}`)).$(`a[href$="/papers/${paperId}"]:not([data-testid="withheld-link"])`).length === 1,
    });

    const refused = await owen.get(`/documents/${documentId}`);
    assert.equal(refused.status, 403);
    assert.match(refused.text('[data-testid="refusal"]'), /Refused under clause 2\.6 of the Ilminster Town Council protocol/);
    assert.match(refused.text('main'), /a dispensation that covers the matter lets you have its papers, and a meeting’s papers before the meeting when it covers the day of the meeting\./);
    // A dispensation starting the day after the meeting does not cover it, and is not in force today.
    await grant('2026-12-18', '2027-12-17');
    assert.equal(await library(), 403);
    // One starting on the meeting's day: not while the agenda is a draft, since the papers have not gone out.
    await grant('2026-12-17', '2027-12-16');
    assert.equal(await library(), 403, 'a draft agenda lifts no bar');
    // Once the summons is issued he can prepare, from the meeting page, the paper and the library.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('meetings').set({ summons_issued_on: '2026-11-20', summons_issued_at: new Date('2026-11-20T10:00:00Z'), summons_issue_count: 1 }).where('id', '=', meetingId).execute());
    assert.deepEqual(await answers(), { paper: 200, document: 200, listed: true });

    // The quotes are also a paper of last month's meeting (the demo's): judged as the document is, so that agenda agrees with the library.
    const earlier = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('agenda_papers').select(['id', 'title']).where('meeting_id', '=', lastMeeting).where('document_id', '=', documentId).executeTakeFirstOrThrow());
    assert.equal((await owen.get(`/meetings/${lastMeeting}/papers/${earlier.id}`)).status, 200);

    // Taken off December's agenda, the quotes are judged on today again, everywhere: the dispensation is not yet in force.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.deleteFrom('agenda_papers').where('id', '=', paperId).execute());
    const api = await owen.api('GET', `/api/v1/documents/${documentId}`);
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.clause.number, '2.6');
    assert.equal((await owen.get(`/meetings/${lastMeeting}/papers/${earlier.id}`)).status, 403);
    assert.match((await owen.get(`/meetings/${lastMeeting}`)).text('[data-testid="withheld-papers"]'), new RegExp(`^${earlier.title}: withheld from you\\. Refused under clause 2\\.6`));
  });

  it('leaves out of the public register the matters of a councillor’s sensitive interest, which the register of interests withholds', async () => {
    // Priya's sensitive interest (kept without details) is tied to the staffing review, which her dispensation covers.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const interest = await trx.selectFrom('interests').select('id').where('person_id', '=', ctx.people.vice).where('sensitive', '=', true).executeTakeFirstOrThrow();
      await trx.insertInto('interest_matters').values({ council_id: ctx.council.id, interest_id: interest.id, matter_id: matters['Staffing review']! }).execute();
    });
    const anyone = new TestClient(ctx.app);
    const interests = await anyone.get('/interests/register');
    assert.doesNotMatch(interests.text('main'), /Staffing review/, 'the register of interests names none of its matters');
    const page = await anyone.get('/declarations/dispensations/public');
    const entry = page.$(`[data-testid="public-dispensation"]`).filter((_, el) => page.$(el).find('h2').text() === 'Priya Shah');
    assert.equal(entry.length, 1, 'the dispensation is still on the register');
    assert.doesNotMatch(entry.text(), /Staffing review/);
    assert.match(entry.text(), /matters withheld, as the details of the councillor’s sensitive interest are/);
    const api = await anyone.api('GET', '/api/v1/declarations/dispensations/public');
    const priya = api.json().dispensations.find((d: { councillor: string }) => d.councillor === 'Priya Shah');
    assert.deepEqual([priya.matters, priya.detailsWithheld], [[], true]);
    // The Clerk's own page of it still says what it covers.
    const dispensationId = entry.attr('data-dispensation-id')!;
    assert.match((await clerk.get(`/declarations/dispensations/${dispensationId}`)).text('main'), /Staffing review/);
  });
});

/** The demo's today is Sunday 22 November 2026. Jo Evans (the chair) registers a pecuniary interest in the play area fencing contract. */
describe('a paper withheld for an interest, from a member whose request for a dispensation is waiting', () => {
  let ctx: TestContext;
  let jo: TestClient;
  let clerk: TestClient;
  let fencing: string;
  let quotes: string;
  let paperPath: string;
  const ASK_ADVICE = /you can ask for a dispensation under section 33 of the Localism Act 2011/;
  /** What the refusal of the quotes says: the clause, the advice, the pages offered instead; page and API. */
  const refusalOf = async (path: string) => {
    const page = await jo.get(path);
    assert.equal(page.status, 403, path);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'interest_conflict');
    return {
      clause: page.text('[data-testid="refusal"]'),
      advice: page.text('[data-testid="refusal-advice"]'),
      instead: page.$('[data-testid="refusal-instead"] a').map((_, a) => page.$(a).attr('href')!).get(),
    };
  };
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    jo = new TestClient(ctx.app);
    await jo.signIn(ctx.emailOf('chair'));
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      fencing = (await trx.selectFrom('matters').select('id').where('title', '=', 'Play area fencing contract').executeTakeFirstOrThrow()).id;
      quotes = (await trx.selectFrom('documents').select('id').where('title', '=', 'Play area fencing: quotes').executeTakeFirstOrThrow()).id;
      // Last month's meeting took the quotes as the fence item's paper.
      const paper = await trx.selectFrom('agenda_papers').select(['id', 'meeting_id']).where('document_id', '=', quotes).executeTakeFirstOrThrow();
      paperPath = `/meetings/${paper.meeting_id}/papers/${paper.id}`;
    });
    await jo.get('/interests/new');
    assert.equal((await jo.post('/interests/new', { category: 'employment', holder: 'partner', description: 'My partner works for one of the firms that quoted for the fence', matterIds: fencing })).status, 303);
  });
  after(() => ctx.close());

  it('advises a member who has not asked to ask for a dispensation', async () => {
    for (const path of [`/documents/${quotes}`, paperPath]) {
      const refusal = await refusalOf(path);
      assert.match(refusal.clause, /Refused under clause 2\.6 of the Ilminster Town Council protocol/, path);
      assert.match(refusal.advice, ASK_ADVICE, path);
      assert.deepEqual(refusal.instead, ['/interests', '/declarations/dispensations/new'], path);
    }
  });

  let request: string;
  it('tells a member whose request is waiting that it is, and since when, still naming the clause, on the library’s page and the meeting’s', async () => {
    await jo.get('/declarations/dispensations/new');
    const sent = await jo.post('/declarations/dispensations/new', {
      ground: 'a',
      reasons: 'So many of us have links to the firms that quoted that the fence could not be decided without us.',
      covers: 'both',
      matterIds: fencing,
      'from-day': '1',
      'from-month': '12',
      'from-year': '2026',
      'until-day': '30',
      'until-month': '11',
      'until-year': '2027',
    });
    assert.equal(sent.status, 303, sent.errors().join());
    request = sent.location!.split('/').pop()!;

    for (const path of [`/documents/${quotes}`, paperPath]) {
      const refusal = await refusalOf(path);
      assert.match(refusal.clause, /Refused under clause 2\.6 of the Ilminster Town Council protocol: a councillor may not see documents about a matter where they have a pecuniary interest\./, path);
      assert.equal(
        refusal.advice,
        'Your request for a dispensation covering this matter, made on 22 November 2026, is waiting for a decision, and you will be told when it is decided. If it is granted, you can have the matter’s papers, and a meeting’s papers before the meeting when it covers the day of the meeting. If your interest has ended, update the register of interests. Otherwise speak to the Town Clerk, who can seek advice.',
        path,
      );
      assert.deepEqual(refusal.instead, ['/interests', `/declarations/dispensations/${request}`], path);
    }
    const api = await jo.api('GET', `/api/v1/documents/${quotes}`);
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.clause.number, '2.6');
    assert.deepEqual(api.json().error.instead.map((i: { href: string }) => i.href.replace(/^\/c\/[\w-]+/, '')), ['/interests', `/declarations/dispensations/${request}`]);

    // In Welsh, where the council works in both languages.
    await ctx.db.system((trx) => sql`update councils set settings = settings || '{"languages": ["en", "cy"]}'::jsonb where id = ${ctx.council.id}`.execute(trx));
    ctx.app.concord.councils.invalidate();
    const welsh = await refusalOf(`/documents/${quotes}?lang=cy`);
    assert.match(welsh.clause, /^Gwrthodwyd o dan gymal 2\.6/);
    assert.match(welsh.advice, /^Mae eich cais am oddefeb sy’n cynnwys y mater hwn, a wnaed ar 22 Tachwedd 2026, yn aros am benderfyniad, a chewch wybod pan fydd wedi’i benderfynu\./);
    assert.deepEqual(welsh.instead, ['/interests', `/declarations/dispensations/${request}`]);
    // The switch is kept on her account: back to English.
    await jo.get('/documents?lang=en');
  });

  it('advises asking, on the meeting’s page as in the library, where the paper is also about a matter no waiting request covers', async () => {
    // The quotes turn out to be about the play area grant too, in which she also has an interest and has asked nothing.
    const grant = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const matter = await trx.insertInto('matters').values({ council_id: ctx.council.id, title: 'Play area grant', kind: 'finance' }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('document_matters').values({ council_id: ctx.council.id, document_id: quotes, matter_id: matter.id }).execute();
      return matter.id;
    });
    await jo.get('/interests/new');
    assert.equal((await jo.post('/interests/new', { category: 'employment', holder: 'partner', description: 'My partner advises the grant-giving trust', matterIds: grant })).status, 303);
    for (const path of [`/documents/${quotes}`, paperPath]) {
      const refusal = await refusalOf(path);
      assert.match(refusal.advice, ASK_ADVICE, path);
      assert.deepEqual(refusal.instead, ['/interests', '/declarations/dispensations/new'], path);
    }
  });

  it('advises asking again once the request is refused', async () => {
    await clerk.get(`/declarations/dispensations/${request}`);
    assert.equal((await clerk.post(`/declarations/dispensations/${request}/decision`, { outcome: 'refused', decidedBy: 'council', reference: 'Minute 26/120' })).status, 303);
    const refusal = await refusalOf(`/documents/${quotes}`);
    assert.match(refusal.advice, ASK_ADVICE);
    assert.deepEqual(refusal.instead, ['/interests', '/declarations/dispensations/new']);
  });
});

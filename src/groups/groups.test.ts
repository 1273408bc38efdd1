import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

type Key = Parameters<TestContext['emailOf']>[0];

describe('political groups: requests to the officers, reports and the notices to every other group (Ledbury)', () => {
  let ctx: TestContext;
  let riverside: string;
  let market: string;
  let briefingId: string;
  let reportId: string;
  const signedIn = async (key: Key) => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf(key));
    return client;
  };
  const outbox = (subjectLike: string) =>
    ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['recipient_email', 'subject', 'body']).where('subject', 'like', subjectLike).orderBy('recipient_email').execute());
  const noticesOf = (id: string) => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('group_notices').select(['group_id']).where('report_id', '=', id).execute());

  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const groups = await trx.selectFrom('political_groups').select(['id', 'name']).execute();
      riverside = groups.find((g) => g.name === 'Riverside Group')!.id;
      market = groups.find((g) => g.name === 'Market Ward Independents')!.id;
    });
  });
  after(() => ctx.close());

  it('shows the demo: a declined request, an issued report, and its notice in the other group’s list', async () => {
    const jo = await signedIn('chair');
    const page = await jo.get('/groups');
    assert.equal(page.status, 200);
    assert.match(page.text('[data-testid="group-requests"]'), /The riverside path and the flood defences.*Declined/);
    assert.match(page.text('[data-testid="group-notices"]'), /Market Ward Independents was given a written report on “Market stall charges”/);
    assert.equal(page.$('[data-testid="group-reports"]').length, 0, 'the report given to the other group is not in Riverside’s list');
  });

  it('sends a member’s request to the Clerk’s queue, and emails the Clerk', async () => {
    const priya = await signedIn('vice');
    const form = await priya.get('/groups/requests/new');
    assert.equal(form.status, 200);
    assert.equal(form.$('input[name="groupId"]').attr('value'), market);
    const sent = await priya.post('/groups/requests/new', { groupId: market, kind: 'briefing', subject: 'Parking on Bye Street', details: 'Before the public meeting.' });
    assert.equal(sent.status, 303, sent.text('.govuk-error-summary'));
    briefingId = sent.location!.split('/').pop()!;
    const clerk = await signedIn('clerk');
    const queue = await clerk.get('/groups');
    assert.match(queue.text('[data-testid="group-requests"]'), /Parking on Bye Street\s*Market Ward Independents\s*a briefing\s*Waiting/);
    const mail = await outbox('%asks for a briefing%');
    assert.deepEqual(mail.map((m) => m.recipient_email), ['clerk@example.org']);
    assert.match(mail[0]!.body, /Priya Shah has asked, for Market Ward Independents, for a briefing: Parking on Bye Street/);
  });

  it('records a decline as the officer’s right, under clause 4.2, and tells the requester', async () => {
    const clerk = await signedIn('clerk');
    const page = await clerk.get(`/groups/requests/${briefingId}`);
    assert.match(page.text('form[action$="/decline"]'), /without giving a reason.*clause 4\.2/);
    const declined = await clerk.post(`/groups/requests/${briefingId}/decline`, {});
    assert.equal(declined.status, 303);
    const after = await clerk.get(`/groups/requests/${briefingId}`);
    assert.match(after.text('[data-testid="declined-as"]'), /Declined by Alex Morgan on .* as the officers’ right under clause 4\.2\. No reason is needed, and nothing follows for the officer\./);
    assert.equal(after.$('form[action$="/accept"]').length, 0, 'decided once');
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('group_requests').select(['status', 'decline_clause', 'assigned_to']).where('id', '=', briefingId).executeTakeFirstOrThrow());
    assert.deepEqual(row, { status: 'declined', decline_clause: '4.2', assigned_to: null });
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('data').where('action', '=', 'group_request.declined').where('entity_id', '=', briefingId).executeTakeFirstOrThrow());
    assert.deepEqual(audit.data, { asOfficersRight: true, clause: { number: '4.2', protocol: 'Ledbury Town Council protocol' } });
    const mail = await outbox('%“Parking on Bye Street” was declined%');
    assert.deepEqual(mail.map((m) => m.recipient_email), ['vice@example.org']);
    assert.match(mail[0]!.body, /Under clause 4\.2 of the Ledbury Town Council protocol, no political group can require an officer/);
    const again = await clerk.api('POST', `/api/v1/group-requests/${briefingId}/decline`);
    assert.equal(again.statusCode, 409);
  });

  it('records who does accepted work and by when', async () => {
    const hannah = await signedIn('market');
    const asked = await hannah.api('POST', '/api/v1/group-requests', { groupId: market, kind: 'attendance', subject: 'Our March meeting', meetingOn: '2027-03-04' });
    assert.equal(asked.statusCode, 201, asked.body);
    const missingDay = await hannah.api('POST', '/api/v1/group-requests', { groupId: market, kind: 'attendance', subject: 'No day given' });
    assert.equal(missingDay.statusCode, 400);
    assert.equal(missingDay.json().error.fields[0].field, 'meetingOn');
    const clerk = await signedIn('clerk');
    const accepted = await clerk.api('POST', `/api/v1/group-requests/${asked.json().id}/accept`, { assignedTo: ctx.people.officer, dueOn: '2027-03-04' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().status, 'accepted');
    assert.deepEqual(accepted.json().assignedTo, { id: ctx.people.officer, name: 'Sam Patel' });
    assert.equal(accepted.json().decidedBy, 'Alex Morgan');
    const byCouncillor = await hannah.api('POST', `/api/v1/group-requests/${asked.json().id}/decline`);
    assert.equal(byCouncillor.statusCode, 403);
  });

  it('refuses a request from someone outside the group, and from a committee chair, naming the clause', async () => {
    const owen = await signedIn('independent');
    const page = await owen.get('/groups/requests/new');
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'group_request_own_group');
    assert.match(page.text('[data-testid="refusal"]'), /clause 4\.1 of the Ledbury Town Council protocol/);
    const forOthers = await owen.api('POST', '/api/v1/group-requests', { groupId: market, kind: 'briefing', subject: 'Not my group' });
    assert.equal(forOthers.statusCode, 403);

    // Tom Baker leads the Riverside Group and chairs the Standing Committee.
    const tom = await signedIn('riverside');
    const res = await tom.api('POST', '/api/v1/group-requests', { groupId: riverside, kind: 'written_report', subject: 'Party leaflet figures' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.id, 'group_request_by_chair');
    assert.equal(res.json().error.clause.number, '4.2', 'the clause that speaks to a Leader comes first');
  });

  it('refuses a report carrying a recommendation, naming the field and clause 4.3', async () => {
    const clerk = await signedIn('clerk');
    const before = await ctx.db.tenant(ctx.council.id, async (trx) => (await trx.selectFrom('group_reports').select('id').execute()).length);
    const res = await clerk.api('POST', '/api/v1/group-reports', {
      groupId: market,
      kind: 'advice',
      subject: 'Bye Street parking',
      facts: 'There are 40 spaces.',
      options: 'Charge, or do not.',
      recommendation: 'Charge.',
      confirmNeutral: true,
    });
    assert.equal(res.statusCode, 400);
    const field = res.json().error.fields[0];
    assert.equal(field.field, 'recommendation');
    assert.match(field.message, /clause 4\.3 of the Ledbury Town Council protocol/);
    const unconfirmed = await clerk.api('POST', '/api/v1/group-reports', { groupId: market, kind: 'advice', subject: 'x', facts: 'y', options: 'z', confirmNeutral: false });
    assert.equal(unconfirmed.statusCode, 400);
    assert.equal(unconfirmed.json().error.fields[0].field, 'confirmNeutral');
    assert.equal(await ctx.db.tenant(ctx.council.id, async (trx) => (await trx.selectFrom('group_reports').select('id').execute()).length), before, 'nothing stored');
  });

  it('issues a report to one group and, in the same change, a notice to every other group with an email to each member', async () => {
    const clerk = await signedIn('clerk');
    const form = await clerk.get('/groups/reports/new');
    assert.match(form.text('[data-testid="neutral-lead"]'), /no recommendation.*\(Clause 4\.3\)/);
    assert.equal(form.$('[name="recommendation"]').length, 0, 'the form has no place for a recommendation');
    const issued = await clerk.post('/groups/reports/new', {
      groupId: market,
      kind: 'report',
      subject: 'Town hall lettings',
      facts: 'The hall was let on 120 evenings last year.',
      options: 'Lower the rate for community groups, or keep one rate for all.',
      confirmNeutral: 'true',
    });
    assert.equal(issued.status, 303, issued.text('.govuk-error-summary'));
    reportId = issued.location!.split('/').pop()!;
    assert.deepEqual((await noticesOf(reportId)).map((n) => n.group_id), [riverside]);
    const notices = await outbox('%another group was given a written report%');
    assert.deepEqual(notices.filter((m) => m.body.includes('Town hall lettings')).map((m) => m.recipient_email), ['chair@example.org', 'tom@example.org']);
    const own = await outbox('%a written report for Market Ward Independents: Town hall lettings%');
    assert.deepEqual(own.map((m) => m.recipient_email), ['hannah@example.org', 'vice@example.org']);
    const page = await clerk.get(`/groups/reports/${reportId}`);
    assert.deepEqual(page.$('[data-testid="told-groups"] li').map((_, li) => page.$(li).text()).get(), ['Riverside Group']);

    // The other group: the notice in its list and on the home page, not the report itself.
    const jo = await signedIn('chair');
    assert.match((await jo.get('/groups')).text('[data-testid="group-notices"]'), /Market Ward Independents was given a written report on “Town hall lettings”\. Your group can ask for the same\./);
    assert.match((await jo.get('/')).text('[data-testid="home-group-notices"]'), /Town hall lettings/);
    const refused = await jo.get(`/groups/reports/${reportId}`);
    assert.equal(refused.status, 403);
    assert.equal(refused.$('[data-testid="refusal"]').attr('data-error-id'), 'group_papers_own_group');
    assert.match(refused.text('[data-testid="refusal"]'), /clause 4\.4/);
    const api = await jo.api('GET', '/api/v1/group-notices');
    assert.ok(api.json().notices.some((n: { subject: string; givenTo: string }) => n.subject === 'Town hall lettings' && n.givenTo === 'Market Ward Independents'));
    // The group given it reads it as issued.
    const priya = await signedIn('vice');
    const read = await priya.api('GET', `/api/v1/group-reports/${reportId}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().facts, 'The hall was let on 120 evenings last year.');
    assert.equal(read.json().neutralityConfirmed, true);
    await assert.rejects(ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('group_reports').set({ facts: 'changed' }).where('id', '=', reportId).execute()), /kept as issued/);
  });

  it('tells every other group exactly once when two reports are issued at the same moment', async () => {
    const clerk = await signedIn('clerk');
    const body = (groupId: string, subject: string) => ({ groupId, kind: 'advice', subject, facts: 'The facts.', options: 'The options.', confirmNeutral: true });
    const [a, b] = await Promise.all([clerk.api('POST', '/api/v1/group-reports', body(riverside, 'Allotment rents')), clerk.api('POST', '/api/v1/group-reports', body(market, 'Christmas lights'))]);
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(b.statusCode, 201, b.body);
    assert.deepEqual((await noticesOf(a.json().id)).map((n) => n.group_id), [market]);
    assert.deepEqual((await noticesOf(b.json().id)).map((n) => n.group_id), [riverside]);
    const toMarket = (await outbox('%another group was given advice%')).filter((m) => m.body.includes('Allotment rents'));
    assert.deepEqual(toMarket.map((m) => m.recipient_email), ['hannah@example.org', 'vice@example.org']);
    const toRiverside = (await outbox('%another group was given advice%')).filter((m) => m.body.includes('Christmas lights'));
    assert.deepEqual(toRiverside.map((m) => m.recipient_email), ['chair@example.org', 'tom@example.org']);
  });

  it('gives every group the report itself where the council says so', async () => {
    const clerk = await signedIn('clerk');
    const saved = await clerk.post('/groups/settings', { groupRequestsBy: 'members', groupReportsToAllGroups: 'true' });
    assert.equal(saved.status, 303);
    const res = await clerk.api('POST', '/api/v1/group-reports', { groupId: market, kind: 'report', subject: 'Cemetery fees', facts: 'F.', options: 'O.', confirmNeutral: true });
    assert.equal(res.json().sharedInFull, true);
    const jo = await signedIn('chair');
    assert.equal((await jo.get(`/groups/reports/${res.json().id}`)).status, 200);
    assert.match((await jo.get('/groups')).text('[data-testid="group-notices"]'), /“Cemetery fees”\. Every group is given it in full/);
    await clerk.post('/groups/settings', { groupRequestsBy: 'members' });
  });

  it('lets only the leader ask where the council says so', async () => {
    const clerk = await signedIn('clerk');
    await clerk.post('/groups/settings', { groupRequestsBy: 'leader' });
    const priya = await signedIn('vice');
    const res = await priya.api('POST', '/api/v1/group-requests', { groupId: market, kind: 'briefing', subject: 'Leader only' });
    assert.equal(res.statusCode, 403);
    const hannah = await signedIn('market');
    assert.equal((await hannah.api('POST', '/api/v1/group-requests', { groupId: market, kind: 'briefing', subject: 'Leader asks' })).statusCode, 201);
    await clerk.post('/groups/settings', { groupRequestsBy: 'members' });
  });
});

describe('officers’ reports: the recommendation is the officer’s own (Ledbury)', () => {
  let ctx: TestContext;
  let reportId: string;
  const signedIn = async (key: Key) => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf(key));
    return client;
  };
  const report = { title: 'Play area resurfacing', body: 'Three quotes were received.', recommendation: 'Accept the quote from Greenway Surfaces.' };
  before(async () => {
    ctx = await testApp({ template: 'ledbury', now: () => FIXED_NOW });
  });
  after(() => ctx.close());

  it('lets an officer issue a report with a recommendation', async () => {
    const sam = await signedIn('officer');
    const res = await sam.api('POST', '/api/v1/officer-reports', report);
    assert.equal(res.statusCode, 201, res.body);
    reportId = res.json().id;
    assert.equal(res.json().recommendation, report.recommendation);
    assert.equal(res.json().version, 1);
  });

  it('refuses a councillor who tries to change the recommendation, or to ask for it to be changed, with clause 2.5', async () => {
    const jo = await signedIn('chair');
    const edit = await jo.api('PUT', `/api/v1/officer-reports/${reportId}`, { ...report, recommendation: 'Accept the cheapest quote.' });
    assert.equal(edit.statusCode, 403);
    assert.equal(edit.json().error.id, 'recommendation_officers_own');
    assert.equal(edit.json().error.clause.number, '2.5');
    const ask = await jo.api('POST', `/api/v1/officer-reports/${reportId}/recommendation-change-requests`, {});
    assert.equal(ask.statusCode, 403);
    assert.equal(ask.json().error.id, 'recommendation_change_request');
    const page = await jo.post(`/officer-reports/${reportId}`, { ...report, recommendation: 'Changed' });
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /clause 2\.5 of the Ledbury Town Council protocol/);
    const shown = await jo.get(`/officer-reports/${reportId}`);
    assert.match(shown.text('[data-testid="recommendation"]'), /Accept the quote from Greenway Surfaces\./);
    assert.equal(shown.$(`form[action="/officer-reports/${reportId}"]`).length, 0, 'no edit form for a councillor');
    assert.equal(shown.$('[data-testid="raise-concern"]').length, 0);
  });

  it('records councillors’ views beside the report, under their names, apart from the recommendation', async () => {
    const tom = await signedIn('riverside');
    const res = await tom.post(`/officer-reports/${reportId}/views`, { body: 'The cheapest quote would leave money for benches.' });
    assert.equal(res.status, 303);
    const page = await tom.get(`/officer-reports/${reportId}`);
    assert.match(page.text('[data-testid="councillors-views"]'), /Tom Baker.*The cheapest quote would leave money for benches\./);
    assert.doesNotMatch(page.text('[data-testid="recommendation"]'), /benches/);
    const sam = await signedIn('officer');
    assert.equal((await sam.api('POST', `/api/v1/officer-reports/${reportId}/views`, { body: 'An officer’s view' })).statusCode, 403);
  });

  it('keeps versions, and only the author changes the recommendation', async () => {
    const clerk = await signedIn('clerk');
    const byClerk = await clerk.api('PUT', `/api/v1/officer-reports/${reportId}`, { ...report, recommendation: 'Defer.' });
    assert.equal(byClerk.statusCode, 403);
    assert.equal(byClerk.json().error.id, 'recommendation_authors_own');
    const sam = await signedIn('officer');
    const revised = await sam.api('PUT', `/api/v1/officer-reports/${reportId}`, { ...report, recommendation: 'Accept the quote from Greenway Surfaces, with the extra edging.' });
    assert.equal(revised.statusCode, 200, revised.body);
    const versions = revised.json().versions as { version: number; changedBy: { id: string }; recommendationChanged: boolean; recommendation: string }[];
    assert.deepEqual(versions.map((v) => [v.version, v.recommendationChanged]), [[1, false], [2, true]]);
    assert.ok(versions.every((v) => v.changedBy.id === ctx.people.officer), 'only the author changed it');
    assert.equal(versions[0]!.recommendation, report.recommendation, 'the first version is kept');
    const page = await sam.get(`/officer-reports/${reportId}`);
    assert.match(page.text('[data-testid="versions"]'), /Version 2, by Sam Patel.*recommendation changed/);
    assert.equal(page.$('[data-testid="raise-concern"]').attr('href'), '/concerns/new');
  });
});

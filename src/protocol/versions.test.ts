import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { TestClient } from '../../test/helpers/client.js';
import { createJobRunner } from '../capabilities/registry.js';
import { addDays } from '../calendar/dates.js';
import { londonDate } from '../policy/principal.js';
import { auditEntries } from '../setup/test-support.js';

/** Run every job due at `at`, and what those queue, until nothing is left; none may fail. */
async function runJobs(ctx: TestContext, at: Date): Promise<void> {
  const errors: unknown[] = [];
  const runner = createJobRunner({ db: ctx.db, mailer: new RecordingMailer(), clock: () => at, onError: (e) => errors.push(e) });
  for (;;) {
    const { done, failed } = await runner.runDue(at);
    assert.equal(failed, 0, `a job failed: ${errors.map(String).join('; ')}`);
    if (done === 0) return;
  }
}

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

describe('a new version of the protocol: drafted, approved by a resolution, in force on its day', () => {
  let ctx: TestContext;
  let now = FIXED_NOW;
  const today = londonDate(FIXED_NOW);
  const inForceFrom = addDays(today, 7);
  const reviewDueOn = addDays(today, 365);
  let clerk: TestClient;
  let chair: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => now });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    chair = new TestClient(ctx.app);
    await chair.signIn(ctx.emailOf('chair'));
  });
  after(() => ctx.close());

  const outbox = (subject: RegExp) =>
    ctx.db.tenant(ctx.council.id, async (trx) => (await trx.selectFrom('outbox_messages').select(['recipient_email', 'subject', 'body']).execute()).filter((m) => subject.test(m.subject)));
  /** The chair asks an officer directly for work: refused under the clause carrying no-individual-instruction. */
  const instruct = async () => {
    const res = await chair.api('POST', '/api/v1/tasks', { title: 'Cut the hedge', resolutionId: ctx.people.officer, assignedTo: ctx.people.officer });
    assert.equal(res.statusCode, 403);
    return res.json().error.clause as { number: string; text: string };
  };

  it('shows the demo’s draft waiting for approval on the Clerk’s home page and the overdue review', async () => {
    const home = await clerk.get('/');
    assert.match(home.text('[data-testid="draft-waiting"]'), /Draft version 3 of the protocol is waiting/);
    assert.match(home.text('[data-testid="review-overdue"]'), /review of version 2 .* was due by 9 August 2017/);
    const officerHome = await (await signedIn('officer')).get('/');
    assert.equal(officerHome.$('[data-testid="draft-waiting"]').length, 0, 'the review panel is the Clerk’s');
  });

  /** Sessions end with time: after the clock moves on, the Clerk and the chair sign in again. */
  async function signInAgain(): Promise<void> {
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    chair = new TestClient(ctx.app);
    await chair.signIn(ctx.emailOf('chair'));
  }

  async function signedIn(key: 'officer' | 'riverside' | 'independent' | 'market'): Promise<TestClient> {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf(key));
    return client;
  }

  it('refuses drafting to a councillor and to an officer, naming the clause', async () => {
    const byChair = await chair.api('POST', '/api/v1/protocol/draft/clauses', { number: '9', heading: 'x', text: 'x', summary: 'x', kind: 'guidance', rules: [] });
    assert.equal(byChair.statusCode, 403);
    assert.equal(byChair.json().error.id, 'day_to_day_running');
    const officer = await signedIn('officer');
    const byOfficer = await officer.api('DELETE', '/api/v1/protocol/draft');
    assert.equal(byOfficer.statusCode, 403);
    assert.equal(byOfficer.json().error.id, 'clerk_manages_staff');
    assert.match(byOfficer.json().error.message, /Refused under clause .* of the Ilminster Town Council protocol/);
    assert.equal((await officer.get('/protocol/draft')).status, 403);
  });

  it('lets the Clerk discard the demo draft and start one from the version in force, renumbering a clause', async () => {
    assert.equal((await clerk.api('POST', '/api/v1/protocol/draft')).statusCode, 409, 'one draft at a time');
    assert.equal((await clerk.api('DELETE', '/api/v1/protocol/draft')).statusCode, 204);
    const started = await clerk.api('POST', '/api/v1/protocol/draft');
    assert.equal(started.statusCode, 201);
    const draft = started.json();
    assert.equal(draft.version, '3');
    assert.equal(draft.basedOn, '2');
    const c23 = draft.clauses.find((c: { number: string }) => c.number === '2.3');
    assert.deepEqual(c23.rules, ['no-individual-instruction']);

    const bad = await clerk.api('PUT', `/api/v1/protocol/draft/clauses/${c23.id}`, { ...c23, number: '2.4', rules: ['no-such-rule'] });
    assert.equal(bad.statusCode, 400);
    const fields = bad.json().error.fields.map((f: { field: string }) => f.field);
    assert.ok(fields.some((f: string) => f.startsWith('rules')), `the rules field is named: ${fields}`);
    const taken = await clerk.api('PUT', `/api/v1/protocol/draft/clauses/${c23.id}`, { ...c23, number: '2.4' });
    assert.equal(taken.statusCode, 400, 'another clause is numbered 2.4');
    assert.equal(taken.json().error.fields[0].field, 'number');

    const renumbered = await clerk.api('PUT', `/api/v1/protocol/draft/clauses/${c23.id}`, { ...c23, number: '5.1', summary: 'No councillor acting alone gives an officer work.' });
    assert.equal(renumbered.statusCode, 200);
    assert.equal(renumbered.json().number, '5.1');
  });

  it('compares the draft with the version in force, clause by clause, for the Clerk alone', async () => {
    const res = await clerk.api('GET', '/api/v1/protocol/compare?from=2&to=draft');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.counts, { added: 0, removed: 0, renumbered: 1, changed: 0, unchanged: 24 });
    const moved = body.clauses.find((c: { status: string }) => c.status === 'renumbered');
    assert.deepEqual([moved.from.number, moved.to.number], ['2.3', '5.1']);
    const page = await clerk.get('/protocol/compare?from=2&to=draft');
    assert.match(page.text('[data-testid="compared-clause"][data-status="renumbered"]'), /Clause 2.3, now 5.1/);
    const byChair = await chair.api('GET', '/api/v1/protocol/compare?from=2&to=draft');
    assert.equal(byChair.statusCode, 403, 'the draft is the Clerk’s until approved');
    const withTemplate = await chair.api('GET', '/api/v1/protocol/compare?from=2&to=template:ilminster');
    assert.equal(withTemplate.json().counts.unchanged, 25, 'version 2 is Ilminster’s template');
    const unknown = await chair.api('GET', '/api/v1/protocol/compare?from=9&to=2');
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.id, 'unknown_source');
  });

  it('gives the draft no effect: refusals still cite the version in force', async () => {
    const clause = await instruct();
    assert.equal(clause.number, '2.3');
    const page = await chair.get('/protocol');
    assert.match(page.text('[data-testid="version-in-force"]'), /Version 2/);
  });

  it('refuses to bring the draft into force without a resolution of the full council at a meeting held', async () => {
    const none = await clerk.api('POST', '/api/v1/protocol/draft/approval', { reviewDueOn, summary: 'Clause 2.3 renumbered 5.1.' });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.fields[0].field, 'resolutionId');
    const unknown = await clerk.api('POST', '/api/v1/protocol/draft/approval', { resolutionId: ctx.people.chair, reviewDueOn, summary: 'x' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.fields[0].field, 'resolutionId');

    const form = await clerk.post('/protocol/draft/approve', { resolutionId: '', reviewDueOn, summary: 'x' });
    assert.equal(form.status, 400);
    assert.match(form.text('.govuk-error-summary'), /resolution approving the version/);
    const byChair = await chair.api('POST', '/api/v1/protocol/draft/approval', { resolutionId: ctx.people.chair, reviewDueOn, summary: 'x' });
    assert.equal(byChair.statusCode, 403);
    const api = await clerk.api('GET', '/api/v1/protocol');
    assert.equal(api.json().version, '2');
  });

  let resolutionId = '';
  it('approves the draft by the council’s resolution, in force from the day chosen', async () => {
    const meeting = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('meetings').select(['id', 'meeting_date']).where('committee_id', 'is', null).where('meeting_date', '<', today).orderBy('meeting_date', 'desc').executeTakeFirstOrThrow(),
    );
    const recorded = await clerk.api('POST', `/api/v1/meetings/${meeting.id}/resolutions`, { minuteNumber: '26/60', text: 'RESOLVED that version 3 of the protocol be approved.' });
    assert.equal(recorded.statusCode, 201);
    resolutionId = recorded.json().id;
    const early = await clerk.api('POST', '/api/v1/protocol/draft/approval', { resolutionId, inForceFrom: addDays(meeting.meeting_date, -1), reviewDueOn, summary: 'x' });
    assert.equal(early.statusCode, 400);
    assert.equal(early.json().error.fields[0].field, 'inForceFrom');

    const approved = await clerk.api('POST', '/api/v1/protocol/draft/approval', { resolutionId, inForceFrom, reviewDueOn, summary: 'Clause 2.3 renumbered 5.1.' });
    assert.equal(approved.statusCode, 200);
    const { id: _id, ...shown } = approved.json<Record<string, unknown>>();
    assert.ok(_id);
    assert.deepEqual(shown, { version: '3', approvedOn: meeting.meeting_date, inForceFrom, reviewDueOn, reviewedOn: null });
    assert.equal((await clerk.api('GET', '/api/v1/protocol/draft')).statusCode, 404, 'no draft is left');
  });

  it('keeps the version in force until its day, and says which is coming', async () => {
    assert.equal((await instruct()).number, '2.3');
    const api = (await chair.api('GET', '/api/v1/protocol')).json();
    assert.equal(api.version, '2');
    assert.deepEqual(api.coming, [{ version: '3', inForceFrom }]);
    const page = await chair.get('/protocol');
    assert.match(page.text('[data-testid="version-coming"]'), /Version 3 has been approved and comes into force on/);
  });

  it('cites the new numbering from its day, while past refusals keep the clause they cited', async () => {
    now = noon(inForceFrom);
    await signInAgain();
    const clause = await instruct();
    assert.equal(clause.number, '5.1');
    assert.equal(clause.text, 'No councillor acting alone gives an officer work.');
    const refusals = (await auditEntries(ctx, 'access.refused')).filter((e) => e.entity_id === 'no-individual-instruction');
    const cited = refusals.map((e) => (e.data as { clauses: string[] }).clauses[0]);
    assert.deepEqual(cited, ['2.3', '2.3', '5.1']);

    const page = await chair.get('/protocol');
    assert.match(page.text('[data-testid="version-in-force"]'), /Version 3/);
    assert.equal(page.$('#clause-5-1').length, 1);
    assert.equal(page.$('#clause-2-3').length, 0);
    const record = page.$('[data-testid="approval-record"] tbody tr').map((_, tr) => page.$(tr).text().replace(/\s+/g, ' ').trim()).get();
    assert.equal(record.length, 3);
    assert.match(record[2]!, /^3 .* Full Council, minute 26\/60 Clause 2.3 renumbered 5.1./);
    assert.equal(page.$(`[data-testid="approval-record"] a[href="/decisions/${resolutionId}"]`).length, 1, 'the record links to the resolution');
    const publicPage = await new TestClient(ctx.app).get('/protocol');
    assert.equal(publicPage.$('[data-testid="approval-record"] a').length, 0, 'the public read the minute number, unlinked');
    assert.match(publicPage.text('[data-testid="approval-record"]'), /minute 26\/60/);
  });

  it('asks everyone to acknowledge the new version, records who and when, and shows the Clerk who has not', async () => {
    const home = await chair.get('/');
    assert.match(home.text('[data-testid="acknowledge-panel"]'), /Version 3 of the council’s protocol is in force/);
    const versionId = home.$('[data-testid="acknowledge-panel"] input[name="versionId"]').val() as string;
    const done = await chair.post('/protocol/acknowledge', { versionId });
    assert.equal(done.status, 303);
    assert.equal((await chair.get('/')).$('[data-testid="acknowledge-panel"]').length, 0);
    assert.match((await chair.get('/protocol')).text('[data-testid="acknowledged"]'), /You acknowledged version 3 on/);

    const officer = await signedIn('officer');
    const viaApi = await officer.api('POST', '/api/v1/protocol/acknowledgements', { versionId });
    assert.equal(viaApi.statusCode, 200);
    assert.equal(viaApi.json().acknowledgedAt, noon(inForceFrom).toISOString());

    const list = (await clerk.api('GET', '/api/v1/protocol/acknowledgements')).json();
    assert.equal(list.version, '3');
    const byName = new Map(list.people.map((p: { name: string; acknowledgedAt: string | null }) => [p.name, p.acknowledgedAt]));
    assert.equal(byName.get('Jo Evans'), noon(inForceFrom).toISOString());
    assert.equal(byName.get('Tom Baker'), null, 'acknowledging version 2 is not acknowledging version 3');
    assert.ok(!byName.has('Dan Clarke'), 'a former councillor is not asked');
    const page = await clerk.get('/protocol/acknowledgements');
    assert.match(page.text('[data-testid="not-acknowledged"]'), /Tom Baker/);
    assert.doesNotMatch(page.text('[data-testid="not-acknowledged"]'), /Jo Evans/);
    assert.equal((await chair.api('GET', '/api/v1/protocol/acknowledgements')).statusCode, 403);
  });

  it('emails a reminder a week after the version came into force to those who have not acknowledged it', async () => {
    await runJobs(ctx, noon(addDays(inForceFrom, 7)));
    const reminders = await outbox(/Please acknowledge version 3 of the protocol/);
    const to = reminders.map((m) => m.recipient_email).sort();
    assert.ok(to.includes('tom@example.org'));
    assert.ok(to.includes('clerk@example.org'));
    assert.ok(!to.includes('chair@example.org'), 'the chair has acknowledged');
    assert.ok(!to.includes('officer@example.org'), 'the officer has acknowledged');
    assert.ok(!to.includes('former@example.org'));
  });

  it('reminds the Clerk before the review date, and shows the review overdue after it', async () => {
    now = noon(addDays(inForceFrom, 7));
    await signInAgain();
    assert.equal((await clerk.get('/')).$('[data-testid="review-overdue"]').length, 0, 'the new version’s review is not due');
    await runJobs(ctx, noon(addDays(reviewDueOn, -28)));
    const reminders = await outbox(/The protocol is due for review by/);
    assert.deepEqual(reminders.map((m) => m.recipient_email), ['clerk@example.org']);
    assert.match(reminders[0]!.body, /Version 3 of the Ilminster Town Council protocol is due for review/);
    now = noon(addDays(reviewDueOn, 1));
    await signInAgain();
    assert.match((await clerk.get('/')).text('[data-testid="review-overdue"]'), /review of version 3/);
  });

  it('imports a pasted protocol as suggestions the Clerk confirms into a draft', async () => {
    const text = '1. Working together\nCouncillors and officers treat each other with respect.\n\n2. Councillors acting alone\nNo councillor may instruct an officer or tell staff what work to do.\n(a) This includes the Mayor.';
    assert.equal((await (await signedIn('officer')).api('POST', '/api/v1/protocol/import', { text })).statusCode, 403);
    const res = await clerk.api('POST', '/api/v1/protocol/import', { text });
    assert.equal(res.statusCode, 200);
    const suggested = res.json().clauses as { number: string; heading: string; text: string; kind: string; rules: string[] }[];
    assert.deepEqual(suggested.map((c) => c.number), ['1', '2', '2a']);
    assert.equal((await clerk.api('POST', '/api/v1/protocol/draft')).statusCode, 201);
    const confirmed = suggested.map((c) => ({ number: c.number, heading: c.heading, text: c.text, summary: c.heading, kind: c.kind, rules: c.rules }));
    const put = await clerk.api('PUT', '/api/v1/protocol/draft/clauses', { clauses: confirmed });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json().clauses.map((c: { number: string }) => c.number), ['1', '2', '2a']);
  });
});

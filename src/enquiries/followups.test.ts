import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { restartDatabase, testApp, type TestContext } from '../../test/helpers/app.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { TestClient } from '../../test/helpers/client.js';
import type { Database } from '../db/database.js';
import { createJobRunner } from '../capabilities/registry.js';
import { enqueue } from '../jobs/queue.js';
import type { MailMessage, Mailer } from '../notifications/mailer.js';
import { escalateToClerk, followUpTimes, remindOfficers } from './followups.js';

const ENQUIRY_REMINDER = remindOfficers.kind;
const ENQUIRY_ESCALATION = escalateToClerk.kind;

/** A mailer that counts what it is asked to send. */
class CountingMailer extends RecordingMailer {
  /** What was sent about one enquiry: its reference is in every follow-up's subject. */
  about(reference: string, kind: 'reminder' | 'escalation'): MailMessage[] {
    const pattern = kind === 'reminder' ? /falls due on/ : /is overdue$/;
    return this.sent.filter((m) => m.subject.includes(reference) && pattern.test(m.subject));
  }
}

/**
 * Run every job due at `at`, then the deliveries those jobs queued (a runner's round takes
 * what was due when it started), until nothing is left; no job may fail.
 */
async function runAll(db: Database, mailer: Mailer, at: Date): Promise<void> {
  const errors: unknown[] = [];
  const runner = createJobRunner({ db, mailer, clock: () => at, onError: (e) => errors.push(e) });
  for (;;) {
    const { done, failed } = await runner.runDue(at);
    assert.equal(failed, 0, `a job failed: ${errors.map(String).join('; ')}`);
    if (done === 0) return;
  }
}

const ENGLAND = { nation: 'england', settings: { officeHours: { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' } } } as const;

describe('when an enquiry’s follow-ups fall due', () => {
  it('reminds on the last working day before the due date and escalates on the first after, across Christmas', () => {
    // Received Friday 18 December 2026; five working days skip Christmas Day and Monday 28th (for Boxing Day): due Tuesday 29th.
    const t = followUpTimes(ENGLAND, new Date('2026-12-18T12:00:00Z'), '2026-12-29');
    assert.equal(t.remindAt.toISOString(), '2026-12-24T09:00:00.000Z', 'Thursday 24th: the 28th and the 25th are bank holidays');
    assert.equal(t.escalateAt.toISOString(), '2026-12-30T09:00:00.000Z');
  });

  it('counts across a weekend, at the office’s opening time in British Summer Time', () => {
    const bst = { ...ENGLAND, settings: { officeHours: { ...ENGLAND.settings.officeHours, opens: '08:30' } } };
    // Due Monday 1 June 2026: reminded Friday 29 May; escalated Tuesday 2 June; 08:30 BST is 07:30 UTC.
    const t = followUpTimes(bst, new Date('2026-05-22T10:00:00Z'), '2026-06-01');
    assert.equal(t.remindAt.toISOString(), '2026-05-29T07:30:00.000Z');
    assert.equal(t.escalateAt.toISOString(), '2026-06-02T07:30:00.000Z');
  });

  it('reminds on the due day itself when the target is one working day', () => {
    const t = followUpTimes(ENGLAND, new Date('2026-11-23T10:00:00Z'), '2026-11-24');
    assert.equal(t.remindAt.toISOString(), '2026-11-24T09:00:00.000Z');
    assert.equal(t.escalateAt.toISOString(), '2026-11-25T09:00:00.000Z');
  });
});

describe('enquiry follow-ups: reminders to the officers, escalation to the Clerk', () => {
  let ctx: TestContext;
  let clock = new Date('2026-12-18T12:00:00Z');
  const mailer = new CountingMailer();
  let open: { id: string; reference: string };
  let answered: { id: string; reference: string };
  const signedIn = async (key: 'clerk' | 'officer' | 'riverside' | 'market') => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf(key));
    return client;
  };
  const enquiry = (id: string) => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('enquiries').select(['reminded_at', 'escalated_at']).where('id', '=', id).executeTakeFirstOrThrow());

  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => clock });
    const tom = await signedIn('riverside');
    const a = await tom.api('POST', '/api/v1/enquiries', { subject: 'Grit bins on Church Street', body: 'The grit bins by the church are empty before the frost.' });
    assert.equal(a.statusCode, 201, a.body);
    open = a.json();
    const hannah = await signedIn('market');
    const b = await hannah.api('POST', '/api/v1/enquiries', { subject: 'Hedge on School Lane', body: 'The hedge hides the crossing from drivers.' });
    assert.equal(b.statusCode, 201, b.body);
    answered = b.json();
    assert.equal(a.json().dueOn, '2026-12-29', 'five working days after Friday 18th, skipping Christmas Day and Monday 28th');
    clock = new Date('2026-12-21T10:00:00Z');
    const officer = await signedIn('officer');
    const reply = await officer.api('POST', `/api/v1/enquiries/${answered.id}/replies`, { body: 'The county council will cut it this week.', status: 'answered' });
    assert.equal(reply.statusCode, 200, reply.body);
  });
  after(() => ctx.close());

  it('sends no reminder before the office opens on the last working day before the due date', async () => {
    await runAll(ctx.db, mailer, new Date('2026-12-24T08:59:00Z'));
    assert.deepEqual(mailer.about(open.reference, 'reminder'), []);
    assert.equal((await enquiry(open.id)).reminded_at, null);
  });

  it('reminds the Clerk and the officers at opening time on Christmas Eve, with the enquiry, who sent it and when it is due', async () => {
    const at = new Date('2026-12-24T09:00:00Z');
    await runAll(ctx.db, mailer, at);
    const reminders = mailer.about(open.reference, 'reminder');
    assert.deepEqual(reminders.map((m) => m.to).sort(), [ctx.emailOf('clerk'), ctx.emailOf('officer')].sort());
    for (const m of reminders) {
      assert.equal(m.subject, `Ilminster Town Council: enquiry ${open.reference} falls due on 29 December 2026`);
      assert.match(m.text, new RegExp(`Enquiry ${open.reference}, “Grit bins on Church Street”, from Tom Baker, is still open and is to be answered by 29 December 2026`));
      assert.match(m.text.split('\n')[0]!, /^Enquiry ENQ-\d{4}-\d{4} falls due on 29 December 2026: answer it/, 'the first line says what it is and what to do');
      assert.ok(m.text.trimEnd().endsWith(`/enquiries/${open.id}`), `it ends with the link to the enquiry: ${m.text}`);
      assert.ok(m.html?.includes(`/enquiries/${open.id}</a>`), 'and the HTML part links there too');
    }
    assert.equal((await enquiry(open.id)).reminded_at?.toISOString(), at.toISOString());
  });

  it('sends no reminder for an enquiry answered first: its job completes quietly', async () => {
    assert.deepEqual(mailer.about(answered.reference, 'reminder'), []);
    assert.equal((await enquiry(answered.id)).reminded_at, null);
    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select(['kind', 'done_at', 'last_error']).where('kind', '=', ENQUIRY_REMINDER).execute());
    assert.equal(jobs.length, 2);
    assert.ok(jobs.every((j) => j.done_at !== null && j.last_error === null), 'both reminder jobs are done, neither failed');
  });

  it('escalates the overdue enquiry to the Clerk alone, at opening on the first working day after the due date, and audits it', async () => {
    await runAll(ctx.db, mailer, new Date('2026-12-30T08:59:00Z'));
    assert.deepEqual(mailer.about(open.reference, 'escalation'), []);
    const at = new Date('2026-12-30T09:00:00Z');
    await runAll(ctx.db, mailer, at);
    const escalations = mailer.about(open.reference, 'escalation');
    assert.deepEqual(escalations.map((m) => m.to), [ctx.emailOf('clerk')]);
    assert.equal(escalations[0]!.subject, `Ilminster Town Council: enquiry ${open.reference} is overdue`);
    assert.match(escalations[0]!.text, /from Tom Baker, was to be answered by 29 December 2026 and is still open\. It is escalated to you as the Town Clerk\./);
    assert.deepEqual(mailer.about(answered.reference, 'escalation'), [], 'the answered enquiry is not escalated');
    assert.equal((await enquiry(open.id)).escalated_at?.toISOString(), at.toISOString());
    assert.equal((await enquiry(answered.id)).escalated_at, null);
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['entity_id', 'actor_id']).where('action', '=', 'enquiry.escalated').execute());
    assert.deepEqual(audit, [{ entity_id: open.id, actor_id: null }]);
  });

  it('shows the officers the enquiry as overdue and escalated, in the queue and on its page', async () => {
    clock = new Date('2026-12-30T11:00:00Z');
    const officer = await signedIn('officer');
    const page = await officer.get(`/enquiries/${open.id}`);
    assert.equal(page.status, 200);
    assert.equal(page.text('[data-testid="escalated"]'), 'Escalated to the Town Clerk on 30 December 2026');
    assert.equal(page.$('[data-testid="overdue"]').length, 1);
    const queue = await officer.get('/enquiries');
    const row = queue.$(`[data-testid="enquiries"] tr:has(a[href="/enquiries/${open.id}"])`);
    assert.match(row.text(), /Overdue/);
    assert.equal(row.find('[data-testid="escalated"]').text(), 'Escalated to the Town Clerk on 30 December 2026');
    assert.equal(queue.$(`[data-testid="enquiries"] tr:has(a[href="/enquiries/${answered.id}"]) [data-testid="escalated"]`).length, 0);
    const api = await officer.api('GET', `/api/v1/enquiries/${open.id}`);
    assert.equal(api.json().escalatedAt, '2026-12-30T09:00:00.000Z');
  });

  it('lists escalated enquiries on the Clerk’s home page until they are answered', async () => {
    const clerk = await signedIn('clerk');
    const home = await clerk.get('/');
    assert.match(home.text('[data-testid="escalated-enquiries"]'), new RegExp(`${open.reference}.*Grit bins on Church Street.*Tom Baker.*29 December 2026`));
    assert.doesNotMatch(home.text('[data-testid="escalated-enquiries"]'), new RegExp(answered.reference));
    const officerHome = await (await signedIn('officer')).get('/');
    assert.equal(officerHome.$('[data-testid="escalated-enquiries"]').length, 0, 'escalation is to the Clerk');

    assert.equal((await clerk.api('POST', `/api/v1/enquiries/${open.id}/replies`, { body: 'Refilled this morning.', status: 'answered' })).statusCode, 200);
    const after = await clerk.get('/');
    assert.doesNotMatch(after.text('main'), new RegExp(open.reference));
  });

  it('shows the councillor the status and answer as before, without the officers’ follow-ups', async () => {
    const tom = await signedIn('riverside');
    const page = await tom.get(`/enquiries/${open.id}`);
    assert.equal(page.text('[data-testid="status"]'), 'Answered');
    assert.match(page.text('[data-testid="thread"]'), /Refilled this morning/);
    assert.equal(page.$('[data-testid="escalated"]').length, 0);
    const api = await tom.api('GET', `/api/v1/enquiries/${open.id}`);
    assert.equal(api.statusCode, 200);
    assert.equal('escalatedAt' in api.json(), false);
  });
});

describe('enquiry follow-ups run once', () => {
  let ctx: TestContext;
  let clock = new Date('2027-02-01T10:00:00Z');
  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => clock });
  });
  after(() => ctx.close());

  it('sends one email per person when a job is run twice and by two runners at once', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const res = await tom.api('POST', '/api/v1/enquiries', { subject: 'Salt for the footbridge', body: 'The footbridge is icy in the mornings.' });
    assert.equal(res.statusCode, 201, res.body);
    const { id, reference, dueOn } = res.json<{ id: string; reference: string; dueOn: string }>();
    assert.equal(dueOn, '2027-02-08');
    // The same jobs again, as a retry after a lost acknowledgement would leave them.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      await enqueue(trx, { councilId: ctx.council.id, kind: ENQUIRY_REMINDER, payload: { enquiryId: id }, runAt: new Date('2027-02-05T09:00:00Z') });
      await enqueue(trx, { councilId: ctx.council.id, kind: ENQUIRY_ESCALATION, payload: { enquiryId: id }, runAt: new Date('2027-02-09T09:00:00Z') });
    });
    const mailer = new CountingMailer();
    const raceAt = async (at: Date) => {
      clock = at;
      const one = createJobRunner({ db: ctx.db, mailer, clock: () => at });
      const two = createJobRunner({ db: ctx.db, mailer, clock: () => at });
      const [a, b] = await Promise.all([one.runDue(at), two.runDue(at)]);
      assert.equal(a.failed + b.failed, 0);
      await runAll(ctx.db, mailer, at);
    };

    // Reminded on Friday 5th, the working day before Monday 8th: the weekend does not count.
    await raceAt(new Date('2027-02-05T09:00:00Z'));
    assert.deepEqual(mailer.about(reference, 'reminder').map((m) => m.to).sort(), [ctx.emailOf('clerk'), ctx.emailOf('officer')].sort());
    await raceAt(new Date('2027-02-09T09:00:00Z'));
    assert.deepEqual(mailer.about(reference, 'escalation').map((m) => m.to), [ctx.emailOf('clerk')]);
    await runAll(ctx.db, mailer, new Date('2027-02-12T09:00:00Z'));
    assert.equal(mailer.about(reference, 'reminder').length, 2, 'still one reminder each');
    assert.equal(mailer.about(reference, 'escalation').length, 1, 'still one escalation');
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('id').where('action', '=', 'enquiry.escalated').where('entity_id', '=', id).execute());
    assert.equal(audit.length, 1);
  });
});

describe('enquiry follow-ups across a restart', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster', now: () => new Date('2027-02-01T10:00:00Z') });
  });
  after(() => ctx.close());

  it('loses nothing when Concord restarts between the enquiry and its due date', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const res = await tom.api('POST', '/api/v1/enquiries', { subject: 'Noticeboard glass', body: 'The glass in the noticeboard by the bus stop is cracked.' });
    assert.equal(res.statusCode, 201, res.body);
    const { id, reference } = res.json<{ id: string; reference: string }>();
    // The process stops: the app closes and the database connection goes.
    const reopened = await restartDatabase(ctx);
    try {
      const mailer = new CountingMailer();
      await runAll(reopened, mailer, new Date('2027-02-05T09:00:00Z'));
      assert.deepEqual(mailer.about(reference, 'reminder').map((m) => m.to).sort(), [ctx.emailOf('clerk'), ctx.emailOf('officer')].sort());
      await runAll(reopened, mailer, new Date('2027-02-09T09:00:00Z'));
      assert.deepEqual(mailer.about(reference, 'escalation').map((m) => m.to), [ctx.emailOf('clerk')]);
      const row = await reopened.tenant(ctx.council.id, (trx) => trx.selectFrom('enquiries').select(['reminded_at', 'escalated_at']).where('id', '=', id).executeTakeFirstOrThrow());
      assert.equal(row.reminded_at?.toISOString(), '2027-02-05T09:00:00.000Z');
      assert.equal(row.escalated_at?.toISOString(), '2027-02-09T09:00:00.000Z');
    } finally {
      await reopened.close();
    }
  });
});

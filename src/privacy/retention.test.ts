import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';
import { TEST_AUDIT_KEY } from '../../test/helpers/audit.js';
import { TestClient } from '../../test/helpers/client.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { verifyAuditChains } from '../audit/audit.js';
import { createJobRunner } from '../capabilities/registry.js';
import { enqueueJob } from '../jobs/queue.js';
import { londonDate } from '../policy/principal.js';
import { ensureRetentionSweeps, sweepRetention } from './retention.js';

describe('retention: periods, holds and the nightly sweep', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  const ids = { old: '', held: '', soon: '', recent: '', closedCase: '' };

  before(async () => {
    ctx = await testApp({ now: () => FIXED_NOW });
    clerk = new TestClient(ctx.app, '/c/demo');
    await clerk.signIn(ctx.emailOf('clerk'));
    const message = (subject: string, sentAt: string) =>
      ctx.db.tenant(ctx.council.id, (trx) =>
        trx
          .insertInto('staff_messages')
          .values({ council_id: ctx.council.id, sender_id: ctx.people.market, recipient_id: ctx.people.officer, subject, body: `The text of ${subject}`, out_of_hours: false, status: 'delivered', sent_at: sentAt, deliver_at: sentAt })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    // Today is 22 November 2026; messages are kept 24 months by default.
    ids.old = (await message('Hedge on Mill Lane', '2024-06-01T10:00:00Z')).id;
    ids.held = (await message('Claim about the play area', '2024-06-02T10:00:00Z')).id;
    ids.soon = (await message('Bus shelter', '2024-12-10T10:00:00Z')).id;
    ids.recent = (await message('Christmas lights', '2026-10-01T10:00:00Z')).id;
    ids.closedCase = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const row = await trx
        .insertInto('concern_cases')
        .values({ council_id: ctx.council.id, raised_by: ctx.people.officer, about_kind: 'relationship', about_person_id: null, statement: 'A closed matter from long ago', concerns_clerk: false, passed_on_by: null, status: 'closed', procedure: null, personnel_committee_id: null, outcome: 'Resolved', decided_by_resolution_id: null, raised_at: '2018-03-01T10:00:00Z', closed_at: '2019-01-10T10:00:00Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('concern_entries').values({ council_id: ctx.council.id, case_id: row.id, kind: 'note', contact_id: null, body: 'A note on it', author_id: ctx.people.clerk, occurred_on: '2018-03-02', created_at: '2018-03-02T10:00:00Z' }).execute();
      return row.id;
    });
  });
  after(() => ctx.close());

  it('shows the periods with their defaults on one page, to the Clerk alone', async () => {
    const page = await clerk.get('/privacy/retention');
    assert.equal(page.status, 200);
    assert.equal(page.$('#messages').val(), '24');
    assert.equal(page.$('#concerns').val(), '72');
    assert.equal(page.$('#trainingRecords').val(), '72');
    const officer = new TestClient(ctx.app, '/c/demo');
    await officer.signIn(ctx.emailOf('officer'));
    const refused = await officer.get('/privacy/retention');
    assert.equal(refused.status, 403);
    assert.equal(refused.$('[data-testid="refusal"]').attr('data-error-id'), 'clerk_manages_staff');
  });

  it('shows the Clerk what goes in the next month, and holds a record with a reason', async () => {
    const page = await clerk.get('/privacy/retention');
    const listed = page.$('[data-testid="expiring"] li').map((_, el) => page.$(el).attr('data-testid')).get();
    for (const id of [ids.old, ids.held, ids.soon, ids.closedCase]) assert.ok(listed.includes(`expiring-${id}`), `listed: ${id}`);
    assert.equal(listed.includes(`expiring-${ids.recent}`), false, 'a recent message is not');
    assert.match(page.text(`[data-testid="expiring-${ids.soon}"]`), /Kept until 10 December 2026/);
    assert.equal(page.text(`[data-testid="expiring-${ids.closedCase}"]`).includes('A closed matter'), false, 'the list names a record, not what it says');

    const blank = await clerk.post('/privacy/retention/holds', { kind: 'messages', recordId: ids.held, reason: '' });
    assert.equal(blank.status, 400);
    assert.equal(blank.$('#reason-error').length, 1, 'the reason is named');
    const unknown = await clerk.post('/privacy/retention/holds', { kind: 'messages', recordId: ids.closedCase, reason: 'Mixed up' });
    assert.equal(unknown.status, 400);
    const held = await clerk.post('/privacy/retention/holds', { kind: 'messages', recordId: ids.held, reason: 'A claim is pending' });
    assert.equal(held.status, 303, held.errors().join());
    const after = await clerk.get('/privacy/retention');
    assert.match(after.text(`[data-testid="expiring-${ids.held}"]`), /Held A claim is pending/);
  });

  it('refuses a period that is not a whole number of months, naming the field', async () => {
    await clerk.get('/privacy/retention');
    const bad = await clerk.post('/privacy/retention', { messages: 'two years', contactReports: '24', enquiries: '24', concerns: '72', trainingRecords: '0' });
    assert.equal(bad.status, 400);
    assert.equal(bad.$('#messages-error').length, 1);
    assert.equal(bad.$('#trainingRecords-error').length, 1);
    assert.equal(bad.$('#concerns-error').length, 0);
  });

  it('removes what is past its period overnight, keeps the held one, records the removal without the content, and the audit chain still verifies', async () => {
    await ctx.db.tenant(ctx.council.id, (trx) => enqueueJob(trx, sweepRetention, { councilId: ctx.council.id, payload: {} }));
    await createJobRunner({ db: ctx.db, mailer: new RecordingMailer(), clock: () => FIXED_NOW }).runDue(FIXED_NOW);

    const left = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('staff_messages').select('id').where('id', 'in', Object.values(ids).filter(Boolean)).execute());
    const kept = new Set(left.map((r) => r.id));
    assert.equal(kept.has(ids.old), false, 'past its period: removed');
    assert.equal(kept.has(ids.held), true, 'held: kept');
    assert.equal(kept.has(ids.soon), true, 'not yet past: kept');
    assert.equal(kept.has(ids.recent), true);
    const caseLeft = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('concern_entries').select('id').where('case_id', '=', ids.closedCase).execute());
    assert.equal(caseLeft.length, 0, 'the closed case went, with its notes');

    const removed = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['entity_type', 'entity_id', 'data']).where('action', '=', 'privacy.record_removed').orderBy('seq').execute());
    assert.deepEqual(
      removed.map((r) => [r.entity_type, r.entity_id]),
      [
        ['concern_cases', ids.closedCase],
        ['staff_messages', ids.old],
      ],
    );
    const logged = JSON.stringify(removed);
    assert.equal(logged.includes('Hedge on Mill Lane') || logged.includes('A closed matter'), false, 'the log holds no content');

    const [report] = (await verifyAuditChains(ctx.db, TEST_AUDIT_KEY)).filter((r) => r.councilId === ctx.council.id);
    assert.equal(report!.brokenAt, undefined, 'the audit chain verifies');

    const next = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select('run_at').where('kind', '=', 'privacy.retention_sweep').where('done_at', 'is', null).execute());
    assert.deepEqual(
      next.map((j) => londonDate(new Date(j.run_at))),
      ['2026-11-23'],
      'the next night’s sweep is queued',
    );
  });

  it('queues one sweep however many processes start, and another when one gave up after its last try', async () => {
    const sweeps = () => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select(['id', 'attempts', 'max_attempts']).where('kind', '=', 'privacy.retention_sweep').where('done_at', 'is', null).execute());
    const waitingBefore = (await sweeps()).length;
    assert.ok(waitingBefore >= 1);
    await Promise.all([1, 2, 3].map(() => ctx.db.tenant(ctx.council.id, (trx) => ensureRetentionSweeps(trx, [ctx.council.id], FIXED_NOW))));
    assert.equal((await sweeps()).length, waitingBefore, 'no second sweep while one waits');
    // Every waiting sweep fails for the last time: none will run again, so a start queues one.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('jobs').set((eb) => ({ attempts: eb.ref('max_attempts') })).where('kind', '=', 'privacy.retention_sweep').where('done_at', 'is', null).execute());
    await ctx.db.tenant(ctx.council.id, (trx) => ensureRetentionSweeps(trx, [ctx.council.id], FIXED_NOW));
    const after = await sweeps();
    assert.equal(after.filter((j) => j.attempts < j.max_attempts).length, 1);
  });

  it('changes a period, and the page and the sweep follow it', async () => {
    await clerk.get('/privacy/retention');
    const saved = await clerk.post('/privacy/retention', { messages: '36', contactReports: '24', enquiries: '24', concerns: '72', trainingRecords: '72' });
    assert.equal(saved.status, 303, saved.errors().join());
    const page = await clerk.get('/privacy/retention');
    assert.equal(page.$('#messages').val(), '36');
    assert.equal(cheerio.load(page.res.body)(`[data-testid="expiring-${ids.soon}"]`).length, 0, 'kept three years, the December one no longer goes next month');
  });
});

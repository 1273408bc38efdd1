import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { FIXED_NOW, restartDatabase, testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import type { Database } from '../db/database.js';
import { createJobRunner } from '../capabilities/registry.js';

async function signedIn(ctx: TestContext, key: string): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  await client.signIn(key.includes('@') ? key : ctx.emailOf(key as DemoKey));
  return client;
}




describe('ACAS stage reminders', () => {
  let ctx: TestContext;
  const clock = FIXED_NOW;
  before(async () => {
    ctx = await testApp({ template: 'ledbury', now: () => clock });
  });

  /** Run every job due at `at`, then what they queued, until nothing is left. */
  async function runAll(db: Database, mailer: RecordingMailer, at: Date) {
    const runner = createJobRunner({ db, mailer, clock: () => at });
    for (;;) {
      const { done, failed } = await runner.runDue(at);
      assert.equal(failed, 0);
      if (done === 0) return;
    }
  }

  it('shows what is due next, and reminds the handler once, on the day, across a restart', async () => {
    const sam = await signedIn(ctx, 'officer');
    const raised = await sam.api('POST', '/api/v1/concerns', { aboutKind: 'officer', aboutPersonId: ctx.people.clerk, statement: 'The rota was changed without asking me.' });
    assert.equal(raised.statusCode, 201, raised.body);
    const id = raised.json().id;
    const chair = await signedIn(ctx, 'chair');
    const up = await chair.api('POST', `/api/v1/concerns/${id}/escalate`, { procedure: 'grievance' });
    assert.equal(up.statusCode, 200, up.body);
    const page = await chair.get(`/concerns/${id}`);
    // Raised on Sunday 22 November: the meeting is due five working days later, on Friday 27 November.
    assert.equal(page.text('[data-testid="due-next"]'), 'Due next: Meeting (with the right to be accompanied) by 27 November 2026.');

    const reopened = await restartDatabase(ctx);
    try {
      const mailer = new RecordingMailer();
      await runAll(reopened, mailer, new Date('2026-11-26T09:00:00Z'));
      assert.equal(mailer.sent.filter((m) => /falls due today/.test(m.subject)).length, 0, 'not before the day');
      await runAll(reopened, mailer, new Date('2026-11-27T09:00:00Z'));
      await runAll(reopened, mailer, new Date('2026-11-27T10:00:00Z'));
      const reminders = mailer.sent.filter((m) => /falls due today/.test(m.subject));
      assert.deepEqual(reminders.map((m) => m.to), ['chair@example.org'], 'once, to the handler');
      assert.match(reminders[0]!.text, /Meeting \(with the right to be accompanied\) falls due today/);
      assert.doesNotMatch(reminders[0]!.text, /rota/, 'nothing of the case');
    } finally {
      await reopened.close();
    }
  });
});

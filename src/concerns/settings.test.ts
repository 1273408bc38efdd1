import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { createJobRunner } from '../capabilities/registry.js';

async function signedIn(ctx: TestContext, key: DemoKey): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  await client.signIn(ctx.emailOf(key));
  return client;
}

const DEFAULTS = { informalReviewDays: '10', meetingDays: '5', outcomeDays: '5', appealDays: '5' };

describe('the time limits of a concern, as the council’s settings (Ledbury)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
    clerk = await signedIn(ctx, 'clerk');
  });
  after(() => ctx.close());

  it('shows the Clerk the defaults, and refuses the page to councillors and other officers', async () => {
    const page = await clerk.get('/concerns/settings');
    assert.equal(page.status, 200);
    for (const [field, value] of Object.entries(DEFAULTS)) assert.equal(page.$(`#${field}`).val(), value, field);
    assert.equal((await clerk.get('/concerns')).$('[data-testid="settings-link"]').length, 1);
    for (const key of ['chair', 'officer'] as const) {
      const other = await signedIn(ctx, key);
      assert.equal((await other.get('/concerns/settings')).status, 403, key);
      assert.equal((await other.post('/concerns/settings', { ...DEFAULTS, meetingDays: '2' })).status, 403, key);
      assert.equal((await other.get('/concerns')).$('[data-testid="settings-link"]').length, 0, key);
    }
  });

  for (const [typed, why] of [['0', 'none'], ['91', 'over 90'], ['2.5', 'not whole'], ['soon', 'not a number'], ['', 'blank']] as const) {
    it(`refuses a meeting limit that is ${why}, naming the field, and keeps the setting`, async () => {
      const res = await clerk.post('/concerns/settings', { ...DEFAULTS, meetingDays: typed });
      assert.equal(res.status, 400);
      assert.deepEqual(res.errors(), ['Meeting: enter a whole number of working days from 1 to 90']);
      assert.equal(res.$('#meetingDays-error').length, 1);
      assert.equal((await clerk.get('/concerns/settings')).$('#meetingDays').val(), '5');
    });
  }

  it('refuses a bad limit on the API as well, naming the field', async () => {
    const res = await clerk.api('PUT', '/api/v1/concerns/settings', { ...Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [k, Number(v)])), appealDays: 120 });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.fields.map((f: { field: string }) => f.field), ['appealDays']);
    assert.match(res.json().error.fields[0].message, /enter a whole number of working days from 1 to 90$/);
  });

  it('dates the next stages, what is due next and its reminder, by the saved limits', async () => {
    const saved = await clerk.post('/concerns/settings', { ...DEFAULTS, meetingDays: '3' });
    assert.equal(saved.status, 303, saved.res.body);
    assert.equal((await clerk.get('/concerns/settings')).$('#meetingDays').val(), '3');
    const sam = await signedIn(ctx, 'officer');
    const raised = await sam.api('POST', '/api/v1/concerns', { aboutKind: 'councillor', aboutPersonId: ctx.people.riverside, statement: 'Cut me off when I presented the budget.' });
    assert.equal(raised.statusCode, 201, raised.body);
    const id = raised.json().id;
    const up = await clerk.api('POST', `/api/v1/concerns/${id}/escalate`, { procedure: 'grievance' });
    assert.equal(up.statusCode, 200, up.body);
    const page = await clerk.get(`/concerns/${id}`);
    // Sunday 22 November: three working days on is Wednesday 25 November.
    assert.equal(page.text('[data-testid="due-next"]'), 'Due next: Meeting (with the right to be accompanied) by 25 November 2026.');
    assert.match(page.text('[data-testid="time-limits"]'), /Meeting 3/);

    const mailer = new RecordingMailer();
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => new Date('2026-11-25T09:00:00Z') });
    for (;;) if ((await runner.runDue(new Date('2026-11-25T09:00:00Z'))).done === 0) break;
    const reminders = mailer.sent.filter((m) => /falls due today/.test(m.subject));
    assert.deepEqual(reminders.map((m) => m.to), ['clerk@example.org']);
    assert.match(reminders[0]!.text, /Meeting \(with the right to be accompanied\) falls due today/);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { FIXED_NOW, restartDatabase, testApp, type TestContext } from '../../test/helpers/app.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { TestClient } from '../../test/helpers/client.js';
import type { Database } from '../db/database.js';
import { createJobRunner } from '../capabilities/registry.js';
import { enqueueDelivery } from './delivery.js';
import { enqueue, JobRunner } from '../jobs/queue.js';

const minutes = (n: number) => new Date(FIXED_NOW.getTime() + n * 60_000);


/** Put email rows in the outbox with their delivery jobs, as the summons does. */
async function outboxEmails(db: Database, councilId: string, recipients: string[]): Promise<string[]> {
  return db.tenant(councilId, async (trx) => {
    const ids: string[] = [];
    for (const to of recipients) {
      const row = await trx
        .insertInto('outbox_messages')
        .values({ council_id: councilId, recipient_id: null, recipient_email: to, channel: 'email', subject: `Notice for ${to}`, body: 'A notice.', meeting_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueDelivery(trx, councilId, row.id);
      ids.push(row.id);
    }
    return ids;
  });
}

async function sentAt(db: Database, councilId: string, ids: string[]) {
  const rows = await db.tenant(councilId, (trx) => trx.selectFrom('outbox_messages').select(['id', 'sent_at']).where('id', 'in', ids).execute());
  return rows.map((r) => r.sent_at);
}

describe('notifications: email through a real SMTP server', () => {
  let ctx: TestContext;
  let server: SMTPServer;
  const received: { from: string; to: string[]; raw: string }[] = [];
  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    ctx = await testApp({ template: 'ledbury', config: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Ledbury Town Council <clerk@ledbury.example>' } });
  });
  after(async () => {
    await ctx.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the summons the Clerk issues by email to those who receive it electronically, once', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const meeting = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2026-12-15', startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(meeting.statusCode, 201);
    const meetingId = meeting.json<{ id: string }>().id;
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, { title: 'Town plan consultation', details: 'To agree the response.' })).statusCode, 201);
    const issued = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`);
    assert.ok(issued.statusCode < 300, issued.body);
    assert.equal(received.length, 0, 'nothing is sent inside the request');

    const runner = createJobRunner({ db: ctx.db, mailer: ctx.app.concord.services.mailer, clock: () => FIXED_NOW });
    assert.deepEqual(await runner.runDue(FIXED_NOW), { done: 1, failed: 0 });
    assert.equal(received.length, 1);
    const [mail] = received;
    assert.deepEqual(mail!.to, [ctx.emailOf('market')]);
    assert.equal(mail!.from, 'clerk@ledbury.example');
    assert.match(mail!.raw, new RegExp(`^To: ${ctx.emailOf('market').replace('.', '\\.')}\\r?$`, 'm'));
    assert.match(mail!.raw, /^Subject: Summons: Full Town Council, Tuesday 15 December 2026\r?$/m);
    assert.match(mail!.raw, /Town plan consultation/);
    assert.match(mail!.raw, /^Content-Type: multipart\/alternative;/m, 'a text part and an HTML part');
    assert.match(mail!.raw, /^Content-Type: text\/plain; charset=utf-8\r?$/m);
    assert.match(mail!.raw, /^Content-Type: text\/html; charset=utf-8\r?$/m);

    assert.deepEqual(await runner.runDue(minutes(60)), { done: 0, failed: 0 });
    assert.equal(received.length, 1, 'delivered once');

    const outbox = await clerk.get('/outbox');
    assert.equal(outbox.status, 200);
    const statuses = outbox.$('[data-testid="outbox"] [data-status]').map((_, el) => outbox.$(el).attr('data-status')).get().sort();
    assert.deepEqual([...new Set(statuses)], ['post', 'sent'], 'emails sent, letters for post (including the demo’s)');
    assert.equal(statuses.filter((s) => s === 'sent').length, 1);
    assert.equal(outbox.$('[data-testid="no-smtp"]').length, 0);
    const href = outbox.$('[data-testid="outbox"] a').first().attr('href')!;
    const one = await clerk.get(href);
    assert.equal(one.status, 200);
    assert.match(one.text('[data-testid="message-body"]'), /Town plan consultation/);
  });

  it('refuses the outbox to a councillor, naming the clause', async () => {
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('market'));
    const page = await councillor.get('/outbox');
    assert.equal(page.status, 403);
    assert.match(page.text('main'), /Refused under clause/);
    assert.ok(page.$('[data-testid="clause-link"]').length >= 1);
  });
});

describe('notifications: durable jobs', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('keeps a job held across a restart and delivers it once afterwards', async () => {
    const ids = await outboxEmails(ctx.db, ctx.council.id, ['held@example.org']);
    // The process stops before the job runs: the app closes and the database connection goes.
    const reopened = await restartDatabase(ctx);
    try {
      const mailer = new RecordingMailer();
      const runner = createJobRunner({ db: reopened, mailer, clock: () => FIXED_NOW });
      assert.deepEqual(await runner.runDue(FIXED_NOW), { done: 1, failed: 0 });
      assert.deepEqual(await runner.runDue(minutes(10)), { done: 0, failed: 0 });
      assert.deepEqual(mailer.sent.map((m) => m.to), ['held@example.org']);
      assert.ok((await sentAt(reopened, ctx.council.id, ids)).every((s) => s !== null));
    } finally {
      await reopened.close();
    }
  });
});

describe('notifications: runners, retries and the outbox folder', () => {
  let ctx: TestContext;
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'concord-outbox-'));
    ctx = await testApp({ template: 'ilminster', config: { dataDir } });
  });
  after(async () => {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers each job exactly once when two runners race for it', async () => {
    const recipients = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org', 'e@example.org'];
    const ids = await outboxEmails(ctx.db, ctx.council.id, recipients);
    const mailer = new RecordingMailer();
    const one = createJobRunner({ db: ctx.db, mailer, clock: () => FIXED_NOW });
    const two = createJobRunner({ db: ctx.db, mailer, clock: () => FIXED_NOW });
    const [a, b] = await Promise.all([one.runDue(FIXED_NOW), two.runDue(FIXED_NOW)]);
    assert.equal(a.done + b.done, recipients.length);
    assert.deepEqual(mailer.sent.map((m) => m.to).sort(), recipients);
    assert.ok((await sentAt(ctx.db, ctx.council.id, ids)).every((s) => s !== null));
  });

  it('retries a failing job with a growing wait, then gives up keeping the last error', async () => {
    let calls = 0;
    const runner = new JobRunner(ctx.db).register('test.fail', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const id = await ctx.db.tenant(ctx.council.id, (trx) => enqueue(trx, { councilId: ctx.council.id, kind: 'test.fail', runAt: FIXED_NOW, maxAttempts: 3 }));
    const job = () => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

    assert.deepEqual(await runner.runDue(FIXED_NOW), { done: 0, failed: 1 });
    assert.equal(new Date((await job()).run_at).getTime(), minutes(2).getTime(), 'first wait: 2 minutes');
    assert.deepEqual(await runner.runDue(minutes(1)), { done: 0, failed: 0 }, 'not due yet');
    assert.deepEqual(await runner.runDue(minutes(2)), { done: 0, failed: 1 });
    assert.equal(new Date((await job()).run_at).getTime(), minutes(6).getTime(), 'second wait: 4 minutes');
    assert.deepEqual(await runner.runDue(minutes(6)), { done: 0, failed: 1 });
    assert.deepEqual(await runner.runDue(minutes(24 * 60)), { done: 0, failed: 0 }, 'given up after max_attempts');
    const last = await job();
    assert.equal(calls, 3);
    assert.equal(last.attempts, 3);
    assert.equal(last.done_at, null);
    assert.equal(last.last_error, 'boom 3');
  });

  it('without SMTP, writes each email as an .eml file in the data folder', async () => {
    const [id] = await outboxEmails(ctx.db, ctx.council.id, ['file@example.org']);
    const runner = createJobRunner({ db: ctx.db, mailer: ctx.app.concord.services.mailer, clock: () => FIXED_NOW });
    assert.deepEqual(await runner.runDue(FIXED_NOW), { done: 1, failed: 0 });
    const folder = join(dataDir, 'outbox', ctx.council.slug);
    assert.deepEqual(await readdir(folder), [`${id}.eml`]);
    const eml = await readFile(join(folder, `${id}.eml`), 'utf8');
    assert.match(eml, /^To: file@example\.org\r$/m);
    assert.match(eml, /^Subject: Notice for file@example\.org\r$/m);
    assert.match(eml, /^From: Concord <concord@localhost>\r$/m);

    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const page = await clerk.get('/outbox');
    assert.equal(page.status, 200);
    assert.equal(page.$('[data-testid="no-smtp"]').length, 1);
    assert.match(page.text('[data-testid="outbox"]'), /file@example\.org/);
    // Not "Sent" under a notice that email is not set up: it was saved as a file.
    const row = page.$('[data-testid="outbox"] tr').filter((_, tr) => page.$(tr).text().includes('file@example.org'));
    assert.equal(row.find('[data-status]').attr('data-status'), 'saved');
    assert.equal(row.find('[data-status]').text().trim(), 'Saved as a file');
    assert.equal(page.$('[data-testid="outbox"] [data-status="sent"]').length, 0);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { listeningApp, testApp, FIXED_NOW, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { createTestLogin, databaseUrl, TEST_LOGIN } from '../../test/helpers/database-copy.js';
import { startConcord, type ConcordProcess } from '../../test/helpers/concord-process.js';
import { buildApp } from '../app.js';
import { testConfig } from '../config/config.js';
import { openDatabase, type Database } from '../db/database.js';
import { SESSION_COOKIE } from '../auth/routes.js';
import { JobRunner, enqueue } from '../jobs/queue.js';
import { createCouncil } from '../councils/create.js';
import { findTemplate } from '../protocol/templates/index.js';
import { londonDate } from '../policy/principal.js';
import { TEST_AUDIT_SECRET } from '../../test/helpers/audit.js';

/**
 * Two Concord processes behind one proxy, on one PostgreSQL database: each with its own pool,
 * logged in as the requests login an operator sets up (DATABASE_APP_URL), and each listening
 * for changes as `concord serve` does. Whatever one process does, the other honours: sessions,
 * sign-in limits, durable jobs, and the councils and clause indexes each keeps in memory.
 */
const url = process.env.TEST_DATABASE_URL;
const LOGIN = TEST_LOGIN;

interface Process {
  app: FastifyInstance;
  db: Database;
  /** Ends its listening and its app. */
  stop: () => Promise<void>;
}

/** Asks again until `seen` holds, a bounded number of times; the message says what never came. */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return;
    await sleep(25);
  }
  assert.fail(`${what}: still not seen after 200 tries; the change notification never arrived`);
}

describe('two processes on one PostgreSQL database', { skip: url ? false : 'PostgreSQL only: set TEST_DATABASE_URL' }, () => {
  let ctx: TestContext;
  let a: Process;
  let b: Process;

  /** A process as `concord serve` starts one: the owner's handle given up for the requests login, then listening. */
  async function startProcess(target: string): Promise<Process> {
    const owner = await openDatabase({ url: databaseUrl(url!, target), appUrl: databaseUrl(url!, target, LOGIN) });
    const db = await owner.forRequests();
    const { app, stop } = await listeningApp({ config: testConfig({ signInAttempts: 4 }), db, clock: () => FIXED_NOW });
    return { app, db, stop };
  }

  before(async () => {
    ctx = await testApp();
    // Only its database is used: the two processes are a and b.
    await ctx.stopApp();
    await createTestLogin(url!);
    const target = (ctx.db as Database & { target: string }).target;
    a = await startProcess(target);
    b = await startProcess(target);
  });
  after(async () => {
    for (const p of [a, b]) {
      await p?.stop();
      await p?.db.close();
    }
    await ctx?.close();
  });

  it('listens through the requests login, not the owner', async () => {
    const { rows } = await ctx.db.system((trx) => sql<{ usename: string }>`select usename from pg_stat_activity where datname = current_database() and query = 'listen concord_changes'`.execute(trx));
    assert.deepEqual(rows.map((r) => r.usename), [LOGIN, LOGIN]);
  });

  it('honours on one a session begun on the other, and ends it on both when signed out on one', async () => {
    const browser = new TestClient(a.app);
    assert.equal((await browser.signIn(ctx.emailOf('clerk'))).status, 200);
    const token = browser.cookie(SESSION_COOKIE);
    assert.ok(token, 'signed in on the first');
    const onB = await browser.reach(b.app).api('GET', '/api/v1/session');
    assert.equal(onB.json().person?.name, 'Alex Morgan', onB.body);

    assert.equal((await browser.reach(a.app).api('DELETE', '/api/v1/session')).statusCode, 204);
    // The cookie a browser would have dropped, kept and sent again to the second.
    const replayed = await b.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    assert.equal(replayed.json().person, null, 'the session signed out on the first is over on the second');
  });

  // Both apps here share one Node process, which tells each of them of the other's commits
  // directly; the last test, with a second operating-system process, is where a write reaches
  // another process only by the database's notification.
  it('shows on one process’s home page what was written through the other', async () => {
    const base = `/c/${ctx.council.slug}`;
    const chair = new TestClient(b.app, base);
    await chair.signIn(ctx.emailOf('chair'));
    const unread = async () => (await chair.get('/')).$('[data-testid="unread-bulletins"]').text().trim();
    const before = await unread();
    assert.equal(await unread(), before, 'asked again, answered from what the second process read');
    const officer = new TestClient(a.app, base);
    await officer.signIn(ctx.emailOf('officer'));
    assert.equal((await officer.api('POST', '/api/v1/bulletins', { title: 'Bins', body: 'Collections move to Tuesday.', audience: 'all' })).statusCode, 201);
    await eventually('the second process’s home page counting the bulletin published through the first', async () => (await unread()) !== before);
  });

  it('counts failed sign-ins across both processes', async () => {
    // Four failures allowed to one account; each process sees two of them.
    const first = new TestClient(a.app);
    const second = new TestClient(b.app);
    const email = ctx.emailOf('officer');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const client = i % 2 ? second : first;
      statuses.push((await client.api('POST', '/api/v1/session', { email, password: `guess-${i}` })).statusCode);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401]);
    const right = await first.api('POST', '/api/v1/session', { email, password: 'concord-demo' });
    assert.equal(right.statusCode, 429, 'the first process counts the failures the second saw');
    assert.equal((await second.api('POST', '/api/v1/session', { email, password: 'concord-demo' })).statusCode, 429);
  });

  it('runs each durable job once, though both processes look for due jobs at the same moment', async () => {
    // Only this test's jobs wait: those the demo queued are set aside.
    await ctx.db.system((trx) => trx.updateTable('jobs').set({ done_at: new Date().toISOString() }).where('done_at', 'is', null).execute());
    const queued = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const ids: string[] = [];
      for (let n = 0; n < 40; n++) ids.push(await enqueue(trx, { councilId: ctx.council.id, kind: 'test.once', payload: { n } }));
      return ids;
    });
    const runs: string[] = [];
    const runner = (db: Database) =>
      new JobRunner(db, { batch: 3 }).register('test.once', async (trx, job) => {
        runs.push(job.id);
        // The job reads its own row, as real jobs read theirs: the two runners interleave here.
        await trx.selectFrom('jobs').select('id').where('id', '=', job.id).executeTakeFirstOrThrow();
      });
    const [byA, byB] = await Promise.all([runner(a.db).runDue(FIXED_NOW), runner(b.db).runDue(FIXED_NOW)]);
    assert.equal(byA.failed + byB.failed, 0);
    assert.equal(byA.done + byB.done, queued.length);
    assert.deepEqual([...runs].sort(), [...queued].sort(), 'each job ran, and none twice');
    const left = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select('id').where('kind', '=', 'test.once').where('done_at', 'is', null).execute());
    assert.deepEqual(left, []);
  });

  it('sees at once a council added and given a host name elsewhere, and a council renamed on the other process', async () => {
    const host = 'concord.wells-cc.example';
    const sessionAt = (p: Process, headers: Record<string, string> = {}, base = '') => p.app.inject({ method: 'GET', url: `${base}/api/v1/session`, headers }).then((r) => r.json<{ council: { slug: string; name: string } }>().council);
    // The second has read its councils: one, served whatever the host.
    assert.equal((await sessionAt(b, { host })).slug, ctx.council.slug);

    // An operator adds a council (`concord init`, a process of its own) and gives it its host name.
    const owner = await openDatabase({ url: databaseUrl(url!, (ctx.db as Database & { target: string }).target) });
    try {
      const wells = await createCouncil(owner, { template: findTemplate('model')!, name: 'Wells City Council', slug: 'wells' });
      await owner.system((trx) => trx.updateTable('councils').set({ hostnames: [host] }).where('id', '=', wells.id).execute());
    } finally {
      await owner.close();
    }
    await eventually('the second process serving the new council at its host name', async () => (await sessionAt(b, { host })).slug === 'wells');

    // The Clerk renames the council through the first; refusals on the second cite the new name.
    // With two councils, each is reached by its path prefix.
    const base = `/c/${ctx.council.slug}`;
    const clerk = new TestClient(a.app, base);
    await clerk.signIn(ctx.emailOf('clerk'));
    const chair = new TestClient(b.app, base);
    await chair.signIn(ctx.emailOf('chair'));
    const instruct = async () => (await chair.api('POST', '/api/v1/tasks', { title: 'Cut the hedge', resolutionId: ctx.people.officer, assignedTo: ctx.people.officer })).json().error as { message: string; clause: { number: string } };
    assert.match((await instruct()).message, /of the Ilminster Town Council protocol/);
    const profile = (await clerk.api('GET', '/api/v1/council')).json();
    const renamed = await clerk.api('PUT', '/api/v1/council', { ...profile, name: 'Ilminster and Donyatt Town Council' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    await eventually('the second process naming the council by its new name', async () => (await sessionAt(b, {}, base)).name === 'Ilminster and Donyatt Town Council');
    assert.match((await instruct()).message, /of the Ilminster and Donyatt Town Council protocol/);
  });

  it('cites on one process the clauses of a protocol version adopted through the other', async () => {
    const today = londonDate(FIXED_NOW);
    const base = `/c/${ctx.council.slug}`;
    const clerk = new TestClient(a.app, base);
    await clerk.signIn(ctx.emailOf('clerk'));
    const chair = new TestClient(b.app, base);
    await chair.signIn(ctx.emailOf('chair'));
    const instruct = async () => (await chair.api('POST', '/api/v1/tasks', { title: 'Cut the hedge', resolutionId: ctx.people.officer, assignedTo: ctx.people.officer })).json().error.clause as { number: string };
    assert.equal((await instruct()).number, '2.3');

    assert.equal((await clerk.api('DELETE', '/api/v1/protocol/draft')).statusCode, 204);
    const draft = (await clerk.api('POST', '/api/v1/protocol/draft')).json();
    const clause = draft.clauses.find((c: { number: string }) => c.number === '2.3');
    assert.equal((await clerk.api('PUT', `/api/v1/protocol/draft/clauses/${clause.id}`, { ...clause, number: '5.1' })).statusCode, 200);
    const meeting = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('meetings').select(['id', 'meeting_date']).where('committee_id', 'is', null).where('meeting_date', '<', today).orderBy('meeting_date', 'desc').executeTakeFirstOrThrow(),
    );
    const resolution = await clerk.api('POST', `/api/v1/meetings/${meeting.id}/resolutions`, { minuteNumber: '26/61', text: 'RESOLVED that version 3 of the protocol be approved.' });
    assert.equal(resolution.statusCode, 201, resolution.body);
    const approved = await clerk.api('POST', '/api/v1/protocol/draft/approval', { resolutionId: resolution.json().id, inForceFrom: meeting.meeting_date, reviewDueOn: '2027-11-01', summary: 'Clause 2.3 renumbered 5.1.' });
    assert.equal(approved.statusCode, 200, approved.body);

    await eventually('the second process citing clause 5.1 of the version adopted through the first', async () => (await instruct()).number === '5.1');
  });

  it('is shared with a second operating-system process started as `concord serve`', { timeout: 180_000 }, async () => {
    const target = (ctx.db as Database & { target: string }).target;
    const base = `/c/${ctx.council.slug}`;
    // This process with the real clock, as the second has: sessions are dated alike.
    const owner = await openDatabase({ url: databaseUrl(url!, target), appUrl: databaseUrl(url!, target, LOGIN) });
    const requests = await owner.forRequests();
    const here = await buildApp({ config: testConfig(), db: requests });
    await here.ready();
    const data = await mkdtemp(join(tmpdir(), 'concord-second-process-'));
    let second: ConcordProcess | undefined;
    try {
      second = await startConcord(['serve'], {
        DATABASE_URL: databaseUrl(url!, target),
        DATABASE_APP_URL: databaseUrl(url!, target, LOGIN),
        CONCORD_DATA: data,
        AUDIT_KEY: TEST_AUDIT_SECRET,
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'error',
      });
      const { origin } = second;

      // A session begun here is honoured there.
      const browser = new TestClient(here, base);
      assert.equal((await browser.signIn(ctx.emailOf('clerk'))).status, 200);
      const session = await fetch(`${origin}${base}/api/v1/session`, { headers: { cookie: `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE)}` } });
      assert.equal(((await session.json()) as { person?: { name: string } }).person?.name, 'Alex Morgan');

      // A rename made here is heard there, through the database's notification.
      const profile = (await browser.api('GET', '/api/v1/council')).json();
      assert.equal((await browser.api('PUT', '/api/v1/council', { ...profile, name: 'Ilminster and Horton Town Council' })).statusCode, 200);
      const nameThere = () => fetch(`${origin}${base}/api/v1/session`).then((r) => r.json() as Promise<{ council: { name: string } }>).then((j) => j.council.name);
      await eventually('the second process naming the council by its new name', async () => (await nameThere()) === 'Ilminster and Horton Town Council');

      // What the second remembers of the council is read again once a write here is heard there.
      const cookie = `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE)}`;
      const venuesThere = () => fetch(`${origin}${base}/api/v1/meetings`, { headers: { cookie } }).then((r) => r.json() as Promise<{ meetings: { venue: string }[] }>).then((j) => j.meetings.map((m) => m.venue));
      assert.ok(!(await venuesThere()).includes('Minster Rooms'));
      // A change made behind Concord's back, which no process hears: the second, asked again,
      // answers from what it read before.
      const byHand = new pg.Client({ connectionString: databaseUrl(url!, target) });
      await byHand.connect();
      try {
        const moved = await byHand.query("update meetings set venue = 'Quiet Hall' where id = (select id from meetings where council_id = $1 order by meeting_date desc limit 1)", [ctx.council.id]);
        assert.equal(moved.rowCount, 1);
      } finally {
        await byHand.end();
      }
      assert.ok(!(await venuesThere()).includes('Quiet Hall'), 'asked again, answered from what the second process read');
      const scheduled = await browser.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2027-03-09', startsAt: '19:00', venue: 'Minster Rooms' });
      assert.equal(scheduled.statusCode, 201, scheduled.body);
      await eventually('the second process listing the meeting scheduled here', async () => (await venuesThere()).includes('Minster Rooms'));
      assert.ok((await venuesThere()).includes('Quiet Hall'), 'once a write is heard, everything is read afresh');

      // A session the second remembers ends there once the sign-out here is heard.
      const personThere = () => fetch(`${origin}${base}/api/v1/session`, { headers: { cookie } }).then((r) => r.json() as Promise<{ person: { name: string } | null }>).then((j) => j.person?.name ?? null);
      assert.equal(await personThere(), 'Alex Morgan');
      assert.equal(await personThere(), 'Alex Morgan', 'asked again, answered from the session the second process read');
      assert.equal((await browser.api('DELETE', '/api/v1/session')).statusCode, 204);
      await eventually('the second process refusing the session signed out here', async () => (await personThere()) === null);
    } finally {
      await second?.stop();
      await here.close();
      await requests.close();
      await rm(data, { recursive: true, force: true });
    }
  });
});

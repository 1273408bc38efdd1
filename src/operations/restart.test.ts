import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { testConfig } from '../config/config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createDemoCouncil } from '../demo/demo.js';
import { enqueue, JobRunner } from '../jobs/queue.js';
import { findTemplate } from '../protocol/templates/index.js';
import { FIXED_NOW } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { databaseUrl } from '../../test/helpers/database-copy.js';
import { createCluster, postgresPrograms, type Cluster } from '../../test/helpers/throwaway-cluster.js';

/**
 * A real PostgreSQL restart while requests are being served: a server of the test's own (the
 * shared one cannot be restarted), restarted with `pg_ctl restart -m fast`, then stopped and
 * started again. Requests meanwhile are answered 200 or 503 with Retry-After and nothing else;
 * once the server is back they succeed, and the job runner's loop takes jobs again. It needs
 * PostgreSQL's programs on this machine and leave to start servers: CONCORD_RESTART_TEST=1.
 * (`npm run bench:restart` does the same against `concord serve` and reports the figures.)
 */
const programs = await postgresPrograms();
const skip = process.env.CONCORD_RESTART_TEST !== '1' ? 'set CONCORD_RESTART_TEST=1 to start and restart a PostgreSQL server of its own' : !programs ? 'no initdb and pg_ctl under /usr/lib/postgresql' : false;

describe('a PostgreSQL restart while serving', { skip }, () => {
  let cluster: Cluster;
  let db: Database;
  let app: FastifyInstance;
  let client: TestClient;
  let councilId: string;
  let runner: JobRunner;

  before(async () => {
    cluster = await createCluster();
    const setup = new pg.Client({ connectionString: cluster.url });
    await setup.connect();
    await setup.query('create database concord');
    await setup.end();
    const ownerUrl = databaseUrl(cluster.url, 'concord');
    const owner = await openDatabase({ url: ownerUrl });
    await owner.migrate();
    councilId = await createDemoCouncil(owner, findTemplate('ilminster')!, { today: FIXED_NOW.toISOString().slice(0, 10) }).then(() =>
      owner.system((trx) => trx.selectFrom('councils').select('id').executeTakeFirstOrThrow().then((c) => c.id)),
    );
    await sql`alter role concord_app_login login password 'restart'`.execute(owner.kysely);
    await owner.close();
    // Requests log in as their own role, as on a council's server: its pool is the one tried.
    db = await (await openDatabase({ url: ownerUrl, appUrl: databaseUrl(cluster.url, 'concord', 'concord_app_login') })).forRequests();
    app = await buildApp({ config: testConfig(), db, clock: () => FIXED_NOW });
    await app.ready();
    client = new TestClient(app);
    assert.equal((await client.signIn('chair@example.org')).status, 200);
    runner = new JobRunner(db, { clock: () => new Date() }).register('restart.probe', async () => undefined);
    runner.start(100);
  });
  after(async () => {
    await runner?.stop();
    await app?.close();
    await db?.close();
    await cluster?.destroy();
  });

  /** Clients asking for the home page and an API read, one request after another, until `stop()`. */
  const underLoad = () => {
    const statuses: Array<{ status: number; retryAfter: unknown; at: number }> = [];
    let going = true;
    const loops = Array.from({ length: 4 }, async (_, i) => {
      for (let n = i; going; n++) {
        const res = n % 2 ? await client.api('GET', '/api/v1/meetings') : (await client.get('/')).res;
        statuses.push({ status: res.statusCode, retryAfter: res.headers['retry-after'], at: Date.now() });
      }
    });
    return {
      statuses,
      stop: async () => {
        going = false;
        await Promise.all(loops);
      },
    };
  };

  /** Asks until the first 200, then `count` requests more: their statuses. */
  const recovered = async (count: number) => {
    for (let tries = 0; tries < 200; tries++) {
      if ((await client.api('GET', '/api/v1/meetings')).statusCode === 200) break;
      await sleep(50);
    }
    const after = [];
    for (let i = 0; i < count; i++) after.push(i % 2 ? (await client.api('GET', '/api/v1/meetings')).statusCode : (await client.get('/')).status);
    return after;
  };

  for (const [name, disrupt, away] of [
    ['pg_ctl restart -m fast', () => cluster.restart(), false],
    [
      'stopped, down for a moment, started',
      async () => {
        await cluster.stop();
        await sleep(1000);
        await cluster.start();
      },
      // Down for a second under load, some request met the server away.
      true,
    ],
  ] as const) {
    it(`${name}: each request is answered 200 or 503 with Retry-After, and all succeed once it is back`, async () => {
      const load = underLoad();
      await sleep(300);
      await disrupt();
      await sleep(300);
      await load.stop();
      const wrong = load.statuses.filter((s) => !(s.status === 200 || (s.status === 503 && s.retryAfter === '5')));
      assert.deepEqual(wrong, [], `answers: ${load.statuses.map((s) => s.status).join(', ')}`);
      if (away) assert.ok(load.statuses.some((s) => s.status === 503), 'no request met the server away');
      assert.deepEqual(await recovered(10), Array(10).fill(200));
    });
  }

  it('the job runner takes jobs again after the restarts', async () => {
    const id = await db.tenant(councilId, (trx) => enqueue(trx, { councilId, kind: 'restart.probe' }));
    let done: Date | null = null;
    for (let tries = 0; tries < 200 && !done; tries++) {
      await sleep(50);
      done = (await db.tenant(councilId, (trx) => trx.selectFrom('jobs').select('done_at').where('id', '=', id).executeTakeFirstOrThrow())).done_at;
    }
    assert.ok(done, 'the job was not done');
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../app.js';
import { testConfig } from '../config/config.js';
import { FIXED_NOW, listeningApp, testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { counted } from '../../test/helpers/statements.js';

/**
 * How much database work a request costs, counted rather than timed: transactions opened
 * (each is a begin, the council's role and context in one statement, and a commit) and the
 * statements run inside them. A change that adds a query to every request shows here as a
 * failure, on a machine of any speed. `npm run bench` measures the time.
 */

let ctx: TestContext;
let count: ReturnType<typeof counted>;
let client: TestClient;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let stopApp: (() => Promise<void>) | undefined;

before(async () => {
  ctx = await testApp();
  count = counted(ctx.db);
  ({ app, stop: stopApp } = await listeningApp({ config: testConfig(), db: count.db, clock: () => FIXED_NOW }));
  client = new TestClient(app);
});
after(async () => {
  await stopApp?.();
  await ctx?.close();
});

type Cost = { transactions: number; statements: number };

/**
 * Each page asked for three times. The second time follows a write to the council, so it reads
 * everything afresh, with the council's clauses held: what the page costs each time anything
 * changes. The third time nothing has changed since the second: what it costs again and again.
 */
async function costs(path: string, api = false): Promise<{ afresh: Cost; again: Cost }> {
  const ask = () => (api ? client.api('GET', path).then((r) => r.statusCode) : client.get(path).then((p) => (p.status === 200 ? 200 : `${p.status} ${String(p.res.headers.location)}`)));
  assert.equal(await ask(), 200, path);
  // A write to the council that changes no cached council or clause: what was read of it is forgotten.
  await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ locale: sql`locale` }).where('council_id', '=', ctx.council.id).execute());
  count.reset();
  assert.equal(await ask(), 200, path);
  const afresh = count.read();
  count.reset();
  assert.equal(await ask(), 200, path);
  return { afresh, again: count.read() };
}

/**
 * Changes the council and waits until the app has heard it, as it hears another process's
 * change: a notification heard while a page is counted would make it read the councils again.
 */
async function councilChanged(change: { is_demo: boolean }): Promise<void> {
  const councils = app!.concord.councils;
  const invalidate = councils.invalidate.bind(councils);
  let heard = false;
  councils.invalidate = () => {
    heard = true;
    invalidate();
  };
  try {
    await ctx.db.system((trx) => trx.updateTable('councils').set(change).where('id', '=', ctx.council.id).execute());
    for (let tries = 0; !heard && tries < 400; tries++) await sleep(25);
    assert.ok(heard, 'the change to the council was never heard');
  } finally {
    councils.invalidate = invalidate;
  }
}

async function cost(path: string, api = false): Promise<Cost> {
  return (await costs(path, api)).afresh;
}

describe('database work per request', () => {
  it('is none for a signed-out page that needs nothing from the database', async () => {
    // A demo council's sign-in page lists its people; a real council's reads nothing.
    await councilChanged({ is_demo: false });
    const signIn = await cost('/sign-in');
    await councilChanged({ is_demo: true });
    console.log(`sign-in page, signed out: ${JSON.stringify(signIn)}`);
    assert.deepEqual(signIn, { transactions: 0, statements: 0 });
  });

  it('stays within its budget for a councillor’s home page, the meetings list and an API read', async () => {
    assert.equal((await client.signIn(ctx.emailOf('riverside'))).status, 200);
    const budgets: [string, boolean, number, number][] = [
      // One transaction: the person with their session (one statement), then the page's own work.
      // The home page's panels each read their own figures: 12 statements with every capability's
      // (a chair's meetings in one statement each, not one more per meeting).
      ['/', false, 1, 13],
      ['/meetings', false, 1, 4],
      ['/api/v1/meetings', true, 1, 4],
    ];
    const over: string[] = [];
    for (const [path, api, transactions, statements] of budgets) {
      const spent = await cost(path, api);
      console.log(`${path} as a councillor: ${JSON.stringify(spent)}`);
      if (spent.transactions > transactions || spent.statements > statements) over.push(`${path}: ${JSON.stringify(spent)} over ${transactions} transactions / ${statements} statements`);
    }
    assert.deepEqual(over, []);
  });

  it('is none when the same person asks again and nothing was written to the council since', async () => {
    assert.equal((await client.signIn(ctx.emailOf('riverside'))).status, 200);
    // Signing in wrote: for a few seconds after, this browser is answered afresh (decisions/0028).
    client.passTime(5);
    const again = { transactions: 0, statements: 0 };
    for (const [path, api] of [
      ['/', false],
      ['/meetings', false],
      ['/api/v1/meetings', true],
    ] as const) {
      const cost = await costs(path, api);
      const { afresh } = cost;
      assert.ok(afresh.statements > 0, `${path}: read afresh after a write (${JSON.stringify(afresh)})`);
      assert.deepEqual(cost.again, again, `${path} asked again`);
    }
  });

  // Other processes may write to a PostgreSQL server; one process alone serves an embedded database.
  it('is the same each time for a process on PostgreSQL that does not hear other processes’ writes', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL only: set TEST_DATABASE_URL' }, async () => {
    const deaf = await buildApp({ config: testConfig(), db: count.db, clock: () => FIXED_NOW });
    try {
      const riverside = new TestClient(deaf);
      assert.equal((await riverside.signIn(ctx.emailOf('riverside'))).status, 200);
      riverside.passTime(5);
      const spent: Cost[] = [];
      for (let i = 0; i < 2; i++) {
        count.reset();
        assert.equal((await riverside.api('GET', '/api/v1/meetings')).statusCode, 200);
        spent.push(count.read());
      }
      assert.ok(spent[0]!.statements > 0, JSON.stringify(spent));
      assert.deepEqual(spent[1], spent[0], 'asked again, read again');
    } finally {
      await deaf.close();
    }
  });
});

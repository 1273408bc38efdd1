import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../app.js';
import { testConfig } from '../config/config.js';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';

let ctx: TestContext;
let withMetrics: Awaited<ReturnType<typeof buildApp>> | undefined;
const TOKEN = 'a-token-for-the-monitoring-only';

before(async () => {
  ctx = await testApp();
  // Through the requests login, as a server runs: its system role reads only what it is granted.
  withMetrics = await buildApp({ config: testConfig({ metrics: { enabled: true, token: TOKEN } }), db: await ctx.db.forRequests(), clock: () => FIXED_NOW });
  await withMetrics.ready();
});
after(async () => {
  await withMetrics?.close();
  await ctx?.close();
});

describe('health', () => {
  it('says the process is alive and ready, with every migration run', async () => {
    const alive = await ctx.app.inject('/healthz');
    assert.equal(alive.statusCode, 200);
    const ready = await ctx.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
  });
});

describe('request ids', () => {
  it('are sent back with every answer, one per request', async () => {
    const [a, b] = await Promise.all([ctx.app.inject('/sign-in'), ctx.app.inject('/sign-in')]);
    assert.match(String(a.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
  });
});

describe('metrics', () => {
  it('are not served unless turned on', async () => {
    assert.equal((await ctx.app.inject('/metrics')).statusCode, 404);
  });

  it('are refused without the token, and never say which address was asked for', async () => {
    assert.equal((await withMetrics!.inject('/metrics')).statusCode, 403);
    assert.equal((await withMetrics!.inject({ url: '/metrics', headers: { authorization: 'Bearer not-the-token-at-all-no' } })).statusCode, 403);
    const meetings = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').limit(1).execute());
    await withMetrics!.inject(`/meetings/${meetings[0]!.id}`);
    await withMetrics!.inject('/sign-in');
    const scraped = await withMetrics!.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(scraped.statusCode, 200);
    assert.match(String(scraped.headers['content-type']), /^text\/plain/);
    const text = scraped.body;
    assert.match(text, /concord_http_requests_total\{method="GET",route="\/sign-in",status="200"\} 1/);
    assert.match(text, /concord_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/meetings\/:id"\}/);
    assert.ok(!text.includes(meetings[0]!.id), 'a label holds the route’s pattern, not the id asked for');
    assert.match(text, /concord_jobs\{state="due"\} \d+/);
    assert.match(text, /concord_outbox_unsent\{channel="post"\} \d+/);
  });

  it('without a token, answer only this machine, and not a request a proxy here passed on', async () => {
    const open = await buildApp({ config: testConfig({ metrics: { enabled: true } }), db: ctx.db, clock: () => FIXED_NOW });
    try {
      assert.equal((await open.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode, 200);
      assert.equal((await open.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode, 403);
      assert.equal((await open.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode, 403);
    } finally {
      await open.close();
    }
  });

  it('count the outbox as it is', async () => {
    const unsent = await ctx.db.system((trx) => trx.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('sent_at', 'is', null).where('channel', '=', 'email').executeTakeFirstOrThrow());
    const scraped = await withMetrics!.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.match(scraped.body, new RegExp(`concord_outbox_unsent\\{channel="email"\\} ${Number(unsent.n)}\\n`));
  });
});

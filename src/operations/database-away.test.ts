import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { admin } from '../../test/helpers/database-copy.js';

/**
 * A PostgreSQL server that goes away for a moment (a restart, a failover) and comes back. The
 * test closes the test's own database to connections and ends those open, as a restart does,
 * without touching the server other test files share. Requests meanwhile get a clean 503 with
 * Retry-After, never a 500, the process lives on, and the same requests succeed afterwards.
 */
const url = process.env.TEST_DATABASE_URL;

describe('the database away for a moment (PostgreSQL)', { skip: url ? false : 'PostgreSQL only: set TEST_DATABASE_URL' }, () => {
  let ctx: TestContext;
  let client: TestClient;
  let name: string;

  before(async () => {
    ctx = await testApp();
    name = (ctx.db as unknown as { target: string }).target;
    client = new TestClient(ctx.app);
    assert.equal((await client.signIn(ctx.emailOf('riverside'))).status, 200);
  });
  after(async () => {
    await admin(url!, `alter database ${name} allow_connections true`).catch(() => undefined);
    await ctx?.close();
  });

  it('answers 503 while the server is away, and serves again once it is back', async () => {
    assert.equal((await client.api('GET', '/api/v1/meetings')).statusCode, 200);

    // Requests in flight while every connection is ended: each is answered, none with a 500.
    const inFlight = Array.from({ length: 12 }, (_, i) => (i % 2 ? client.api('GET', '/api/v1/meetings').then((r) => r.statusCode) : client.get('/meetings').then((p) => p.status)));
    await admin(url!, `alter database ${name} allow_connections false`);
    await admin(url!, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
    const statuses = await Promise.all(inFlight);
    assert.deepEqual(
      statuses.filter((s) => s !== 200 && s !== 503),
      [],
      `in flight: ${statuses.join(', ')}`,
    );

    const api = await client.api('GET', '/api/v1/meetings');
    assert.equal(api.statusCode, 503);
    assert.equal(api.headers['retry-after'], '5');
    assert.equal(api.json<{ error: { id: string } }>().error.id, 'unavailable');
    const page = await client.get('/meetings');
    assert.equal(page.status, 503);
    assert.match(page.text('h1'), /Concord is not available for a moment/);

    await admin(url!, `alter database ${name} allow_connections true`);
    assert.equal((await client.api('GET', '/api/v1/meetings')).statusCode, 200);
    assert.equal((await client.get('/meetings')).status, 200);
  });
});

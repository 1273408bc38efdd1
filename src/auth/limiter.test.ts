import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { testConfig } from '../config/config.js';
import { testApp, FIXED_NOW, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

const LIMITS = { signInAttempts: 5, signInAddressAttempts: 12 };

describe('one limit on failed sign-ins, for the form and the API, kept in the database', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ config: LIMITS });
  });
  after(() => ctx.close());

  it('stops one address spraying guesses across five accounts, though no account reaches its own limit', async () => {
    const sprayer = new TestClient(ctx.app, '', '203.0.113.10');
    await sprayer.get('/sign-in');
    const accounts = ['chair@example.org', 'vice@example.org', 'tom@example.org', 'hannah@example.org', 'owen@example.org'];
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const email of accounts) statuses.push((await sprayer.post('/sign-in', { email, password: `spring-${round}` })).status);
    }
    assert.deepEqual(statuses.slice(0, 12), Array(12).fill(401), 'twelve guesses are refused as wrong');
    assert.deepEqual(statuses.slice(12), [429, 429, 429], 'then the address must wait');
    const page = await sprayer.post('/sign-in', { email: 'owen@example.org', password: 'concord-demo' });
    assert.equal(page.status, 429, 'even the right password, so waiting reveals nothing');
    assert.equal(page.text('main p'), 'There have been too many attempts to sign in. Wait 15 minutes and try again.');
    assert.equal(sprayer.cookie('concord_session'), undefined);

    const api = await sprayer.api('POST', '/api/v1/session', { email: 'owen@example.org', password: 'concord-demo' });
    assert.equal(api.statusCode, 429);
    assert.equal(api.json().error.id, 'too_many_requests');

    const elsewhere = new TestClient(ctx.app, '', '198.51.100.20');
    assert.equal((await elsewhere.api('POST', '/api/v1/session', { email: 'owen@example.org', password: 'concord-demo' })).statusCode, 200, 'the people sprayed still sign in from their own addresses');
  });

  it('counts the form and the API together against one account', async () => {
    const form = new TestClient(ctx.app, '', '203.0.113.20');
    await form.get('/sign-in');
    for (let i = 0; i < 3; i++) assert.equal((await form.post('/sign-in', { email: 'officer@example.org', password: `guess-${i}` })).status, 401);
    const api = new TestClient(ctx.app, '', '203.0.113.21');
    for (let i = 0; i < 2; i++) assert.equal((await api.api('POST', '/api/v1/session', { email: 'Officer@example.org', password: `guess-${i}` })).statusCode, 401);
    assert.equal((await form.post('/sign-in', { email: 'officer@example.org', password: 'concord-demo' })).status, 429, 'five failures in all: the account waits');
    assert.equal((await api.api('POST', '/api/v1/session', { email: 'officer@example.org', password: 'concord-demo' })).statusCode, 429);
  });

  it('does not count successful sign-ins: the Clerk signs in ten times and again', async () => {
    for (let i = 0; i < 11; i++) {
      const client = new TestClient(ctx.app, '', '203.0.113.30');
      const home = await client.signIn('clerk@example.org');
      assert.equal(home.status, 200, `sign-in ${i + 1}`);
      assert.equal(home.$('[data-testid="home-clerk"]').length, 1);
    }
  });

  it('forgets an account’s failures once its password is proved', async () => {
    const client = new TestClient(ctx.app, '', '203.0.113.40');
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) assert.equal((await client.api('POST', '/api/v1/session', { email: 'former@example.org', password: `guess-${i}` })).statusCode, 401);
      // The former councillor's password is right but their term is over: still a proof of the password.
      assert.equal((await client.api('POST', '/api/v1/session', { email: 'former@example.org', password: 'concord-demo' })).statusCode, 403);
    }
  });

  it('shares the count between two processes over one database', async () => {
    const other: FastifyInstance = await buildApp({ config: testConfig(LIMITS), db: ctx.db, clock: () => FIXED_NOW });
    await other.ready();
    try {
      const first = new TestClient(ctx.app, '', '203.0.113.50');
      const second = new TestClient(other, '', '203.0.113.50');
      for (let i = 0; i < 3; i++) assert.equal((await first.api('POST', '/api/v1/session', { email: 'clerk@example.org', password: `guess-${i}` })).statusCode, 401);
      for (let i = 0; i < 2; i++) assert.equal((await second.api('POST', '/api/v1/session', { email: 'clerk@example.org', password: `guess-${i}` })).statusCode, 401);
      assert.equal((await second.api('POST', '/api/v1/session', { email: 'clerk@example.org', password: 'concord-demo' })).statusCode, 429);
      assert.equal((await first.api('POST', '/api/v1/session', { email: 'clerk@example.org', password: 'concord-demo' })).statusCode, 429);
    } finally {
      await other.close();
    }
  });

  it('keeps no address and no email address in its table', async () => {
    const rows = await ctx.db.system((trx) => trx.selectFrom('sign_in_failures').select('key').execute());
    assert.ok(rows.length > 0);
    for (const { key } of rows) assert.match(key, /^[0-9a-f]{64}$/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';

describe('headers on every response', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ config: { trustProxy: true } });
  });
  after(() => ctx.close());

  it('tells browsers to keep to HTTPS when the request came over HTTPS, through a trusted proxy', async () => {
    const https = await ctx.app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(https.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
    const http = await ctx.app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(http.headers['strict-transport-security'], undefined);
  });

  it('keeps public pages out of shared caches', async () => {
    for (const url of ['/sign-in', '/protocol', '/api/v1/protocol']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      assert.equal(res.headers['cache-control'], 'private, no-cache', url);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { createDemoCouncil } from '../demo/demo.js';
import { createCouncil } from '../councils/create.js';
import { findTemplate } from '../protocol/templates/index.js';
import type { Council } from '../db/schema.js';

describe('the web layer', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp();
  });
  after(() => ctx.close());

  it('answers /healthz', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    assert.deepEqual([res.statusCode, res.json()], [200, { status: 'ok' }]);
  });

  it('answers /readyz when every migration this Concord knows is in place', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ status: string }>().status, 'ready');
  });

  it('describes the API in an OpenAPI document made from the schemas that validate requests', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    const create = doc.paths['/api/v1/tasks'].post;
    const schema = create.requestBody.content['application/json'].schema;
    assert.deepEqual([...schema.required].sort(), ['assignedTo', 'resolutionId', 'title']);
    assert.ok(create.responses['403'], 'the refusal is documented');
    assert.ok(doc.paths['/api/v1/session'].post);
    assert.ok(doc.paths['/api/v1/protocol'].get);
    assert.equal(Object.keys(doc.paths).some((p) => !p.startsWith('/api/v1/')), false, 'pages are not in the API document');
  });

  it('renders pages with the language, a skip link, Concord’s own header and no GOV.UK crown', async () => {
    const client = new TestClient(ctx.app);
    const page = await client.get('/sign-in');
    assert.equal(page.$('html').attr('lang'), 'en');
    assert.equal(page.$('a.govuk-skip-link').attr('href'), '#main-content');
    assert.equal(page.$('#main-content').length, 1);
    assert.equal(page.text('.govuk-generic-header'), 'Concord');
    assert.equal(page.$('.govuk-logo, .govuk-header__logotype, svg[class*="crown"], .govuk-footer__crown').length, 0);
    assert.match(page.title(), /^Sign in to Ilminster Town Council – Ilminster Town Council – Concord$/);
  });

  it('sends security headers, allowing only the page’s own inline script by its nonce', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sign-in' });
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(res.body, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}">`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const again = await ctx.app.inject({ method: 'GET', url: '/sign-in' });
    assert.notEqual(String(again.headers['content-security-policy']), csp, 'a fresh nonce each time');
  });

  it('tells browsers not to store signed-in pages', async () => {
    const client = new TestClient(ctx.app);
    const home = await client.signIn(ctx.emailOf('riverside'));
    assert.equal(home.res.headers['cache-control'], 'private, no-store');
  });

  it('serves a stylesheet without the GDS Transport font or the crown', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/assets/concord.css' });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /GDS Transport|\/fonts\//);
    // govuk-frontend's stylesheet still names the crest for its footer class, which Concord
    // never uses; the image itself is not served.
    assert.equal((await ctx.app.inject({ method: 'GET', url: '/assets/images/govuk-crest.svg' })).statusCode, 404);
    assert.equal((await ctx.app.inject({ method: 'GET', url: '/assets/concord.scss' })).statusCode, 404);
    assert.equal((await ctx.app.inject({ method: 'GET', url: '/assets/../package.json' })).statusCode, 404);
  });

  it('publishes an accessibility statement that anyone can read, linked from every page', async () => {
    const client = new TestClient(ctx.app);
    const signIn = await client.get('/sign-in');
    assert.equal(signIn.$('footer a[href="/accessibility"]').length, 1);
    const page = await client.get('/accessibility');
    assert.equal(page.status, 200);
    assert.equal(page.text('h1'), 'Accessibility statement');
    assert.match(page.text('main'), /WCAG\) version 2\.2 at level AA/);
    assert.match(page.text('main'), /Ask the Town Clerk of Ilminster Town Council/);
  });

  it('shows a 404 page for an unknown address and JSON for an unknown API path', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const page = await client.get('/no-such-page');
    assert.equal(page.status, 404);
    assert.equal(page.text('h1'), 'Page not found');
    const api = await client.api('GET', '/api/v1/no-such-thing');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.id, 'not_found');
  });

  it('answers a malformed id in a page’s address with a page, not JSON; the API still answers JSON', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    for (const path of ['/tasks/123', '/meetings/not-an-id', '/decisions/zzz', '/enquiries/not-an-id']) {
      const page = await client.get(path);
      assert.equal(page.status, 404, path);
      assert.match(String(page.res.headers['content-type']), /^text\/html/, path);
      assert.equal(page.text('h1'), 'Page not found', path);
      assert.equal(page.$('[data-testid="error-home"]').attr('href'), '/', 'the way back is a link');
    }
    const api = await client.api('GET', '/api/v1/tasks/123');
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.id, 'invalid_request');
  });
});

describe('many councils in one deployment', () => {
  let ctx: TestContext;
  let other: Council;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    other = await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury' });
    await createCouncil(ctx.db, { template: findTemplate('brackley')!, slug: 'brackley', hostnames: ['concord.brackley.example'] });
    ctx.app.concord.councils.invalidate();
  });
  after(() => ctx.close());

  it('tells councils apart by path prefix, each with its own protocol', async () => {
    const client = new TestClient(ctx.app, '/c/ledbury');
    await client.signIn(ctx.emailOf('chair'));
    const page = await client.get('/tasks/new');
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /clause 2\.3\.5a of the Ledbury Town Council protocol/);
    assert.equal(page.$('[data-testid="clause-link"]').first().attr('href'), '/c/ledbury/protocol#clause-2-3-5a');
  });

  it('tells councils apart by host name', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sign-in', headers: { host: 'concord.brackley.example' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Sign in to Brackley Town Council/);
  });

  it('does not let one council’s session into another', async () => {
    const client = new TestClient(ctx.app, '/c/demo');
    await client.signIn(ctx.emailOf('clerk'));
    const cookie = `concord_session=${client.cookie('concord_session')}`;
    const own = await ctx.app.inject({ method: 'GET', url: '/c/demo/api/v1/people', headers: { cookie } });
    assert.equal(own.statusCode, 200);
    const foreign = await ctx.app.inject({ method: 'GET', url: '/c/ledbury/api/v1/people', headers: { cookie } });
    assert.equal(foreign.statusCode, 401);
  });

  it('answers 404 for another council’s record, as if it did not exist', async () => {
    const ledburyClerk = await ctx.db.tenant(other.id, (trx) => trx.selectFrom('people').select('id').where('role', '=', 'clerk').executeTakeFirstOrThrow());
    const client = new TestClient(ctx.app, '/c/demo');
    await client.signIn(ctx.emailOf('clerk'));
    const res = await client.api('GET', `/api/v1/people/${ledburyClerk.id}`);
    assert.equal(res.statusCode, 404);
  });

  it('answers an address that belongs to no council with a clear page', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /No council here/);
    assert.equal((await ctx.app.inject({ method: 'GET', url: '/c/atlantis/sign-in' })).statusCode, 404);
  });
});

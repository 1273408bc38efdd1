import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nunjucks from 'nunjucks';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { createViews } from './render.js';

// Each page's template and context as Concord rendered it, to render it again with plain Nunjucks.
const seen: { template?: string; context?: object } = {};
const prototype = nunjucks.Environment.prototype as unknown as { render: (this: nunjucks.Environment, name: string, context?: object) => string };
const originalRender = prototype.render;

/** The page as Concord sent it, and the same template rendered by Nunjucks as it comes. */
async function bothWays(client: TestClient, path: string, expectedStatus = 200): Promise<{ concord: string; plain: string }> {
  seen.template = undefined;
  const page = await client.get(path);
  assert.equal(page.status, expectedStatus, path);
  return renderedAgain(page.res.body);
}

function renderedAgain(concord: string): { concord: string; plain: string } {
  assert.ok(seen.template && seen.context, 'the page was rendered from a template');
  return { concord, plain: createViews({ plain: true }).render(seen.template, seen.context) };
}

describe('rendering pages', () => {
  let ctx: TestContext;
  let welsh: TestContext;
  before(async () => {
    prototype.render = function (this: nunjucks.Environment, name: string, context?: object): string {
      seen.template = name;
      seen.context = context;
      return originalRender.call(this, name, context);
    };
    ctx = await testApp();
    welsh = await testApp({ template: 'crickhowell' });
  });
  after(async () => {
    prototype.render = originalRender;
    await ctx.close();
    await welsh.close();
  });

  const signedIn = async (app: TestContext, who: DemoKey) => {
    const client = new TestClient(app.app);
    await client.signIn(app.emailOf(who));
    return client;
  };

  it('renders the home page, the meetings list and the sign-in page as Nunjucks itself would, byte for byte', async () => {
    const chair = await signedIn(ctx, 'chair');
    const clerk = await signedIn(ctx, 'clerk');
    const signedOut = new TestClient(ctx.app);
    // Each twice: the second time from what the first one kept.
    for (let time = 0; time < 2; time++) {
      for (const [client, path] of [
        [chair, '/'],
        [clerk, '/'],
        [chair, '/meetings'],
        [clerk, '/meetings'],
        [signedOut, '/sign-in'],
      ] as const) {
        const { concord, plain } = await bothWays(client, path);
        assert.equal(concord, plain, `${path} differs from Nunjucks’ own render`);
      }
    }
  });

  it('renders a form with its errors as Nunjucks itself would', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    seen.template = undefined;
    const page = await client.post('/sign-in', { email: ctx.emailOf('chair'), password: 'not the password' });
    assert.equal(page.status, 401);
    assert.ok(page.$('.govuk-error-summary').length, 'the page shows its errors');
    const { concord, plain } = renderedAgain(page.res.body);
    assert.equal(concord, plain);
  });

  it('renders Welsh pages as Nunjucks itself would', async () => {
    const client = await signedIn(welsh, 'chair');
    await client.get('/?lang=cy');
    for (const path of ['/', '/meetings']) {
      const { concord, plain } = await bothWays(client, path);
      assert.match(concord, /<html lang="cy"/);
      assert.equal(concord, plain, path);
    }
  });

  it('shows nothing of one person’s on the next person’s page, though the layout’s fixed parts are kept', async () => {
    const chair = await signedIn(ctx, 'chair');
    const vice = await signedIn(ctx, 'vice');
    const first = await chair.get('/');
    const second = await vice.get('/');
    const nameOf = (page: typeof first) => page.text('h1').replace(/^Welcome, /, '');
    const tokenOf = (page: typeof first) => page.$('form.concord-sign-out input[name="_csrf"]').val() as string;
    const nonceOf = (page: typeof first) => /<script nonce="([^"]+)"/.exec(page.res.body)?.[1] ?? '';
    assert.ok(nameOf(first) && tokenOf(first) && nonceOf(first), 'the first page has a name, a token and a nonce');
    assert.notEqual(nameOf(first), nameOf(second), 'two people, two names');
    assert.ok(second.text('[data-testid="account-link"]').includes(nameOf(second)), 'the header names the second person');
    assert.ok(!second.$('body').text().includes(nameOf(first)), 'the first name is nowhere on the second page');
    assert.ok(!second.res.body.includes(tokenOf(first)), 'the first token is nowhere on the second page');
    assert.ok(!second.res.body.includes(nonceOf(first)), 'the first nonce is nowhere on the second page');
    // The service navigation, which is kept, is the same for the same role.
    assert.equal(first.$('.govuk-service-navigation').html(), second.$('.govuk-service-navigation').html());
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../test/helpers/app.js';
import { TestClient } from '../../../test/helpers/client.js';

describe('a council in Wales keeps its Welsh titles, default language and summons on its profile', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
  });
  after(() => ctx.close());

  it('shows the Welsh titles from the template, and uses the Clerk’s changes on Welsh pages', async () => {
    const form = await clerk.get('/setup/profile');
    assert.equal(form.$('#welsh\\.clerk').val(), 'Clerc y Dref');
    assert.equal(form.$('#welsh\\.councilName').val(), 'Cyngor Tref Crucywel');
    const fields: Record<string, string | string[]> = {};
    form.$('form[data-testid="profile-form"] input[name], form[data-testid="profile-form"] textarea[name]').each((_, el) => {
      const input = form.$(el);
      const name = input.attr('name')!;
      const type = input.attr('type');
      if (name === '_csrf' || ((type === 'checkbox' || type === 'radio') && input.attr('checked') === undefined)) return;
      const value = String(input.val() ?? '');
      const had = fields[name];
      fields[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
    });
    Object.assign(fields, { 'welsh.chair': 'Cadeirydd y Dref', defaultLocale: 'cy', bilingualSummons: 'on' });
    const saved = await clerk.post('/setup/profile', fields);
    assert.equal(saved.status, 303, saved.errors().join('; '));
    const api = await clerk.api('GET', '/api/v1/council');
    assert.equal(api.json().welsh.chair, 'Cadeirydd y Dref');
    assert.equal(api.json().defaultLocale, 'cy');
    assert.equal(api.json().bilingualSummons, true);
    // Someone who has not chosen now reads Welsh, the council's default.
    const visitor = new TestClient(ctx.app);
    assert.equal((await visitor.get('/sign-in')).$('html').attr('lang'), 'cy');
  });

  it('offers no Welsh section to a council in England', async () => {
    const english = await testApp({ template: 'ilminster' });
    try {
      const c = new TestClient(english.app);
      await c.signIn(english.emailOf('clerk'));
      const form = await c.get('/setup/profile');
      assert.equal(form.$('#welsh\\.clerk').length, 0);
    } finally {
      await english.close();
    }
  });
});

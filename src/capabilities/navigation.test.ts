import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

/**
 * The service navigation is made once for each person, clause index, language, address, day
 * and section, and drawn again from that (src/capabilities/registry.ts): what each page shows
 * must still follow every one of them.
 */
describe('the service navigation', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
  });
  after(async () => ctx?.close());

  const navigationOf = async (client: TestClient, path: string) => {
    const page = await client.get(path);
    assert.equal(page.status, 200, path);
    const links = page.$('.govuk-service-navigation__link');
    return {
      texts: links.map((_, a) => page.$(a).text().trim()).get(),
      active: page.$('.govuk-service-navigation__item--active').text().trim(),
    };
  };

  it('marks the section of each page, in the language of each page', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const home = await navigationOf(client, '/');
    const meetings = await navigationOf(client, '/meetings');
    assert.deepEqual(meetings.texts, home.texts, 'the same items on every page');
    assert.notEqual(meetings.active, home.active, 'the item of the page’s own section is the one marked');
    const welsh = await navigationOf(client, '/meetings?lang=cy');
    assert.notDeepEqual(welsh.texts, meetings.texts, 'in Welsh, once Welsh is asked for');
    assert.deepEqual((await navigationOf(client, '/meetings?lang=en')).texts, meetings.texts);
  });

  it('follows a change to what the rules read of the person', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('riverside'));
    const asCouncillor = await navigationOf(client, '/');
    const person = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('people').select(['id', 'role', 'term_starts', 'term_ends']).where('email', '=', ctx.emailOf('riverside')).executeTakeFirstOrThrow());
    try {
      await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ role: 'officer', council_office: null, term_starts: null, term_ends: null }).where('id', '=', person.id).execute());
      const asOfficer = await navigationOf(client, '/');
      assert.notDeepEqual(asOfficer.texts, asCouncillor.texts, 'an officer’s navigation, not the councillor’s they were');
    } finally {
      await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ role: person.role, term_starts: person.term_starts, term_ends: person.term_ends }).where('id', '=', person.id).execute());
    }
    assert.deepEqual((await navigationOf(client, '/')).texts, asCouncillor.texts);
  });
});

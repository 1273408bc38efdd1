import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

describe('the language a person reads Concord in (a council in Wales)', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
  });
  after(() => ctx.close());

  it('offers Welsh on every page, signed out, and remembers the choice in a cookie', async () => {
    const client = new TestClient(ctx.app);
    const english = await client.get('/sign-in');
    assert.equal(english.$('html').attr('lang'), 'en');
    const toWelsh = english.$('[data-testid="language-switch"]');
    assert.equal(toWelsh.text().trim(), 'Cymraeg');
    assert.equal(toWelsh.attr('lang'), 'cy');
    const welsh = await client.get(toWelsh.attr('href')!);
    assert.equal(welsh.$('html').attr('lang'), 'cy');
    assert.equal(welsh.$('[data-testid="language-switch"]').text().trim(), 'English');
    assert.equal(client.cookie('concord_lang'), 'cy');
    assert.equal((await client.get('/sign-in')).$('html').attr('lang'), 'cy', 'the cookie keeps it');
  });

  it('honours the browser’s languages on a first visit', async () => {
    const page = await new TestClient(ctx.app).get('/sign-in', { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' });
    assert.equal(page.$('html').attr('lang'), 'cy');
  });

  it('keeps a signed-in person’s choice on their account, made by the switch or the account page', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('independent'));
    await client.get('/?lang=cy');
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('people').select('locale').where('id', '=', ctx.people.independent).executeTakeFirstOrThrow());
    assert.equal(row.locale, 'cy');
    // A new browser, no cookie: the account's setting decides.
    const elsewhere = new TestClient(ctx.app);
    const home = await elsewhere.signIn(ctx.emailOf('independent'));
    assert.equal(home.$('html').attr('lang'), 'cy');
    const account = await elsewhere.get('/account');
    assert.equal(account.$('input[name="locale"][value="cy"]').attr('checked'), 'checked');
    const saved = await elsewhere.post('/account/language', { locale: 'en' });
    assert.equal(saved.status, 303);
    assert.equal((await elsewhere.get('/account')).$('html').attr('lang'), 'en');
  });

  it('refuses a language the council does not run in, naming the field', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('independent'));
    await client.get('/account');
    const page = await client.post('/account/language', { locale: 'fr' });
    assert.equal(page.status, 400);
    assert.equal(page.$('#locale-error').length, 1);
  });

  it('answers the API in the language of Accept-Language', async () => {
    const english = await ctx.app.inject({ method: 'GET', url: '/api/v1/enquiries', headers: { 'accept-language': 'en' } });
    const welsh = await ctx.app.inject({ method: 'GET', url: '/api/v1/enquiries', headers: { 'accept-language': 'cy' } });
    assert.equal(english.statusCode, 401);
    assert.equal(welsh.statusCode, 401);
    assert.notEqual(welsh.body, english.body);
    assert.match(welsh.body, /Mewngofnodwch/);
  });
});

describe('the language of a council in England', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('runs in English only: no switch, and ?lang=cy changes nothing', async () => {
    const client = new TestClient(ctx.app);
    const page = await client.get('/sign-in?lang=cy');
    assert.equal(page.$('html').attr('lang'), 'en');
    assert.equal(page.$('[data-testid="language-switch"]').length, 0);
    assert.equal(client.cookie('concord_lang'), undefined);
  });
});

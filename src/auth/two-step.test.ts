import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { testApp, FIXED_NOW, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { ACTIONS, RULE_TABLE } from '../capabilities/registry.js';
import { DEMO_PASSWORD } from '../demo/demo.js';

describe('two-step sign-in with a code from an authenticator app', () => {
  let ctx: TestContext;
  let now = FIXED_NOW;
  /** Moves the clock on a minute, so the app shows a code not yet used. */
  const nextMinute = () => {
    now = new Date(now.getTime() + 60_000);
  };
  let secret = '';
  let recoveryCodes: string[] = [];
  const codeNow = () => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: now.getTime() });
  /** A six-digit code that is not the app's: the right one plus one, wrapped. */
  const wrongCode = () => String((Number(codeNow()) + 1) % 1_000_000).padStart(6, '0');
  const auditActions = async (action: string) =>
    ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', action).execute());

  before(async () => {
    ctx = await testApp({ now: () => now });
  });
  after(() => ctx.close());

  it('is set up from the account page: the key as text, refused with a wrong code, on with the right one, with ten recovery codes shown once', async () => {
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    const account = await officer.get('/account');
    assert.match(account.text('[data-testid="two-step-status"]'), /Two-step sign-in is off/);
    assert.equal((await officer.post('/account/two-step', {})).location, '/account/two-step');
    const setup = await officer.get('/account/two-step');
    assert.equal(setup.status, 200);
    secret = setup.text('[data-testid="two-step-secret"]').replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(setup.$('[data-testid="two-step-uri"]').attr('href')!, new RegExp(`^otpauth://totp/.*secret=${secret}`));

    const wrong = await officer.post('/account/two-step/confirm', { code: wrongCode() });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.errors(), ['The code is not right. Enter the code your app shows now']);
    const empty = await officer.post('/account/two-step/confirm', { code: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.$('#code-error').length, 1, 'the field is named');
    assert.match((await officer.get('/account')).text('[data-testid="two-step-status"]'), /is off/, 'still off');

    const on = await officer.post('/account/two-step/confirm', { code: codeNow() });
    assert.equal(on.status, 200);
    recoveryCodes = on.$('[data-testid="recovery-codes"] li').map((_, li) => on.$(li).text().trim()).get();
    assert.equal(recoveryCodes.length, 10);
    assert.equal(new Set(recoveryCodes).size, 10);
    const later = await officer.get('/account/two-step');
    assert.equal(later.$('[data-testid="two-step-secret"]').length, 0, 'the key is not shown again');
    assert.equal(later.$('[data-testid="recovery-codes"]').length, 0, 'nor are the codes');
    assert.equal(later.text('[data-testid="codes-left"]'), 'You have 10 unused recovery codes.');
    const stored = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('two_step_recovery_codes').select('code_hash').where('person_id', '=', ctx.people.officer).execute());
    assert.equal(stored.length, 10);
    assert.ok(stored.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash) && !recoveryCodes.some((c) => c.replace('-', '') === r.code_hash)), 'only hashes are kept');
    assert.equal((await auditActions('two_step.on')).length, 1);
  });

  it('asks for the code after the password, refuses a wrong one, and signs in with the right one', async () => {
    nextMinute();
    const browser = new TestClient(ctx.app);
    await browser.get('/sign-in');
    const password = await browser.post('/sign-in', { email: ctx.emailOf('officer'), password: 'demo-password-ignored' });
    assert.equal(password.status, 401, 'a wrong password is refused before any code');
    const first = await browser.signIn(ctx.emailOf('officer'));
    assert.equal(first.text('h1'), 'Enter the code from your app');
    assert.equal((await browser.get('/tasks')).status, 303, 'not signed in without the code');
    const wrong = await browser.post('/sign-in/code', { code: wrongCode() });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.errors(), ['The code is not right, or has been used. Enter the code your app shows now']);
    const right = await browser.post('/sign-in/code', { code: codeNow() });
    assert.equal(right.status, 303);
    assert.equal(right.location, '/');
    assert.equal((await browser.get('/')).$('[data-testid="home-officer"]').length, 1);

    // The same code a second time, in another browser, is refused: it has been used.
    const other = new TestClient(ctx.app);
    await other.signIn(ctx.emailOf('officer'));
    assert.equal((await other.post('/sign-in/code', { code: codeNow() })).status, 401);
    const failed = await auditActions('sign_in.code_failed');
    assert.ok(failed.length >= 2 && failed.every((r) => r.entity_id === ctx.people.officer));
  });

  it('does not open the code step without the password first', async () => {
    const stranger = new TestClient(ctx.app);
    await stranger.get('/sign-in');
    const page = await stranger.get('/sign-in/code');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/sign-in');
    assert.equal((await stranger.post('/sign-in/code', { code: codeNow() })).location, '/sign-in');
  });

  it('takes a recovery code once, and refuses it the second time', async () => {
    nextMinute();
    const code = recoveryCodes[0]!;
    const phoneLost = new TestClient(ctx.app);
    await phoneLost.signIn(ctx.emailOf('officer'));
    const used = await phoneLost.post('/sign-in/code', { code });
    assert.equal(used.status, 303);
    assert.equal((await phoneLost.get('/')).status, 200);
    const again = new TestClient(ctx.app);
    await again.signIn(ctx.emailOf('officer'));
    assert.equal((await again.post('/sign-in/code', { code })).status, 401, 'a recovery code works once');
    assert.equal((await phoneLost.get('/account/two-step')).text('[data-testid="codes-left"]'), 'You have 9 unused recovery codes.');
    assert.equal((await auditActions('two_step.recovery_code_used')).length, 1);
  });

  it('signs in through the API the same way: a clear 401 without the code, a wrong code refused, a recovery code once', async () => {
    nextMinute();
    const client = new TestClient(ctx.app);
    const bare = await client.api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: 'demo' });
    assert.equal(bare.statusCode, 401);
    assert.equal(bare.json().error.id, 'bad_credentials', 'a wrong password says nothing about a code');
    const noCode = await client.api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD });
    assert.equal(noCode.statusCode, 401);
    assert.equal(noCode.json().error.id, 'code_needed');
    assert.match(noCode.json().error.message, /two-step sign-in/);
    assert.equal((await client.api('GET', '/api/v1/session')).json().person, null);
    const wrong = await client.api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD, code: wrongCode() });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.id, 'bad_code');
    const right = await client.api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD, code: codeNow() });
    assert.equal(right.statusCode, 200);
    assert.equal(right.json().person.id, ctx.people.officer);

    const recovery = recoveryCodes[1]!;
    assert.equal((await new TestClient(ctx.app).api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD, code: recovery })).statusCode, 200);
    assert.equal((await new TestClient(ctx.app).api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD, code: recovery })).statusCode, 401);
  });

  it('counts wrong codes in the sign-in limiter, so guessing codes stops', async () => {
    nextMinute();
    const guesser = new TestClient(ctx.app, '', '203.0.113.9');
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      last = (await guesser.api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD, code: wrongCode() })).statusCode;
    }
    assert.equal(last, 429);
    const right = await guesser.api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD, code: codeNow() });
    assert.equal(right.statusCode, 429, 'even the right code waits');
    // After the window, the account may sign in again.
    now = new Date(now.getTime() + 16 * 60_000);
    assert.equal((await guesser.api('POST', '/api/v1/session', { email: ctx.emailOf('officer'), password: DEMO_PASSWORD, code: codeNow() })).statusCode, 200);
  });

  it('is turned off by its owner with a current code, not with a wrong one', async () => {
    nextMinute();
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    await officer.post('/sign-in/code', { code: codeNow() });
    nextMinute();
    await officer.get('/account/two-step');
    const wrong = await officer.post('/account/two-step/off', { code: wrongCode() });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.errors(), ['The code is not right. Enter the code your app shows now']);
    const off = await officer.post('/account/two-step/off', { code: codeNow() });
    assert.equal(off.status, 303);
    assert.equal(off.location, '/account');
    assert.match((await officer.get('/account')).text('[data-testid="two-step-status"]'), /is off/);
    assert.equal((await new TestClient(ctx.app).signIn(ctx.emailOf('officer'))).status, 200, 'the password alone signs in again');
    const left = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('two_step_recovery_codes').select('id').where('person_id', '=', ctx.people.officer).execute());
    assert.equal(left.length, 0, 'the recovery codes are gone with it');
    assert.equal((await auditActions('two_step.off')).length, 1);
  });

  it('lets the Clerk turn it off for a person who lost their phone, audited', async () => {
    nextMinute();
    // A councillor sets it up too: the rules let anyone in term protect their own account.
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    await councillor.post('/account/two-step', {});
    const setup = await councillor.get('/account/two-step');
    secret = setup.text('[data-testid="two-step-secret"]').replace(/\s/g, '');
    assert.equal((await councillor.post('/account/two-step/confirm', { code: codeNow() })).status, 200);
    nextMinute();
    assert.equal((await new TestClient(ctx.app).signIn(ctx.emailOf('riverside'))).text('h1'), 'Enter the code from your app');

    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const person = await clerk.get(`/setup/people/${ctx.people.riverside}`);
    assert.equal(person.text('[data-testid="person-two-step"]'), 'Two-step sign-in is on for this person.');
    assert.equal((await clerk.get(`/setup/people/${ctx.people.market}`)).$('[data-testid="reset-two-step"]').length, 0, 'nothing to turn off for someone without it');
    const reset = await clerk.post(`/setup/people/${ctx.people.riverside}/two-step/reset`, {});
    assert.equal(reset.status, 303);
    assert.equal((await clerk.get(`/setup/people/${ctx.people.riverside}`)).text('.govuk-notification-banner__title'), 'Two-step sign-in turned off');
    assert.equal((await new TestClient(ctx.app).signIn(ctx.emailOf('riverside'))).status, 200, 'their password alone signs in');
    const audited = await auditActions('two_step.reset');
    assert.deepEqual(audited, [{ actor_id: ctx.people.clerk, entity_id: ctx.people.riverside }]);
    assert.equal((await clerk.api('DELETE', `/api/v1/people/${ctx.people.riverside}/two-step`)).statusCode, 204);
    assert.equal((await clerk.api('DELETE', '/api/v1/people/00000000-0000-4000-8000-000000000000/two-step')).statusCode, 404);
  });

  it('keeps the reset to the Clerk, refusing others under the council’s clause', async () => {
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('chair'));
    await councillor.get('/account');
    const page = await councillor.post(`/setup/people/${ctx.people.officer}/two-step/reset`, {});
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause/);
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    const api = await officer.api('DELETE', `/api/v1/people/${ctx.people.riverside}/two-step`);
    assert.equal(api.statusCode, 403);
    assert.ok(api.json().error.clause, 'the refusal names its clause');
  });

  it('decides who may turn it on by a row of the rule table, open to anyone in term', async () => {
    assert.ok(ACTIONS.includes('account.two_step'));
    const rows = RULE_TABLE.rulesFor('account.two_step').map((r) => r.id);
    assert.deepEqual(rows, ['term-of-office']);
    const former = new TestClient(ctx.app);
    assert.equal((await former.signIn(ctx.emailOf('former'))).status, 403, 'a councillor out of term cannot reach it at all');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, FIXED_NOW, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

describe('accounts by invitation, password resets, and signing a person out everywhere', () => {
  let ctx: TestContext;
  let now = FIXED_NOW;
  let nia: string;
  before(async () => {
    ctx = await testApp({ now: () => now });
    nia = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx
        .insertInto('people')
        .values({ council_id: ctx.council.id, name: 'Nia Jones', email: 'nia@example.org', role: 'councillor', password_hash: null, council_office: null, term_starts: '2023-05-04', term_ends: '2027-05-06' })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((r) => r.id),
    );
  });
  after(() => ctx.close());

  /** The emails the outbox holds for an address, newest first. */
  const emailsTo = (address: string) =>
    ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['subject', 'body', 'created_at']).where('recipient_email', '=', address).orderBy('created_at', 'desc').execute());
  /** The path of the link in an email, as the person would follow it. */
  const linkIn = (body: string) => {
    const match = /https?:\/\/[^/\s]+(\/set-password\/[\w-]+)/.exec(body);
    assert.ok(match, `a link in: ${body}`);
    return match[1]!;
  };

  it('lets the Clerk invite a person, who sets their own password from the email and signs in', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const form = await clerk.get(`/setup/people/${nia}`);
    assert.equal(form.$('[data-testid="invite-person"]').length, 1);
    const sent = await clerk.post(`/setup/people/${nia}/invite`, {});
    assert.equal(sent.status, 303);
    assert.equal(sent.location, `/setup/people/${nia}`);
    assert.equal((await clerk.get(`/setup/people/${nia}`)).text('.govuk-notification-banner__title'), 'Invitation sent');

    const [email, ...others] = await emailsTo('nia@example.org');
    assert.equal(others.length, 0);
    assert.equal(email!.subject, 'Your account with Ilminster Town Council');
    assert.match(email!.body, /Clerk of Ilminster Town Council has invited you to Concord/);
    assert.match(email!.body, /works once, until/);
    const link = linkIn(email!.body);

    const person = new TestClient(ctx.app);
    const page = await person.get(link);
    assert.equal(page.status, 200);
    assert.equal(page.text('h1'), 'Set up your account');
    assert.match(page.text('main'), /Nia Jones \(nia@example\.org\)/);
    const short = await person.post(link, { password: 'short', confirm: 'short' });
    assert.equal(short.status, 400);
    assert.deepEqual(short.errors(), ['Password must be at least 10 characters']);
    const different = await person.post(link, { password: 'river meadow lantern', confirm: 'river meadow lamp' });
    assert.deepEqual(different.errors(), ['The two passwords are not the same']);
    const saved = await person.post(link, { password: 'river meadow lantern', confirm: 'river meadow lantern' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/sign-in');
    const signIn = await person.get('/sign-in');
    assert.equal(signIn.text('.govuk-notification-banner__content'), 'Your password is saved. Sign in with it now.');
    const home = await person.signIn('nia@example.org', 'river meadow lantern');
    assert.equal(home.status, 200);
    assert.equal(home.$('[data-testid="home-councillor"]').length, 1);

    const again = await new TestClient(ctx.app).get(link);
    assert.equal(again.status, 410, 'a link works once');
    assert.equal(again.text('h1'), 'This link no longer works');
    const stored = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('account_links').select('token_hash').execute());
    assert.ok(stored.every((r) => !link.includes(r.token_hash) && /^[0-9a-f]{64}$/.test(r.token_hash)), 'only a hash of the token is kept');
  });

  it('refuses a used link posted again, and an expired one', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    await clerk.post(`/setup/people/${nia}/invite`, {});
    const link = linkIn((await emailsTo('nia@example.org'))[0]!.body);
    const first = new TestClient(ctx.app);
    await first.get(link);
    const second = new TestClient(ctx.app);
    await second.get(link);
    assert.equal((await first.post(link, { password: 'first choice words', confirm: 'first choice words' })).status, 303);
    const late = await second.post(link, { password: 'second choice words', confirm: 'second choice words' });
    assert.equal(late.status, 410, 'the second of two open pages cannot use it');
    assert.equal((await new TestClient(ctx.app).signIn('nia@example.org', 'second choice words')).status, 401);

    await clerk.post(`/setup/people/${nia}/invite`, {});
    const expiring = linkIn((await emailsTo('nia@example.org'))[0]!.body);
    now = new Date(FIXED_NOW.getTime() + 73 * 3600_000);
    try {
      const expired = await new TestClient(ctx.app).get(expiring);
      assert.equal(expired.status, 410);
      assert.equal(expired.text('[data-testid="link-gone"]'), 'Each link works once, for a short time. This one has been used or has expired.');
    } finally {
      now = FIXED_NOW;
    }
  });

  it('never builds an email’s link from a host the council does not answer to', async () => {
    // Any Host header reaches a single council's deployment; its links must not follow it.
    const forged = new TestClient(ctx.app);
    const headers = { host: 'concord.attacker.example' };
    await forged.get('/forgot-password', headers);
    const body = new URLSearchParams({ email: 'tom@example.org', _csrf: forged.csrfToken ?? '' }).toString();
    const sent = await ctx.app.inject({ method: 'POST', url: '/forgot-password', payload: body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: ['concord_csrf', '_csrf'].map((n) => forged.cookie(n) && `${n}=${forged.cookie(n)}`).filter(Boolean).join('; ') } });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 300));
    const [latest] = await emailsTo('tom@example.org');
    assert.match(latest!.body, /http:\/\/localhost/);
    assert.equal(latest!.body.includes('attacker'), false, latest!.body);
  });

  it('sends a reset link for a known address, and shows an unknown address the very same page', async () => {
    const before = (await emailsTo('tom@example.org')).length;
    const known = new TestClient(ctx.app);
    const signIn = await known.get('/sign-in');
    assert.equal(signIn.$('[data-testid="forgot-password"]').attr('href'), '/forgot-password');
    await known.get('/forgot-password');
    const sent = await known.post('/forgot-password', { email: 'tom@example.org' });
    const unknown = new TestClient(ctx.app);
    await unknown.get('/forgot-password');
    const nobody = await unknown.post('/forgot-password', { email: 'nobody@example.org' });
    assert.equal(sent.status, 200);
    assert.equal(nobody.status, 200);
    assert.equal(sent.text('h1'), 'Check your email');
    assert.equal(sent.text('main').replace('tom@example.org', 'X'), nobody.text('main').replace('nobody@example.org', 'X'), 'nothing tells the two apart');
    assert.equal((await emailsTo('nobody@example.org')).length, 0);
    const emails = await emailsTo('tom@example.org');
    assert.equal(emails.length, before + 1);
    assert.equal(emails[0]!.subject, 'Reset your password for Ilminster Town Council');
    assert.match(emails[0]!.body, /works once, until /);
    const bad = await unknown.post('/forgot-password', { email: 'not an address' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.errors(), ['Enter an email address in the correct format, like name@example.org']);
  });

  it('resets a password through the link, ends the sessions begun with the old one, and refuses the link an hour later', async () => {
    const signedIn = new TestClient(ctx.app);
    await signedIn.signIn(ctx.emailOf('riverside'));
    const visitor = new TestClient(ctx.app);
    await visitor.get('/forgot-password');
    await visitor.post('/forgot-password', { email: 'TOM@example.org' });
    const link = linkIn((await emailsTo('tom@example.org'))[0]!.body);
    assert.equal((await visitor.get(link)).text('h1'), 'Choose a new password');
    assert.equal((await visitor.post(link, { password: 'a brand new secret', confirm: 'a brand new secret' })).status, 303);
    assert.equal((await signedIn.get('/')).status, 303, 'the old session has ended');
    assert.equal((await new TestClient(ctx.app).signIn('tom@example.org', 'a brand new secret')).status, 200);
    assert.equal((await new TestClient(ctx.app).signIn('tom@example.org')).status, 401, 'the old password no longer works');

    await visitor.get('/forgot-password');
    await visitor.post('/forgot-password', { email: 'tom@example.org' });
    const first = linkIn((await emailsTo('tom@example.org'))[0]!.body);
    await visitor.post('/forgot-password', { email: 'tom@example.org' });
    assert.equal((await new TestClient(ctx.app).get(first)).status, 410, 'a newer link replaces it');
    const latest = linkIn((await emailsTo('tom@example.org'))[0]!.body);
    now = new Date(FIXED_NOW.getTime() + 61 * 60_000);
    try {
      assert.equal((await new TestClient(ctx.app).get(latest)).status, 410, 'a reset link lasts an hour');
    } finally {
      now = FIXED_NOW;
    }
  });

  it('limits reset links per email address and per address asking, telling nothing about which addresses have accounts', async () => {
    // Two hours on: nothing asked for earlier counts.
    now = new Date(FIXED_NOW.getTime() + 2 * 3600_000);
    try {
      // The outbox stamps emails with the database's time, so they are counted, not dated.
      const earlier = (await emailsTo('nia@example.org')).length;
      const sentTo = async (address: string) => (await emailsTo(address)).length - earlier;
      const asker = new TestClient(ctx.app, '', '198.51.100.7');
      await asker.get('/forgot-password');
      const ask = (email: string) => asker.post('/forgot-password', { email });
      for (let i = 0; i < 5; i++) assert.equal((await ask('nia@example.org')).status, 200);
      assert.equal(await sentTo('nia@example.org'), 5);
      const overKnown = await ask('nia@example.org');
      assert.equal(await sentTo('nia@example.org'), 5, 'the sixth in the hour sends nothing');
      for (let i = 0; i < 5; i++) await ask('nobody@example.org');
      const overUnknown = await ask('nobody@example.org');
      assert.equal(overKnown.status, 200);
      assert.equal(overUnknown.status, 200);
      assert.equal(overKnown.text('main').replace('nia@example.org', 'X'), overUnknown.text('main').replace('nobody@example.org', 'X'), 'over the limit, a known and an unknown address look the same');

      // Twelve asked from this address so far; eight more reach its limit of twenty.
      for (let i = 0; i < 8; i++) assert.equal((await ask(`someone${i}@example.org`)).status, 200);
      const stopped = await ask('tom@example.org');
      assert.equal(stopped.status, 429);
      assert.equal(stopped.text('[data-testid="reset-too-many"]'), 'There have been too many requests for links from here. Wait an hour and try again.');
      const elsewhere = new TestClient(ctx.app, '', '198.51.100.8');
      await elsewhere.get('/forgot-password');
      assert.equal((await elsewhere.post('/forgot-password', { email: 'tom@example.org' })).status, 200, 'another address is not held up');

      now = new Date(now.getTime() + 61 * 60_000);
      assert.equal((await ask('nia@example.org')).status, 200);
      assert.equal(await sentTo('nia@example.org'), 6, 'an hour later, a link is sent again');
    } finally {
      now = FIXED_NOW;
    }
  });

  it('lets the Clerk sign a person out on every device', async () => {
    const phone = new TestClient(ctx.app);
    await phone.signIn(ctx.emailOf('market'));
    const laptop = new TestClient(ctx.app);
    await laptop.signIn(ctx.emailOf('market'));
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    await clerk.get(`/setup/people/${ctx.people.market}`);
    const done = await clerk.post(`/setup/people/${ctx.people.market}/sign-out`, {});
    assert.equal(done.status, 303);
    assert.equal((await phone.get('/')).status, 303);
    assert.equal((await laptop.get('/')).status, 303);
    const api = await clerk.api('DELETE', `/api/v1/people/${ctx.people.officer}/sessions`);
    assert.equal(api.statusCode, 204);
    assert.equal((await clerk.api('POST', `/api/v1/people/${nia}/invitation`)).statusCode, 204);
    assert.equal((await clerk.api('POST', '/api/v1/people/00000000-0000-4000-8000-000000000000/invitation')).statusCode, 404);
  });

  it('refuses invitations and signing out others to anyone but the Clerk, naming the clause', async () => {
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    const page = await officer.post(`/setup/people/${nia}/invite`, {});
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause/);
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('chair'));
    const api = await councillor.api('DELETE', `/api/v1/people/${ctx.people.clerk}/sessions`);
    assert.equal(api.statusCode, 403);
    assert.ok(api.json().error.clause, 'the refusal names its clause');
    const form = await officer.get(`/setup/people/${ctx.people.riverside}`);
    assert.equal(form.$('[data-testid="invite-person"]').length, 0);
  });
});

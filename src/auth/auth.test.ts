import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, FIXED_NOW, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { loadCouncillors, loadPrincipal } from './principal.js';

describe('signing in and out', () => {
  let ctx: TestContext;
  let now = FIXED_NOW;
  before(async () => {
    ctx = await testApp({ now: () => now, config: { signInAttempts: 5 } });
  });
  after(() => ctx.close());

  it('sends a visitor who is not signed in to the sign-in page, and back afterwards', async () => {
    const client = new TestClient(ctx.app);
    const page = await client.get('/tasks');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/sign-in?next=%2Ftasks');
    await client.get('/sign-in?next=%2Ftasks');
    const signedIn = await client.post('/sign-in', { email: 'TOM@example.org', password: 'concord-demo', next: '/tasks' });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.location, '/tasks');
  });

  it('does not follow a next address off the site', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    const page = await client.post('/sign-in', { email: 'tom@example.org', password: 'concord-demo', next: '//evil.example/steal' });
    assert.equal(page.location, '/');
  });

  it('sets the session cookie HttpOnly and SameSite, holding no personal data', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: 'tom@example.org', password: 'concord-demo' });
    const header = String(res.res.headers['set-cookie']);
    assert.match(header, /concord_session=[\w-]{40,}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax/);
    assert.doesNotMatch(header, /tom|example/);
  });

  it('keeps only an argon2id hash of each password', async () => {
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('people').select('password_hash').where('id', '=', ctx.people.clerk).executeTakeFirstOrThrow());
    assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.doesNotMatch(row.password_hash!, /concord-demo/);
  });

  it('shows each role its own home page', async () => {
    for (const [key, testid] of [['clerk', 'home-clerk'], ['officer', 'home-officer'], ['chair', 'home-councillor']] as const) {
      const client = new TestClient(ctx.app);
      const home = await client.signIn(ctx.emailOf(key));
      assert.equal(home.status, 200, key);
      assert.equal(home.$(`[data-testid="${testid}"]`).length, 1, key);
    }
  });

  it('refuses a wrong password without saying which part was wrong, and records the attempt', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    const page = await client.post('/sign-in', { email: 'tom@example.org', password: 'not-the-password' });
    assert.equal(page.status, 401);
    assert.deepEqual(page.errors(), ['The email address or password is not right']);
    assert.equal(page.$('#email').val(), 'tom@example.org');
    assert.equal(client.cookie('concord_session'), undefined);
    const failed = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('entity_id').where('action', '=', 'sign_in.failed').execute());
    assert.ok(failed.some((f) => f.entity_id === ctx.people.riverside));
  });

  it('names the empty fields', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    const page = await client.post('/sign-in', { email: '', password: '' });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Enter email address', 'Enter password']);
  });

  it('refuses a councillor whose term of office has ended, naming the clause', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    const page = await client.post('/sign-in', { email: 'former@example.org', password: 'concord-demo' });
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal-lead"]'), /term of office is not current/);
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause 2\.1 of the Ilminster Town Council protocol/);
    assert.equal(client.cookie('concord_session'), undefined);
  });

  it('ends a councillor’s access, mid-session, when their term ends', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('independent'));
    assert.equal((await client.get('/')).status, 200);
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ term_ends: '2026-11-21' }).where('id', '=', ctx.people.independent).execute());
    const page = await client.get('/');
    assert.equal(page.status, 403);
    assert.equal(page.$('[data-testid="refusal"]').attr('data-error-id'), 'term_of_office');
    const sessions = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('sessions').select('id').where('person_id', '=', ctx.people.independent).execute());
    assert.equal(sessions.length, 0, 'every session of theirs is gone');
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ term_ends: '2027-05-06' }).where('id', '=', ctx.people.independent).execute());
  });

  it('signs out: the old cookie no longer works anywhere', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const stolen = client.cookie('concord_session')!;
    await client.get('/');
    const out = await client.post('/sign-out', {});
    assert.equal(out.status, 303);
    assert.equal(out.location, '/sign-in');
    const signedOut = await client.get('/sign-in');
    assert.equal(signedOut.text('.govuk-notification-banner__title'), 'Signed out');
    assert.equal(signedOut.text('.govuk-notification-banner__content'), 'You have signed out.');
    const replay = await ctx.app.inject({ method: 'GET', url: '/api/v1/people', headers: { cookie: `concord_session=${stolen}` } });
    assert.equal(replay.statusCode, 401);
    const page = await ctx.app.inject({ method: 'GET', url: '/tasks', headers: { cookie: `concord_session=${stolen}` } });
    assert.equal(page.statusCode, 303);
  });

  it('expires a session after its lifetime', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    now = new Date(FIXED_NOW.getTime() + 13 * 3600_000);
    try {
      assert.equal((await client.get('/')).status, 303);
    } finally {
      now = FIXED_NOW;
    }
  });

  it('refuses any form posted without its CSRF token, and any API write without the header', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const page = await client.post('/tasks/new', { title: 'x' }, { csrf: false });
    assert.equal(page.status, 403);
    assert.equal(page.text('h1'), 'This form has expired');
    const forged = await client.post('/sign-out', { _csrf: 'forged-token' });
    assert.equal(forged.status, 403);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: { cookie: `concord_session=${client.cookie('concord_session')}; concord_csrf=${client.cookie('concord_csrf')}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x', resolutionId: ctx.people.officer, assignedTo: ctx.people.officer }),
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.id, 'csrf');
  });

  it('signs in through the API too, and refuses a former councillor there with the clause', async () => {
    const client = new TestClient(ctx.app);
    const ok = await client.api('POST', '/api/v1/session', { email: 'clerk@example.org', password: 'concord-demo' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().person.role, 'clerk');
    const me = await client.api('GET', '/api/v1/session');
    assert.equal(me.json().person.name, 'Alex Morgan');
    const former = await new TestClient(ctx.app).api('POST', '/api/v1/session', { email: 'former@example.org', password: 'concord-demo' });
    assert.equal(former.statusCode, 403);
    assert.equal(former.json().error.id, 'term_of_office');
    assert.equal(former.json().error.clause.number, '2.1');
  });

  it('limits sign-in attempts for one account from one address, not others', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.post('/sign-in', { email: 'hannah@example.org', password: `guess-${i}` })).status);
    assert.ok(statuses.includes(429), `a 429 among ${statuses.join(', ')}`);
    const blocked = await client.post('/sign-in', { email: 'hannah@example.org', password: 'concord-demo' });
    assert.equal(blocked.status, 429);
    assert.match(blocked.text('main'), /too many attempts to sign in/);
    const other = await client.post('/sign-in', { email: 'vice@example.org', password: 'concord-demo' });
    assert.equal(other.status, 303, 'another person at the same address still signs in');
  });
});

describe('CSRF tokens belong to one session', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp();
  });
  after(() => ctx.close());

  /** A form post with exactly these cookies and this token, as a forger would send it. */
  const postAs = (url: string, cookies: Record<string, string | undefined>, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: Object.entries(cookies).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });

  it('renews the secret at sign-in: a token from before it no longer works', async () => {
    const client = new TestClient(ctx.app);
    await client.get('/sign-in');
    const before = { token: client.csrfToken!, secret: client.cookie('concord_csrf')! };
    await client.signIn(ctx.emailOf('clerk'));
    assert.notEqual(client.cookie('concord_csrf'), before.secret, 'a new secret');
    const session = client.cookie('concord_session');
    const stale = await postAs('/tasks/new', { concord_session: session, concord_csrf: client.cookie('concord_csrf') }, { _csrf: before.token, title: 'x' });
    assert.equal(stale.statusCode, 403);
    const withOldSecret = await postAs('/tasks/new', { concord_session: session, concord_csrf: before.secret }, { _csrf: before.token, title: 'x' });
    assert.equal(withOldSecret.statusCode, 403, 'the old secret and its token are bound to no session');
    const current = await client.post('/sign-out', {});
    assert.equal(current.status, 303, 'the token of the page seen since works');
  });

  it('refuses a cookie and token pair planted from another session', async () => {
    const attacker = new TestClient(ctx.app);
    await attacker.signIn(ctx.emailOf('market'));
    const victim = new TestClient(ctx.app);
    await victim.signIn(ctx.emailOf('clerk'));
    const planted = await postAs('/tasks/new', { concord_session: victim.cookie('concord_session'), concord_csrf: attacker.cookie('concord_csrf') }, { _csrf: attacker.csrfToken!, title: 'Planted' });
    assert.equal(planted.statusCode, 403);
    assert.match(planted.body, /This form has expired/);
    const own = await postAs('/sign-out', { concord_session: attacker.cookie('concord_session'), concord_csrf: attacker.cookie('concord_csrf') }, { _csrf: attacker.csrfToken! });
    assert.equal(own.statusCode, 303, 'the pair works in its own session');
  });

  it('renews the secret at sign-out: the signed-in page’s token no longer works', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('officer'));
    const signedIn = { token: client.csrfToken!, secret: client.cookie('concord_csrf')! };
    const out = await client.api('DELETE', '/api/v1/session');
    assert.equal(out.statusCode, 204);
    assert.equal(out.body, '');
    assert.notEqual(client.cookie('concord_csrf'), signedIn.secret);
    const replay = await postAs('/sign-in', { concord_csrf: signedIn.secret }, { _csrf: signedIn.token, email: ctx.emailOf('officer'), password: 'concord-demo' });
    assert.equal(replay.statusCode, 403);
  });

  it('reads the token only from the x-csrf-token header for the API, and only from the _csrf field for forms', async () => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf('clerk'));
    const cookie = `concord_session=${client.cookie('concord_session')}; concord_csrf=${client.cookie('concord_csrf')}`;
    const task = JSON.stringify({ title: 'x' });
    for (const header of ['csrf-token', 'xsrf-token', 'x-xsrf-token']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: { cookie, 'content-type': 'application/json', [header]: client.csrfToken! }, payload: task });
      assert.equal(res.statusCode, 403, header);
      assert.equal(res.json().error.id, 'csrf');
    }
    const inBody = await ctx.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x', _csrf: client.csrfToken }) });
    assert.equal(inBody.statusCode, 403, 'not in a JSON body');
    const formWithHeader = await postAs('/sign-out', { concord_session: client.cookie('concord_session'), concord_csrf: client.cookie('concord_csrf') }, {}, { 'x-csrf-token': client.csrfToken! });
    assert.equal(formWithHeader.statusCode, 403, 'a form carries its token as a field');
    const right = await ctx.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': client.csrfToken! }, payload: task });
    assert.notEqual(right.statusCode, 403, 'the header is read');
  });
});

describe('every councillor read at once, for deciding member by member', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp();
  });
  after(() => ctx.close());

  it('reads each active councillor as their own session does: office, committees chaired, groups and groups led', async () => {
    const { all, one, ids } = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const ids = (await trx.selectFrom('people').select('id').where('role', '=', 'councillor').where('active', '=', true).execute()).map((p) => p.id);
      const one = await Promise.all(ids.map((id) => loadPrincipal(trx, id)));
      return { all: await loadCouncillors(trx), one, ids };
    });
    assert.deepEqual([...all.keys()].sort(), [...ids].sort());
    for (const principal of one) assert.deepEqual(all.get(principal!.personId), principal);
    // The demo has a committee chair and group members, so the comparison covers them.
    assert.ok([...all.values()].some((p) => p.chairOf.length > 0), 'a chair');
    assert.ok([...all.values()].some((p) => p.groupIds.length > 0), 'a group member');
  });
});

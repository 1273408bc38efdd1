import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';

describe('the register of interests', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  const interestsOf = (personId: string) =>
    ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('interests').selectAll().where('person_id', '=', personId).orderBy('created_at').execute());

  it('publishes what the law makes public, to anyone, and nothing more', async () => {
    const anyone = new TestClient(ctx.app);
    const page = await anyone.get('/interests/register');
    assert.equal(page.status, 200);
    const hannah = page.text(`[data-person-id="${ctx.people.market}"]`);
    assert.match(hannah, /Land in the area: Field adjoining Station Road, Ilminster, owned by my partner \(Land at Station Road\) Registered 20 May 2023\./);
    assert.doesNotMatch(page.text('main'), /spouse|civil partner’s|Mine\b/, 'whose interest it is (member or partner) is not published');
    const priya = page.text(`[data-person-id="${ctx.people.vice}"]`);
    assert.equal(priya, 'The councillor has an interest whose details are withheld under section 32 of the Localism Act 2011. Registered 10 May 2023.');
    assert.doesNotMatch(priya, /Employment/, 'not even the category of a sensitive interest is shown');
    assert.match(page.text(`[data-person-id="${ctx.people.independent}"]`), /Other registrable interest: Trustee of the Ilminster Community Trust/);
    assert.equal(page.$(`[data-person-id="${ctx.people.former}"]`).length, 0, 'a former councillor is not on the register');

    const api = await anyone.api('GET', '/api/v1/interests/register');
    assert.equal(api.statusCode, 200);
    const entries = api.json().councillors.flatMap((c: { interests: unknown[] }) => c.interests);
    for (const e of entries) assert.equal('holder' in e, false);
    const sensitive = api.json().councillors.find((c: { id: string }) => c.id === ctx.people.vice).interests[0];
    assert.deepEqual(Object.keys(sensitive).sort(), ['id', 'registeredOn', 'sensitive']);
  });

  it('lets a councillor register an interest, dated today, and refuses one without details unless it is sensitive', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    await tom.get('/interests/new');
    const empty = await tom.post('/interests/new', { category: '', holder: 'self', description: '' });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.errors(), ['Select kind of interest', 'Enter the details of the interest, or say it is sensitive']);

    const other = await tom.post('/interests/new', { category: 'other_registrable', holder: 'partner', description: 'Club treasurer' });
    assert.deepEqual(other.errors(), ['Other registrable interests are your own; choose “Mine”']);

    const saved = await tom.post('/interests/new', { category: 'employment', holder: 'self', description: 'Teacher at Ilminster Academy' });
    assert.equal(saved.status, 303);
    // Sensitive: whatever is typed in the details is not kept.
    await tom.get('/interests/new');
    assert.equal((await tom.post('/interests/new', { category: 'land', holder: 'partner', description: '12 Secret Lane', sensitive: 'on' })).status, 303);
    const rows = await interestsOf(ctx.people.riverside);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.registered_on, '2026-11-22');
    assert.equal(rows[1]!.sensitive, true);
    assert.equal(rows[1]!.description, '');
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('data').where('action', '=', 'interest.registered').execute());
    assert.doesNotMatch(JSON.stringify(audit), /Secret Lane/);

    const mine = await tom.get('/interests');
    assert.match(mine.text('main'), /Teacher at Ilminster Academy/);
    assert.match(mine.text('main'), /Sensitive interest: kept without details\./);
  });

  it('keeps an update as a new dated entry, and the old one as history', async () => {
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const [original] = await interestsOf(ctx.people.independent);
    await owen.get(`/interests/${original!.id}/edit`);
    const saved = await owen.post(`/interests/${original!.id}/edit`, { category: 'other_registrable', holder: 'self', description: 'Chair of trustees, Ilminster Community Trust' });
    assert.equal(saved.status, 303);
    const rows = await interestsOf(ctx.people.independent);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.superseded_on, '2026-11-22');
    assert.equal(rows[0]!.description, 'Trustee of the Ilminster Community Trust');
    assert.equal(rows[1]!.supersedes, original!.id);
    const page = await owen.get('/interests');
    assert.match(page.text('[data-testid="interest"]'), /Chair of trustees/);
    assert.match(page.text('[data-testid="past-interest"]'), /Trustee of the Ilminster Community Trust .*Replaced by an update on 22 November 2026\./);
    const register = await new TestClient(ctx.app).get('/interests/register');
    assert.doesNotMatch(register.text('main'), /Trustee of the Ilminster/);
  });

  it('does not let a councillor see or change another councillor’s entries', async () => {
    const [hannahs] = await interestsOf(ctx.people.market);
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    assert.equal((await tom.get(`/interests/${hannahs!.id}/edit`)).status, 404);
    await tom.get('/interests');
    assert.equal((await tom.post(`/interests/${hannahs!.id}/end`, {})).status, 404);
    const api = await tom.api('GET', '/api/v1/interests');
    assert.ok(api.json().interests.every((i: { personId: string }) => i.personId === ctx.people.riverside));
    // The personId in a councillor's own post is ignored: it is always their own register.
    const posted = await tom.api('POST', '/api/v1/interests', { personId: ctx.people.market, category: 'securities', description: 'Shares in Somerset Homes Ltd' });
    assert.equal(posted.statusCode, 201);
    assert.equal(posted.json().personId, ctx.people.riverside);
  });

  it('shows the Clerk who registered within 28 days of taking office, and lets the Clerk record an entry for a councillor', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const page = await clerk.get('/interests');
    assert.equal(page.status, 200);
    const section = (name: string) => page.$('[data-testid="councillor"]').filter((_, h) => page.$(h).text() === name).next('[data-testid="due"]').text().replace(/\s+/g, ' ').trim();
    assert.equal(section('Hannah Price'), 'Due by 1 June 2023. First registered on 20 May 2023.');
    assert.equal(section('Jo Evans'), 'Due by 1 June 2023. Nothing registered yet. Overdue');
    await clerk.get('/interests/new');
    const saved = await clerk.post('/interests/new', { personId: ctx.people.chair, category: 'sponsorship', holder: 'self', description: 'Election expenses met by the Riverside Group' });
    assert.equal(saved.status, 303);
    const [entry] = await interestsOf(ctx.people.chair);
    assert.equal(entry!.recorded_by, ctx.people.clerk);
    const notCouncillor = await clerk.api('POST', '/api/v1/interests', { personId: ctx.people.officer, category: 'securities', description: 'x' });
    assert.equal(notCouncillor.statusCode, 400);
  });

  it('offers the choice of councillor, and everyone’s entries, to the Clerk alone, as the rules say', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    assert.equal((await clerk.get('/interests/new')).$('select[name="personId"]').length, 1);
    const all = await clerk.api('GET', '/api/v1/interests');
    assert.ok(new Set(all.json().interests.map((i: { personId: string }) => i.personId)).size > 1, 'the Clerk sees every councillor’s entries');

    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    assert.equal((await tom.get('/interests/new')).$('select[name="personId"]').length, 0);
    const blank = await tom.post('/interests/new', { category: '', description: '' });
    assert.equal(blank.status, 400);
    assert.deepEqual(blank.errors(), ['Select kind of interest', 'Enter the details of the interest, or say it is sensitive']);
  });
});

describe('officers’ declarations of interest: to the Clerk alone (Ilminster 3.3)', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('lets an officer declare, and only the Clerk read it', async () => {
    const sam = new TestClient(ctx.app);
    await sam.signIn(ctx.emailOf('officer'));
    const landing = await sam.get('/interests');
    assert.equal(landing.status, 303, 'an officer’s Interests page is the declaration form');
    await sam.get('/interests/declarations/new');
    const made = await sam.post('/interests/declarations/new', { description: 'My sister is a director of Somerset Fencing Ltd', matterId: '', 'declaredOn-day': '22', 'declaredOn-month': '11', 'declaredOn-year': '2026' });
    assert.equal(made.status, 303);
    const after = await sam.get('/interests/declarations/new');
    assert.match(after.text('.govuk-notification-banner'), /Your declaration has been sent to the Town Clerk\./);

    const refusedPage = await sam.get('/interests/declarations');
    assert.equal(refusedPage.status, 403);
    assert.match(refusedPage.text('[data-testid="refusal"]'), /clause 3\.3 of the Ilminster Town Council protocol/);
    assert.equal((await sam.api('GET', '/api/v1/interests/declarations')).statusCode, 403);

    for (const key of ['chair', 'riverside'] as const) {
      const councillor = new TestClient(ctx.app);
      await councillor.signIn(ctx.emailOf(key));
      const res = await councillor.api('GET', '/api/v1/interests/declarations');
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.clause.number, '3.3');
      const declare = await councillor.api('POST', '/api/v1/interests/declarations', { description: 'x' });
      assert.equal(declare.statusCode, 403, 'councillors use the register of interests instead');
    }
    const anyone = await new TestClient(ctx.app).api('GET', '/api/v1/interests/declarations');
    assert.equal(anyone.statusCode, 401);

    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const page = await clerk.get('/interests/declarations');
    assert.match(page.text('[data-testid="declarations"]'), /Sam Patel\s*My sister is a director of Somerset Fencing Ltd/);
    assert.match(page.text('[data-testid="declarations"]'), /brother-in-law/);
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('data').where('action', '=', 'officer_interest.declared').execute());
    assert.doesNotMatch(JSON.stringify(audit), /Somerset Fencing/, 'the audit log, which others may review, does not repeat the declaration');
  });

  it('sends an officer who tries the councillors’ register to the Clerk, citing 3.3', async () => {
    const sam = new TestClient(ctx.app);
    await sam.signIn(ctx.emailOf('officer'));
    const res = await sam.api('POST', '/api/v1/interests', { category: 'employment', description: 'x' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.id, 'officer_interests');
  });

  it('in a council whose protocol has no such clause, still keeps declarations for the Clerk, citing the model protocol', async () => {
    const ledbury = await testApp({ template: 'ledbury' });
    try {
      const sam = new TestClient(ledbury.app);
      await sam.signIn(ledbury.emailOf('officer'));
      const res = await sam.api('GET', '/api/v1/interests/declarations');
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.clause.protocol, 'Concord model protocol');
    } finally {
      await ledbury.close();
    }
  });
});

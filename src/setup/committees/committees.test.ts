import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../test/helpers/app.js';
import { auditEntries, changesBy, itRefusesSetupToOthers, signedIn } from '../test-support.js';

describe('set-up: committees', () => {
  let ctx: TestContext;
  /** The demo's one committee (Ilminster's template has none of its own). */
  let finance: string;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('committees').select('id').executeTakeFirstOrThrow());
    finance = row.id;
  });
  after(() => ctx.close());

  const clerk = () => signedIn(ctx, 'clerk');
  const committeeNamed = (name: string) =>
    ctx.db.tenant(ctx.council.id, async (trx) => {
      const committee = await trx.selectFrom('committees').selectAll().where('name', '=', name).executeTakeFirst();
      if (!committee) return undefined;
      const members = await trx.selectFrom('committee_members').select('person_id').where('committee_id', '=', committee.id).execute();
      return { ...committee, members: members.map((m) => m.person_id).sort() };
    });
  const settings = () => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('councils').select('settings').executeTakeFirstOrThrow()).then((c) => c.settings);

  it('lists the committees with their chairs, members and what they hold', async () => {
    const client = await clerk();
    const page = await client.get('/setup/committees');
    assert.equal(page.status, 200);
    assert.match(page.text('[data-testid="committees"] tbody'), /Finance and General Purposes Committee Tom Baker 3 Finance/);
    assert.equal(page.$(`a[href="/setup/committees/${finance}"]`).length, 1);
  });

  it('offers only current councillors as members and chairs', async () => {
    const client = await clerk();
    const page = await client.get('/setup/committees/new');
    const members = page.$('input[name="members"]').map((_, el) => page.$(el).next('label').text().trim()).get();
    assert.deepEqual(members, ['Hannah Price', 'Jo Evans', 'Owen Hughes', 'Priya Shah', 'Tom Baker']);
    assert.equal(page.$('input[name="members"]').first().attr('id'), 'members');
    assert.equal(page.$('#chairId option').length, 6, 'no chair, or one of the five');
  });

  it('lets the Clerk add a committee holding personnel matters, and records it', async () => {
    const client = await clerk();
    await client.get('/setup/committees/new');
    const res = await client.post('/setup/committees/new', {
      name: 'Staffing Committee',
      termsOfReference: 'Staff terms and conditions, appraisal of the Town Clerk.',
      delegatedPowers: 'Decides grievances and disciplinary cases.',
      holdsPersonnel: 'on',
      members: [ctx.people.vice, ctx.people.market, ctx.people.independent],
      chairId: ctx.people.market,
      viceChairId: ctx.people.vice,
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/setup/committees');

    const list = await client.get('/setup/committees');
    assert.match(list.text('.govuk-notification-banner'), /Saved/);
    assert.match(list.text('[data-testid="committees"] tbody'), /Staffing Committee Hannah Price 3 Personnel/);

    const saved = await committeeNamed('Staffing Committee');
    assert.ok(saved);
    assert.equal(saved.holds_personnel, true);
    assert.equal(saved.chair_id, ctx.people.market);
    assert.deepEqual(saved.members, [ctx.people.vice, ctx.people.market, ctx.people.independent].sort());
    assert.equal((await settings()).personnelCommittee, 'Staffing Committee', 'the council’s settings name the personnel committee');

    const api = await client.api('GET', '/api/v1/committees');
    const shown = api.json().committees.find((c: { name: string }) => c.name === 'Staffing Committee');
    assert.equal(shown.holdsPersonnel, true);
    assert.equal(shown.viceChairId, ctx.people.vice);
    assert.deepEqual([...shown.members].sort(), saved.members);

    const entries = await auditEntries(ctx, 'committee.created');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actor_id, ctx.people.clerk);
    assert.equal(entries[0]!.entity_id, saved.id);
  });

  it('lets the Clerk change a committee’s name and members; the personnel setting follows', async () => {
    const staffing = (await committeeNamed('Staffing Committee'))!;
    const client = await clerk();
    const form = await client.get(`/setup/committees/${staffing.id}`);
    assert.equal(form.$('#name').val(), 'Staffing Committee');
    assert.equal(form.$('input[name="holdsPersonnel"]').is(':checked'), true);
    assert.equal(form.$('#chairId option:selected').text(), 'Hannah Price');
    const res = await client.post(`/setup/committees/${staffing.id}`, {
      name: 'Personnel Committee',
      termsOfReference: staffing.terms_of_reference,
      delegatedPowers: staffing.delegated_powers,
      holdsPersonnel: 'on',
      members: [ctx.people.market, ctx.people.independent],
      chairId: ctx.people.market,
      viceChairId: '',
    });
    assert.equal(res.status, 303);
    const saved = (await committeeNamed('Personnel Committee'))!;
    assert.equal(saved.id, staffing.id);
    assert.deepEqual(saved.members, [ctx.people.market, ctx.people.independent].sort());
    assert.equal(saved.vice_chair_id, null);
    assert.equal((await settings()).personnelCommittee, 'Personnel Committee');
    assert.equal((await auditEntries(ctx, 'committee.updated')).length, 1);
  });

  it('shows the form again naming each field in error, and stores nothing', async () => {
    const client = await clerk();
    await client.get('/setup/committees/new');
    const changes = await changesBy(ctx, ctx.people.clerk);
    const page = await client.post('/setup/committees/new', {
      name: '',
      members: [ctx.people.riverside],
      chairId: ctx.people.market,
      viceChairId: ctx.people.vice,
    });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Enter committee name', 'The chair must be one of the committee’s members', 'The vice-chair must be one of the committee’s members']);
    for (const href of page.$('.govuk-error-summary a').map((_, el) => page.$(el).attr('href')).get()) {
      assert.equal(page.$(href).length, 1, `${href} names a field on the page`);
    }
    assert.equal(page.$('input[name="members"]:checked').val(), ctx.people.riverside, 'what was ticked stays ticked');
    assert.equal(await changesBy(ctx, ctx.people.clerk), changes);
  });

  it('allows one committee only to hold personnel matters, and names the one that does', async () => {
    const client = await clerk();
    await client.get(`/setup/committees/${finance}`);
    const page = await client.post(`/setup/committees/${finance}`, {
      name: 'Finance and General Purposes Committee',
      holdsFinance: 'on',
      holdsPersonnel: 'on',
      members: [ctx.people.riverside],
      chairId: ctx.people.riverside,
    });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Personnel Committee already holds personnel matters: only one committee can']);
    assert.equal(page.$('.govuk-error-summary a').attr('href'), '#holdsPersonnel');
    assert.equal(page.$('#holdsPersonnel').length, 1);
    const stored = (await committeeNamed('Finance and General Purposes Committee'))!;
    assert.equal(stored.holds_personnel, false);
    assert.equal(stored.members.length, 3, 'the membership is as it was');
  });

  it('refuses a second committee of the same name', async () => {
    const client = await clerk();
    const res = await client.api('POST', '/api/v1/committees', { name: 'personnel committee' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.fields, [{ field: 'name', message: 'This council already has a committee with this name' }]);
  });

  it('takes only current councillors as members', async () => {
    const client = await clerk();
    for (const person of [ctx.people.former, ctx.people.officer]) {
      const res = await client.api('POST', '/api/v1/committees', { name: 'Allotments Committee', members: [person] });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.fields[0].field, 'members');
    }
    assert.equal(await committeeNamed('Allotments Committee'), undefined);
  });

  it('lets the Clerk add and change committees through the API', async () => {
    const client = await clerk();
    const created = await client.api('POST', '/api/v1/committees', {
      name: 'Allotments Committee',
      members: [ctx.people.riverside, ctx.people.chair],
      chairId: ctx.people.chair,
    });
    assert.equal(created.statusCode, 201);
    const body = created.json();
    assert.equal(body.chairId, ctx.people.chair);
    assert.equal(body.holdsPersonnel, false);

    const changed = await client.api('PUT', `/api/v1/committees/${body.id}`, { name: 'Allotments and Open Spaces Committee', members: [ctx.people.riverside], chairId: ctx.people.riverside });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().name, 'Allotments and Open Spaces Committee');
    assert.deepEqual((await committeeNamed('Allotments and Open Spaces Committee'))!.members, [ctx.people.riverside]);

    const same = await client.api('PUT', `/api/v1/committees/${body.id}`, { name: 'X', members: [ctx.people.riverside], chairId: ctx.people.riverside, viceChairId: ctx.people.riverside });
    assert.equal(same.statusCode, 400);
    assert.equal(same.json().error.fields[0].field, 'viceChairId');

    const missing = await client.api('PUT', '/api/v1/committees/00000000-0000-4000-8000-000000000000', { name: 'Nowhere' });
    assert.equal(missing.statusCode, 404);
  });

  it('lets any councillor read the committees through the API', async () => {
    const client = await signedIn(ctx, 'independent');
    const res = await client.api('GET', '/api/v1/committees');
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().committees.some((c: { id: string }) => c.id === finance));
  });

  itRefusesSetupToOthers(
    () => ctx,
    (ctx) => ({
      pages: ['/setup/committees', '/setup/committees/new', `/setup/committees/${finance}`],
      posts: [
        { path: '/setup/committees/new', fields: { name: 'Chair’s Committee' } },
        { path: `/setup/committees/${finance}`, fields: { name: 'Renamed' } },
      ],
      writes: [
        { method: 'POST', path: '/api/v1/committees', body: { name: 'Chair’s Committee' } },
        { method: 'PUT', path: `/api/v1/committees/${finance}`, body: { name: 'Renamed', members: [ctx.people.chair], chairId: ctx.people.chair } },
      ],
    }),
  );
});

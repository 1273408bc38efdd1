import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../test/helpers/app.js';
import { auditEntries, changesBy, itRefusesSetupToOthers, signedIn } from '../test-support.js';

describe('set-up: political groups', () => {
  let ctx: TestContext;
  /** The demo's Riverside Group: Jo Evans (the chair) and Tom Baker, who leads it. */
  let riverside: string;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('political_groups').select('id').where('name', '=', 'Riverside Group').executeTakeFirstOrThrow());
    riverside = row.id;
  });
  after(() => ctx.close());

  const clerk = () => signedIn(ctx, 'clerk');
  const groupNamed = (name: string) =>
    ctx.db.tenant(ctx.council.id, async (trx) => {
      const group = await trx.selectFrom('political_groups').selectAll().where('name', '=', name).executeTakeFirst();
      if (!group) return undefined;
      const members = await trx.selectFrom('group_members').select('person_id').where('group_id', '=', group.id).execute();
      return { ...group, members: members.map((m) => m.person_id).sort() };
    });

  it('lists the groups with their leaders and numbers of members', async () => {
    const client = await clerk();
    const page = await client.get('/setup/groups');
    assert.equal(page.status, 200);
    assert.match(page.text('[data-testid="groups"] tbody'), /Market Ward Independents Hannah Price 2 Riverside Group Tom Baker 2/);
  });

  it('lets the Clerk add a group, and records it', async () => {
    const client = await clerk();
    await client.get('/setup/groups/new');
    const res = await client.post('/setup/groups/new', { name: 'Green Group', members: [ctx.people.independent], leaderId: ctx.people.independent });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/setup/groups');
    const list = await client.get('/setup/groups');
    assert.match(list.text('.govuk-notification-banner'), /Saved/);
    assert.match(list.text('[data-testid="groups"] tbody'), /Green Group Owen Hughes 1/);

    const saved = (await groupNamed('Green Group'))!;
    assert.equal(saved.leader_id, ctx.people.independent);
    assert.deepEqual(saved.members, [ctx.people.independent]);
    const api = await client.api('GET', '/api/v1/groups');
    assert.deepEqual(
      api.json().groups.find((g: { name: string }) => g.name === 'Green Group'),
      { id: saved.id, name: 'Green Group', leaderId: ctx.people.independent, members: [ctx.people.independent] },
    );
    const entries = await auditEntries(ctx, 'group.created');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actor_id, ctx.people.clerk);
    assert.equal(entries[0]!.entity_id, saved.id);
  });

  it('refuses a councillor who is in another group, naming that group, and stores nothing', async () => {
    const client = await clerk();
    const green = (await groupNamed('Green Group'))!;
    await client.get(`/setup/groups/${green.id}`);
    const changes = await changesBy(ctx, ctx.people.clerk);
    const page = await client.post(`/setup/groups/${green.id}`, { name: 'Green Group', members: [ctx.people.independent, ctx.people.riverside], leaderId: ctx.people.independent });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Tom Baker is already a member of Riverside Group']);
    assert.equal(page.$('.govuk-error-summary a').attr('href'), '#members');
    assert.equal(page.$('#members').attr('name'), 'members', 'the link leads to the first checkbox');
    assert.deepEqual((await groupNamed('Green Group'))!.members, [ctx.people.independent]);
    assert.equal(await changesBy(ctx, ctx.people.clerk), changes);
  });

  it('lets a councillor move group once the Clerk has taken them out of the old one', async () => {
    const client = await clerk();
    const form = await client.get(`/setup/groups/${riverside}`);
    assert.deepEqual(form.$('input[name="members"]:checked').map((_, el) => form.$(el).val()).get().sort(), [ctx.people.chair, ctx.people.riverside].sort());
    assert.equal(form.$('#leaderId option:selected').text(), 'Tom Baker');
    const out = await client.post(`/setup/groups/${riverside}`, { name: 'Riverside Group', members: [ctx.people.riverside], leaderId: ctx.people.riverside });
    assert.equal(out.status, 303);
    const green = (await groupNamed('Green Group'))!;
    const into = await client.api('PUT', `/api/v1/groups/${green.id}`, { name: 'Green Group', members: [ctx.people.independent, ctx.people.chair], leaderId: ctx.people.independent });
    assert.equal(into.statusCode, 200);
    assert.deepEqual((await groupNamed('Green Group'))!.members, [ctx.people.independent, ctx.people.chair].sort());
    assert.deepEqual((await groupNamed('Riverside Group'))!.members, [ctx.people.riverside]);
    assert.equal((await auditEntries(ctx, 'group.updated')).length, 2);
  });

  it('shows the form again naming each field in error', async () => {
    const client = await clerk();
    await client.get('/setup/groups/new');
    const page = await client.post('/setup/groups/new', { name: ' ', leaderId: ctx.people.market });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['Enter group name', 'The leader must be one of the group’s members']);
    assert.deepEqual(page.$('.govuk-error-summary a').map((_, el) => page.$(el).attr('href')).get(), ['#name', '#leaderId']);
    assert.equal(page.$('#leaderId').length, 1);
  });

  it('refuses a name already taken, and anyone who is not a current councillor', async () => {
    const client = await clerk();
    const taken = await client.api('POST', '/api/v1/groups', { name: 'RIVERSIDE GROUP' });
    assert.equal(taken.statusCode, 400);
    assert.equal(taken.json().error.fields[0].field, 'name');
    for (const person of [ctx.people.former, ctx.people.clerk]) {
      const res = await client.api('POST', '/api/v1/groups', { name: 'Independents', members: [person] });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.fields[0].field, 'members');
    }
    assert.equal(await groupNamed('Independents'), undefined);
  });

  it('lets the Clerk add a group through the API', async () => {
    const client = await clerk();
    const res = await client.api('POST', '/api/v1/groups', { name: 'Independents' });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json().members, []);
    assert.equal(res.json().leaderId, null);
    const missing = await client.api('PUT', '/api/v1/groups/00000000-0000-4000-8000-000000000000', { name: 'Nowhere' });
    assert.equal(missing.statusCode, 404);
  });

  it('lets any councillor read the groups through the API', async () => {
    const client = await signedIn(ctx, 'market');
    const res = await client.api('GET', '/api/v1/groups');
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().groups.some((g: { id: string }) => g.id === riverside));
  });

  itRefusesSetupToOthers(
    () => ctx,
    (ctx) => ({
      pages: ['/setup/groups', '/setup/groups/new', `/setup/groups/${riverside}`],
      posts: [
        { path: '/setup/groups/new', fields: { name: 'Chair’s Group', members: [ctx.people.chair], leaderId: ctx.people.chair } },
        { path: `/setup/groups/${riverside}`, fields: { name: 'Riverside Group', members: [ctx.people.riverside], leaderId: ctx.people.riverside } },
      ],
      writes: [
        { method: 'POST', path: '/api/v1/groups', body: { name: 'Chair’s Group' } },
        { method: 'PUT', path: `/api/v1/groups/${riverside}`, body: { name: 'Riverside Group', members: [ctx.people.riverside, ctx.people.chair], leaderId: ctx.people.chair } },
      ],
    }),
  );
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../test/helpers/app.js';
import { auditEntries, changesBy, itRefusesSetupToOthers, signedIn } from '../test-support.js';

/** The form as the Ilminster demo council fills it, with `over` changed. */
const profileForm = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  name: 'Ilminster Town Council',
  kind: 'town',
  nation: 'england',
  principalAuthority: 'Somerset Council',
  'terminology.clerk': 'Town Clerk',
  'terminology.chair': 'Mayor',
  'terminology.viceChair': 'Deputy Mayor',
  'terminology.council': 'Town Council',
  'officeHours.days': ['1', '2', '3', '4', '5'],
  'officeHours.opens': '09:00',
  'officeHours.closes': '17:00',
  enquiryResponseDays: '5',
  agendaNoticeDays: '5',
  equalTreatmentMarginDays: '2',
  ...over,
});

const apiProfile = (over: Record<string, unknown> = {}) => ({
  name: 'Ilminster Town Council',
  kind: 'town',
  nation: 'england',
  principalAuthority: 'Somerset Council',
  terminology: { clerk: 'Town Clerk', chair: 'Mayor', viceChair: 'Deputy Mayor', council: 'Town Council' },
  officeHours: { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' },
  enquiryResponseDays: 5,
  agendaNoticeDays: 5,
  clerkIsRfo: false,
  ...over,
});

describe('set-up: the council’s profile', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  const stored = () => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('councils').selectAll().executeTakeFirstOrThrow());
  const clerk = () => signedIn(ctx, 'clerk');

  it('shows the Clerk the profile as the template set it, with the time zone fixed', async () => {
    const client = await clerk();
    const page = await client.get('/setup/profile');
    assert.equal(page.status, 200);
    assert.equal(page.$('#name').val(), 'Ilminster Town Council');
    assert.equal(page.$('input[name="kind"]:checked').val(), 'town');
    assert.equal(page.$('[id="terminology.clerk"]').val(), 'Town Clerk');
    assert.equal(page.$('[id="terminology.chair"]').val(), 'Mayor');
    assert.deepEqual(page.$('input[name="officeHours.days"]:checked').map((_, el) => page.$(el).val()).get(), ['1', '2', '3', '4', '5']);
    assert.equal(page.$('input[name="officeHours.days"]').first().attr('id'), 'officeHours.days');
    assert.match(page.text('[data-testid="time-zone"]'), /Time zone Europe\/London/);
    assert.equal(page.$('input[name="timeZone"]').length, 0, 'the time zone cannot be changed');
  });

  it('saves the Clerk’s changes, keeps the other settings, and records the change', async () => {
    const before = await stored();
    const client = await clerk();
    await client.get('/setup/profile');
    const res = await client.post(
      '/setup/profile',
      profileForm({
        kind: 'parish',
        'terminology.clerk': 'Chief Officer',
        'terminology.chair': 'Chairman',
        'officeHours.days': ['1', '3', '5'],
        'officeHours.opens': '08:30',
        'officeHours.closes': '16:00',
        enquiryResponseDays: '10',
        agendaNoticeDays: '7',
        clerkIsRfo: 'on',
      }),
    );
    assert.equal(res.status, 303);
    assert.equal(res.location, '/setup/profile');

    const page = await client.get('/setup/profile');
    assert.match(page.text('.govuk-notification-banner'), /Saved/);
    assert.equal(page.$('input[name="kind"]:checked').val(), 'parish');
    assert.equal(page.$('[id="terminology.clerk"]').val(), 'Chief Officer');
    assert.deepEqual(page.$('input[name="officeHours.days"]:checked').map((_, el) => page.$(el).val()).get(), ['1', '3', '5']);
    assert.equal(page.$('[id="officeHours.opens"]').val(), '08:30');
    assert.equal(page.$('#enquiryResponseDays').val(), '10');
    assert.equal(page.$('input[name="clerkIsRfo"]').is(':checked'), true);
    // The new terminology is used at once, on every page.
    assert.match(page.text('label[for="clerkIsRfo"]'), /The Chief Officer is also the Responsible Financial Officer/);

    const api = await client.api('GET', '/api/v1/council');
    assert.equal(api.statusCode, 200);
    assert.deepEqual(api.json(), {
      id: ctx.council.id,
      slug: 'demo',
      name: 'Ilminster Town Council',
      kind: 'parish',
      nation: 'england',
      principalAuthority: 'Somerset Council',
      timeZone: 'Europe/London',
      terminology: { clerk: 'Chief Officer', chair: 'Chairman', viceChair: 'Deputy Mayor', council: 'Town Council' },
      officeHours: { days: [1, 3, 5], opens: '08:30', closes: '16:00' },
      enquiryResponseDays: 10,
      agendaNoticeDays: 7,
      equalTreatmentMarginDays: 2,
      clerkIsRfo: true,
      // A council in England keeps no Welsh titles, reads English, and sends English summonses.
      welsh: { clerk: '', chair: '', viceChair: '', council: '', councilName: '' },
      defaultLocale: 'en',
      bilingualSummons: false,
    });

    const after = await stored();
    assert.deepEqual(after.settings.concernsAboutClerkGoTo, before.settings.concernsAboutClerkGoTo, 'settings this page does not show are kept');
    assert.equal(after.settings.personnelCommittee, before.settings.personnelCommittee);
    const entries = await auditEntries(ctx, 'council.updated');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actor_id, ctx.people.clerk);
    assert.equal(entries[0]!.entity_id, ctx.council.id);
    assert.deepEqual((entries[0]!.data as { terminology: unknown }).terminology, { clerk: 'Chief Officer', chair: 'Chairman', viceChair: 'Deputy Mayor', council: 'Town Council' });
  });

  it('shows the form again naming every field in error, and stores nothing', async () => {
    const before = await stored();
    const client = await clerk();
    const changes = await changesBy(ctx, ctx.people.clerk);
    await client.get('/setup/profile');
    const page = await client.post(
      '/setup/profile',
      profileForm({
        name: '',
        kind: '',
        'terminology.clerk': ' ',
        'officeHours.days': [],
        'officeHours.opens': '9am',
        enquiryResponseDays: '0',
        agendaNoticeDays: '61',
      }),
    );
    assert.equal(page.status, 400);
    assert.match(page.title(), /^Error:/);
    assert.deepEqual(page.errors(), [
      'Enter council name',
      'Select kind of council',
      'Enter title of the head of staff',
      'Select days the office is open',
      'Opening time must be a time like 09:00',
      'Working days to answer an enquiry must be a whole number from 1 to 60',
      'Days before a meeting must be a whole number from 0 to 60',
    ]);
    // Each message links to its field.
    for (const href of page.$('.govuk-error-summary a').map((_, el) => page.$(el).attr('href')).get()) {
      assert.equal(page.$(`[id="${href.slice(1)}"]`).length, 1, `${href} names a field on the page`);
    }
    assert.equal(page.text('[id="terminology.clerk-error"]'), 'Error: Enter title of the head of staff');
    // What was typed is kept.
    assert.equal(page.$('[id="officeHours.opens"]').val(), '9am');
    assert.equal(page.$('#agendaNoticeDays').val(), '61');
    const after = await stored();
    assert.deepEqual(after, before);
    assert.equal(await changesBy(ctx, ctx.people.clerk), changes);
  });

  it('refuses a number of days that is not a whole number', async () => {
    const client = await clerk();
    await client.get('/setup/profile');
    for (const typed of ['a week', '2.5', '-1']) {
      const page = await client.post('/setup/profile', profileForm({ agendaNoticeDays: typed }));
      assert.equal(page.status, 400, typed);
      assert.equal(page.errors().length, 1, typed);
      assert.equal(page.$('.govuk-error-summary a').attr('href'), '#agendaNoticeDays');
    }
  });

  it('refuses office hours that close before they open', async () => {
    const client = await clerk();
    await client.get('/setup/profile');
    const page = await client.post('/setup/profile', profileForm({ 'officeHours.opens': '17:00', 'officeHours.closes': '09:00' }));
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), ['The closing time must be after the opening time']);
    assert.equal(page.$('.govuk-error-summary a').attr('href'), '#officeHours.closes');
  });

  it('lets the Clerk change the profile through the API, and names each field in error', async () => {
    const client = await clerk();
    const bad = await client.api('PUT', '/api/v1/council', apiProfile({ nation: 'scotland', enquiryResponseDays: 61, officeHours: { days: [], opens: '09:00', closes: '17:00' } }));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.id, 'invalid_request');
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field).sort(), ['enquiryResponseDays', 'nation', 'officeHours.days']);

    const res = await client.api('PUT', '/api/v1/council', apiProfile({ nation: 'wales', kind: 'community', terminology: { clerk: 'Clerk', chair: 'Chair', viceChair: 'Vice-Chair', council: 'Community Council' } }));
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().nation, 'wales');
    const after = await stored();
    assert.equal(after.nation, 'wales');
    assert.equal(after.kind, 'community');
    assert.equal(after.terminology.council, 'Community Council');
  });

  it('lets any councillor read the profile through the API', async () => {
    const client = await signedIn(ctx, 'riverside');
    const res = await client.api('GET', '/api/v1/council');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().timeZone, 'Europe/London');
  });

  itRefusesSetupToOthers(
    () => ctx,
    () => ({
      pages: ['/setup', '/setup/profile'],
      posts: [{ path: '/setup/profile', fields: profileForm({ name: 'Taken Over Town Council' }) }],
      writes: [{ method: 'PUT', path: '/api/v1/council', body: apiProfile({ name: 'Taken Over Town Council' }) }],
    }),
  );

  it('cites the protocol by the council’s new name once it is renamed', async () => {
    const client = await clerk();
    const res = await client.api('PUT', '/api/v1/council', apiProfile({ name: 'Ilminster and Winterhay Town Council' }));
    assert.equal(res.statusCode, 200);

    const chair = await signedIn(ctx, 'chair');
    const page = await chair.get('/setup/profile');
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause 1\.4 of the Ilminster and Winterhay Town Council protocol:/);
    const api = await chair.api('PUT', '/api/v1/council', apiProfile());
    assert.match(api.json().error.message, /of the Ilminster and Winterhay Town Council protocol/);
    assert.equal((await stored()).name, 'Ilminster and Winterhay Town Council', 'the refused call changed nothing');
  });
});

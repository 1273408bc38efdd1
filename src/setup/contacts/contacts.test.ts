import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../test/helpers/app.js';
import { auditEntries, changesBy, itRefusesSetupToOthers, signedIn } from '../test-support.js';

describe('set-up: external contacts', () => {
  let ctx: TestContext;
  /** The demo's Monitoring Officer. */
  let monitoringOfficer: string;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('external_contacts').select('id').where('kind', '=', 'monitoring_officer').executeTakeFirstOrThrow());
    monitoringOfficer = row.id;
  });
  after(() => ctx.close());

  const clerk = () => signedIn(ctx, 'clerk');
  const contacts = () => ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('external_contacts').selectAll().orderBy('name').execute());

  it('lists the council’s external contacts and what each is', async () => {
    const client = await clerk();
    const page = await client.get('/setup/contacts');
    assert.equal(page.status, 200);
    const rows = page.$('[data-testid="contacts"] tbody tr').map((_, el) => page.$(el).text().replace(/\s+/g, ' ').trim()).get();
    assert.equal(rows.length, 3);
    assert.ok(rows.some((r) => /^Monitoring Officer Monitoring Officer .* monitoring\.officer@example\.org$/.test(r)), rows.join(' | '));
    assert.ok(rows.some((r) => r.startsWith('Independent HR adviser Independent person Society of Local Council Clerks')));
  });

  it('lets the Clerk add a contact with no email or telephone, and records it', async () => {
    const client = await clerk();
    const form = await client.get('/setup/contacts/new');
    assert.equal(form.$('input[name="kind"]').first().attr('id'), 'kind');
    const res = await client.post('/setup/contacts/new', { kind: 'other', name: 'Internal auditor', organisation: 'Auditing Solutions Ltd', email: '', phone: '' });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/setup/contacts');
    const list = await client.get('/setup/contacts');
    assert.match(list.text('.govuk-notification-banner'), /Saved/);
    assert.match(list.text('[data-testid="contacts"] tbody'), /Internal auditor Other Auditing Solutions Ltd/);

    const saved = (await contacts()).find((c) => c.name === 'Internal auditor')!;
    assert.equal(saved.kind, 'other');
    assert.equal(saved.email, '');
    const api = await client.api('GET', '/api/v1/contacts');
    assert.deepEqual(api.json().contacts.find((c: { id: string }) => c.id === saved.id), {
      id: saved.id,
      kind: 'other',
      name: 'Internal auditor',
      organisation: 'Auditing Solutions Ltd',
      email: '',
      phone: '',
    });
    const entries = await auditEntries(ctx, 'contact.created');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actor_id, ctx.people.clerk);
    assert.equal(entries[0]!.entity_id, saved.id);
  });

  it('lets the Clerk change a contact', async () => {
    const client = await clerk();
    const form = await client.get(`/setup/contacts/${monitoringOfficer}`);
    assert.equal(form.$('input[name="kind"]:checked').val(), 'monitoring_officer');
    assert.equal(form.$('#email').val(), 'monitoring.officer@example.org');
    const res = await client.post(`/setup/contacts/${monitoringOfficer}`, {
      kind: 'monitoring_officer',
      name: 'Ruth Dixon',
      organisation: 'Somerset Council',
      email: 'monitoring.officer@somerset.example.org',
      phone: '+44 (0)300 123 2224',
    });
    assert.equal(res.status, 303);
    const list = await client.get('/setup/contacts');
    assert.match(list.text('[data-testid="contacts"] tbody'), /Ruth Dixon Monitoring Officer Somerset Council monitoring\.officer@somerset\.example\.org \+44 \(0\)300 123 2224/);
    const entries = await auditEntries(ctx, 'contact.updated');
    assert.equal(entries.length, 1);
    assert.equal((entries[0]!.data as { name: string }).name, 'Ruth Dixon');
  });

  it('shows the form again naming each field in error, and stores nothing', async () => {
    const client = await clerk();
    await client.get('/setup/contacts/new');
    const before = await contacts();
    const changes = await changesBy(ctx, ctx.people.clerk);
    const page = await client.post('/setup/contacts/new', { name: '', organisation: 'County Association', email: 'advice at example.org', phone: 'call the office' });
    assert.equal(page.status, 400);
    assert.deepEqual(page.errors(), [
      'Select kind of contact',
      'Enter name',
      'Enter an email address in the correct format, like name@example.org',
      'Enter a telephone number using only numbers, spaces, brackets, dashes and +, like 01460 52149',
    ]);
    assert.deepEqual(page.$('.govuk-error-summary a').map((_, el) => page.$(el).attr('href')).get(), ['#kind', '#name', '#email', '#phone']);
    for (const id of ['kind', 'name', 'email', 'phone']) assert.equal(page.$(`#${id}`).length, 1, id);
    assert.equal(page.$('#email').val(), 'advice at example.org', 'what was typed is kept');
    assert.deepEqual(await contacts(), before);
    assert.equal(await changesBy(ctx, ctx.people.clerk), changes);
  });

  it('lets the Clerk add and change contacts through the API, and names the field in error', async () => {
    const client = await clerk();
    const bad = await client.api('POST', '/api/v1/contacts', { kind: 'solicitor', name: 'A Firm', email: 'not-an-email' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field).sort(), ['email', 'kind']);

    const created = await client.api('POST', '/api/v1/contacts', { kind: 'ombudsman', name: 'Local Government and Social Care Ombudsman' });
    assert.equal(created.statusCode, 201);
    const { id } = created.json();
    const changed = await client.api('PUT', `/api/v1/contacts/${id}`, { kind: 'ombudsman', name: 'Local Government and Social Care Ombudsman', phone: '0300 061 0614' });
    assert.equal(changed.statusCode, 200);
    assert.equal((await contacts()).find((c) => c.id === id)!.phone, '0300 061 0614');
    const missing = await client.api('PUT', '/api/v1/contacts/00000000-0000-4000-8000-000000000000', { kind: 'other', name: 'Nobody' });
    assert.equal(missing.statusCode, 404);
  });

  it('lets a councillor read the contacts through the API', async () => {
    const client = await signedIn(ctx, 'riverside');
    const res = await client.api('GET', '/api/v1/contacts');
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().contacts.some((c: { id: string }) => c.id === monitoringOfficer));
  });

  itRefusesSetupToOthers(
    () => ctx,
    () => ({
      pages: ['/setup/contacts', '/setup/contacts/new', `/setup/contacts/${monitoringOfficer}`],
      posts: [
        { path: '/setup/contacts/new', fields: { kind: 'other', name: 'A friendly solicitor' } },
        { path: `/setup/contacts/${monitoringOfficer}`, fields: { kind: 'monitoring_officer', name: 'Someone else' } },
      ],
      writes: [
        { method: 'POST', path: '/api/v1/contacts', body: { kind: 'other', name: 'A friendly solicitor' } },
        { method: 'PUT', path: `/api/v1/contacts/${monitoringOfficer}`, body: { kind: 'monitoring_officer', name: 'Someone else' } },
      ],
    }),
  );
});

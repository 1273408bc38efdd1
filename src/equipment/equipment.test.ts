import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { RecordingMailer } from '../../test/helpers/mailer.js';
import { createJobRunner } from '../capabilities/registry.js';

describe('equipment', () => {
  let ctx: TestContext;
  const signedIn = async (key: DemoKey) => {
    const client = new TestClient(ctx.app);
    await client.signIn(ctx.emailOf(key));
    return client;
  };
  const loanOf = (asset: string) =>
    ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('equipment_loans as l').innerJoin('equipment_items as i', 'i.id', 'l.item_id').select(['l.id', 'l.acknowledged_at']).where('i.asset_number', '=', asset).where('l.returned_on', 'is', null).executeTakeFirstOrThrow());

  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('shows the holder their equipment and the clause, and refuses anyone else’s acknowledgement naming it', async () => {
    const loan = await loanOf('TC-0101');
    const tom = await signedIn('riverside');
    const page = await tom.get('/equipment');
    assert.equal(page.status, 200);
    assert.equal(page.text('[data-testid="no-equipment"]'), 'You hold no council equipment.');
    assert.match(page.text('[data-testid="equipment-clause"]'), /^Clause 2\.8: .*Clause 3\.5: /, 'the councillors’ clause and the officers’');
    const refused = await tom.post(`/equipment/loans/${loan.id}/acknowledge`, {});
    assert.equal(refused.status, 403);
    assert.equal(refused.$('[data-testid="refusal"]').attr('data-error-id'), 'equipment_for_council_use');
    assert.match(refused.text('[data-testid="refusal"]'), /2\.8/);
    const api = await tom.api('POST', `/api/v1/equipment/loans/${loan.id}/acknowledgement`);
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.clause.number, '2.8');
    const clerk = await signedIn('clerk');
    assert.equal((await clerk.api('POST', `/api/v1/equipment/loans/${loan.id}/acknowledgement`)).statusCode, 403, 'not even the Clerk acknowledges for the holder');
  });

  it('lets the Clerk issue an item, the holder acknowledge it once, and reminds them both if it is still held after the term ends', async () => {
    const clerk = await signedIn('clerk');
    await clerk.get('/equipment');
    const laptop = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('equipment_items').select('id').where('asset_number', '=', 'LT-0007').executeTakeFirstOrThrow());
    const missing = await clerk.post('/equipment/issue', { itemId: laptop.id, personId: '' });
    assert.equal(missing.status, 400);
    assert.equal(missing.errors().length, 1);
    const issued = await clerk.post('/equipment/issue', { itemId: laptop.id, personId: ctx.people.market, condition: 'New' });
    assert.equal(issued.status, 303);
    const again = await clerk.api('POST', '/api/v1/equipment/loans', { itemId: laptop.id, personId: ctx.people.riverside });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error.fields[0].field, 'itemId');

    const hannah = await signedIn('market');
    const mine = await hannah.get('/equipment');
    assert.match(mine.text('[data-testid="my-equipment"]'), /Laptop \(LT-0007\)/);
    const acked = await hannah.post(`/equipment/loans/${(await loanOf('LT-0007')).id}/acknowledge`, {});
    assert.equal(acked.status, 303);
    assert.ok((await loanOf('LT-0007')).acknowledged_at);

    const jobs = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('jobs').select('run_at').where('kind', '=', 'equipment.return_reminder').execute());
    assert.equal(jobs.length, 1);
    const runAt = new Date(jobs[0]!.run_at);
    assert.equal(runAt.toISOString(), '2027-05-07T08:00:00.000Z', 'the morning after the term ends, at opening (BST)');
    const mailer = new RecordingMailer();
    const runner = createJobRunner({ db: ctx.db, mailer, clock: () => runAt });
    await runner.runDue(runAt);
    // A duplicate of the job, as a retry would be: it finds the reminder sent and sends nothing.
    const loanId = (await loanOf('LT-0007')).id;
    await ctx.db.tenant(ctx.council.id, (trx) => trx.insertInto('jobs').values({ council_id: ctx.council.id, kind: 'equipment.return_reminder', payload: JSON.stringify({ loanId }), run_at: runAt.toISOString() }).execute());
    await runner.runDue(new Date(runAt.getTime() + 60_000));
    assert.deepEqual(mailer.sent.filter((m) => m.subject.includes('LT-0007')).map((m) => m.to).sort(), ['clerk@example.org', 'hannah@example.org']);
  });

  it('lists for the officers what leavers still hold, and refuses the register to councillors', async () => {
    const clerk = await signedIn('clerk');
    const page = await clerk.get('/equipment');
    assert.match(page.text('[data-testid="leavers"]'), /Dan Clarke: Tablet computer \(TC-0042\)/);
    const api = await clerk.api('GET', '/api/v1/equipment/leavers');
    assert.deepEqual(api.json().held.map((h: { holder: string }) => h.holder), ['Dan Clarke']);
    const jo = await signedIn('chair');
    const refused = await jo.api('GET', '/api/v1/equipment/leavers');
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.id, 'day_to_day_running');
    assert.equal((await jo.get('/equipment')).$('[data-testid="register"]').length, 0);
    assert.equal((await new TestClient(ctx.app).get('/equipment')).status, 303);
    assert.equal((await new TestClient(ctx.app).api('GET', '/api/v1/equipment')).statusCode, 401);
  });
});

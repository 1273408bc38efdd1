import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { readPdf } from '../../test/helpers/pdf.js';

async function signedIn(ctx: TestContext, key: DemoKey): Promise<TestClient> {
  const client = new TestClient(ctx.app);
  await client.signIn(ctx.emailOf(key));
  return client;
}

const COMPLAINT = { complainant: 'A resident', occurredOn: '2026-11-10', complaint: 'Shouted at a member of the public during the open forum.' };

describe('the code of conduct in England (Ilminster): acknowledgements, and a complaint referred to the Monitoring Officer', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
  });
  after(() => ctx.close());

  it('shows the Clerk who has not acknowledged the code, and takes a councillor off the list once they do', async () => {
    const clerk = await signedIn(ctx, 'clerk');
    assert.match((await clerk.get('/conduct')).text('[data-testid="outstanding"]'), /Hannah Price \(Councillor\).*Owen Hughes \(Councillor\)/);
    const hannah = await signedIn(ctx, 'market');
    const form = await hannah.get('/conduct');
    assert.equal(form.text('[data-testid="mine"]'), 'You have not yet acknowledged the code in force.');
    const missing = await hannah.post('/conduct/acknowledge', {});
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.errors(), ['Tick to say you have read the code and will follow it']);
    const done = await hannah.post('/conduct/acknowledge', { code: 'on' });
    assert.equal(done.status, 303);
    const api = await clerk.api('GET', '/api/v1/conduct/outstanding');
    assert.deepEqual(api.json().people.map((p: { name: string }) => p.name), ['Owen Hughes']);
    assert.equal((await hannah.api('GET', '/api/v1/conduct/outstanding')).statusCode, 403, 'the list is the Clerk’s');
  });

  it('asks everyone again when the Clerk records a new code', async () => {
    const clerk = await signedIn(ctx, 'clerk');
    const res = await clerk.post('/conduct/code', { version: 'Adopted 2026-12' });
    assert.equal(res.status, 303, res.res.body);
    const list = (await clerk.api('GET', '/api/v1/conduct/outstanding')).json();
    assert.equal(list.version, 'Adopted 2026-12');
    assert.ok(list.people.some((p: { name: string }) => p.name === 'Hannah Price'));
    assert.ok(list.people.some((p: { name: string }) => p.name === 'Alex Morgan'));
  });

  it('records a complaint as referred to the Monitoring Officer, with its pack; the council does not decide it', async () => {
    const clerk = await signedIn(ctx, 'clerk');
    const res = await clerk.api('POST', '/api/v1/conduct/referrals', { councillorId: ctx.people.riverside, ...COMPLAINT });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().to, 'monitoring_officer');
    const page = await clerk.get('/conduct/referrals');
    assert.match(page.text('[data-testid="lead"]'), /Monitoring Officer of the principal authority/);
    assert.match(page.text('[data-testid="referrals"]'), /Tom Baker .* The Monitoring Officer/);
    const pack = await clerk.get(`/conduct/referrals/${res.json().id}/pack.pdf`);
    assert.equal(pack.status, 200);
    assert.equal(pack.res.headers['content-type'], 'application/pdf');
    assert.equal(pack.res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    // Tagged: the title the heading, each part of the pack under its own, the protocol's clauses below the code's.
    const pdf = await readPdf(pack.res.rawPayload);
    assert.equal(pdf.title, 'Complaint about the conduct of Tom Baker');
    assert.equal(pdf.language, 'en-GB');
    assert.equal(pdf.marked, true);
    assert.deepEqual(pdf.textsOf('H1'), ['Complaint about the conduct of Tom Baker']);
    const parts = pdf.textsOf('H2');
    assert.deepEqual(parts.slice(0, 5), ['The Monitoring Officer', 'Councillor complained about', 'Dates', 'Who made the complaint', 'The complaint']);
    assert.match(parts[5]!, /^The code of conduct \(.+\) and the protocol’s clauses on it$/);
    assert.equal(parts[6], 'The councillor’s register of interests');
    assert.match(pdf.text, /Who made the complaint A resident The complaint Shouted at a member of the public during the open forum\. The code of conduct/);
    assert.deepEqual(pdf.untagged, []);
  });

  it('keeps referrals from councillors, naming the clause', async () => {
    const chair = await signedIn(ctx, 'chair');
    const res = await chair.api('POST', '/api/v1/conduct/referrals', { councillorId: ctx.people.riverside, ...COMPLAINT });
    assert.equal(res.statusCode, 403);
    assert.ok(res.json().error.clauses.length > 0);
  });
});

describe('the code of conduct in Wales (Crickhowell): a complaint referred to the Ombudsman', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
  });
  after(() => ctx.close());

  it('refers it to the Public Services Ombudsman for Wales', async () => {
    const clerk = await signedIn(ctx, 'clerk');
    const res = await clerk.api('POST', '/api/v1/conduct/referrals', { councillorId: ctx.people.riverside, ...COMPLAINT });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().to, 'ombudsman');
    const page = await clerk.get('/conduct/referrals?lang=en');
    assert.match(page.text('[data-testid="referrals"]'), /Tom Baker .* The Public Services Ombudsman for Wales/);
  });
});

describe('the Nolan principles where the protocol names them (Ledbury 3.2)', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
  });
  after(() => ctx.close());

  it('asks a councillor to acknowledge the principles of public life with the code', async () => {
    const owen = await signedIn(ctx, 'independent');
    const res = await owen.api('POST', '/api/v1/conduct/acknowledgements', { code: true });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().error.fields.map((f: { field: string }) => f.field), ['nolan']);
    const ok = await owen.api('POST', '/api/v1/conduct/acknowledgements', { code: true, nolan: true });
    assert.equal(ok.statusCode, 201, ok.body);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { createDemoCouncil } from '../demo/demo.js';
import { DEMO_PASSWORD } from '../demo/people.js';
import { hashPassword } from '../auth/passwords.js';
import { findTemplate } from '../protocol/templates/index.js';

async function signedIn(ctx: TestContext, key: string): Promise<TestClient> {
  const client = new TestClient(ctx.app, '/c/demo');
  await client.signIn(key.includes('@') ? key : ctx.emailOf(key as DemoKey));
  return client;
}



const STATEMENT = 'Spoke over me at the allotments meeting and called my report useless in front of residents.';

describe('who may see a case (Brackley): every case route × every role', () => {
  let ctx: TestContext;
  let informal: string;
  let formal: string;
  const OTHER_OFFICER = 'rhys@example.org';
  const clients = new Map<string, TestClient>();

  before(async () => {
    ctx = await testApp({ template: 'brackley' });
    const hash = await hashPassword(DEMO_PASSWORD);
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      await trx.insertInto('people').values({ council_id: ctx.council.id, name: 'Rhys Ellis', email: OTHER_OFFICER, role: 'officer', password_hash: hash, council_office: null, term_starts: null, term_ends: null }).execute();
      // The Mayor is not on the Staffing Committee here, so that the Mayor is only "the Chair".
      const staffing = await trx.selectFrom('committees').select('id').where('name', '=', 'Staffing Committee').executeTakeFirstOrThrow();
      await trx.deleteFrom('committee_members').where('committee_id', '=', staffing.id).where('person_id', '=', ctx.people.chair).execute();
    });
    await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury', today: '2026-11-22' });
    const sam = await signedIn(ctx, 'officer');
    const a = await sam.api('POST', '/api/v1/concerns', { aboutKind: 'councillor', aboutPersonId: ctx.people.vice, statement: STATEMENT });
    assert.equal(a.statusCode, 201, a.body);
    informal = a.json().id;
    const b = await sam.api('POST', '/api/v1/concerns', { aboutKind: 'councillor', aboutPersonId: ctx.people.vice, statement: 'A second matter, taken formally.' });
    formal = b.json().id;
    const clerk = await signedIn(ctx, 'clerk');
    const up = await clerk.api('POST', `/api/v1/concerns/${formal}/escalate`, { procedure: 'grievance' });
    assert.equal(up.statusCode, 200, up.body);
    assert.equal(up.json().committee, 'Staffing Committee');
    for (const [role, key] of Object.entries({ raiser: 'officer', concerned: 'vice', handler: 'clerk', committee: 'market', councillor: 'riverside', officer: OTHER_OFFICER, chair: 'chair' })) clients.set(role, await signedIn(ctx, key));
    const foreign = new TestClient(ctx.app, '/c/ledbury');
    await foreign.signIn('clerk@example.org');
    clients.set('foreignClerk', foreign);
    clients.set('signedOut', new TestClient(ctx.app, '/c/demo'));
  });
  after(() => ctx.close());

  const ROLES = ['raiser', 'concerned', 'handler', 'committee', 'councillor', 'officer', 'chair', 'foreignClerk', 'signedOut'] as const;
  /** Who may read: the raiser and handlers; once formal, the personnel committee's members too. */
  const readers = (isFormal: boolean) => new Set(['raiser', 'handler', ...(isFormal ? ['committee'] : [])]);

  const refusedAs = (role: string, status: number, body: string, api: boolean) => {
    if (role === 'foreignClerk') return assert.equal(status, 404, `${role}: not this council's`);
    if (role === 'signedOut') return assert.equal(status, api ? 401 : 303, `${role}: sign in first`);
    assert.equal(status, 403, `${role}: refused`);
    assert.match(body, /10\.2\.1/, `${role}: the refusal names Brackley's clause 10.2.1`);
    assert.doesNotMatch(body, /allotments|second matter/, `${role}: nothing of the case`);
  };

  for (const which of ['informal', 'formal'] as const) {
    for (const role of ROLES) {
      it(`${which} case, ${role}: page and API ${readers(which === 'formal').has(role) ? 'allowed' : 'refused'}`, async () => {
        const id = which === 'formal' ? formal : informal;
        const client = clients.get(role)!;
        const page = await client.get(`/concerns/${id}`);
        const api = await client.api('GET', `/api/v1/concerns/${id}`);
        if (readers(which === 'formal').has(role)) {
          assert.equal(page.status, 200);
          assert.match(page.text('[data-testid="statement"]'), which === 'formal' ? /second matter/ : /allotments/);
          assert.equal(api.statusCode, 200);
          // The raiser sees their statement and the outcome, not the handlers' record or the log.
          assert.equal(api.json().record === null, role === 'raiser');
          assert.equal(api.json().accessLog === null, role !== 'handler');
        } else {
          refusedAs(role, page.status, page.res.body, false);
          refusedAs(role, api.statusCode, api.body, true);
        }
        const list = await client.api('GET', '/api/v1/concerns');
        if (role === 'signedOut') assert.equal(list.statusCode, 401);
        else assert.equal(list.json().cases.some((c: { id: string }) => c.id === id), readers(which === 'formal').has(role), `${role}: in their list only if they may read it`);
      });

      it(`${which} case, ${role}: what the person concerned is told is refused to everyone before they are told`, async () => {
        const id = which === 'formal' ? formal : informal;
        const client = clients.get(role)!;
        const page = await client.get(`/concerns/${id}/told`);
        refusedAs(role, page.status, page.res.body, false);
        const api = await client.api('GET', `/api/v1/concerns/${id}/told`);
        refusedAs(role, api.statusCode, api.body, true);
      });

      it(`${which} case, ${role}: adding to the record is the handler's alone`, async () => {
        const id = which === 'formal' ? formal : informal;
        const res = await clients.get(role)!.api('POST', `/api/v1/concerns/${id}/entries`, { kind: 'note', occurredOn: '2026-11-20', body: `A note by ${role}` });
        if (role === 'handler') assert.equal(res.statusCode, 201, res.body);
        else if (role === 'foreignClerk') assert.equal(res.statusCode, 404);
        else if (role === 'signedOut') assert.equal(res.statusCode, 401);
        else assert.equal(res.statusCode, 403, role);
      });
    }
  }

  it('keeps the access log, with refusals, and shows it to the handler alone', async () => {
    const page = await clients.get('handler')!.get(`/concerns/${informal}`);
    const log = page.text('[data-testid="access-log"]');
    assert.match(log, /Sam Patel raised it/);
    assert.match(log, /Priya Shah was refused it/);
    assert.match(log, /Rhys Ellis was refused it/);
    assert.match(log, /Sam Patel opened it/);
    assert.equal((await clients.get('raiser')!.get(`/concerns/${informal}`)).$('[data-testid="access-log"]').length > 0, false);
  });

  it('leaves cases out of everyone else’s pages: nothing on the home page or the navigation counts them', async () => {
    const home = await clients.get('councillor')!.get('/');
    assert.doesNotMatch(home.res.body, /allotments|second matter/);
    const list = await clients.get('concerned')!.get('/concerns');
    assert.equal(list.$('[data-testid="concerns"]').length > 0, false, 'the person concerned has nothing listed');
  });

  it('refuses the Chair’s decision alone with clause 10.1.2, and records the committee’s resolution', async () => {
    // The Mayor sits on the committee here, but one person still cannot decide a grievance.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const staffing = await trx.selectFrom('committees').select('id').where('name', '=', 'Staffing Committee').executeTakeFirstOrThrow();
      await trx.insertInto('committee_members').values({ council_id: ctx.council.id, committee_id: staffing.id, person_id: ctx.people.chair }).execute();
    });
    const mayor = clients.get('chair')!;
    const alone = await mayor.api('POST', `/api/v1/concerns/${formal}/decision`, { decidedBy: 'alone', outcome: 'I uphold the grievance.' });
    assert.equal(alone.statusCode, 403, alone.body);
    assert.equal(alone.json().error.id, 'personnel_committee_decides');
    assert.deepEqual(alone.json().error.clauses.map((c: { number: string }) => c.number), ['10.1.1', '10.1.2', '10.1.3']);
    const page = await mayor.post(`/concerns/${formal}/decision`, { decidedBy: 'alone', outcome: 'I uphold the grievance.' });
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /^Refused under clause 10\.1\.1 of the Brackley Town Council protocol.*Read clause 10\.1\.2 in full – Mediation, independent advice and the Staffing Committee/);
    const byClerkAlone = await clients.get('handler')!.api('POST', `/api/v1/concerns/${formal}/decision`, { decidedBy: 'alone', outcome: 'Upheld.' });
    assert.equal(byClerkAlone.statusCode, 403, 'the handler cannot decide alone either');
    const noResolution = await clients.get('handler')!.api('POST', `/api/v1/concerns/${formal}/decision`, { decidedBy: 'committee', resolutionId: '', outcome: 'Upheld.' });
    assert.equal(noResolution.statusCode, 400);
    assert.deepEqual(noResolution.json().error.fields.map((f: { field: string }) => f.field), ['resolutionId']);
    const outcome = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('concern_cases').select('outcome').where('id', '=', formal).executeTakeFirstOrThrow());
    assert.equal(outcome.outcome, null);
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const staffing = await trx.selectFrom('committees').select('id').where('name', '=', 'Staffing Committee').executeTakeFirstOrThrow();
      await trx.deleteFrom('committee_members').where('committee_id', '=', staffing.id).where('person_id', '=', ctx.people.chair).execute();
    });
  });

  it('an appeal is heard by people not involved before', async () => {
    const clerk = clients.get('handler')!;
    const res = await clerk.api('POST', `/api/v1/concerns/${formal}/stages`, { stage: 'meeting', doneOn: '2026-11-20', companion: 'A union representative', panelIds: [ctx.people.market] });
    assert.equal(res.statusCode, 200, res.body);
    const appeal = await clerk.api('POST', `/api/v1/concerns/${formal}/stages`, { stage: 'appeal', doneOn: '2026-11-21', panelIds: [ctx.people.market] });
    assert.equal(appeal.statusCode, 400);
    assert.deepEqual(appeal.json().error.fields.map((f: { field: string }) => f.field), ['panelIds']);
  });

  it('once told, the person concerned reads only what they were told, and every other case route still refuses them', async () => {
    const tell = await clients.get('handler')!.api('POST', `/api/v1/concerns/${informal}/tell`, { summary: 'It is alleged that you spoke over an officer at a public meeting.', shareDates: true });
    assert.equal(tell.statusCode, 201, tell.body);
    for (const role of ROLES) {
      const client = clients.get(role)!;
      const page = await client.get(`/concerns/${informal}/told`);
      const api = await client.api('GET', `/api/v1/concerns/${informal}/told`);
      if (role === 'concerned') {
        assert.equal(page.status, 200);
        assert.match(page.text('[data-testid="summary"]'), /spoke over an officer/);
        assert.doesNotMatch(page.res.body, /allotments|Sam Patel|A note by/, 'not the statement, the raiser or the record');
        assert.equal(api.statusCode, 200);
      } else {
        refusedAs(role, page.status, page.res.body, false);
        refusedAs(role, api.statusCode, api.body, true);
      }
    }
    const concerned = clients.get('concerned')!;
    assert.equal((await concerned.get(`/concerns/${formal}/told`)).status, 403, 'told of one case, not of the other');
    const refusedRoutes: [string, string, unknown][] = [
      ['GET', `/concerns/${informal}`, undefined],
      ['GET', `/concerns/${informal}/tell`, undefined],
      ['GET', `/api/v1/concerns/${informal}`, undefined],
      ['POST', `/api/v1/concerns/${informal}/entries`, { kind: 'note', occurredOn: '2026-11-20', body: 'My side.' }],
      ['POST', `/api/v1/concerns/${informal}/close`, { outcome: 'Closed by me.' }],
      ['POST', `/api/v1/concerns/${informal}/escalate`, { procedure: 'grievance' }],
      ['POST', `/api/v1/concerns/${informal}/stages`, { stage: 'meeting', doneOn: '2026-11-20' }],
      ['POST', `/api/v1/concerns/${informal}/decision`, { decidedBy: 'committee', resolutionId: '', outcome: 'Dismissed.' }],
      ['POST', `/api/v1/concerns/${informal}/tell`, { summary: 'Telling myself.' }],
    ];
    for (const [method, path, body] of refusedRoutes) {
      const status = path.startsWith('/api') ? (await concerned.api(method as 'GET' | 'POST', path, body)).statusCode : (await concerned.get(path)).status;
      assert.equal(status, 403, `${method} ${path}`);
    }
    const list = await concerned.api('GET', '/api/v1/concerns');
    assert.equal(list.json().cases.some((c: { id: string }) => c.id === informal), false, 'still not in their list of cases');
    const aboutMe = await concerned.api('GET', '/api/v1/concerns/about-me');
    assert.deepEqual(aboutMe.json().cases.map((c: { id: string }) => c.id), [informal]);
  });
});


import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import * as cheerio from 'cheerio';
import { testApp, type DemoKey, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';

const ROLES = ['panel', 'councillor off the panel', 'clerk', 'officer', 'other council', 'signed out'] as const;
type RoleName = (typeof ROLES)[number];

const MATRIX: Record<string, Record<RoleName, string>> = {
  '/appointments': { panel: '200', 'councillor off the panel': '200', clerk: '200', officer: '200', 'other council': '200', 'signed out': '303' },
  '/appointments/ID': { panel: '200', 'councillor off the panel': '200', clerk: '200', officer: '200', 'other council': '404', 'signed out': '303' },
  '/appointments/ID/candidates': { panel: '200', 'councillor off the panel': '403 selection_panel 2.9', clerk: '200', officer: '403 selection_panel 2.9', 'other council': '404', 'signed out': '303' },
  '/api/v1/appointments/ID/candidates': { panel: '200', 'councillor off the panel': '403 selection_panel 2.9', clerk: '200', officer: '403 selection_panel 2.9', 'other council': '404', 'signed out': '401' },
};

describe('staff appointments', () => {
  let ctx: TestContext;
  let appointmentId: string;
  const clients = new Map<RoleName, TestClient>();
  const signedIn = async (key: DemoKey, base = '/c/demo') => {
    const client = new TestClient(ctx.app, base);
    await client.signIn(ctx.emailOf(key));
    return client;
  };

  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury', today: '2026-11-22' });
    ctx.app.concord.councils.invalidate();
    appointmentId = (await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('appointments').select('id').executeTakeFirstOrThrow())).id;
    clients.set('panel', await signedIn('chair'));
    clients.set('councillor off the panel', await signedIn('riverside'));
    clients.set('clerk', await signedIn('clerk'));
    clients.set('officer', await signedIn('officer'));
    clients.set('other council', await signedIn('clerk', '/c/ledbury'));
    clients.set('signed out', new TestClient(ctx.app, '/c/demo'));
  });
  after(() => ctx.close());

  const observe = (res: LightMyRequestResponse): string => {
    if (res.statusCode !== 403) return String(res.statusCode);
    if (String(res.headers['content-type']).includes('json')) {
      const body = res.json<{ error: { id: string; clause: { number: string } } }>();
      return `403 ${body.error.id} ${body.error.clause.number}`;
    }
    const $ = cheerio.load(res.body);
    return `403 ${$('[data-testid="refusal"]').attr('data-error-id')} ${$('[data-testid="clause-link"]').first().text().match(/[\d.]+/)?.[0]}`;
  };

  it('shows candidates, papers and scores to the panel and the Clerk alone, refusing anyone else with the clause', async () => {
    for (const [route, expected] of Object.entries(MATRIX)) {
      const seen: Record<string, string> = {};
      for (const role of ROLES) {
        const path = route.replace('ID', appointmentId);
        const client = clients.get(role)!;
        seen[role] = observe(path.startsWith('/api/') ? await client.api('GET', path) : (await client.get(path)).res);
      }
      assert.deepEqual(seen, expected, route);
    }
    const panel = await clients.get('panel')!.get(`/appointments/${appointmentId}/candidates`);
    assert.match(panel.text('[data-testid="candidates"]'), /Candidate A.*Jo Evans: 7\/10 – Strong on minutes and agendas\..*Candidate B/);
    const offPanel = await clients.get('councillor off the panel')!.get(`/appointments/${appointmentId}`);
    assert.equal(offPanel.$('[data-testid="candidates-link"]').length, 0, 'no link to what would be refused');
    assert.match(offPanel.text('[data-testid="panel"]'), /Jo Evans, Priya Shah/);
  });

  it('refuses a councillor off the panel who tries to score, and shows the Clerk every attempt', async () => {
    const tom = clients.get('councillor off the panel')!;
    const candidate = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('appointment_candidates').select('id').where('name', '=', 'Candidate B').executeTakeFirstOrThrow());
    await tom.get(`/appointments/${appointmentId}`);
    const page = await tom.post(`/appointments/${appointmentId}/scores`, { candidateId: candidate.id, score: '9', comment: 'My neighbour, very reliable.' });
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /2\.9/);
    const api = await tom.api('POST', `/api/v1/appointments/${appointmentId}/scores`, { candidateId: candidate.id, score: 9, comment: '' });
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.clause.number, '2.9');
    const scores = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('appointment_scores').select('id').where('candidate_id', '=', candidate.id).execute());
    assert.equal(scores.length, 0, 'nothing recorded');

    const clerk = await clients.get('clerk')!.get(`/appointments/${appointmentId}`);
    const attempts = clerk.$('[data-testid="attempts"] li').map((_, li) => clerk.$(li).text().trim()).get();
    assert.ok(attempts.filter((a) => a.startsWith('Tom Baker')).length >= 3, attempts.join('\n'));
    assert.ok(attempts.some((a) => a.startsWith('Sam Patel')), 'the officer’s attempt too');
    assert.match(clerk.text('[data-testid="retention"]'), /kept for 6 months after the outcome/);

    const jo = clients.get('panel')!;
    await jo.get(`/appointments/${appointmentId}/candidates`);
    const scored = await jo.post(`/appointments/${appointmentId}/scores`, { candidateId: candidate.id, score: '6', comment: '' });
    assert.equal(scored.status, 303);
    const bad = await jo.post(`/appointments/${appointmentId}/scores`, { candidateId: candidate.id, score: '11' });
    assert.equal(bad.status, 400);
  });

  it('opens a vacancy only on a recorded resolution, with a panel of councillors', async () => {
    const clerk = clients.get('clerk')!;
    await clerk.get('/appointments');
    const bad = await clerk.post('/appointments', { title: 'Caretaker', resolutionId: '', panelIds: [] });
    assert.equal(bad.status, 400);
    assert.equal(bad.errors().length, 2);
    const officerApi = await clients.get('councillor off the panel')!.api('POST', '/api/v1/appointments', { title: 'Caretaker', resolutionId: appointmentId, panelIds: [ctx.people.riverside] });
    assert.equal(officerApi.statusCode, 403);
    const resolution = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('resolutions').select('id').executeTakeFirstOrThrow());
    const ok = await clerk.post('/appointments', { title: 'Caretaker', resolutionId: resolution.id, panelIds: [ctx.people.market] });
    assert.equal(ok.status, 303);
    const outcome = await clerk.post(`${ok.location!.replace('/c/demo', '')}/outcome`, { status: 'appointed', outcome: 'Appointed the first candidate.' });
    assert.equal(outcome.status, 303);
    const page = await clerk.get(ok.location!.replace('/c/demo', ''));
    assert.match(page.text('[data-testid="retention"]'), /kept until 22 May 2027/);
  });
});

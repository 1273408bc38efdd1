import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestContext } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';

/**
 * Bad input to the pages: an id that is not one in every page's address, broken multipart
 * bodies on every upload, a form without its required field. Each is a 400 or 404 page of
 * the council's, saying what is wrong, never a 500 and never raw JSON.
 */

/** Every route of the app as method and path pattern, read from the router's own listing. */
function routesOf(app: TestContext['app']): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│├└─\s]*)(\S.*?) \(([^)]*)\)$/.exec(line);
    if (!match) continue;
    const depth = Math.floor(match[1]!.length / 4);
    stack.length = depth;
    stack[depth] = match[2]!;
    const path = stack.join('').replace(/\/{2,}/g, '/');
    for (const method of match[3]!.split(',').map((m) => m.trim())) out.push({ method, path });
  }
  return out;
}

let ctx: TestContext;
let clerk: TestClient;

before(async () => {
  ctx = await testApp();
  clerk = new TestClient(ctx.app);
  await clerk.signIn(ctx.emailOf('clerk'));
});
after(() => ctx?.close());

describe('an address with an id that is not one', () => {
  it('is a page not found (or a 400 page) on every page route, for GET and POST, never a 500 or JSON', async () => {
    const pages = routesOf(ctx.app).filter((r) => (r.method === 'GET' || r.method === 'POST') && r.path.includes('/:') && !r.path.startsWith('/api/'));
    assert.ok(pages.length >= 30, `the router lists the pages with ids (found ${pages.length})`);
    const wrong: string[] = [];
    for (const route of pages) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'not-a-uuid');
      await clerk.get('/');
      const page = route.method === 'GET' ? await clerk.get(path) : await clerk.post(path, { title: 'x' });
      const type = String(page.res.headers['content-type']);
      const styled = type.startsWith('text/html') && page.$('h1').length === 1 && page.$('.govuk-header, header').length > 0;
      // A link token that is not one is a spent link (410); an action the Clerk may not take at
      // all (a councillor's view beside an officer's report) is refused (403) before its address
      // is read. Each is a styled page; what must never come is a 500 or JSON.
      const expected = route.path.startsWith('/set-password/') ? [410] : route.path.startsWith('/officer-reports/') ? [403, 404] : [400, 404];
      if (!expected.includes(page.status) || !styled) wrong.push(`${route.method} ${path} → ${page.status} ${type} ${page.res.body.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${pages.length} page routes answered a bad id badly`);
  });

  it('is a page of the council’s when the address is not even correctly encoded', async () => {
    for (const path of ['/meetings/%E0%A4%A', '/documents/caf%E9', '/setup/people/%']) {
      const page = await clerk.get(path);
      assert.equal(page.status, 400, path);
      assert.match(String(page.res.headers['content-type']), /^text\/html/, path);
      assert.match(page.text('main'), /The web address is not correctly encoded/, path);
    }
    const api = await clerk.api('GET', '/api/v1/meetings/%E0%A4%A');
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.id, 'bad_address');
  });

  it('is refused before anything reads the meeting, and a signed-out caller learns nothing from it', async () => {
    const stranger = new TestClient(ctx.app);
    const bad = await stranger.api('POST', '/api/v1/meetings/not-a-uuid/agenda-requests', { title: 'Allotments' });
    const unknown = await stranger.api('POST', '/api/v1/meetings/6a1f0c1e-4c1e-4b9e-8f1e-0c1e4c1e4b9e/agenda-requests', { title: 'Allotments' });
    const [meeting] = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').limit(1).execute());
    const real = await stranger.api('POST', `/api/v1/meetings/${meeting!.id}/agenda-requests`, { title: 'Allotments' });
    assert.deepEqual([bad.statusCode, unknown.statusCode, real.statusCode], [401, 401, 401], 'signed out, every meeting id is answered alike');

    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    const named = await councillor.api('POST', '/api/v1/meetings/not-a-uuid/agenda-requests', { title: 'Allotments' });
    assert.equal(named.statusCode, 400);
    assert.deepEqual(named.json().error.fields.map((f: { field: string }) => f.field), ['id']);
  });
});

describe('a broken upload', () => {
  const boundary = 'concordboundary';
  const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
  const titled = part('Content-Disposition: form-data; name="title"', 'Parish plan') + part('Content-Disposition: form-data; name="classification"', 'internal');
  const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF';
  const cases: { name: string; contentType: string; body: string }[] = [
    { name: 'no boundary', contentType: 'multipart/form-data', body: titled },
    { name: 'a truncated body', contentType: `multipart/form-data; boundary=${boundary}`, body: `${titled}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc` },
    { name: 'garbage', contentType: `multipart/form-data; boundary=${boundary}`, body: '\u0000\u0001garbage that is not a form at all' },
    { name: 'a file name with a quotation mark', contentType: `multipart/form-data; boundary=${boundary}`, body: `${titled}${part('Content-Disposition: form-data; name="file"; filename="plan "final".pdf"\r\nContent-Type: application/pdf', pdf)}--${boundary}--\r\n` },
    { name: 'a file name with CR/LF', contentType: `multipart/form-data; boundary=${boundary}`, body: `${titled}${part('Content-Disposition: form-data; name="file"; filename="plan\r\nX-Evil: 1.pdf"\r\nContent-Type: application/pdf', pdf)}--${boundary}--\r\n` },
    { name: 'an over-long file name', contentType: `multipart/form-data; boundary=${boundary}`, body: `${titled}${part(`Content-Disposition: form-data; name="file"; filename="${'p'.repeat(400)}.pdf"\r\nContent-Type: application/pdf`, pdf)}--${boundary}--\r\n` },
  ];

  for (const c of cases) {
    it(`with ${c.name} is a 400 naming the file, on the page and in the API`, async () => {
      await clerk.get('/documents/new');
      const headers = { 'content-type': c.contentType, 'x-csrf-token': clerk.csrfToken!, cookie: cookieOf(clerk) };
      // A form carries its token as a field (the header is the API's); a body that parses reaches the check.
      const token = part('Content-Disposition: form-data; name="_csrf"', clerk.csrfToken!);
      const pageBody = c.body.startsWith(`--${boundary}`) ? token + c.body : c.body;
      const page = await ctx.app.inject({ method: 'POST', url: '/documents/new', headers, payload: pageBody });
      assert.equal(page.statusCode, 400, page.body.slice(0, 300));
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /govuk-error-summary/, 'the upload form comes back with its error summary');
      assert.match(page.body, /href="#file"/, 'the error names the file field');

      const api = await ctx.app.inject({ method: 'POST', url: '/api/v1/documents', headers, payload: c.body });
      assert.equal(api.statusCode, 400, api.body);
      const error = api.json().error;
      assert.ok(error.fields.some((f: { field: string; message: string }) => f.field === 'file' && f.message.length > 10), api.body);
    });
  }
});

describe('approving minutes', () => {
  it('without the meeting that approved them is a 400 naming the field', async () => {
    const [meeting] = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('meetings').select('id').where('meeting_date', '<', '2026-11-22').orderBy('meeting_date', 'desc').limit(1).execute());
    await clerk.get(`/meetings/${meeting!.id}/minutes`);
    for (const fields of [{}, { approvedAt: '' }, { approvedAt: 'not-a-uuid' }] as Record<string, string>[]) {
      const page = await clerk.post(`/meetings/${meeting!.id}/minutes/approve`, fields);
      assert.equal(page.status, 400, JSON.stringify(fields));
      assert.ok(page.$('.govuk-error-summary a[href="#approvedAt"]').length === 1, `the summary links to the field: ${page.errors().join('; ')}`);
    }
  });
});

describe('text no database can store', () => {
  // JSON may carry half of a surrogate pair ("\ud800") and a NUL; neither can be saved, in
  // any field of any capability, so each is refused before a service or the audit trail sees it.
  for (const [what, text, words] of [
    ['half of a surrogate pair', 'Chair\ud800', 'broken character'],
    ['a NUL character', 'Chair\u0000', 'null character'],
  ] as const) {
    it(`(${what}) is a 400 naming the field`, async () => {
      const api = await clerk.api('POST', '/api/v1/equipment/items', { name: text, assetNumber: 'A1', condition: 'Good' });
      assert.equal(api.statusCode, 400, api.body);
      const fields = api.json().error.fields as { field: string; message: string }[];
      assert.ok(fields.some((f) => f.field === 'name' && f.message.includes(words)), api.body);
      const training = await clerk.api('POST', '/api/v1/training/requirements', { course: text, appliesTo: 'councillors', withinDays: 2 });
      assert.equal(training.statusCode, 400, training.body);
      assert.ok(training.json().error.fields.some((f: { field: string }) => f.field === 'course'), training.body);
      // A form is sent as UTF-8, which has no way to say half a pair (a browser sends U+FFFD
      // instead); a NUL it can say, and the page that answers names the field.
      if (text.includes('\u0000')) {
        await clerk.get('/training/requirements');
        const page = await clerk.post('/training/requirements', { course: text, appliesTo: 'councillors', withinDays: '2' });
        assert.equal(page.status, 400);
        assert.ok(page.$('main').text().toLowerCase().includes(`course contains a ${words}`), page.$('main').text());
        assert.ok(page.$('main').text().includes('Go back, correct it'), 'the page says what to do');
      }
      const saved = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('equipment_items').select('name').where('name', 'like', 'Chair%').execute());
      assert.deepEqual(saved, []);
    });
  }
});

/** The client's cookies as a header, for the bodies no browser form would send. */
function cookieOf(client: TestClient): string {
  return ['concord_session', 'concord_csrf', '_csrf'].map((name) => [name, client.cookie(name)] as const).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join('; ');
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import * as cheerio from 'cheerio';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { testApp, FIXED_NOW, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import { createSession } from '../auth/sessions.js';
import type { Council } from '../db/schema.js';
import { samplePdf } from './demo.js';

/** The text of each page of a PDF, read back as a reader would. */
async function pdfPages(bytes: Buffer | Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages;
}

async function docIds(ctx: TestContext, councilId: string) {
  const rows = await ctx.db.tenant(councilId, (trx) => trx.selectFrom('documents').select(['id', 'title']).execute());
  const find = (prefix: string) => rows.find((r) => r.title.startsWith(prefix))!.id;
  return { P: find('Annual report'), I: find('Station Road planning'), Q: find('Play area'), C: find('Staffing review') };
}

const ROLES = ['clerk', 'staff', 'councillor', 'interested', 'chair', 'former', 'other council', 'signed out'] as const;
type RoleName = (typeof ROLES)[number];

/**
 * Every document route, for every kind of person, with what they get. A list cell names
 * the demo documents it shows (P public, I internal about Land at Station Road, Q
 * internal about the play area contract, C confidential staffing paper issued to the chair
 * and Owen Hughes); "I!" is listed but withheld, with the clause. A refusal names its id.
 * Roles: the Clerk; Sam Patel (staff); Tom Baker (a councillor); Hannah Price (who has
 * registered a pecuniary interest in Land at Station Road); Jo Evans (the chair, a named
 * recipient of C); Dan Clarke (whose term has ended); Ledbury's Clerk (another council);
 * and no one signed in.
 */
const ALL = '200 C I P Q';
const NOT_C = '200 I P Q';
const TERM = '403 term_of_office';
const MATRIX: Record<string, Record<RoleName, string>> = {
  'list page': { clerk: ALL, staff: NOT_C, councillor: NOT_C, interested: '200 I! P Q', chair: ALL, former: TERM, 'other council': '200 -', 'signed out': '303' },
  'list API': { clerk: ALL, staff: NOT_C, councillor: NOT_C, interested: '200 I! P Q', chair: ALL, former: TERM, 'other council': '200 -', 'signed out': '401' },
  'search page "Station Road"': { clerk: '200 I', staff: '200 I', councillor: '200 I', interested: '200 I!', chair: '200 I', former: TERM, 'other council': '200 -', 'signed out': '303' },
  'search API "staffing"': { clerk: '200 C', staff: '200 -', councillor: '200 -', interested: '200 -', chair: '200 C', former: TERM, 'other council': '200 -', 'signed out': '401' },
  'export CSV': { clerk: ALL, staff: NOT_C, councillor: NOT_C, interested: '200 I! P Q', chair: ALL, former: TERM, 'other council': '200 -', 'signed out': '303' },
};
const ITEM_ROUTES = {
  'metadata page': (id: string) => `/documents/${id}`,
  'metadata API': (id: string) => `/api/v1/documents/${id}`,
  view: (id: string) => `/documents/${id}/view`,
  download: (id: string) => `/documents/${id}/download`,
  print: (id: string) => `/documents/${id}/print`,
};
const ITEM_EXPECTED: Record<'P' | 'I' | 'Q' | 'C', Record<RoleName, string>> = {
  P: { clerk: '200', staff: '200', councillor: '200', interested: '200', chair: '200', former: TERM, 'other council': '404', 'signed out': '303' },
  I: { clerk: '200', staff: '200', councillor: '200', interested: '403 interest_conflict', chair: '200', former: TERM, 'other council': '404', 'signed out': '303' },
  Q: { clerk: '200', staff: '200', councillor: '200', interested: '200', chair: '200', former: TERM, 'other council': '404', 'signed out': '303' },
  C: { clerk: '200', staff: '403 confidential_paper', councillor: '403 confidential_paper', interested: '403 confidential_paper', chair: '200', former: TERM, 'other council': '404', 'signed out': '303' },
};
for (const [name, path] of Object.entries(ITEM_ROUTES)) {
  for (const doc of ['P', 'I', 'Q', 'C'] as const) {
    const row = { ...ITEM_EXPECTED[doc] };
    if (name.endsWith('API')) row['signed out'] = '401';
    MATRIX[`${name} ${doc}`] = row;
    void path;
  }
}

describe('documents: access the protocol allows, and no other', () => {
  let ctx: TestContext;
  let ledbury: Council;
  let ids: Awaited<ReturnType<typeof docIds>>;
  const clients = new Map<RoleName, TestClient>();

  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    ledbury = await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury' });
    ctx.app.concord.councils.invalidate();
    ids = await docIds(ctx, ctx.council.id);
    const signIn = async (role: RoleName, key: Parameters<TestContext['emailOf']>[0], base = '/c/demo') => {
      const client = new TestClient(ctx.app, base);
      const home = await client.signIn(ctx.emailOf(key));
      assert.equal(home.status, 200, `${role} signs in`);
      clients.set(role, client);
    };
    await signIn('clerk', 'clerk');
    await signIn('staff', 'officer');
    await signIn('councillor', 'riverside');
    await signIn('interested', 'market');
    await signIn('chair', 'chair');
    await signIn('other council', 'clerk', '/c/ledbury');
    clients.set('signed out', new TestClient(ctx.app, '/c/demo'));
  });
  after(() => ctx.close());

  /** A fresh session for the former councillor, as if made while their term ran: each request ends it. */
  const formerCookie = async () => {
    const token = await ctx.db.tenant(ctx.council.id, (trx) => createSession(trx, ctx.council.id, ctx.people.former, 12, FIXED_NOW));
    return `concord_session=${token}`;
  };

  const label = (id: string) => (Object.entries(ids).find(([, v]) => v === id)?.[0] ?? '');

  async function request(role: RoleName, path: string): Promise<LightMyRequestResponse> {
    if (role === 'former') return ctx.app.inject({ method: 'GET', url: `/c/demo${path}`, headers: { cookie: await formerCookie() } });
    const client = clients.get(role)!;
    if (path.startsWith('/api/')) return client.api('GET', path);
    return (await client.get(path)).res;
  }

  /** What a person gets from a route, in the matrix's terms. */
  function observe(res: LightMyRequestResponse, kind: 'list-page' | 'list-api' | 'csv' | 'item'): string {
    if (res.statusCode === 303) return '303';
    if (res.statusCode === 403) {
      const errorId = res.headers['content-type']?.toString().includes('json') ? res.json<{ error: { id: string } }>().error.id : cheerio.load(res.body)('[data-testid="refusal"]').attr('data-error-id');
      return `403 ${errorId}`;
    }
    if (res.statusCode !== 200 || kind === 'item') return String(res.statusCode);
    let seen: { id: string; withheld: boolean }[] = [];
    if (kind === 'list-page') {
      const $ = cheerio.load(res.body);
      seen = $('[data-testid="document-row"]').map((_, el) => ({ id: $(el).attr('data-document-id')!, withheld: $(el).attr('data-access') === 'withheld' })).get();
    } else if (kind === 'list-api') {
      seen = res.json<{ documents: { id: string; access: string }[] }>().documents.map((d) => ({ id: d.id, withheld: d.access === 'withheld' }));
    } else {
      const lines = res.body.trim().split('\r\n').slice(1);
      seen = lines.map((l) => {
        const cells = l.split('","');
        return { id: cells[0]!.replace(/^"/, ''), withheld: cells[3] !== 'open' };
      });
    }
    const labels = seen.filter((s) => label(s.id)).map((s) => `${label(s.id)}${s.withheld ? '!' : ''}`).sort();
    return `200 ${labels.length ? labels.join(' ') : '-'}`;
  }

  it('gives every role exactly what the protocol allows on every document route (the access matrix)', async () => {
    const actual: Record<string, Record<string, string>> = {};
    const lists: Record<string, { path: string; kind: 'list-page' | 'list-api' | 'csv' }> = {
      'list page': { path: '/documents', kind: 'list-page' },
      'list API': { path: '/api/v1/documents', kind: 'list-api' },
      'search page "Station Road"': { path: '/documents/search?q=Station%20Road', kind: 'list-page' },
      'search API "staffing"': { path: '/api/v1/documents/search?q=staffing', kind: 'list-api' },
      'export CSV': { path: '/documents/export.csv', kind: 'csv' },
    };
    for (const [route, { path, kind }] of Object.entries(lists)) {
      actual[route] = {};
      for (const role of ROLES) actual[route][role] = observe(await request(role, path), kind);
    }
    for (const [name, path] of Object.entries(ITEM_ROUTES)) {
      for (const doc of ['P', 'I', 'Q', 'C'] as const) {
        const route = `${name} ${doc}`;
        actual[route] = {};
        for (const role of ROLES) actual[route][role] = observe(await request(role, path(ids[doc])), 'item');
      }
    }
    assert.deepEqual(actual, MATRIX);
  });

  it('answers 404 for another council’s document id on every route, as if it did not exist', async () => {
    const theirs = await docIds(ctx, ledbury.id);
    const clerk = clients.get('clerk')!;
    for (const path of [...Object.values(ITEM_ROUTES).map((r) => r(theirs.P)), ...Object.values(ITEM_ROUTES).map((r) => r(theirs.C))]) {
      const res = path.startsWith('/api/') ? await clerk.api('GET', path) : (await clerk.get(path)).res;
      assert.equal(res.statusCode, 404, path);
    }
    const issued = await clerk.api('POST', `/api/v1/documents/${theirs.C}/recipients`, { recipients: [ctx.people.riverside] });
    assert.equal(issued.statusCode, 404);
  });

  it('refuses with the clause, in the council’s words, and logs the refusal for the Clerk', async () => {
    const page = await clients.get('interested')!.get(`/documents/${ids.I}/download`);
    assert.equal(page.status, 403);
    assert.match(page.text('[data-testid="refusal"]'), /Refused under clause 2\.6 of the Ilminster Town Council protocol: a councillor may not see documents about a matter where they have a pecuniary interest\./);
    const api = await clients.get('interested')!.api('GET', `/api/v1/documents/${ids.I}`);
    assert.equal(api.json().error.clause.number, '2.6');
    const confidential = await clients.get('councillor')!.api('GET', `/api/v1/documents/${ids.C}`);
    assert.equal(confidential.json().error.clause.number, '2.7');

    const oversight = await clients.get('clerk')!.get('/documents/oversight');
    assert.equal(oversight.status, 200);
    const refusals = oversight.text('[data-testid="refusals"]');
    assert.match(refusals, /Hannah Price Station Road planning application: officer’s report Clause 2\.6/);
    assert.match(refusals, /Tom Baker Staffing review: proposed structure Clause 2\.7/);
    for (const role of ['staff', 'councillor', 'chair'] as const) {
      assert.equal((await clients.get(role)!.get('/documents/oversight')).status, 403, `${role} cannot see the oversight page`);
    }
  });

  it('lists a withheld document with the reason, as a link that opens the refusal with its clause and what to do instead', async () => {
    const client = clients.get('interested')!;
    const page = await client.get('/documents');
    const row = page.$(`[data-document-id="${ids.I}"]`);
    const links = row.find('a').map((_, a) => page.$(a).attr('href')).get();
    assert.equal(links.length, 1);
    assert.ok(links[0]!.endsWith(`/documents/${ids.I}`), links[0]);
    assert.match(row.text(), /Withheld from you\. Refused under clause 2\.6/);
    const refused = await client.get(links[0]!.replace(/^\/c\/[\w-]+/, ''));
    assert.equal(refused.status, 403);
    assert.match(refused.text('[data-testid="refusal"]'), /Refused under clause 2\.6 of the Ilminster Town Council protocol/);
    assert.match(refused.$('[data-testid="clause-link"]').first().attr('href')!, /\/protocol#clause-2-6$/);
    const instead = refused.$('[data-testid="refusal-instead"] a').map((_, a) => refused.$(a).attr('href')!.replace(/^\/c\/[\w-]+/, '')).get();
    // Her request for a dispensation about Station Road waits in the demo: the refusal leads to it rather than to asking again.
    const waiting = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('dispensations').select('id').where('person_id', '=', ctx.people.market).where('status', '=', 'requested').executeTakeFirstOrThrow());
    assert.deepEqual(instead, ['/interests', `/declarations/dispensations/${waiting.id}`], 'the refusal says what to do instead: check the register, or follow her request for a dispensation');
    assert.match(refused.text('[data-testid="refusal-advice"]'), /^Your request for a dispensation covering this matter, made on 19 November 2026, is waiting for a decision/);
    assert.equal(page.$(`[data-document-id="${ids.C}"]`).length, 0, 'a confidential paper not issued to her is not even listed');
  });

  it('sends every file with no-store and no other cache headers, never from a static path', async () => {
    for (const role of ['clerk', 'chair'] as const) {
      for (const path of [`/documents/${ids.C}/view`, `/documents/${ids.C}/download`, `/documents/${ids.C}/print`, `/documents/${ids.C}`, `/api/v1/documents/${ids.C}`, `/documents/${ids.P}/download`]) {
        const res = await request(role, path);
        assert.equal(res.statusCode, 200, path);
        assert.match(String(res.headers['cache-control']), /no-store/, path);
        assert.doesNotMatch(String(res.headers['cache-control']), /public|max-age=[1-9]/, path);
      }
    }
    const download = await request('chair', `/documents/${ids.C}/download`);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="staffing-review-proposed-structure\.pdf"/);
    // No static route serves documents: the asset folder serves four named files only.
    const fileName = 'staffing-review-proposed-structure.pdf';
    for (const path of [`/assets/${fileName}`, `/assets/../data/${fileName}`, `/documents/${fileName}`, `/c/demo/assets/${fileName}`, `/files/${ids.C}`, `/uploads/${ids.C}`]) {
      const res = await ctx.app.inject({ method: 'GET', url: path });
      assert.ok([404, 403].includes(res.statusCode), `${path} answers ${res.statusCode}`);
      assert.notEqual(res.headers['content-type'], 'application/pdf');
    }
  });
});

describe('confidential papers: each copy marked for its recipient', () => {
  let ctx: TestContext;
  let ids: Awaited<ReturnType<typeof docIds>>;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    ids = await docIds(ctx, ctx.council.id);
  });
  after(() => ctx.close());

  it('marks every page with the recipient’s name and the date, differently for each recipient, and logs each access', async () => {
    const copies: Record<string, string[]> = {};
    for (const key of ['chair', 'independent'] as const) {
      const client = new TestClient(ctx.app);
      await client.signIn(ctx.emailOf(key));
      for (const route of ['view', 'download', 'print']) {
        const res = (await client.get(`/documents/${ids.C}/${route}`)).res;
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['cache-control'], 'no-store');
        const pages = await pdfPages(res.rawPayload);
        assert.equal(pages.length, 2, 'both pages of the paper are there');
        if (route === 'download') copies[key] = pages;
      }
    }
    for (const [key, name] of [['chair', 'Jo Evans'], ['independent', 'Owen Hughes']] as const) {
      for (const [n, text] of copies[key]!.entries()) {
        assert.match(text, new RegExp(`CONFIDENTIAL – NOT FOR PUBLICATION – Copy for ${name} only – 22 November 2026`), `page ${n + 1} of ${name}'s copy`);
        assert.match(text, /clause 2\.7/);
        assert.match(text, /Staffing review: proposed structure/, 'the paper’s own text is kept');
      }
    }
    assert.doesNotMatch(copies.chair!.join(' '), /Owen Hughes/);
    assert.doesNotMatch(copies.independent!.join(' '), /Jo Evans/);
    assert.notDeepEqual(copies.chair, copies.independent);

    const log = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('audit_log').select(['actor_id', 'action', 'data']).where('entity_id', '=', ids.C).where('action', 'like', 'document.%').execute(),
    );
    const byChair = log.filter((l) => l.actor_id === ctx.people.chair).map((l) => l.action).sort();
    assert.deepEqual(byChair, ['document.downloaded', 'document.printed', 'document.viewed']);
    assert.ok(log.every((l) => (l.data as { copyMarkedFor?: string }).copyMarkedFor), 'each access records whose copy it was');

    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const oversight = await clerk.get('/documents/oversight');
    assert.equal(oversight.$('[data-testid="access-row"]').filter((_, el) => oversight.$(el).text().includes('Owen Hughes')).length, 3);
  });

  it('gives the Clerk a marked copy too: the unmarked original never leaves', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const pages = await pdfPages((await clerk.get(`/documents/${ids.C}/view`)).res.rawPayload);
    for (const text of pages) assert.match(text, /Copy for Alex Morgan only/);
  });

  it('lets the Clerk issue the paper to another councillor, who can then open it, and refuses one with an interest in its matter', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    assert.equal((await tom.get(`/documents/${ids.C}/view`)).status, 403);

    await clerk.get(`/documents/${ids.C}`);
    const issued = await clerk.post(`/documents/${ids.C}/recipients`, { recipients: [ctx.people.riverside] });
    assert.equal(issued.status, 303);
    const view = await tom.get(`/documents/${ids.C}/view`);
    assert.equal(view.status, 200);
    for (const text of await pdfPages(view.res.rawPayload)) assert.match(text, /Copy for Tom Baker only/);

    // Hannah has a pecuniary interest in Land at Station Road: a confidential paper about it cannot be issued to her.
    const matter = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('matters').select('id').where('title', '=', 'Land at Station Road').executeTakeFirstOrThrow());
    await clerk.get('/documents/new');
    const up = await clerk.upload('/documents/new', { title: 'Station Road: legal advice', classification: 'confidential', matterIds: matter.id }, { name: 'advice.pdf', type: 'application/pdf', bytes: await samplePdf('Legal advice') });
    assert.equal(up.status, 303);
    const paperId = up.location!.split('/').pop()!;
    await clerk.get(`/documents/${paperId}`);
    const refused = await clerk.post(`/documents/${paperId}/recipients`, { recipients: [ctx.people.market] });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.errors(), ['Hannah Price has registered a pecuniary interest in a matter this paper is about, so cannot be sent it (clause 2.6)']);
    const recipients = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('confidential_recipients').select('person_id').where('document_id', '=', paperId).execute());
    assert.deepEqual(recipients, []);
  });

  it('refuses anyone but the Clerk to issue a paper or add a confidential one', async () => {
    const officer = new TestClient(ctx.app);
    await officer.signIn(ctx.emailOf('officer'));
    const issue = await officer.api('POST', `/api/v1/documents/${ids.C}/recipients`, { recipients: [ctx.people.officer] });
    assert.equal(issue.statusCode, 403);
    await officer.get('/documents/new');
    const up = await officer.upload('/documents/new', { title: 'Secret', classification: 'confidential' }, { name: 'secret.pdf', type: 'application/pdf', bytes: await samplePdf('Secret') });
    assert.equal(up.status, 403);
    assert.equal(up.$('[data-testid="refusal"]').attr('data-error-id'), 'confidential_paper');
    const chair = new TestClient(ctx.app);
    await chair.signIn(ctx.emailOf('chair'));
    const byChair = await chair.api('POST', `/api/v1/documents/${ids.C}/recipients`, { recipients: [ctx.people.riverside] });
    assert.equal(byChair.statusCode, 403);
    assert.equal(byChair.json().error.id, 'day_to_day_running');
  });
});

describe('uploads: checked by content, whole or not at all', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  const counts = () =>
    ctx.db.tenant(ctx.council.id, async (trx) => ({
      documents: (await trx.selectFrom('documents').select('id').execute()).length,
      files: (await trx.selectFrom('document_files').select('document_id').execute()).length,
      links: (await trx.selectFrom('document_matters').select('document_id').execute()).length,
    }));
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7b3c1d20000000049454e44ae426082', 'hex');

  before(async () => {
    ctx = await testApp({ template: 'ilminster', config: { maxUploadMb: 1 } });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
  });
  after(() => ctx.close());

  it('stores a PDF, its matters and an audit entry, and serves back the same bytes', async () => {
    const before = await counts();
    await clerk.get('/documents/new');
    const bytes = await samplePdf('Budget 2027');
    const matter = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('matters').select('id').where('title', '=', 'Play area fencing contract').executeTakeFirstOrThrow());
    const res = await clerk.upload('/documents/new', { title: 'Budget 2027', classification: 'internal', matterIds: matter.id, meetingReference: 'Full Council 8 December 2026', agendaItem: '9' }, { name: 'budget-2027.pdf', type: 'application/pdf', bytes });
    assert.equal(res.status, 303);
    const page = await clerk.get(res.location!.replace('', ''));
    assert.equal(page.text('[data-testid="document-title"]'), 'Budget 2027');
    assert.match(page.text('.govuk-notification-banner'), /“Budget 2027” has been added/);
    const download = await clerk.get(`${res.location!}/download`);
    assert.deepEqual(Buffer.from(download.res.rawPayload), bytes);
    assert.deepEqual(await counts(), { documents: before.documents + 1, files: before.files + 1, links: before.links + 1 });
  });

  it('accepts an image by its content', async () => {
    await clerk.get('/documents/new');
    const res = await clerk.upload('/documents/new', { title: 'Notice board photo', classification: 'public' }, { name: 'board.png', type: 'image/png', bytes: png });
    assert.equal(res.status, 303);
  });

  const refused: { what: string; file: { name: string; type: string; bytes: () => Promise<Buffer> | Buffer }; message: RegExp }[] = [
    { what: 'an image named as a PDF', file: { name: 'minutes.pdf', type: 'application/pdf', bytes: () => png }, message: /^The file’s content does not match its name: minutes\.pdf should be a PDF, but it contains PNG image\. Check you chose the right file$/ },
    { what: 'a program named as a Word document', file: { name: 'report.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]) }, message: /^The file’s content does not match its name: report\.docx should be a Word document/ },
    { what: 'a PDF claimed as an image by its type', file: { name: 'photo.png', type: 'image/png', bytes: () => samplePdf('x') }, message: /should be a PNG image, but it contains PDF/ },
    { what: 'a PDF whose declared type is not its own', file: { name: 'a.pdf', type: 'image/jpeg', bytes: () => samplePdf('x') }, message: /does not match its name/ },
    { what: 'a script', file: { name: 'run.sh', type: 'text/x-sh', bytes: () => Buffer.from('#!/bin/sh\nrm -rf /\n') }, message: /^The file must be a PDF, a Word, Excel, PowerPoint or OpenDocument file, or a PNG, JPEG, GIF or WebP image$/ },
    { what: 'a name with a path', file: { name: '../../etc/passwd.pdf', type: 'application/pdf', bytes: () => samplePdf('x') }, message: /^The file name must not contain \/, \\ or control characters\. Rename the file and try again$/ },
    { what: 'a name with a Windows path', file: { name: '..\\..\\boot.pdf', type: 'application/pdf', bytes: () => samplePdf('x') }, message: /^The file name must not contain/ },
    { what: 'a file over the limit that fits the request', file: { name: 'big.pdf', type: 'application/pdf', bytes: async () => Buffer.concat([await samplePdf('big'), Buffer.alloc(1024 * 1024 + 10, 0x20)]) }, message: /^The file must be smaller than 1 MB$/ },
    { what: 'an empty file', file: { name: 'empty.pdf', type: 'application/pdf', bytes: () => Buffer.alloc(0) }, message: /^The selected file is empty$/ },
    { what: 'a damaged PDF', file: { name: 'broken.pdf', type: 'application/pdf', bytes: () => Buffer.from('%PDF-1.7\n%garbage with no objects\n') }, message: /^The PDF could not be read/ },
  ];
  for (const { what, file, message } of refused) {
    it(`refuses ${what} with a clear message, storing nothing`, async () => {
      const before = await counts();
      await clerk.get('/documents/new');
      const page = await clerk.upload('/documents/new', { title: `Upload of ${what}`, classification: 'internal' }, { name: file.name, type: file.type, bytes: await file.bytes() });
      assert.equal(page.status, 400);
      const [error] = page.errors();
      assert.match(error ?? '', message);
      assert.equal(page.$('.govuk-error-summary a').first().attr('href'), '#file');
      assert.equal(page.$('#title').val(), `Upload of ${what}`, 'what was typed is kept');
      assert.deepEqual(await counts(), before);
    });
  }

  it('refuses a body far over the limit before storing anything, with the same message, on the page and the API', async () => {
    const before = await counts();
    await clerk.get('/documents/new');
    const big = Buffer.concat([await samplePdf('huge'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const page = await clerk.upload('/documents/new', { title: 'Huge', classification: 'internal' }, { name: 'huge.pdf', type: 'application/pdf', bytes: big });
    assert.equal(page.status, 413);
    assert.deepEqual(page.errors(), ['The file must be smaller than 1 MB']);
    const api = await clerk.upload('/api/v1/documents', { title: 'Huge', classification: 'internal' }, { name: 'huge.pdf', type: 'application/pdf', bytes: big }, { api: true });
    assert.equal(api.status, 413);
    assert.equal(JSON.parse(api.res.body).error.fields[0].message, 'The file must be smaller than 1 MB');
    assert.deepEqual(await counts(), before);
  });

  it('takes uploads through the API with the CSRF header, and names the fields it refuses', async () => {
    const ok = await clerk.upload('/api/v1/documents', { title: 'API upload', classification: 'public' }, { name: 'api.pdf', type: 'application/pdf', bytes: await samplePdf('API') }, { api: true });
    assert.equal(ok.status, 201);
    assert.equal(JSON.parse(ok.res.body).mediaType, 'application/pdf');
    const bad = await clerk.upload('/api/v1/documents', { title: '', classification: 'secret' }, { name: 'x/y.pdf', type: 'application/pdf', bytes: await samplePdf('x') }, { api: true });
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.res.body).error.fields.map((f: { field: string }) => f.field), ['title', 'classification', 'file']);
  });

  it('refuses an upload without the CSRF token, on the page and the API, storing nothing', async () => {
    const before = await counts();
    await clerk.get('/documents/new');
    const page = await clerk.upload('/documents/new', { title: 'Forged', classification: 'public' }, { name: 'f.pdf', type: 'application/pdf', bytes: await samplePdf('f') }, { csrf: false });
    assert.equal(page.status, 403);
    assert.match(page.text('h1'), /This form has expired/);
    const forged = await clerk.upload('/documents/new', { title: 'Forged', classification: 'public', _csrf: 'not-the-token' }, { name: 'f.pdf', type: 'application/pdf', bytes: await samplePdf('f') }, { csrf: false });
    assert.equal(forged.status, 403);
    const api = await clerk.upload('/api/v1/documents', { title: 'Forged', classification: 'public' }, { name: 'f.pdf', type: 'application/pdf', bytes: await samplePdf('f') }, { csrf: false, api: true });
    assert.equal(api.status, 403);
    assert.deepEqual(await counts(), before);
  });

  it('refuses a councillor’s upload before reading it, and one signed out', async () => {
    const councillor = new TestClient(ctx.app);
    await councillor.signIn(ctx.emailOf('riverside'));
    const res = await councillor.upload('/documents/new', { title: 'Mine', classification: 'public' }, { name: 'm.pdf', type: 'application/pdf', bytes: await samplePdf('m') });
    assert.equal(res.status, 403);
    assert.equal(res.$('[data-testid="refusal"]').attr('data-error-id'), 'day_to_day_running');
    const anon = new TestClient(ctx.app);
    const out = await anon.upload('/api/v1/documents', { title: 'x', classification: 'public' }, { name: 'm.pdf', type: 'application/pdf', bytes: await samplePdf('m') }, { api: true });
    assert.ok([401, 403].includes(out.status));
  });

  it('keeps multipart bodies to the document routes: other forms do not accept them', async () => {
    await clerk.get('/tasks/new');
    const res = await clerk.upload('/tasks/new', { title: 'x' }, { name: 'a.pdf', type: 'application/pdf', bytes: await samplePdf('a') });
    assert.equal(res.status, 415);
  });
});

describe('regressions seen in comparable systems', () => {
  let ctx: TestContext;
  let ids: Awaited<ReturnType<typeof docIds>>;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    ids = await docIds(ctx, ctx.council.id);
  });
  after(() => ctx.close());

  it('private files are not fetchable by URL: no session, a guessed path, or another council’s session gets nothing', async () => {
    for (const route of ['view', 'download', 'print']) {
      const res = await ctx.app.inject({ method: 'GET', url: `/documents/${ids.C}/${route}` });
      assert.equal(res.statusCode, 303, `${route} without a session redirects to sign in`);
      assert.match(String(res.headers.location), /\/sign-in\?next=/);
      assert.notEqual(res.headers['content-type'], 'application/pdf');
      assert.ok(res.rawPayload.length < 1000 && !res.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    }
    const api = await ctx.app.inject({ method: 'GET', url: `/api/v1/documents/${ids.C}` });
    assert.equal(api.statusCode, 401);
    // A made-up session cookie is no better than none.
    const fake = await ctx.app.inject({ method: 'GET', url: `/documents/${ids.C}/download`, headers: { cookie: 'concord_session=guessed' } });
    assert.equal(fake.statusCode, 303);
    // Links carry no token that could be shared: the document page links only to session-bound paths.
    const chair = new TestClient(ctx.app);
    await chair.signIn(ctx.emailOf('chair'));
    const page = await chair.get(`/documents/${ids.C}`);
    const links = page.$('a[href*="/documents/"]').map((_, a) => page.$(a).attr('href')).get();
    assert.ok(links.length >= 3);
    for (const href of links) assert.match(href, /^\/documents\/[0-9a-f-]{36}\/(view|download|print)$/, `${href} carries no token or query`);
  });

  it('documents are not visible after signing out and in as someone else in the same browser', async () => {
    const browser = new TestClient(ctx.app);
    await browser.signIn(ctx.emailOf('chair'));
    assert.equal((await browser.get(`/documents/${ids.C}/download`)).status, 200);
    const list = await browser.get('/documents');
    assert.equal(list.$(`[data-document-id="${ids.C}"]`).length, 1);
    await browser.post('/sign-out', {});
    await browser.signIn(ctx.emailOf('riverside'));
    const again = await browser.get('/documents');
    assert.equal(again.$(`[data-document-id="${ids.C}"]`).length, 0, 'the next person does not see the paper listed');
    assert.equal((await browser.get(`/documents/${ids.C}/download`)).status, 403);
    assert.equal((await browser.get(`/documents/${ids.C}`)).status, 403);
    const search = await browser.api('GET', '/api/v1/documents/search?q=staffing');
    assert.deepEqual(search.json().documents, []);
    // The page the first person saw was not cacheable, so the browser cannot show it again.
    assert.match(String(list.res.headers['cache-control']), /no-store/);
  });

  it('download links stop working at sign-out and without a session, even for the same person', async () => {
    const chair = new TestClient(ctx.app);
    await chair.signIn(ctx.emailOf('chair'));
    const cookie = `concord_session=${chair.cookie('concord_session')}`;
    const url = `/documents/${ids.C}/download`;
    assert.equal((await ctx.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode, 200, 'works while signed in');
    await chair.post('/sign-out', {});
    const replayed = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
    assert.equal(replayed.statusCode, 303, 'the old session cookie no longer opens it');
    assert.notEqual(replayed.headers['content-type'], 'application/pdf');
    assert.equal((await ctx.app.inject({ method: 'GET', url })).statusCode, 303, 'nor does no cookie');
    const apiReplay = await ctx.app.inject({ method: 'GET', url: `/api/v1/documents/${ids.C}`, headers: { cookie } });
    assert.equal(apiReplay.statusCode, 401);
  });

  it('a session ends for a councillor whose term ends, and their download link with it', async () => {
    const token = await ctx.db.tenant(ctx.council.id, (trx) => createSession(trx, ctx.council.id, ctx.people.former, 12, FIXED_NOW));
    const first = await ctx.app.inject({ method: 'GET', url: `/documents/${ids.P}/download`, headers: { cookie: `concord_session=${token}` } });
    assert.equal(first.statusCode, 403);
    const second = await ctx.app.inject({ method: 'GET', url: `/documents/${ids.P}/download`, headers: { cookie: `concord_session=${token}` } });
    assert.equal(second.statusCode, 303, 'the session was ended by the refusal');
  });
});

describe('a newly registered interest takes effect at once', () => {
  let ctx: TestContext;
  let ids: Awaited<ReturnType<typeof docIds>>;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    ids = await docIds(ctx, ctx.council.id);
  });
  after(() => ctx.close());

  it('bars a document in a session already open, on the next request, and lifts the bar when the interest ends', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    assert.equal((await tom.get(`/documents/${ids.Q}/view`)).status, 200);
    const playArea = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('matters').select('id').where('title', '=', 'Play area fencing contract').executeTakeFirstOrThrow());
    // Registered in another browser: the open session learns of it on its next request.
    const elsewhere = new TestClient(ctx.app);
    await elsewhere.signIn(ctx.emailOf('riverside'));
    await elsewhere.get('/interests/new');
    const saved = await elsewhere.post('/interests/new', { category: 'contracts', holder: 'self', description: 'My firm has quoted for the play area fence', matterIds: playArea.id });
    assert.equal(saved.status, 303);
    const refused = await tom.get(`/documents/${ids.Q}/view`);
    assert.equal(refused.status, 403);
    assert.equal(refused.$('[data-testid="refusal"]').attr('data-error-id'), 'interest_conflict');
    const papers = await tom.get('/papers');
    const paper = papers.$(`[data-testid="paper"][data-document-id="${ids.Q}"]`);
    assert.equal(paper.attr('data-access'), 'withheld');
    assert.match(paper.text(), /Not sent to you\. Refused under clause 2\.6/);

    const interest = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('interests').select('id').where('person_id', '=', ctx.people.riverside).executeTakeFirstOrThrow());
    await tom.get('/interests');
    assert.equal((await tom.post(`/interests/${interest.id}/end`, {})).status, 303);
    assert.equal((await tom.get(`/documents/${ids.Q}/view`)).status, 200);
  });
});

describe('meeting papers follow the body’s membership', () => {
  let ctx: TestContext;
  let ids: Awaited<ReturnType<typeof docIds>>;
  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    ids = await docIds(ctx, ctx.council.id);
  });
  after(() => ctx.close());

  it('sends full council papers to every councillor in term except the one with an interest in the item’s matter, who is told why', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const page = await clerk.get('/papers');
    assert.equal(page.status, 200);
    const table = page.$('[data-testid="distribution"]').filter((_, el) => page.$(el).prev().prev().text() === 'Full Town Council, 22 October 2026');
    const rows = table.find('[data-testid="member-row"]');
    const byPerson = Object.fromEntries(rows.map((_, r) => [[page.$(r).attr('data-person-id'), page.$(r).find('td').map((__, td) => page.$(td).attr('data-access')).get().join(' ')]]).get());
    assert.deepEqual(Object.keys(byPerson).sort(), [ctx.people.chair, ctx.people.vice, ctx.people.riverside, ctx.people.market, ctx.people.independent].sort(), 'councillors in term; not the former councillor');
    assert.equal(byPerson[ctx.people.market], 'withheld receives');
    assert.equal(byPerson[ctx.people.chair], 'receives receives');

    const hannah = new TestClient(ctx.app);
    await hannah.signIn(ctx.emailOf('market'));
    const mine = await hannah.get('/papers');
    const withheld = mine.$(`[data-testid="paper"][data-document-id="${ids.I}"]`);
    assert.equal(withheld.attr('data-access'), 'withheld');
    assert.match(withheld.text(), /Refused under clause 2\.6 of the Ilminster Town Council protocol/);
    assert.deepEqual(withheld.find('a').map((_, a) => mine.$(a).attr('href')!.replace(/^\/c\/[\w-]+/, '')).get(), [`/documents/${ids.I}`], 'a link to the refusal');
    assert.equal(mine.$(`[data-testid="paper"][data-document-id="${ids.Q}"] a`).length, 1);
    assert.equal(mine.$(`[data-document-id="${ids.C}"]`).length, 0, 'she is not on the committee and the paper is not hers');
  });

  it('shows the Clerk where a document is a paper on an agenda not yet issued, and nobody else until the summons', async () => {
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const meeting = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2026-12-10', startsAt: '19:00', venue: 'Ilminster Arts Centre' });
    assert.equal(meeting.statusCode, 201, meeting.body);
    const meetingId = meeting.json().id;
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, { title: 'Zanzibar twinning proposal', details: 'To consider it.' })).statusCode, 201);
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const item = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).where('title', '=', 'Zanzibar twinning proposal').executeTakeFirstOrThrow();
      await trx.insertInto('agenda_papers').values({ council_id: ctx.council.id, meeting_id: meetingId, agenda_item_id: item.id, request_id: null, title: 'Annual report', body: '', document_id: ids.P, created_by: ctx.people.clerk }).execute();
    });
    const meetingRow = (page: Awaited<ReturnType<TestClient['get']>>) => page.$('.govuk-summary-list__row').filter((_, r) => page.$(r).find('dt').text().trim() === 'Meeting').find('dd').text().trim();
    assert.equal(meetingRow(await clerk.get(`/documents/${ids.P}`)), 'Full Town Council, 10 December 2026 (agenda not yet issued)');
    assert.equal(meetingRow(await tom.get(`/documents/${ids.P}`)), 'None', 'a councillor learns of it with the summons');
    // Nor can a search by the draft item's words tell him what is on it.
    const found = async (who: TestClient) => {
      const page = (await who.get('/documents/search?q=Zanzibar')).$(`[data-testid="document-row"][data-document-id="${ids.P}"]`).length;
      const api = (await who.api('GET', '/api/v1/documents/search?q=Zanzibar')).json().documents.some((d: { id: string }) => d.id === ids.P);
      return [page, api];
    };
    assert.deepEqual(await found(tom), [0, false]);
    assert.deepEqual(await found(clerk), [1, true]);
    const api = async (who: TestClient) => {
      const d = (await who.api('GET', `/api/v1/documents/${ids.P}`)).json();
      return [d.meetingId, d.onDraftAgenda];
    };
    assert.deepEqual(await api(clerk), [meetingId, true]);
    assert.deepEqual(await api(tom), [null, false]);
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`)).statusCode, 200);
    for (const who of [clerk, tom]) assert.equal(meetingRow(await who.get(`/documents/${ids.P}`)), 'Full Town Council, 10 December 2026');
    assert.deepEqual(await found(tom), [1, true]);
    for (const who of [clerk, tom]) assert.deepEqual(await api(who), [meetingId, false]);
  });

  it('gives a committee’s papers to its members only', async () => {
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const mine = await owen.get('/papers');
    assert.equal(mine.$(`[data-testid="paper"][data-document-id="${ids.C}"]`).attr('data-access'), 'receives');
    const priya = new TestClient(ctx.app);
    await priya.signIn(ctx.emailOf('vice'));
    assert.equal((await priya.get('/papers')).$(`[data-document-id="${ids.C}"]`).length, 0);
  });
});

describe('without the Ilminster clause, the interest bar does not apply; confidential papers still do', () => {
  let ctx: TestContext;
  let ids: Awaited<ReturnType<typeof docIds>>;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
    ids = await docIds(ctx, ctx.council.id);
  });
  after(() => ctx.close());

  it('lets Hannah open the Station Road report in Ledbury, and refuses a non-recipient the confidential paper citing the model protocol', async () => {
    const hannah = new TestClient(ctx.app);
    await hannah.signIn(ctx.emailOf('market'));
    assert.equal((await hannah.get(`/documents/${ids.I}/view`)).status, 200);
    const res = await hannah.api('GET', `/api/v1/documents/${ids.C}`);
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json().error.clause, { protocol: 'Concord model protocol', number: '15', text: 'confidential papers are for the named recipient alone and must not be passed on.' });
    // The refusal page links the model clause, and the protocol page she is sent to holds it.
    const refused = await hannah.get(`/documents/${ids.C}`);
    assert.equal(refused.status, 403);
    const href = refused.$('[data-testid="clause-link"]').attr('href')!;
    assert.match(href, /\/protocol#clause-model-15$/);
    const protocol = await hannah.get(href.replace(/^\/c\/[\w-]+/, '').split('#')[0]!);
    const target = protocol.$(`#${href.split('#')[1]}`);
    assert.equal(target.length, 1, 'the clause is on her protocol page');
    assert.match(target.text(), /Model protocol, clause 15[^]*must not be passed on/);
  });

  it('does not tell anyone that papers are withheld for an interest, where the protocol withholds none; Ilminster’s pages do', async () => {
    const pages = async (c: TestContext) => {
      const clerk = new TestClient(c.app);
      await clerk.signIn(c.emailOf('clerk'));
      const hannah = new TestClient(c.app);
      await hannah.signIn(c.emailOf('market'));
      const meeting = await c.db.tenant(c.council.id, (trx) => trx.selectFrom('meetings').select('id').where('summons_issued_on', 'is', null).orderBy('meeting_date').executeTakeFirstOrThrow());
      return [
        (await hannah.get('/interests')).text('[data-testid="lead"]'),
        (await hannah.get('/documents')).text('[data-testid="lead"]'),
        (await hannah.get('/papers')).text('[data-testid="lead"]'),
        (await clerk.get('/documents/new')).text('#matterIds-hint'),
        (await hannah.get('/interests/new')).text('#matterIds-hint'),
        (await clerk.get(`/meetings/${meeting.id}?part=items`)).text('#matterId-hint'),
      ];
    };
    const ledbury = await pages(ctx);
    assert.equal(ledbury.length, 6);
    for (const text of ledbury) {
      assert.notEqual(text.trim(), '', JSON.stringify(ledbury));
      assert.doesNotMatch(text, /withheld|will not be able to open|does not receive/, text);
    }
    assert.match(ledbury[5]!, /reminded of it when declaring/);
    const ilminster = await testApp({ template: 'ilminster' });
    try {
      for (const text of await pages(ilminster)) assert.match(text, /withheld|will not be able to open|does not receive/, text);
    } finally {
      await ilminster.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { HomePage, type Role } from './pages/home-page.js';
import { NewTaskPage } from './pages/new-task-page.js';
import { RefusalPage } from './pages/refusal-page.js';
import { SignInPage } from './pages/sign-in-page.js';

/**
 * Every page, checked with axe against WCAG 2.2 AA and for the page furniture every page
 * must have. Pages are found by following links from the home page as each role, so a
 * page added later is checked as soon as something links to it.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Pages a crawl visits at most, per role. */
const MAX_PAGES = 90;
/** Pages of one shape (e.g. /enquiries/:id) checked at most. */
const PER_SHAPE = 3;
/** Links a crawl does not follow: files, JSON, and anything that ends the session. */
const NOT_FOLLOWED = [/^\/assets\//, /^\/api(\/|$)/, /^\/sign-out(\/|$)/, /\.(pdf|ics|csv)$/, /^\/documents\/[^/]+\/(view|download|print)$/, /\.csv$/];

interface Checked {
  path: string;
  status: number | undefined;
  problems: string[];
}

/** The HTTP status of the document the page shows now, after any redirects. */
function lastDocumentStatus(page: Page): () => number | undefined {
  let status: number | undefined;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) status = response.status();
  });
  return () => status;
}

/** Run axe and the page-furniture checks on what the browser shows now. */
async function checkPage(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  for (const v of results.violations) {
    const nodes = v.nodes.map((n) => `      ${n.target.map(String).join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n\s*/g, '; ')}` : ''}`);
    problems.push(`${label}: axe ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} <${v.helpUrl}>\n${nodes.join('\n')}`);
  }
  const h1s = await page.locator('h1').count();
  if (h1s !== 1) problems.push(`${label}: has ${h1s} <h1> elements, not exactly one`);
  const lang = await page.locator('html').getAttribute('lang');
  if (!lang?.trim()) problems.push(`${label}: <html> has no lang attribute`);
  if ((await page.locator('a.govuk-skip-link[href="#main-content"]').count()) !== 1) problems.push(`${label}: no skip link to #main-content`);
  if ((await page.locator('#main-content').count()) !== 1) problems.push(`${label}: the skip link’s target #main-content is missing`);
  if (!(await page.title()).trim()) problems.push(`${label}: has no <title>`);
  return problems;
}

/** Same-origin links on the page, as path + query, that a crawl may follow. */
async function followableLinks(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const paths: string[] = [];
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
    if (NOT_FOLLOWED.some((re) => re.test(url.pathname))) continue;
    paths.push(url.pathname + url.search);
  }
  return paths;
}

/** A path's shape: ids replaced, so /setup/people/<uuid> and /setup/people/<uuid> are one kind of page. */
function shapeOf(path: string): string {
  return path.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|\?|$)/gi, '/:id').replace(/\/\d+(?=\/|\?|$)/g, '/:n');
}

interface Crawl {
  checked: Checked[];
  /** Links found but not checked because the crawl reached MAX_PAGES. */
  notReached: string[];
}

/**
 * Breadth-first from `start`, checking each page reached; GET only. A page of a shape not
 * seen before goes ahead of more pages of a known shape, and no shape is checked more than
 * PER_SHAPE times, so if the crawl must stop at MAX_PAGES it has seen every kind of page first.
 */
async function crawl(page: Page, baseURL: string, label: string, start = '/'): Promise<Crawl> {
  const origin = new URL(baseURL).origin;
  const queued = new Set([start]);
  const shapes = new Map([[shapeOf(start), 1]]);
  const checkedFinal = new Set<string>();
  const queue = [start];
  const later: string[] = [];
  const checked: Checked[] = [];
  while ((queue.length > 0 || later.length > 0) && checked.length < MAX_PAGES) {
    const path = (queue.shift() ?? later.shift())!;
    const response = await page.goto(baseURL + path);
    const final = new URL(page.url());
    const finalPath = final.pathname + final.search;
    const status = response?.status();
    // A link that redirects to a page already checked (e.g. /sign-in → /) is not checked twice.
    if (checkedFinal.has(finalPath)) continue;
    checkedFinal.add(finalPath);
    const where = finalPath === path ? path : `${path} (→ ${finalPath})`;
    checked.push({ path: where, status, problems: await checkPage(page, `${label} ${where} [${status}]`) });
    for (const next of await followableLinks(page, origin)) {
      if (queued.has(next)) continue;
      queued.add(next);
      const shape = shapeOf(next);
      const seen = shapes.get(shape) ?? 0;
      shapes.set(shape, seen + 1);
      if (seen === 0) queue.push(next);
      // A fourth page of one shape (another enquiry, another person) shows nothing new.
      else if (seen < PER_SHAPE) later.push(next);
    }
  }
  return { checked, notReached: [...queue, ...later] };
}

function report(t: TestContext, label: string, checked: Checked[], options: { crawled: boolean }): void {
  t.diagnostic(`${label}: checked ${checked.length} pages: ${checked.map((c) => `${c.path} [${c.status}]`).join(', ')}`);
  const broken = checked.filter((c) => c.status === 404);
  if (options.crawled && broken.length) t.diagnostic(`${label}: links lead to pages not found: ${broken.map((c) => c.path).join(', ')}`);
  const problems = checked.flatMap((c) => c.problems);
  if (problems.length) console.log(`\n${problems.join('\n\n')}\n`);
  assert.deepEqual(problems, [], `${problems.length} accessibility problems (printed above)`);
  const failing = checked.filter((c) => c.status === undefined || c.status >= 500);
  assert.deepEqual(failing.map((c) => `${c.path} [${c.status}]`), [], 'no page fails with a server error');
}

describe('accessibility of every page (axe, WCAG 2.2 AA)', () => {
  const suite = new BrowserSuite({ template: 'ilminster' });
  before(() => suite.start());
  after(() => suite.close());
  const open = (t: TestContext) => suite.open(t);

  async function signedInAs(page: Page, email: string, role: Role): Promise<void> {
    const signIn = await SignInPage.goto(page, suite.server.baseURL);
    await signIn.signInAs(email);
    await HomePage.verifyOnPage(page, role);
  }

  it('the checks themselves catch a faulty page', async (t) => {
    const page = await open(t);
    if (!page) return;
    await page.setContent('<html><head></head><body><h1>One</h1><h1>Two</h1><input type="text"><img src="x.png"></body></html>');
    const problems = (await checkPage(page, 'faulty')).join('\n');
    for (const expected of [/axe label /, /axe image-alt /, /axe html-has-lang /, /2 <h1> elements/, /no lang attribute/, /no skip link/, /#main-content is missing/, /no <title>/]) {
      assert.match(problems, expected);
    }
  });

  it('pages seen signed out: sign-in, its errors, not found, no council, a refusal', async (t) => {
    const page = await open(t);
    if (!page) return;
    const status = lastDocumentStatus(page);
    const checked: Checked[] = [];
    const check = async (what: string) => {
      const where = `${what} (${new URL(page.url()).pathname})`;
      checked.push({ path: where, status: status(), problems: await checkPage(page, `signed out ${where} [${status()}]`) });
    };

    const signIn = await SignInPage.goto(page, suite.server.baseURL);
    await check('/sign-in');

    await signIn.signInAs('', '');
    const withErrors = await SignInPage.verifyOnPage(page);
    assert.ok((await withErrors.errors()).length > 0, 'the empty form is shown again with errors');
    await check('/sign-in with errors');

    const notFound = await page.goto(`${suite.server.baseURL}/no-such-page`);
    assert.equal(notFound?.status(), 404);
    await check('/no-such-page');

    const noCouncil = await page.goto(`${suite.server.baseURL}/c/no-such-council/`);
    assert.equal(noCouncil?.status(), 404);
    await check('/c/no-such-council/');

    const again = await SignInPage.goto(page, suite.server.baseURL);
    await again.signInAs('former@example.org');
    await RefusalPage.verifyOnPage(page);
    await check('refusal of a former councillor');

    report(t, 'signed out', checked, { crawled: false });
  });

  const roles: { email: string; role: Role; who: string }[] = [
    { email: 'clerk@example.org', role: 'clerk', who: 'the Clerk' },
    { email: 'chair@example.org', role: 'councillor', who: 'a councillor (the chair)' },
    { email: 'officer@example.org', role: 'officer', who: 'an officer' },
  ];

  for (const { email, role, who } of roles) {
    it(`every page ${who} can reach`, async (t) => {
      const page = await open(t);
      if (!page) return;
      const status = lastDocumentStatus(page);
      await signedInAs(page, email, role);
      const { checked, notReached } = await crawl(page, suite.server.baseURL, role);
      if (notReached.length) t.diagnostic(`${role}: stopped after ${MAX_PAGES} pages; not reached: ${notReached.join(', ')}`);
      assert.ok(checked.length >= 3, `the crawl found pages beyond the home page: ${checked.map((c) => c.path).join(', ')}`);
      const signedOut = checked.filter((c) => /\(→ \/sign-in/.test(c.path));
      assert.deepEqual(signedOut.map((c) => c.path), [], `${who} stayed signed in throughout the crawl`);

      if (role === 'clerk') {
        // A form with every error shown.
        const form = await NewTaskPage.goto(page, suite.server.baseURL);
        await form.save();
        const invalid = await NewTaskPage.verifyOnPage(page);
        assert.ok((await invalid.errors()).length >= 3, 'the empty task form comes back with its errors');
        checked.push({ path: 'POST /tasks/new (empty)', status: status(), problems: await checkPage(page, `${role} POST /tasks/new (empty) [${status()}]`) });
      }
      if (role === 'councillor') {
        await page.goto(`${suite.server.baseURL}/tasks/new`);
        await RefusalPage.verifyOnPage(page);
        checked.push({ path: '/tasks/new (refused)', status: status(), problems: await checkPage(page, `${role} /tasks/new (refused) [${status()}]`) });
      }
      report(t, role, checked, { crawled: true });
    });
  }
});

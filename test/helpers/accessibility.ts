import assert from 'node:assert/strict';
import { after, before, type TestContext } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { HomePage, type Role } from '../browser/pages/home-page.js';
import { SignInPage } from '../browser/pages/sign-in-page.js';
import { BrowserSuite } from './browser-suite.js';

/**
 * What the accessibility test files share: axe against WCAG 2.2 AA and the page furniture
 * every page must have, and a crawl that finds pages by following links from the home page,
 * so a page added later is checked as soon as something links to it. Each role's crawl is a
 * file of its own (test/browser/accessibility-*.test.ts), so the crawls run side by side.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Pages of one shape (e.g. /enquiries/:id) checked at most. */
const PER_SHAPE = 2;
/** Links a crawl does not follow: files, JSON, and anything that ends the session. */
const NOT_FOLLOWED = [/^\/assets\//, /^\/api(\/|$)/, /^\/sign-out(\/|$)/, /\.(pdf|ics|csv|json)$/, /^\/documents\/[^/]+\/(view|download|print)$/, /\.csv$/];

export interface Checked {
  path: string;
  status: number | undefined;
  problems: string[];
}

/** A browser suite on the Ilminster demo council, started and closed around the file's tests. */
export function accessibilitySuite(template = 'ilminster'): BrowserSuite {
  const suite = new BrowserSuite({ template });
  before(() => suite.start());
  after(() => suite.close());
  return suite;
}

/** The HTTP status of the document the page shows now, after any redirects. */
export function lastDocumentStatus(page: Page): () => number | undefined {
  let status: number | undefined;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) status = response.status();
  });
  return () => status;
}

interface Overflow {
  pageWidth: number;
  viewport: number;
  offenders: { what: string; right: number }[];
}

/**
 * Run in the page, as text: tsx would wrap a function's inner names in a helper the page lacks.
 * Finds how wide the page is and which elements stick out past the viewport.
 */
const MEASURE_OVERFLOW = String.raw`(() => {
  const viewport = document.documentElement.clientWidth;
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth <= viewport) return undefined;
  const describe = (el) => {
    const classes = [...el.classList].slice(0, 3).map((c) => '.' + c).join('');
    const testid = el.getAttribute('data-testid');
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes + (testid ? '[data-testid=' + testid + ']' : '') + (text ? ' “' + text + '”' : '');
  };
  const scrollsOnItsOwn = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  // How far right an element reaches: its box, or its own text where that runs out of the
  // box (a line of <pre> that does not wrap).
  const reach = (el) => {
    const box = el.getBoundingClientRect();
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const text = ownText && getComputedStyle(el).overflowX === 'visible' ? box.left + el.scrollWidth : box.right;
    return Math.max(box.right, text) + window.scrollX;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = reach(el);
    if (right <= viewport + 1) continue;
    const parent = el.parentElement;
    if (parent && parent !== document.body && parent.getBoundingClientRect().right + window.scrollX > viewport + 1) continue;
    if (scrollsOnItsOwn(el)) continue;
    offenders.push({ what: describe(el), right: Math.round(right) });
  }
  offenders.sort((a, b) => b.right - a.right);
  return { pageWidth, viewport, offenders: offenders.slice(0, 5) };
})()`;

/** The widths every page must fit without scrolling sideways: a phone, and a laptop. */
export const PAGE_WIDTHS = [390, 1280] as const;

/**
 * Whether the page scrolls sideways at each of `widths`, and if so which elements stick out:
 * each element reaching past the viewport whose parent does not, so the one to fix is named
 * rather than all its ancestors. A region that scrolls on its own (overflow-x: auto) keeps
 * what is inside it from widening the page, so its contents are not counted.
 */
export async function widthProblems(page: Page, label: string, widths: readonly number[] = PAGE_WIDTHS): Promise<string[]> {
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  const problems: string[] = [];
  for (const width of widths) {
    if (page.viewportSize()?.width !== width) await page.setViewportSize({ width, height: original.height });
    const found = await page.evaluate<Overflow | undefined>(MEASURE_OVERFLOW);
    if (found) {
      const list = found.offenders.map((o) => `      ${o.what} (to ${o.right} px)`).join('\n');
      problems.push(`${label}: ${found.pageWidth} px wide at ${found.viewport} px: scrolls sideways\n${list}`);
    }
  }
  if (page.viewportSize()?.width !== original.width) await page.setViewportSize(original);
  return problems;
}

/** Run axe and the page-furniture checks on what the browser shows now, and its width. */
export async function checkPage(page: Page, label: string, expectLang?: string): Promise<string[]> {
  const problems: string[] = await widthProblems(page, label);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  for (const v of results.violations) {
    const nodes = v.nodes.map((n) => `      ${n.target.map(String).join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n\s*/g, '; ')}` : ''}`);
    problems.push(`${label}: axe ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} <${v.helpUrl}>\n${nodes.join('\n')}`);
  }
  const h1s = await page.locator('h1').count();
  if (h1s !== 1) problems.push(`${label}: has ${h1s} <h1> elements, not exactly one`);
  const lang = await page.locator('html').getAttribute('lang');
  if (!lang?.trim()) problems.push(`${label}: <html> has no lang attribute`);
  else if (expectLang && lang !== expectLang) problems.push(`${label}: <html lang="${lang}">, not "${expectLang}"`);
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
    // The language switch would change the language of the rest of the crawl.
    if (url.searchParams.has('lang')) continue;
    paths.push(url.pathname + url.search);
  }
  return paths;
}

/** A path's shape: ids replaced, so /setup/people/<uuid> and /setup/people/<uuid> are one kind of page. */
function shapeOf(path: string): string {
  return path.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|\?|$)/gi, '/:id').replace(/\/\d+(?=\/|\?|$)/g, '/:n');
}

export interface Crawl {
  checked: Checked[];
  /** Links found but not checked because the crawl reached its cap. */
  notReached: string[];
}

/**
 * Breadth-first from `start`, checking each page reached; GET only; `maxPages` at most. A
 * page of a shape not seen before goes ahead of more pages of a known shape, and no shape is
 * checked more than PER_SHAPE times, so a crawl that must stop has seen every kind of page first.
 */
export async function crawl(
  page: Page,
  baseURL: string,
  label: string,
  maxPages: number,
  start = '/',
  expectLang?: string,
  check: (page: Page, label: string, expectLang?: string) => Promise<string[]> = checkPage,
): Promise<Crawl> {
  const origin = new URL(baseURL).origin;
  const queued = new Set([start]);
  const shapes = new Map([[shapeOf(start), 1]]);
  const checkedFinal = new Set<string>();
  const queue = [start];
  const later: string[] = [];
  const checked: Checked[] = [];
  while ((queue.length > 0 || later.length > 0) && checked.length < maxPages) {
    const path = (queue.shift() ?? later.shift())!;
    const response = await page.goto(baseURL + path);
    const final = new URL(page.url());
    const finalPath = final.pathname + final.search;
    const status = response?.status();
    // A link that redirects to a page already checked (e.g. /sign-in → /) is not checked twice.
    if (checkedFinal.has(finalPath)) continue;
    checkedFinal.add(finalPath);
    const where = finalPath === path ? path : `${path} (→ ${finalPath})`;
    checked.push({ path: where, status, problems: await check(page, `${label} ${where} [${status}]`, expectLang) });
    for (const next of await followableLinks(page, origin)) {
      if (queued.has(next)) continue;
      queued.add(next);
      const shape = shapeOf(next);
      const seen = shapes.get(shape) ?? 0;
      shapes.set(shape, seen + 1);
      if (seen === 0) queue.push(next);
      // A third page of one shape (another enquiry, another person) shows nothing new.
      else if (seen < PER_SHAPE) later.push(next);
    }
  }
  return { checked, notReached: [...queue, ...later] };
}

/** What a role's crawl found (the caller may add pages it checks itself), and its cap. */
export interface RoleCrawl extends Crawl {
  maxPages: number;
  /** Pages the crawl itself checked. */
  crawled: number;
}

/**
 * Fails the test on any accessibility problem or server error among the pages checked, and
 * when the crawl (if any) reached its cap: pages past it would go unchecked, so the cap is
 * raised (and the time the file takes watched) as Concord grows.
 */
export function report(t: TestContext, label: string, checked: Checked[], options: { crawl?: RoleCrawl } = {}): void {
  const { crawl } = options;
  t.diagnostic(`${label}: checked ${checked.length} pages: ${checked.map((c) => `${c.path} [${c.status}]`).join(', ')}`);
  const broken = checked.filter((c) => c.status === 404);
  if (crawl && broken.length) t.diagnostic(`${label}: links lead to pages not found: ${broken.map((c) => c.path).join(', ')}`);
  const problems = checked.flatMap((c) => c.problems);
  if (problems.length) console.log(`\n${problems.join('\n\n')}\n`);
  assert.deepEqual(problems, [], `${problems.length} accessibility problems (printed above)`);
  const failing = checked.filter((c) => c.status === undefined || c.status >= 500);
  assert.deepEqual(failing.map((c) => `${c.path} [${c.status}]`), [], 'no page fails with a server error');
  if (crawl) {
    assert.ok(
      crawl.crawled < crawl.maxPages,
      `${label}: the crawl reached its cap of ${crawl.maxPages} pages; raise the cap. Not reached: ${crawl.notReached.join(', ') || 'none'}`,
    );
  }
}

/**
 * Sign in as `email` and crawl every page the role can reach, `maxPages` at most. The
 * caller may check more pages in the same session, then calls `report` with the crawl.
 */
export async function crawlAs(suite: BrowserSuite, page: Page, who: { email: string; role: Role; who: string; maxPages: number; lang?: 'cy' }): Promise<RoleCrawl> {
  const signIn = await SignInPage.goto(page, suite.server.baseURL);
  await signIn.signInAs(who.email);
  await HomePage.verifyOnPage(page, who.role);
  // In Welsh: the switch keeps the choice on the person's account, for every page after.
  if (who.lang) await page.goto(`${suite.server.baseURL}/?lang=${who.lang}`);
  const found = await crawl(page, suite.server.baseURL, who.lang ? `${who.role} (${who.lang})` : who.role, who.maxPages, '/', who.lang);
  const { checked } = found;
  assert.ok(checked.length >= 3, `the crawl found pages beyond the home page: ${checked.map((c) => c.path).join(', ')}`);
  const signedOut = checked.filter((c) => /\(→ \/sign-in/.test(c.path));
  assert.deepEqual(signedOut.map((c) => c.path), [], `${who.who} stayed signed in throughout the crawl`);
  return { ...found, maxPages: who.maxPages, crawled: checked.length };
}

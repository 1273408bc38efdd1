import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibilitySuite, checkPage, crawl, widthProblems, lastDocumentStatus, report, type Checked } from '../helpers/accessibility.js';
import { meetingWithApprovedMinutes } from '../../src/meetings/test-support.js';
import { addDays } from '../../src/calendar/dates.js';
import { RefusalPage } from './pages/refusal-page.js';
import { SignInPage } from './pages/sign-in-page.js';

/**
 * The pages seen signed out, checked with axe against WCAG 2.2 AA and for the page furniture
 * every page must have; and the checks themselves. Each role's pages are crawled in a file
 * of its own (accessibility-clerk, -councillor, -officer).
 */
describe('accessibility of every page (axe, WCAG 2.2 AA): signed out', () => {
  const suite = accessibilitySuite();

  it('the checks themselves catch a faulty page', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    await page.setContent('<html><head></head><body><h1>One</h1><h1>Two</h1><input type="text"><img src="x.png"></body></html>');
    const problems = (await checkPage(page, 'faulty')).join('\n');
    for (const expected of [/axe label /, /axe image-alt /, /axe html-has-lang /, /2 <h1> elements/, /no lang attribute/, /no skip link/, /#main-content is missing/, /no <title>/]) {
      assert.match(problems, expected);
    }
  });

  it('the width check names what makes a page scroll sideways, at a phone’s width and a laptop’s', async (t) => {
    const page = await suite.open(t, { viewport: { width: 390, height: 844 } });
    if (!page) return;
    await page.setContent(
      '<html><body><main><table data-testid="wide" style="min-width:600px"><tr><td>wide</td></tr></table>' +
        '<pre data-testid="long-line">' + 'x'.repeat(80) + '</pre>' +
        '<div style="overflow-x:auto"><div style="width:2000px">scrolls in its own region</div></div></main></body></html>',
    );
    const problems = (await widthProblems(page, 'wide')).join('\n');
    assert.match(problems, /wide: \d+ px wide at 390 px: scrolls sideways/);
    assert.match(problems, /table\[data-testid=wide\]/, 'the wide table is named');
    assert.match(problems, /pre\[data-testid=long-line\]/, 'the line that does not wrap is named');
    assert.doesNotMatch(problems, /scrolls in its own region/, 'a region that scrolls on its own does not widen the page');
    assert.doesNotMatch(problems, /at 1280 px/, 'the page fits a laptop');
    assert.equal(page.viewportSize()?.width, 390, 'the page is left at the width it had');

    await page.setContent('<html><body><p>Fits.</p></body></html>');
    assert.deepEqual(await widthProblems(page, 'narrow'), []);
  });

  it('pages seen signed out: sign-in, its errors, not found, no council, a refusal', async (t) => {
    const page = await suite.open(t);
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

    report(t, 'signed out', checked);
  });

  it('the public information, crawled signed out from the sign-in page by its links', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const server = suite.server;
    // Minutes approved, so that the crawl reaches a page of published minutes too.
    const last = await server.db.tenant(server.council.id, (trx) =>
      trx.selectFrom('meetings').select(['id', 'meeting_date']).where('committee_id', 'is', null).where('minutes_status', '=', 'draft').executeTakeFirstOrThrow(),
    );
    await meetingWithApprovedMinutes(server, { meetingDate: addDays(last.meeting_date, -35), approvedAt: last });
    const maxPages = 40;
    const found = await crawl(page, server.baseURL, 'signed out', maxPages, '/sign-in');
    const reached = found.checked.map((c) => c.path);
    for (const expected of [/^\/public$/, /^\/protocol$/, /^\/meetings\/public$/, /^\/meetings\/past$/, /^\/meetings\/[^/]+\/agenda$/, /^\/meetings\/[^/]+\/minutes\/public$/, /^\/interests\/register$/]) {
      assert.ok(reached.some((p) => expected.test(p)), `the crawl reached ${expected}: ${reached.join(', ')}`);
    }
    report(t, 'signed out (public information)', found.checked, { crawl: { ...found, maxPages, crawled: found.checked.length } });
  });
});

import { describe, it } from 'node:test';
import { accessibilitySuite, checkPage, crawlAs, lastDocumentStatus, report } from '../helpers/accessibility.js';
import { RefusalPage } from './pages/refusal-page.js';

/**
 * Every page a councillor can reach, found by following links from the home page, checked
 * with axe against WCAG 2.2 AA and for the page furniture every page must have; and a refusal.
 */
describe('accessibility of every page (axe, WCAG 2.2 AA): a councillor', () => {
  const suite = accessibilitySuite();

  it('every page a councillor (the chair) can reach', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const status = lastDocumentStatus(page);
    const crawl = await crawlAs(suite, page, { email: 'chair@example.org', role: 'councillor', who: 'a councillor (the chair)', maxPages: 110 });

    await page.goto(`${suite.server.baseURL}/tasks/new`);
    await RefusalPage.verifyOnPage(page);
    crawl.checked.push({ path: '/tasks/new (refused)', status: status(), problems: await checkPage(page, `councillor /tasks/new (refused) [${status()}]`) });

    report(t, 'councillor', crawl.checked, { crawl });
  });
});

import { describe, it } from 'node:test';
import { accessibilitySuite, checkPage, crawlAs, lastDocumentStatus, report } from '../helpers/accessibility.js';
import { RefusalPage } from './pages/refusal-page.js';

/**
 * The pages of a council in Wales, read in Welsh (Crickhowell Town Council): every page a
 * councillor and the Clerk can reach, checked with axe against WCAG 2.2 AA, each with
 * `lang="cy"`; text kept in English inside a page (a clause the council has only in English)
 * carries its own `lang`, which axe checks too.
 */
describe('accessibility of every page in Welsh (axe, WCAG 2.2 AA)', () => {
  const suite = accessibilitySuite('crickhowell');

  it('every page a councillor (the Mayor) can reach, in Welsh, and a refusal', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const status = lastDocumentStatus(page);
    const crawl = await crawlAs(suite, page, { email: 'chair@example.org', role: 'councillor', who: 'a councillor (the Mayor), in Welsh', maxPages: 110, lang: 'cy' });
    await page.goto(`${suite.server.baseURL}/tasks/new`);
    await RefusalPage.verifyOnPage(page);
    crawl.checked.push({ path: '/tasks/new (refused)', status: status(), problems: await checkPage(page, `councillor (cy) /tasks/new (refused) [${status()}]`, 'cy') });
    report(t, 'councillor (cy)', crawl.checked, { crawl });
  });

  it('every page the Clerk can reach, in Welsh', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const crawl = await crawlAs(suite, page, { email: 'clerk@example.org', role: 'clerk', who: 'the Clerk, in Welsh', maxPages: 160, lang: 'cy' });
    report(t, 'clerk (cy)', crawl.checked, { crawl });
  });
});

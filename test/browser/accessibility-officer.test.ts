import { describe, it } from 'node:test';
import { accessibilitySuite, crawlAs, report } from '../helpers/accessibility.js';

/**
 * Every page an officer can reach, found by following links from the home page, checked
 * with axe against WCAG 2.2 AA and for the page furniture every page must have.
 */
describe('accessibility of every page (axe, WCAG 2.2 AA): an officer', () => {
  const suite = accessibilitySuite();

  it('every page an officer can reach', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const crawl = await crawlAs(suite, page, { email: 'officer@example.org', role: 'officer', who: 'an officer', maxPages: 110 });
    report(t, 'officer', crawl.checked, { crawl });
  });
});

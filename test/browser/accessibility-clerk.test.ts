import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibilitySuite, checkPage, crawlAs, lastDocumentStatus, report } from '../helpers/accessibility.js';
import { NewTaskPage } from './pages/new-task-page.js';

/**
 * Every page the Clerk can reach, found by following links from the home page, checked with
 * axe against WCAG 2.2 AA and for the page furniture every page must have; and a form with
 * its errors shown.
 */
describe('accessibility of every page (axe, WCAG 2.2 AA): the Clerk', () => {
  const suite = accessibilitySuite();

  it('every page the Clerk can reach', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const status = lastDocumentStatus(page);
    const crawl = await crawlAs(suite, page, { email: 'clerk@example.org', role: 'clerk', who: 'the Clerk', maxPages: 160 });

    // A form with every error shown.
    const form = await NewTaskPage.goto(page, suite.server.baseURL);
    await form.save();
    const invalid = await NewTaskPage.verifyOnPage(page);
    assert.ok((await invalid.errors()).length >= 3, 'the empty task form comes back with its errors');
    crawl.checked.push({ path: 'POST /tasks/new (empty)', status: status(), problems: await checkPage(page, `clerk POST /tasks/new (empty) [${status()}]`) });

    report(t, 'clerk', crawl.checked, { crawl });
  });
});

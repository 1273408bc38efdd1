import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { checkPage } from '../helpers/accessibility.js';
import { SignInPage } from './pages/sign-in-page.js';

/**
 * The declarations pages as people see them, checked with axe (WCAG 2.2 AA), for the page
 * furniture and for sideways scrolling at a phone's width and a laptop's: the public register
 * and list signed out; a councillor's declarations before a meeting and request form; the
 * Clerk's record of a meeting and a request waiting for a decision, with their errors shown.
 */
describe('declarations and dispensations in a browser', () => {
  const suite = new BrowserSuite({ template: 'ilminster' });
  let lastMeeting: string;
  let nextMeeting: string;
  let request: string;

  before(async () => {
    await suite.start();
    if (suite.skipReason) return;
    await suite.server.db.tenant(suite.server.council.id, async (trx) => {
      lastMeeting = (await trx.selectFrom('meetings').select('id').where('meeting_date', '=', '2026-10-22').executeTakeFirstOrThrow()).id;
      const next = await trx.selectFrom('meetings').select('id').where('committee_id', 'is', null).where('meeting_date', '>', '2026-11-22').executeTakeFirstOrThrow();
      nextMeeting = next.id;
      // Issued, so its members declare before it.
      await trx.updateTable('meetings').set({ summons_issued_on: '2026-11-22', summons_issued_at: new Date('2026-11-22T10:00:00Z'), summons_issue_count: 1 }).where('id', '=', next.id).execute();
      request = (await trx.selectFrom('dispensations').select('id').where('status', '=', 'requested').executeTakeFirstOrThrow()).id;
    });
  });
  after(() => suite.close());

  async function signedIn(t: TestContext, email?: string): Promise<Page> {
    const page = (await suite.open(t))!;
    if (email) await (await SignInPage.goto(page, suite.server.baseURL)).signInAs(email);
    return page;
  }

  const check = async (page: Page, path: string, label: string) => {
    await page.goto(`${suite.server.baseURL}${path}`);
    return checkPage(page, label);
  };

  it('has no accessibility problems on its pages, signed out, as a councillor and as the Clerk', async (t) => {
    if (suite.skipReason) return t.skip(suite.skipReason);
    const problems: string[] = [];
    const anyone = await signedIn(t);
    problems.push(...(await check(anyone, '/declarations/dispensations/public', 'public register')));
    problems.push(...(await check(anyone, `/declarations/meetings/${lastMeeting}/public`, 'public list')));

    const tom = await signedIn(t, 'tom@example.org');
    problems.push(...(await check(tom, `/declarations/meetings/${nextMeeting}`, 'before the meeting')));
    problems.push(...(await check(tom, '/declarations', 'a councillor’s declarations')));
    problems.push(...(await check(tom, '/declarations/dispensations/new', 'request form')));
    await tom.getByRole('button', { name: 'Send the request' }).click();
    // The answer to the post is a new page: wait for it rather than read the old one.
    await tom.locator('.govuk-error-summary').waitFor({ state: 'visible' });
    assert.ok(await tom.locator('.govuk-error-summary').isVisible(), 'the empty request is shown again with its errors');
    problems.push(...(await checkPage(tom, 'request form with errors')));

    const clerk = await signedIn(t, 'clerk@example.org');
    problems.push(...(await check(clerk, `/declarations/meetings/${lastMeeting}`, 'the Clerk’s record')));
    await clerk.getByRole('button', { name: 'Record the declaration' }).click();
    await clerk.locator('.govuk-error-summary').waitFor({ state: 'visible' });
    problems.push(...(await checkPage(clerk, 'the Clerk’s record with errors')));
    problems.push(...(await check(clerk, `/declarations/dispensations/${request}`, 'a request to decide')));
    problems.push(...(await check(clerk, '/declarations', 'the Clerk’s declarations')));
    problems.push(...(await check(clerk, `/meetings/${lastMeeting}/minutes`, 'minutes with declarations')));
    assert.deepEqual(problems, []);
  });

  it('takes a member’s declarations before the meeting, without JavaScript', async (t) => {
    if (suite.skipReason) return t.skip(suite.skipReason);
    const page = (await suite.open(t, { javaScriptEnabled: false }))!;
    await (await SignInPage.goto(page, suite.server.baseURL)).signInAs('tom@example.org');
    await page.goto(`${suite.server.baseURL}/meetings/${nextMeeting}`);
    await page.getByTestId('declarations-link').click();
    const first = page.getByTestId('my-item').first();
    await first.getByLabel('I have no interest in this item').check();
    await page.getByRole('button', { name: 'Send my declarations' }).click();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your declarations have been sent/);
    assert.equal(await page.getByTestId('my-item').first().getByLabel('I have no interest in this item').isChecked(), true);
  });
});

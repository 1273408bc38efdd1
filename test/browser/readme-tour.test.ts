import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { waitForVisible } from './pages/base-page.js';
import { HomePage } from './pages/home-page.js';
import { RefusalPage } from './pages/refusal-page.js';
import { SignInPage } from './pages/sign-in-page.js';

/** A phone: the README's tour is done on one, by clicking only (the address is typed once, to arrive). */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * The tour in the README's quick start, as a new user would follow it on a phone: every step is
 * a click on something the page shows. `page.goto` is used once per person, for the address
 * Concord prints at start-up. Each page must fit the phone's width.
 */
describe('the README’s tour, clicking only, at 390 px', () => {
  const suite = new BrowserSuite({ template: 'ilminster' });
  before(() => suite.start());
  after(() => suite.close());

  /** Nothing on the page is wider than the phone. */
  async function fits(page: Page): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${page.url()} is ${width} px wide at 390 px`);
  }

  /** Open the service navigation's menu (collapsed on a phone) and follow a link, through its group. */
  async function menu(page: Page, name: string, group?: string): Promise<void> {
    // The menu is collapsed by govuk-frontend's script once the page has loaded; until then it is open.
    await page.waitForLoadState('load');
    const nav = page.locator('.govuk-service-navigation');
    const toggle = nav.locator('.govuk-service-navigation__toggle');
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    if (group) {
      await nav.getByRole('link', { name: group, exact: true }).click();
      await page.getByTestId('sub-navigation').getByRole('link', { name, exact: true }).click();
    } else {
      await nav.getByRole('link', { name, exact: true }).click();
    }
    await fits(page);
  }

  async function arriveAndSignIn(page: Page, email: string): Promise<void> {
    await page.goto(`${suite.server.baseURL}/`);
    const signIn = await SignInPage.verifyOnPage(page);
    await fits(page);
    await signIn.signInAs(email);
  }

  async function signOut(page: Page): Promise<void> {
    await page.waitForLoadState('load');
    const toggle = page.locator('.govuk-service-navigation__toggle');
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.getByTestId('sign-out').click();
    await SignInPage.verifyOnPage(page);
  }

  it('the chair tries to give an officer a task, and is shown the clause and what to do instead', async (t) => {
    const page = await suite.open(t, PHONE);
    if (!page) return;
    await arriveAndSignIn(page, 'chair@example.org');
    await HomePage.verifyOnPage(page, 'councillor');
    await fits(page);
    await menu(page, 'Officers’ tasks', 'Meetings and decisions');
    await page.getByRole('link', { name: 'Give an officer a task', exact: true }).click();
    const refusal = await RefusalPage.verifyOnPage(page);
    await fits(page);
    assert.match(await refusal.message(), /Refused under clause 2\.3 of the Ilminster Town Council protocol/);
    const instead = page.getByTestId('refusal-instead');
    assert.deepEqual((await instead.getByRole('link').allInnerTexts()).map((s) => s.trim()).slice(0, 1), ['Send the officers an enquiry']);
    await instead.getByRole('link', { name: 'Send the officers an enquiry' }).click();
    await waitForVisible(page, page.locator('h1', { hasText: 'Send an enquiry' }), 'the enquiry form');
    await fits(page);
  });

  /** Follow a link (or a button-styled link) the page shows, once it is there. */
  async function follow(page: Page, name: string | RegExp, role: 'link' | 'button' = 'link'): Promise<void> {
    const target = page.locator('main').getByRole(role, { name }).first();
    await waitForVisible(page, target, `a ${role} “${name}”`);
    const href = await target.getAttribute('href');
    await target.click();
    // Measured once the page it leads to has loaded: the click may return before the
    // navigation commits, and a document measured mid-navigation has no root yet.
    if (href) await page.waitForURL(new URL(href, page.url()).toString());
    await fits(page);
  }

  it('the chair records an action last month’s council meeting agreed; the Clerk confirms it and reads the action report', async (t) => {
    const page = await suite.open(t, PHONE);
    if (!page) return;
    await arriveAndSignIn(page, 'chair@example.org');
    await HomePage.verifyOnPage(page, 'councillor');
    await menu(page, 'Meetings', 'Meetings and decisions');
    await follow(page, '22 October 2026, Full Town Council');
    await follow(page, 'Record the actions this meeting agreed');
    await page.getByLabel('The action the meeting agreed').fill('Ask the highway authority for a date to mend the Bay Hill potholes.');
    await page.getByTestId('record-agreed').click();
    await waitForVisible(page, page.locator('main').getByText('Ask the highway authority for a date to mend the Bay Hill potholes.'), 'the recorded action');
    await fits(page);
    await signOut(page);

    await (await SignInPage.verifyOnPage(page)).signInAs('clerk@example.org');
    await HomePage.verifyOnPage(page, 'clerk');
    await fits(page);
    // The Clerk's home says what is waiting, as a link.
    assert.match(await page.getByTestId('pending-agreed-count').innerText(), /: [12]$/);
    await menu(page, 'Meetings', 'Meetings and decisions');
    await follow(page, '22 October 2026, Full Town Council');
    await follow(page, 'Actions agreed at this meeting');
    const item = page.locator('main li, main .govuk-summary-card, main div').filter({ hasText: 'Ask the highway authority for a date to mend the Bay Hill potholes.' }).filter({ has: page.locator('details') }).last();
    const details = item.locator('details').first();
    await details.locator('summary').click();
    await details.getByLabel('The resolution it carries out').selectOption({ index: 1 });
    await details.getByLabel('Officer').selectOption({ index: 1 });
    await details.getByTestId('confirm-agreed').click();
    await fits(page);
    assert.deepEqual(await page.locator('.govuk-error-summary__list li').allInnerTexts(), [], 'the action is confirmed');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /\S/, 'and the Clerk is told so');
    await menu(page, 'Decisions', 'Meetings and decisions');
    await page.getByTestId('action-reports').getByRole('link').first().click();
    await fits(page);
    assert.match(await page.locator('main').innerText(), /Ask the highway authority for a date to mend the Bay Hill potholes\.|Minute 26\/4/);
  });

  it('a councillor with a registered interest tries to open a paper about that matter, and is shown why not', async (t) => {
    const page = await suite.open(t, PHONE);
    if (!page) return;
    await arriveAndSignIn(page, 'hannah@example.org');
    await HomePage.verifyOnPage(page, 'councillor');
    await menu(page, 'Documents', 'Meetings and decisions');
    await page.getByTestId('withheld-link').first().click();
    const refusal = await RefusalPage.verifyOnPage(page);
    await fits(page);
    assert.equal(await refusal.errorId(), 'interest_conflict');
    assert.match(await refusal.message(), /clause 2\.6/);
    assert.ok((await page.getByTestId('refusal-instead').getByRole('link').count()) >= 1, 'and what to do instead');
  });

  it('a councillor writes to the office on a Sunday and sees the message held until it opens, then sends an enquiry', async (t) => {
    const page = await suite.open(t, PHONE);
    if (!page) return;
    await arriveAndSignIn(page, 'tom@example.org');
    await HomePage.verifyOnPage(page, 'councillor');
    await menu(page, 'Messages', 'Councillors’ business');
    await follow(page, 'Write to staff', 'button');
    await waitForVisible(page, page.getByTestId('closed-warning'), 'the warning that the office is closed');
    await page.locator('input[name="to"][value="office"]').check();
    await page.getByLabel('Subject', { exact: true }).fill('Hall booking for the fete');
    await page.getByLabel('Message', { exact: true }).fill('Could the hall be booked for the summer fete?');
    await page.getByTestId('send-message').click();
    await waitForVisible(page, page.getByText('Message held'), 'the message held until the office opens');
    await fits(page);

    await menu(page, 'Enquiries', 'Councillors’ business');
    await follow(page, 'Send an enquiry', 'button');
    await page.getByLabel('Subject', { exact: true }).fill('Potholes on Bay Hill');
    await page.getByLabel('Your enquiry', { exact: true }).fill('Residents report three potholes near the school.');
    await page.locator('main').getByRole('button', { name: 'Send', exact: true }).click();
    await waitForVisible(page, page.locator('h1', { hasText: 'Potholes on Bay Hill' }), 'the enquiry’s page');
    await fits(page);
  });

  it('a councillor reads a bulletin from their home page', async (t) => {
    const page = await suite.open(t, PHONE);
    if (!page) return;
    await arriveAndSignIn(page, 'tom@example.org');
    await HomePage.verifyOnPage(page, 'councillor');
    await page.getByTestId('unread-bulletins').getByRole('link').click();
    await fits(page);
    const first = page.locator('main a[href*="/bulletins/"]:not([href$="/archive"])').first();
    await waitForVisible(page, first, 'a bulletin to open');
    const title = (await first.innerText()).trim();
    await first.click();
    await waitForVisible(page, page.locator('h1', { hasText: title }), `the bulletin “${title}”`);
    await fits(page);
  });

  it('the Clerk schedules a meeting and issues its summons', async (t) => {
    const page = await suite.open(t, PHONE);
    if (!page) return;
    await arriveAndSignIn(page, 'clerk@example.org');
    await HomePage.verifyOnPage(page, 'clerk');
    await menu(page, 'Meetings', 'Meetings and decisions');
    await follow(page, 'Schedule a meeting', 'button');
    await page.getByLabel('Council or committee').selectOption({ index: 0 });
    await page.getByRole('radio', { name: 'Ordinary meeting', exact: true }).check();
    await page.locator('input[name="meetingDate-day"]').fill('15');
    await page.locator('input[name="meetingDate-month"]').fill('12');
    await page.locator('input[name="meetingDate-year"]').fill('2026');
    await page.getByLabel('Start time').fill('19:00');
    await page.getByLabel('Venue').fill('Burgage Hall');
    await page.getByTestId('schedule').click();
    const problems = await page.locator('.govuk-error-summary__list li').allInnerTexts();
    assert.deepEqual(problems, [], 'the meeting is scheduled');
    await waitForVisible(page, page.locator('h1', { hasText: /15 December 2026/ }), 'the new meeting’s page');
    await fits(page);
    await follow(page, 'The summons');
    await page.getByTestId('issue-summons').click();
    await waitForVisible(page, page.locator('.govuk-notification-banner'), 'word that the summons was issued');
    await fits(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /summons/i);
  });

  it('anyone reads the protocol without signing in', async (t) => {
    const page = await suite.open(t, PHONE);
    if (!page) return;
    await page.goto(`${suite.server.baseURL}/`);
    await SignInPage.verifyOnPage(page);
    await page.getByRole('link', { name: /protocol/i }).first().click();
    await waitForVisible(page, page.locator('h1', { hasText: /protocol/i }), 'the protocol');
    await fits(page);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { SignInPage } from './pages/sign-in-page.js';

/**
 * From a meeting to done work, as the people involved see it: the chair records what the
 * meeting agreed, the Clerk confirms it against the minutes, the officer reports it done,
 * and the council's action report shows it.
 */
describe('an agreed action, from the chair to the action report, in a browser', () => {
  const suite = new BrowserSuite({ template: 'ilminster' });
  let lastMeeting: string;

  before(async () => {
    await suite.start();
    if (suite.skipReason) return;
    const row = await suite.server.db.tenant(suite.server.council.id, (trx) => trx.selectFrom('meetings').select('id').where('meeting_date', '=', '2026-10-22').executeTakeFirstOrThrow());
    lastMeeting = row.id;
  });
  after(() => suite.close());

  async function signedIn(t: TestContext, email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const page = (await suite.open(t, options))!;
    const form = await SignInPage.goto(page, suite.server.baseURL);
    await form.signInAs(email);
    return page;
  }
  const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText();

  it('is recorded by the chair, confirmed by the Clerk, done by the officer and reported', async (t) => {
    if (suite.skipReason) return t.skip(suite.skipReason);
    const description = 'Ask the fence contractors for a start date before the spring half-term.';

    // The chair, on last month's meeting.
    const chair = await signedIn(t, 'chair@example.org');
    await chair.goto(`${suite.server.baseURL}/meetings/${lastMeeting}`);
    await chair.getByRole('link', { name: 'Record the actions this meeting agreed' }).click();
    await chair.getByLabel('The action the meeting agreed').fill(description);
    await chair.getByRole('button', { name: 'Record the action' }).click();
    assert.match(await banner(chair), /The Town Clerk will check it against the minutes/);
    const mine = chair.getByTestId('agreed-action').filter({ hasText: description });
    assert.match(await mine.innerText(), /Waiting for the Town Clerk/);

    // The Clerk, without JavaScript: the confirm form sits in a details element that opens without it.
    const clerk = await signedIn(t, 'clerk@example.org', { javaScriptEnabled: false });
    await clerk.getByTestId('pending-agreed-count').getByRole('link').click();
    await clerk.getByTestId('pending-agreed').getByRole('link').first().click();
    const item = clerk.getByTestId('agreed-action').filter({ hasText: description });
    await item.getByText('Confirm as an action', { exact: true }).first().click();
    const resolution = item.getByLabel('The resolution it carries out');
    const option = (await resolution.locator('option').allInnerTexts()).find((l) => l.startsWith('26/45:'));
    assert.ok(option, 'the meeting’s resolution 26/45 is offered');
    await resolution.selectOption({ label: option });
    await item.getByLabel('What is to be done').fill('Agree a start date with the fence contractor');
    const officer = item.getByLabel('Officer');
    await officer.selectOption({ label: (await officer.locator('option').allInnerTexts()).find((l) => l.startsWith('Sam Patel'))! });
    await item.getByRole('button', { name: 'Confirm as an action' }).click();
    assert.match(await banner(clerk), /The action is confirmed and given to the officer\./);
    assert.match(await clerk.getByTestId('agreed-action').filter({ hasText: description }).innerText(), /Confirmed\s+Became task \d+/);

    // The officer, from their home page.
    const staff = await signedIn(t, 'officer@example.org');
    await staff.getByTestId('my-tasks').getByRole('link').filter({ hasText: /^Task \d+$/ }).last().click();
    assert.match(await staff.getByTestId('task-summary').innerText(), /Minute 26\/45, Full Town Council, 22 October 2026/);
    await staff.getByLabel('Progress note').fill('Start date agreed: 1 March.');
    await staff.getByRole('radio', { name: 'Done' }).check();
    await staff.getByRole('button', { name: 'Save the note' }).click();
    assert.match(await banner(staff), /Progress recorded\./);
    assert.match(await staff.getByTestId('task-notes').innerText(), /Start date agreed: 1 March\./);

    // Anyone reading the council's action report sees it done since the last meeting.
    await chair.goto(`${suite.server.baseURL}/decisions`);
    await chair.getByRole('link', { name: 'Action report for the Town Council' }).click();
    assert.equal(await chair.getByTestId('done-heading').innerText(), 'Done since the last meeting: 2');
    assert.match(await chair.getByTestId('done-actions').innerText(), /Agree a start date with the fence contractor/);
  });
});

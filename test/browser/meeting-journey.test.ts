import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { checkPage } from '../helpers/accessibility.js';
import { SignInPage } from './pages/sign-in-page.js';

/**
 * One meeting from beginning to end, as the people who use Concord go through it, only by
 * clicking and typing on its pages: the Clerk schedules a full council meeting and adds an item
 * to the council's standard ones, then issues the summons; a councillor declares an interest in
 * the new item before the meeting; after it, the Clerk records the declaration as made at the
 * meeting, writes the minutes and records their approval at the next meeting; and anyone,
 * signed out, finds the approved minutes, the declaration and the minutes PDF on the council's
 * public pages by following links from the sign-in page. Each page on the way is checked with
 * axe (WCAG 2.2 AA) at a phone's width and a laptop's.
 */
describe('a meeting from scheduling to approved minutes, in a browser', () => {
  // The clock the server reads: the demo's today, moved on once the meeting has been held.
  let now = new Date('2026-11-22T12:00:00Z');
  const suite = new BrowserSuite({ template: 'ilminster', now: () => now });
  before(() => suite.start());
  after(() => suite.close());

  const ITEM = 'Allotment rents for 2027';
  const MINUTE = 'Resolved that allotment rents for 2027 stay at £32 a plot.';

  async function signedIn(page: Page, email: string): Promise<void> {
    await (await SignInPage.goto(page, suite.server.baseURL)).signInAs(email);
    await page.getByTestId('sign-out').waitFor();
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByTestId('sign-out').click();
    await SignInPage.verifyOnPage(page);
  }

  it('is scheduled, declared, minuted, approved and published', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const url = (path: string) => `${suite.server.baseURL}${path}`;
    const problems: string[] = [];

    // 22 November: the Clerk schedules a full council meeting for Thursday 3 December at 7pm.
    await signedIn(page, 'clerk@example.org');
    await page.goto(url('/meetings/new'));
    problems.push(...(await checkPage(page, 'the new meeting form')));
    await page.getByLabel('Council or committee').selectOption({ index: 0 });
    assert.match(await page.locator('#committeeId option:checked').innerText(), /^Full /);
    await page.locator('#meetingDate-day').fill('3');
    await page.locator('#meetingDate-month').fill('12');
    await page.locator('#meetingDate-year').fill('2026');
    await page.locator('#startsAt').fill('19:00');
    await page.locator('#venue').fill('Ilminster Town Hall');
    await page.getByTestId('schedule').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}(\?.*)?$/);
    const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // The Clerk opens the agenda: it starts with the council's standard items.
    await page.getByTestId('part-items').click();
    const agenda = page.getByTestId('agenda');
    const standard = await agenda.innerText();
    assert.match(standard, /Apologies for absence/);
    assert.match(standard, /Declarations of interest/);

    // She adds the item the council is to decide.
    await page.locator('#title').fill(ITEM);
    await page.locator('#details').fill('To set the rent for an allotment plot from 1 January 2027.');
    await page.getByTestId('add-item').click();
    await page.getByTestId('agenda').waitFor();
    assert.match(await page.getByTestId('agenda').innerText(), new RegExp(ITEM));
    problems.push(...(await checkPage(page, 'the agenda part of the meeting')));

    // She issues the summons, going past any agenda requests still waiting if she is asked.
    await page.goto(url(`/meetings/${meetingId}?part=summons`));
    const acknowledge = page.getByLabel('Issue the summons without the requests still waiting');
    if (await acknowledge.count()) await acknowledge.check();
    await page.getByTestId('issue-summons').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
    assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'the summons is issued without errors');
    await page.goto(url(`/meetings/${meetingId}`));
    assert.equal((await page.getByTestId('summons-status').innerText()).trim(), 'Issued on 22 November 2026');
    await signOut(page);

    // A councillor, Tom, opens the meeting and declares an interest in the new item.
    await signedIn(page, 'tom@example.org');
    await page.goto(url(`/meetings/${meetingId}`));
    await page.getByTestId('declarations-link').click();
    problems.push(...(await checkPage(page, 'the councillor’s declarations before the meeting')));
    const mine = page.getByTestId('my-item').filter({ hasText: ITEM });
    await mine.getByLabel('Other registrable interest').check();
    await mine.getByLabel(/The interest/).fill('I rent an allotment plot from the council.');
    await page.getByTestId('send-declarations').click();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your declarations have been sent/);
    assert.equal(await page.getByTestId('my-item').filter({ hasText: ITEM }).getByLabel('Other registrable interest').isChecked(), true);
    await signOut(page);

    // 9 December: the meeting was held on the 3rd and the council met again on the 8th.
    now = new Date('2026-12-09T12:00:00Z');

    // The Clerk records Tom's declaration as he made it at the meeting: he left the room.
    await signedIn(page, 'clerk@example.org');
    await page.goto(url(`/declarations/meetings/${meetingId}`));
    problems.push(...(await checkPage(page, 'the Clerk’s record of declarations')));
    // She sees what Tom declared before the meeting.
    assert.match(await page.getByTestId('declarations-before').innerText(), /Tom Baker, item \d+ \(Allotment rents for 2027\): Other registrable interest\. I rent an allotment plot from the council\./);
    await page.getByLabel('Member', { exact: true }).selectOption({ label: 'Tom Baker' });
    const item = await page.locator('#itemId option', { hasText: ITEM }).innerText();
    await page.getByLabel('Item', { exact: true }).selectOption({ label: item });
    await page.getByRole('radio', { name: 'Other registrable interest' }).check();
    await page.locator('#details').fill('Rents an allotment plot from the council.');
    await page.getByLabel('Left the room for the item').check();
    await page.getByTestId('record-declaration').click();
    const recorded = page.getByTestId('declaration-recorded').filter({ hasText: ITEM });
    assert.match(await recorded.innerText(), /^Tom Baker, item \d+ \(Allotment rents for 2027\): Other registrable interest\..*Left the room\./s);

    // She writes a minute for each item and saves the draft.
    await page.goto(url(`/meetings/${meetingId}/minutes`));
    const boxes = page.locator('textarea[name^="minute-"]');
    const count = await boxes.count();
    assert.ok(count >= 3, 'a minute for each item of the agenda');
    for (let i = 0; i < count; i++) {
      const label = await page.locator(`label[for="${await boxes.nth(i).getAttribute('id')}"]`).innerText();
      await boxes.nth(i).fill(label.includes(ITEM) ? MINUTE : `Minute of ${label.replace(/^\d+\.\s*/, '')}: noted.`);
    }
    await page.getByTestId('save-minutes').click();
    assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'the minutes are saved');
    assert.match(await page.getByTestId('minutes-status').innerText(), /^Draft/);
    assert.equal(await page.locator('textarea', { hasText: MINUTE }).count(), 1, 'the minute is kept');
    problems.push(...(await checkPage(page, 'the minutes page')));

    // The council approved them at its meeting on 8 December: she records that.
    const approvedAt = page.getByLabel('Approved at the meeting on');
    const on8th = await approvedAt.locator('option', { hasText: /\b8 December 2026/ }).innerText();
    await approvedAt.selectOption({ label: on8th });
    await page.getByTestId('approve-minutes').click();
    assert.match(await page.getByTestId('minutes-status').innerText(), /^Approved and locked.*\b8 December 2026/s);
    assert.equal(await page.locator('textarea').count(), 0, 'approved minutes can no longer be changed');
    await signOut(page);

    // Anyone, signed out, follows links from the sign-in page to the council's public pages.
    await page.getByTestId('sign-in-public-home').click();
    await page.getByRole('link', { name: 'Past meetings and approved minutes' }).click();
    const past = page.locator(`[data-testid="past-meeting"][data-meeting-id="${meetingId}"]`);
    assert.match(await past.innerText(), /3 December 2026/);
    await past.getByTestId('past-minutes').click();
    await page.waitForURL(new RegExp(`/meetings/${meetingId}/minutes/public$`));
    const minutes = await page.getByTestId('minutes').innerText();
    assert.match(minutes, new RegExp(ITEM));
    assert.match(minutes, new RegExp(MINUTE.replace(/[.£]/g, '\\$&')));
    assert.match(await page.getByTestId('minutes-approved').innerText(), /8 December 2026/);
    problems.push(...(await checkPage(page, 'the public minutes')));

    // The minutes as a PDF are there to download.
    const pdfHref = await page.getByTestId('minutes-public-pdf').getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref!, page.url()).toString());
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);

    // The public list of declarations names Tom's interest in the item.
    await page.getByTestId('minutes-declarations').click();
    const declarations = await page.locator('main').innerText();
    assert.match(declarations, new RegExp(`Tom Baker, item \\d+ \\(${ITEM}\\): Other registrable interest`));

    assert.deepEqual(problems, []);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { checkPage } from '../helpers/accessibility.js';
import { FIXED_NOW } from '../helpers/app.js';
import { HomePage } from './pages/home-page.js';
import { SignInPage } from './pages/sign-in-page.js';

describe('two-step sign-in, in a browser', () => {
  let now = FIXED_NOW;
  const suite = new BrowserSuite({ template: 'ilminster', now: () => now });
  before(() => suite.start());
  after(() => suite.close());

  it('the Clerk turns it on from the account page, keeps the recovery codes, and signs in with a code from the app', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const { baseURL } = suite.server;
    const problems: string[] = [];

    await (await SignInPage.goto(page, baseURL)).signInAs('clerk@example.org');
    await HomePage.verifyOnPage(page, 'clerk');
    await page.goto(`${baseURL}/account`);
    await page.getByTestId('two-step-start').click();
    await page.waitForURL(`${baseURL}/account/two-step`);
    problems.push(...(await checkPage(page, 'the two-step set-up page')));
    const secret = (await page.getByTestId('two-step-secret').innerText()).replace(/\s/g, '');
    const codeAt = (time: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: time.getTime() });
    await page.getByLabel('Code', { exact: true }).fill(codeAt(now));
    await page.getByTestId('two-step-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    assert.equal(await page.getByTestId('recovery-codes').locator('li').count(), 10);
    problems.push(...(await checkPage(page, 'the recovery codes')));

    // A minute later, in another browser: the password, then the code.
    now = new Date(now.getTime() + 60_000);
    const later = (await suite.open(t))!;
    await (await SignInPage.goto(later, baseURL)).signInAs('clerk@example.org');
    await later.waitForURL(/\/sign-in\/code/);
    assert.equal(await later.locator('h1').innerText(), 'Enter the code from your app');
    problems.push(...(await checkPage(later, 'the sign-in code page')));
    await later.getByLabel('Code', { exact: true }).fill('000000' === codeAt(now) ? '111111' : '000000');
    await later.getByTestId('sign-in-code').click();
    assert.match(await later.locator('.govuk-error-summary').innerText(), /The code is not right/);
    problems.push(...(await checkPage(later, 'the sign-in code page with an error')));
    await later.getByLabel('Code', { exact: true }).fill(codeAt(now));
    await later.getByTestId('sign-in-code').click();
    await HomePage.verifyOnPage(later, 'clerk');

    assert.deepEqual(problems, []);
  });
});

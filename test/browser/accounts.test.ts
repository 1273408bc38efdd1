import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { HomePage } from './pages/home-page.js';
import { SignInPage } from './pages/sign-in-page.js';

describe('an account by invitation, and a forgotten password, in a browser', () => {
  const suite = new BrowserSuite({ template: 'ilminster' });
  before(() => suite.start());
  after(() => suite.close());

  it('the Clerk invites a new councillor, who sets a password from the email and signs in', async (t) => {
    const clerkPage = await suite.open(t);
    if (!clerkPage) return;
    const { db, council, baseURL } = suite.server;
    const nia = await db.tenant(council.id, (trx) =>
      trx
        .insertInto('people')
        .values({ council_id: council.id, name: 'Nia Jones', email: 'nia@example.org', role: 'councillor', password_hash: null, council_office: null, term_starts: '2023-05-04', term_ends: '2027-05-06' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );

    await (await SignInPage.goto(clerkPage, baseURL)).signInAs('clerk@example.org');
    await HomePage.verifyOnPage(clerkPage, 'clerk');
    await clerkPage.goto(`${baseURL}/setup/people/${nia.id}`);
    await clerkPage.getByTestId('invite-person').click();
    await clerkPage.waitForURL(`${baseURL}/setup/people/${nia.id}`);
    assert.match(await clerkPage.locator('.govuk-notification-banner').innerText(), /Invitation sent/);

    const email = await db.tenant(council.id, (trx) => trx.selectFrom('outbox_messages').select('body').where('recipient_email', '=', 'nia@example.org').executeTakeFirstOrThrow());
    const link = /\/set-password\/[\w-]+/.exec(email.body)?.[0];
    assert.ok(link, `a link in: ${email.body}`);

    const page = (await suite.open(t))!;
    await page.goto(`${baseURL}${link}`);
    assert.equal(await page.locator('h1').innerText(), 'Set up your account');
    await page.getByLabel('New password', { exact: true }).fill('river meadow lantern');
    await page.getByLabel('Confirm new password', { exact: true }).fill('river meadow lantern');
    await page.getByTestId('set-password').click();
    const signIn = await SignInPage.verifyOnPage(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your password is saved/);
    await signIn.signInAs('nia@example.org', 'river meadow lantern');
    const home = await HomePage.verifyOnPage(page, 'councillor');
    assert.equal(await home.headingText(), 'Welcome, Nia Jones');

    await page.goto(`${baseURL}${link}`);
    assert.equal(await page.locator('h1').innerText(), 'This link no longer works');
  });

  it('a councillor who forgot their password asks for a link, sets a new one from the email, and signs in; the link works once', async (t) => {
    const page = await suite.open(t);
    if (!page) return;
    const { db, council, baseURL } = suite.server;
    const address = suite.server.emailOf('market');

    await SignInPage.goto(page, baseURL);
    await page.getByTestId('forgot-password').click();
    await page.waitForURL(`${baseURL}/forgot-password`);
    assert.equal(await page.locator('h1').innerText(), 'Reset your password');
    await page.getByLabel('Email address', { exact: true }).fill(address);
    await page.getByTestId('send-reset').click();
    assert.equal(await page.locator('h1').innerText(), 'Check your email');
    assert.match(await page.getByTestId('reset-sent').innerText(), new RegExp(`If ${address.replace('.', '\\.')} belongs to an account here`));

    const email = await db.tenant(council.id, (trx) => trx.selectFrom('outbox_messages').select(['subject', 'body']).where('recipient_email', '=', address).orderBy('created_at', 'desc').executeTakeFirstOrThrow());
    assert.match(email.subject, /^Reset your password for /);
    const link = /\/set-password\/[\w-]+/.exec(email.body)?.[0];
    assert.ok(link, `a link in: ${email.body}`);

    await page.goto(`${baseURL}${link}`);
    assert.equal(await page.locator('h1').innerText(), 'Choose a new password');
    await page.getByLabel('New password', { exact: true }).fill('orchard kettle compass');
    await page.getByLabel('Confirm new password', { exact: true }).fill('orchard kettle compass');
    await page.getByTestId('set-password').click();
    const signIn = await SignInPage.verifyOnPage(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your password is saved/);
    await signIn.signInAs(address, 'orchard kettle compass');
    await HomePage.verifyOnPage(page, 'councillor');

    // Followed a second time, from another browser, the link is refused.
    const later = (await suite.open(t))!;
    await later.goto(`${baseURL}${link}`);
    assert.equal(await later.locator('h1').innerText(), 'This link no longer works');
    assert.equal(await later.locator('input[name="password"]').count(), 0, 'no form to set a password');
  });
});

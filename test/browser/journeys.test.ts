import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { HomePage } from './pages/home-page.js';
import { NewTaskPage } from './pages/new-task-page.js';
import { ProtocolPage } from './pages/protocol-page.js';
import { RefusalPage } from './pages/refusal-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';

describe('journeys through Concord in a browser (Ilminster’s protocol)', () => {
  const suite = new BrowserSuite({ template: 'ilminster' });
  before(() => suite.start());
  after(() => suite.close());
  const open = (t: TestContext, options: { javaScriptEnabled?: boolean } = {}) => suite.open(t, options);

  async function signIn(page: Page, email: string): Promise<void> {
    const signInPage = await SignInPage.goto(page, suite.server.baseURL);
    await signInPage.signInAs(email);
  }

  it('the Clerk signs in, reads the protocol, gives the officer a task and signs out', async (t) => {
    const page = await open(t);
    if (!page) return;

    await signIn(page, 'clerk@example.org');
    const home = await HomePage.verifyOnPage(page, 'clerk');
    assert.equal(await home.headingText(), 'Welcome, Alex Morgan');

    await home.navigateTo('Protocol');
    const protocol = await ProtocolPage.verifyOnPage(page);
    const clauses = await protocol.clauses();
    const numbered = clauses.filter((c) => /^\d+(\.\d+)+$/.test(c.number));
    assert.ok(numbered.length >= 20, `expected Ilminster’s numbered clauses, found ${clauses.map((c) => c.number).join(', ')}`);
    for (const clause of clauses) {
      assert.ok(['Enforced', 'Routed', 'Recorded', 'Guidance'].includes(clause.kind), `clause ${clause.number} is labelled “${clause.kind}”`);
      assert.equal(clause.id, `clause-${clause.number.replace(/[^A-Za-z0-9]+/g, '-')}`);
    }
    assert.deepEqual([...new Set(clauses.map((c) => c.kind))].sort(), ['Enforced', 'Guidance', 'Recorded', 'Routed']);
    assert.deepEqual(
      clauses.find((c) => c.number === '2.3'),
      { number: '2.3', id: 'clause-2-3', heading: 'Councillors acting alone', kind: 'Enforced' },
    );

    await protocol.navigateTo('Officers’ tasks', 'Meetings and decisions');
    const tasks = await TasksPage.verifyOnPage(page);
    await tasks.startNewTask();
    const form = await NewTaskPage.verifyOnPage(page);
    await form.fill({
      title: 'Obtain three quotes for the play area fence',
      resolution: 'Minute 26/45',
      officer: 'Sam Patel',
      due: { day: '4', month: '12', year: '2026' },
    });
    await form.save();

    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Task \d+ given to Sam Patel\./);
    await page.goto(`${suite.server.baseURL}/tasks`);
    const listed = await TasksPage.verifyOnPage(page);
    const rows = await listed.rows();
    const row = rows.find((r) => r[1] === 'Obtain three quotes for the play area fence');
    assert.ok(row, `the new task is listed: ${JSON.stringify(rows)}`);
    assert.deepEqual(row.slice(2), ['Sam Patel', 'Minute 26/45, Full Town Council, 22 October 2026', '4 December 2026', 'Open']);

    await listed.signOut();
    const signedOut = await SignInPage.verifyOnPage(page);
    assert.match(await signedOut.banner(), /You have signed out\./);
    assert.equal(new URL(page.url()).pathname, '/sign-in');

    // The session has gone: going back to the task list, or asking for it again, leads to sign-in.
    await page.goBack();
    await SignInPage.verifyOnPage(page);
    assert.equal(new URL(page.url()).searchParams.get('next'), '/tasks', 'Back fetched /tasks again rather than showing it from the cache');
    await page.goto(`${suite.server.baseURL}/tasks`);
    await SignInPage.verifyOnPage(page);
    assert.equal(new URL(page.url()).searchParams.get('next'), '/tasks');
    const cookies = await page.context().cookies();
    assert.equal(cookies.find((c) => c.name === 'concord_session'), undefined, 'no session cookie is left');
    const sessions = await suite.server.db.tenant(suite.server.council.id, (trx) =>
      trx.selectFrom('sessions').select('id').where('person_id', '=', suite.server.people.clerk).execute(),
    );
    assert.equal(sessions.length, 0, 'signing out ended the session on the server too');
  });

  it('a councillor who holds office is refused the task form, with a link to clause 2.3', async (t) => {
    const page = await open(t);
    if (!page) return;

    await signIn(page, 'chair@example.org');
    const home = await HomePage.verifyOnPage(page, 'councillor');
    assert.equal(await home.headingText(), 'Welcome, Jo Evans');

    await page.goto(`${suite.server.baseURL}/tasks/new`);
    const refusal = await RefusalPage.verifyOnPage(page);
    assert.equal(await refusal.headingText(), 'You cannot do this');
    assert.match(
      await refusal.message(),
      /Refused under clause 2\.3 of the Ilminster Town Council protocol: a councillor acting alone cannot give an employee instructions\./,
    );
    assert.equal(await refusal.errorId(), 'individual_instruction');
    assert.match(await refusal.alternative(), /Ask for an item on the agenda/);
    assert.equal(await page.getByTestId('save-task').count(), 0, 'no form is offered');

    await refusal.clauseLink('2.3').click();
    const protocol = await ProtocolPage.verifyOnPage(page);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/protocol');
    assert.equal(url.hash, '#clause-2-3');
    const clause = protocol.clause('2.3');
    assert.ok(await clause.isVisible(), 'clause 2.3 is shown');
    assert.match(await clause.innerText(), /Councillors acting alone/);
    assert.ok(await protocol.scrollsTo('2.3'), 'the page opens at clause 2.3');
  });

  it('a former councillor cannot sign in and is told why, with the clause', async (t) => {
    const page = await open(t);
    if (!page) return;

    await signIn(page, 'former@example.org');
    const refusal = await RefusalPage.verifyOnPage(page);
    assert.match(
      await refusal.message(),
      /Refused under clause 2\.1 of the Ilminster Town Council protocol: a councillor has these responsibilities only while they hold office\./,
    );
    assert.equal(await refusal.errorId(), 'term_of_office');
    assert.match(await refusal.alternative(), /If your term has been renewed, ask the .+ to record the new term\./);
    assert.ok(await refusal.clauseLink('2.1').isVisible());

    const cookies = await page.context().cookies();
    assert.equal(cookies.find((c) => c.name === 'concord_session'), undefined, 'no session was started');
    await page.goto(`${suite.server.baseURL}/`);
    await SignInPage.verifyOnPage(page);
  });

  it(
    'a former councillor can read the clause that keeps them out',
    async (t) => {
      const page = await open(t);
      if (!page) return;
      await signIn(page, 'former@example.org');
      const refusal = await RefusalPage.verifyOnPage(page);
      await refusal.clauseLink('2.1').click();
      const protocol = await ProtocolPage.verifyOnPage(page);
      assert.ok(await protocol.clause('2.1').isVisible());
    },
  );

  it('signing in and the refusal work with JavaScript switched off', async (t) => {
    const page = await open(t, { javaScriptEnabled: false });
    if (!page) return;

    await signIn(page, 'chair@example.org');
    await HomePage.verifyOnPage(page, 'councillor');
    // govuk-frontend's inline script marks the body "js-enabled"; here it has not run.
    assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'scripts do not run in this page');

    await page.goto(`${suite.server.baseURL}/tasks/new`);
    const refusal = await RefusalPage.verifyOnPage(page);
    assert.match(await refusal.message(), /Refused under clause 2\.3 of the Ilminster Town Council protocol/);
    assert.deepEqual(await page.getByTestId('refusal-instead').getByRole('link').allInnerTexts(), ['Send the officers an enquiry', 'Ask for an item on a meeting’s agenda']);
    await refusal.clauseLink('2.3').click();
    const protocol = await ProtocolPage.verifyOnPage(page);
    assert.equal(new URL(page.url()).hash, '#clause-2-3');
    assert.ok(await protocol.clause('2.3').isVisible());

    await protocol.signOut();
    await SignInPage.verifyOnPage(page);

    // A wrong password is answered by the server alone, with the error summary.
    const again = await SignInPage.goto(page, suite.server.baseURL);
    await again.signInAs('chair@example.org', 'not-the-password');
    const failed = await SignInPage.verifyOnPage(page);
    assert.deepEqual(await failed.errors(), ['The email address or password is not right']);
  });
});

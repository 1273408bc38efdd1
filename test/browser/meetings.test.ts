import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { browserSkipReason, launchBrowser, newPage } from '../helpers/browser.js';
import { testServer, type TestServer } from '../helpers/server.js';
import { SignInPage } from './pages/sign-in-page.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const skipReason = browserSkipReason();

/**
 * The public agenda page is for a council's website and is reached without signing in, so
 * the crawls in accessibility-*.test.ts (which follow links as each role) are not enough: it is
 * scanned here directly, with the late-request refusal that offers the next meeting.
 */
describe('meetings pages in a browser (axe, WCAG 2.2 AA)', () => {
  let server: TestServer;
  let browser: Browser;
  let issued: string;
  let lateMeeting: string;

  before(async () => {
    if (skipReason) return;
    server = await testServer({ template: 'ledbury' });
    browser = await launchBrowser();
    const rows = await server.db.tenant(server.council.id, (trx) => trx.selectFrom('meetings').select(['id', 'meeting_date', 'summons_issued_on']).orderBy('meeting_date').execute());
    issued = rows.find((r) => r.summons_issued_on !== null && r.meeting_date >= '2026-11-22')!.id;
    const late = await server.db.tenant(server.council.id, (trx) =>
      trx.insertInto('meetings').values({ council_id: server.council.id, committee_id: null, kind: 'ordinary', meeting_date: '2026-11-24', starts_at: '19:00', venue: 'Burgage Hall', created_by: null }).returning('id').executeTakeFirstOrThrow(),
    );
    lateMeeting = late.id;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function violations(t: TestContext, path: string, signIn?: string): Promise<{ problems: string[]; h1: string }> {
    const { context, page } = await newPage(browser);
    try {
      if (signIn) {
        const form = await SignInPage.goto(page, server.baseURL);
        await form.signInAs(signIn);
      }
      await page.goto(server.baseURL + path);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const problems = results.violations.map((v) => `${path}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      t.diagnostic(`${path}: ${results.passes.length} axe rules passed`);
      return { problems, h1: (await page.locator('h1').innerText()).trim() };
    } finally {
      await context.close();
    }
  }

  it('the public agenda page passes axe, signed out', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const { problems, h1 } = await violations(t, `/meetings/${issued}/agenda`);
    assert.match(h1, /^Agenda: Standing Committee, Wednesday 2 December 2026$/);
    assert.deepEqual(problems, []);
  });

  it('the public list of agendas passes axe, signed out', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const { problems } = await violations(t, '/meetings/public');
    assert.deepEqual(problems, []);
  });

  it('the refusal of a late agenda request, offering the next meeting, passes axe', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const { problems, h1 } = await violations(t, `/meetings/${lateMeeting}/request`, 'tom@example.org');
    assert.equal(h1, 'You cannot do this');
    assert.deepEqual(problems, []);
  });

  it('the Clerk’s settings for counting notice periods pass axe', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const { problems } = await violations(t, '/meetings/settings', 'clerk@example.org');
    assert.deepEqual(problems, []);
  });
});

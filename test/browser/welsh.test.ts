import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { crickhowellWelsh } from '../../src/protocol/templates/crickhowell.cy.js';
import { crickhowellTemplate } from '../../src/protocol/templates/crickhowell.js';
import { BrowserSuite } from '../helpers/browser-suite.js';
import { RefusalPage } from './pages/refusal-page.js';
import { SignInPage } from './pages/sign-in-page.js';

/**
 * A council in Wales, bilingual (Crickhowell Town Council): a councillor switches to Welsh and
 * reads a refusal with the clause in Welsh; the Clerk, in English, issues a summons, and each
 * member's email is in their own language.
 */
describe('Welsh and English at Crickhowell, in a browser', () => {
  const suite = new BrowserSuite({ template: 'crickhowell' });
  before(() => suite.start());
  after(() => suite.close());

  async function signedIn(t: TestContext, email: string): Promise<Page> {
    const page = (await suite.open(t))!;
    const form = await SignInPage.goto(page, suite.server.baseURL);
    await form.signInAs(email);
    return page;
  }

  it('a councillor switches to Welsh and is refused an instruction under the council’s clause, in Welsh', async (t) => {
    if (suite.skipReason) return t.skip(suite.skipReason);
    const page = await signedIn(t, 'tom@example.org');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByTestId('language-switch').click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    assert.equal(await page.getByTestId('language-switch').innerText(), 'English');

    await page.goto(`${suite.server.baseURL}/tasks/new`);
    const refusal = await RefusalPage.verifyOnPage(page);
    const text = (await refusal.refusal.innerText()).replace(/\s+/g, ' ');
    const clause = crickhowellTemplate.clauses.find((c) => c.rules.includes('no-individual-instruction'))!;
    const welsh = crickhowellWelsh.clauses[clause.number]!;
    assert.match(text, new RegExp(`Gwrthodwyd o dan gymal ${clause.number.replace(/\./g, '\\.')} \\(Protocol Cyngor Tref Crucywel\\):`));
    assert.ok(text.includes(welsh.summary), `the clause’s Welsh summary: ${welsh.summary}`);
    assert.ok(text.includes(welsh.heading), `the clause’s Welsh heading: ${welsh.heading}`);
    assert.equal(await refusal.refusal.locator('[lang="en"]').count(), 0, 'nothing in the refusal is left in English');
  });

  it('the Clerk issues a summons, and each member’s email is in their own language', async (t) => {
    if (suite.skipReason) return t.skip(suite.skipReason);
    const { db, council, baseURL } = suite.server;
    // Tom Baker chose Welsh (as in the test before, or here if run alone).
    await db.tenant(council.id, (trx) => trx.updateTable('people').set({ locale: 'cy' }).where('email', '=', 'tom@example.org').execute());
    const clerk = await signedIn(t, 'clerk@example.org');
    const session = await clerk.request.get(`${baseURL}/api/v1/session`);
    const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    const created = await clerk.request.post(`${baseURL}/api/v1/meetings`, { headers: { 'x-csrf-token': csrf }, data: { committeeId: null, kind: 'ordinary', meetingDate: '2026-12-10', startsAt: '19:00', venue: 'Clarence Hall' } });
    assert.equal(created.status(), 201, await created.text());
    const meetingId = ((await created.json()) as { id: string }).id;
    const item = await clerk.request.post(`${baseURL}/api/v1/meetings/${meetingId}/items`, { headers: { 'x-csrf-token': csrf }, data: { title: 'Christmas lights', details: 'To agree the switch-on.' } });
    assert.equal(item.status(), 201, await item.text());

    // The summons is its own part of the meeting's page.
    await clerk.goto(`${baseURL}/meetings/${meetingId}?part=summons`);
    assert.equal(await clerk.locator('html').getAttribute('lang'), 'en');
    await clerk.getByTestId('issue-summons').click();
    await clerk.waitForURL(new RegExp(`/meetings/${meetingId}(\\?part=summons)?$`));

    const outbox = await db.tenant(council.id, (trx) =>
      trx.selectFrom('outbox_messages as o').innerJoin('people as p', 'p.id', 'o.recipient_id').select(['p.email', 'o.subject']).where('o.meeting_id', '=', meetingId).orderBy('p.email').execute(),
    );
    assert.ok(outbox.length >= 3, 'every member has a summons');
    for (const message of outbox) {
      if (message.email === 'tom@example.org') assert.equal(message.subject, 'Gwŷs: Cyngor Tref llawn, Dydd Iau 10 Rhagfyr 2026');
      else assert.equal(message.subject, 'Summons: Full Town Council, Thursday 10 December 2026', message.email);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { sql } from 'kysely';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { meetingScheduledEarlier } from './test-support.js';
import { setupPersonalData } from '../setup/personal-data.js';

/*
 * The summons on paper (LGA 1972 Sch. 12): today is Sunday 22 November 2026. In England a member
 * gets the summons by post unless they agreed to email: of the demo's five councillors only
 * Hannah Price has. Jo Evans registers a pecuniary interest in the staffing review.
 */
const STAFFING_PAPER = 'The review proposes a new post of Deputy Clerk from April.';
const LIGHTS_PAPER = 'Three quotes for the festive lights were received.';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, useSystemFonts: true, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    text += (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
  }
  await doc.destroy();
  return text.replace(/\s+/g, ' ');
}

/** Each letter's text, by the name it is addressed to: from that name to the next letter's. */
function letters(text: string, names: string[]): Record<string, string> {
  const starts = names.map((n) => ({ n, at: text.indexOf(n) })).filter((s) => s.at >= 0).sort((a, b) => a.at - b.at);
  return Object.fromEntries(starts.map((s, i) => [s.n, text.slice(s.at, starts[i + 1]?.at ?? text.length)]));
}

const NAMES = ['Jo Evans', 'Priya Shah', 'Tom Baker', 'Hannah Price', 'Owen Hughes'];

describe('the summons by post (Ilminster Town Council, England)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  let meetingId: string;
  let pack = '';

  const papersFor = async (itemTitle: string, title: string, body: string) =>
    ctx.db.tenant(ctx.council.id, async (trx) => {
      const item = await trx.selectFrom('agenda_items').select(['id', 'council_id']).where('meeting_id', '=', meetingId).where('title', '=', itemTitle).executeTakeFirstOrThrow();
      await trx.insertInto('agenda_papers').values({ council_id: item.council_id, meeting_id: meetingId, agenda_item_id: item.id, request_id: null, title, body, created_by: ctx.people.clerk }).execute();
    });

  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const staffing = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('matters').select('id').where('title', '=', 'Staffing review').executeTakeFirstOrThrow());
    // Owen's address is not on record yet.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ postal_address: '' }).where('id', '=', ctx.people.independent).execute());

    const jo = new TestClient(ctx.app);
    await jo.signIn(ctx.emailOf('chair'));
    await jo.get('/interests/new');
    assert.equal((await jo.post('/interests/new', { category: 'employment', holder: 'partner', description: 'My partner applied for the Deputy Clerk’s post', matterIds: staffing.id })).status, 303);

    const meeting = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2026-12-10', startsAt: '19:00', venue: 'Ilminster Arts Centre' });
    assert.equal(meeting.statusCode, 201, meeting.body);
    meetingId = meeting.json().id;
    for (const item of [
      { title: 'Staffing review', details: 'To consider the review.', matterId: staffing.id },
      { title: 'Christmas lights', details: 'To agree the switch-on.' },
      { title: 'Tender for grounds maintenance', details: 'The bids received.', confidential: true, confidentialReason: 'commercial terms' },
    ]) {
      const res = await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, item);
      assert.equal(res.statusCode, 201, res.body);
    }
    await papersFor('Staffing review', 'Staffing report', STAFFING_PAPER);
    await papersFor('Christmas lights', 'Lights quotes', LIGHTS_PAPER);
  });
  after(() => ctx.close());

  it('lets the Clerk record a member’s postal address on their record, kept in their personal data', async () => {
    const form = await clerk.get(`/setup/people/${ctx.people.riverside}`);
    assert.equal(form.$('#postalAddress').val(), 'Mill House, Mill Lane\nZZ99 3EF', 'the demo’s address');
    const saved = await clerk.post(`/setup/people/${ctx.people.riverside}`, {
      name: 'Tom Baker',
      email: ctx.emailOf('riverside'),
      role: 'councillor',
      jobTitle: '',
      postalAddress: ' The Old Forge \r\n\r\nWest Street\r\nIlminster TA19 9AA ',
      councilOffice: '',
      'termStarts-day': '4',
      'termStarts-month': '5',
      'termStarts-year': '2023',
      'termEnds-day': '6',
      'termEnds-month': '5',
      'termEnds-year': '2027',
      active: 'on',
    });
    assert.equal(saved.status, 303, saved.text('.govuk-error-summary'));
    const row = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('people').select('postal_address').where('id', '=', ctx.people.riverside).executeTakeFirstOrThrow());
    assert.equal(row.postal_address, 'The Old Forge\nWest Street\nIlminster TA19 9AA');
    const exported = await ctx.db.tenant(ctx.council.id, (trx) => setupPersonalData(trx, ctx.council.id, ctx.people.riverside));
    assert.match(JSON.stringify(exported), /The Old Forge\\nWest Street/);
  });

  it('writes the letters without links, and keeps the email’s link', async () => {
    const issued = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`);
    assert.equal(issued.statusCode, 200, issued.body);
    const outbox = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select(['id', 'recipient_id', 'channel', 'body']).where('meeting_id', '=', meetingId).execute());
    const post = outbox.filter((o) => o.channel === 'post');
    assert.equal(post.length, 4);
    for (const letter of post) {
      assert.doesNotMatch(letter.body, /http/);
      // Jo's interest in the staffing review withholds its report from her: the summons says so, and under which clause, as her meeting page does.
      const staffing =
        letter.recipient_id === ctx.people.chair
          ? '- Staffing report: withheld from you. Refused under clause 2.6 of the Ilminster Town Council protocol: a councillor may not see documents about a matter where they have a pecuniary interest.'
          : '- Staffing report';
      assert.ok(letter.body.includes(`Papers (printed with this letter, or enclosed):\n${staffing}\n- Lights quotes\n`), letter.body);
    }
    const email = outbox.find((o) => o.channel === 'email')!;
    assert.equal(email.recipient_id, ctx.people.market);
    assert.match(email.body, /http:\/\/[^\s]+\/meetings\//);
    // The Clerk's outbox gives a letter's name and postal address, and an email's address.
    const page = await clerk.get('/outbox');
    const row = (id: string) => page.$(`[data-testid="outbox"] tbody tr`).filter((_, tr) => page.$(tr).find(`a[href$="/outbox/${id}"]`).length === 1).find('td').first().text();
    const tom = post.find((o) => o.recipient_id === ctx.people.riverside)!;
    assert.equal(row(tom.id), 'Tom Baker, The Old Forge, West Street, Ilminster TA19 9AA');
    assert.equal(row(email.id), ctx.emailOf('market'));
  });

  it('shows the Clerk who gets a letter, warns of a missing address, and links the pack', async () => {
    const page = await clerk.get(`/meetings/${meetingId}?part=summons`);
    assert.equal(page.status, 200);
    assert.match(page.text('[data-testid="missing-addresses"]'), /one member has no postal address on record[^]*Owen Hughes\./);
    assert.equal(page.$('[data-testid="summons-pack"]').attr('href'), `/meetings/${meetingId}/summons/pack.pdf`);
    const letterRows = page.text('[data-testid="letters"]');
    for (const name of ['Jo Evans', 'Priya Shah', 'Tom Baker', 'Owen Hughes']) assert.match(letterRows, new RegExp(name));
    assert.doesNotMatch(letterRows, /Hannah Price/, 'she agreed to email');
    assert.match(page.text(`[data-testid="posted-${ctx.people.chair}"]`), /Not posted yet/);
    // Issued, the summons says when it went rather than the day it had to go by.
    assert.match(page.text('[data-testid="summons-due"]'), /^Issued on .*22 November 2026\.$/);
    // No letter is ticked as posted until the Clerk ticks it: the posting day counts towards the notice.
    assert.equal(page.$('input[name="personIds"]').length, 4);
    assert.equal(page.$('input[name="personIds"]:checked').length, 0);
    const none = await clerk.post(`/meetings/${meetingId}/summons/posted`, { 'postedOn-day': '22', 'postedOn-month': '11', 'postedOn-year': '2026' });
    assert.equal(none.status, 400);
    assert.equal(none.$('#personIds-error').length, 1, 'the error is on the letters’ checkboxes');
    const home = await clerk.get('/');
    const line = home.$(`[data-testid="letters-to-post"] a[href="/meetings/${meetingId}?part=summons"]`);
    assert.match(line.text(), /Summons letters not yet posted for Full Town Council, 10 December 2026: 4, to post by \d+ December 2026/);
  });

  it('prints one letter a postal member: address, meeting, agenda and the papers that member may receive', async () => {
    const res = await clerk.get(`/meetings/${meetingId}/summons/pack.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.res.headers['content-type'], 'application/pdf');
    pack = await pdfText(new Uint8Array(res.res.rawPayload));
    assert.doesNotMatch(pack, /http/i);
    const byName = letters(pack, NAMES);
    assert.deepEqual(Object.keys(byName).sort(), ['Jo Evans', 'Owen Hughes', 'Priya Shah', 'Tom Baker'], 'no letter for Hannah Price, who agreed to email');
    assert.match(byName['Tom Baker']!, /The Old Forge West Street Ilminster TA19 9AA/);
    assert.match(byName['Jo Evans']!, /3 Orchard Close ZZ99 1AB/);
    assert.match(byName['Priya Shah']!, /Flat 2, 41 High Street ZZ99 2CD/);
    assert.match(byName['Owen Hughes']!, /No postal address is on record for this member/);
    // Each letter is headed with the council's name; its agenda is numbered as the summons is.
    for (const name of Object.keys(byName)) assert.ok(pack.includes(`Ilminster Town Council ${name}`), `${name}: the council's name above the address`);
    assert.doesNotMatch(pack, /• \d+\./, 'a number, not a bullet and a number');
    for (const [name, letter] of Object.entries(byName)) {
      assert.match(letter, /1\. Apologies for absence 2\. Declarations of interest/, name);
      assert.match(letter, /Sunday 22 November 2026/, `${name}: the date of the letter`);
      assert.match(letter, /Thursday 10 December 2026, 19:00/, name);
      assert.match(letter, /Ilminster Arts Centre/, name);
      assert.match(letter, /Staffing review/, name);
      assert.match(letter, /Christmas lights/, name);
      assert.match(letter, /Tender for grounds maintenance \(press and public to be excluded\)/, name);
      assert.doesNotMatch(letter, /The bids received/, `${name}: a private item in general terms`);
      assert.match(letter, new RegExp(LIGHTS_PAPER), name);
    }
    // Jo registered a pecuniary interest in the staffing review: its paper is not in her letter,
    // which names it as withheld and why, as the meeting page does; nobody else's letter has any.
    assert.doesNotMatch(byName['Jo Evans']!, new RegExp(STAFFING_PAPER));
    assert.match(
      byName['Jo Evans']!,
      /Papers withheld from you • Item 6: Staffing report\. Refused under clause 2\.6 of the Ilminster Town Council protocol: a councillor may not see documents about a matter where they have a pecuniary interest\./,
    );
    for (const name of ['Tom Baker', 'Priya Shah', 'Owen Hughes']) assert.doesNotMatch(byName[name]!, /withheld/i, name);
    assert.match(byName['Tom Baker']!, new RegExp(STAFFING_PAPER));
    assert.match(byName['Priya Shah']!, new RegExp(STAFFING_PAPER));
  });

  it('refuses the pack to a councillor, naming the clause', async () => {
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const refused = await tom.get(`/meetings/${meetingId}/summons/pack.pdf`);
    assert.equal(refused.status, 403);
    assert.match(refused.text('[data-testid="refusal"]'), /Refused under/);
    assert.doesNotMatch(refused.res.body, new RegExp(STAFFING_PAPER));
  });

  it('records letters as posted, shows it, and audits it', async () => {
    await clerk.get(`/meetings/${meetingId}?part=summons`);
    const posted = await clerk.post(`/meetings/${meetingId}/summons/posted`, { personIds: [ctx.people.chair, ctx.people.riverside], 'postedOn-day': '22', 'postedOn-month': '11', 'postedOn-year': '2026' });
    assert.equal(posted.status, 303, posted.text('.govuk-error-summary'));
    const page = await clerk.get(`/meetings/${meetingId}?part=summons`);
    assert.match(page.text(`[data-testid="posted-${ctx.people.chair}"]`), /Posted on 22 November 2026/);
    assert.match(page.text(`[data-testid="posted-${ctx.people.riverside}"]`), /Posted on 22 November 2026/);
    assert.match(page.text(`[data-testid="posted-${ctx.people.vice}"]`), /Not posted yet/);
    assert.equal(page.$(`input[name="personIds"][value="${ctx.people.vice}"]`).length, 1, 'one not yet posted can be ticked');
    assert.equal(page.$('input[name="personIds"]:checked').length, 0, 'and is not ticked for the Clerk');
    const rows = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('outbox_messages').select(['recipient_id', 'posted_on', 'posted_by', 'sent_at']).where('meeting_id', '=', meetingId).where('channel', '=', 'post').execute(),
    );
    const jo = rows.find((r) => r.recipient_id === ctx.people.chair)!;
    assert.equal(jo.posted_on, '2026-11-22');
    assert.equal(jo.posted_by, ctx.people.clerk);
    assert.ok(jo.sent_at, 'a letter posted is sent');
    assert.equal(rows.find((r) => r.recipient_id === ctx.people.vice)!.posted_on, null);
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select(['actor_id', 'entity_id', 'data']).where('action', '=', 'summons.posted').execute());
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.entity_id, meetingId);
    assert.deepEqual((audit[0]!.data as { personIds: string[] }).personIds.sort(), [ctx.people.chair, ctx.people.riverside].sort());

    const api = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons/posted`, { personIds: [ctx.people.vice], postedOn: '2026-11-22' });
    assert.equal(api.statusCode, 200, api.body);
    assert.deepEqual(api.json().posted, [{ personId: ctx.people.vice, name: 'Priya Shah', postedOn: '2026-11-22' }]);
    const home = await clerk.get('/');
    assert.match(home.text(`[data-testid="letters-to-post"]:has(a[href="/meetings/${meetingId}?part=summons"])`), /10 December 2026: 1, to post by/, 'Owen’s letter is still to post');
  });

  it('refuses a posting day in the future or before the summons was issued, and a member who gets it by email', async () => {
    await clerk.get(`/meetings/${meetingId}?part=summons`);
    const future = await clerk.post(`/meetings/${meetingId}/summons/posted`, { personIds: [ctx.people.independent], 'postedOn-day': '23', 'postedOn-month': '11', 'postedOn-year': '2026' });
    assert.equal(future.status, 400);
    assert.match(future.text('#postedOn-error'), /cannot be in the future/);
    const before = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons/posted`, { personIds: [ctx.people.independent], postedOn: '2026-11-21' });
    assert.equal(before.statusCode, 400);
    assert.equal(before.json().error.fields[0].field, 'postedOn');
    assert.match(before.json().error.fields[0].message, /before the summons was issued, on Sunday 22 November 2026/);
    const futureApi = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons/posted`, { personIds: [ctx.people.independent], postedOn: '2026-11-23' });
    assert.equal(futureApi.statusCode, 400);
    assert.match(futureApi.json().error.fields[0].message, /future/);
    const email = await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons/posted`, { personIds: [ctx.people.market], postedOn: '2026-11-22' });
    assert.equal(email.statusCode, 400);
    assert.equal(email.json().error.fields[0].field, 'personIds');
    const owen = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select('posted_on').where('meeting_id', '=', meetingId).where('recipient_id', '=', ctx.people.independent).executeTakeFirstOrThrow());
    assert.equal(owen.posted_on, null, 'nothing is recorded');
  });

  it('refuses marks and the pack before the summons is issued', async () => {
    const draft = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2027-01-14', startsAt: '19:00', venue: 'Ilminster Arts Centre' });
    assert.equal(draft.statusCode, 201);
    const id = draft.json().id;
    const api = await clerk.api('POST', `/api/v1/meetings/${id}/summons/posted`, { personIds: [ctx.people.chair], postedOn: '2026-11-22' });
    assert.equal(api.statusCode, 409);
    assert.equal(api.json().error.id, 'summons_not_issued');
    await clerk.get(`/meetings/${id}?part=summons`);
    const page = await clerk.post(`/meetings/${id}/summons/posted`, { personIds: [ctx.people.chair], 'postedOn-day': '22', 'postedOn-month': '11', 'postedOn-year': '2026' });
    assert.equal(page.status, 400);
    assert.match(page.text('#postedOn-error'), /has not been issued yet/);
    assert.equal((await clerk.get(`/meetings/${id}/summons/pack.pdf`)).status, 409);
  });

  it('lets a member record their own postal address, and the warning goes', async () => {
    const owen = new TestClient(ctx.app);
    await owen.signIn(ctx.emailOf('independent'));
    const form = await owen.get('/meetings/preferences');
    assert.equal(form.$('#postalAddress').val(), '');
    const saved = await owen.post('/meetings/preferences/summons', { electronic: 'no', postalAddress: '7 Chapel Row\r\nIlminster TA19 0BB' });
    assert.equal(saved.status, 303);
    assert.equal((await owen.get('/meetings/preferences')).$('#postalAddress').val(), '7 Chapel Row\nIlminster TA19 0BB');
    const audit = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('audit_log').select('actor_id').where('action', '=', 'person.address_updated').execute());
    assert.deepEqual(audit.map((a) => a.actor_id), [ctx.people.independent]);
    const page = await clerk.get(`/meetings/${meetingId}?part=summons`);
    assert.equal(page.$('[data-testid="missing-addresses"]').length, 0);
    assert.match(page.text('[data-testid="letters"]'), /7 Chapel Row, Ilminster TA19 0BB/);
  });

  it('refuses a letter posted too late for three clear days, naming the law, unless the meeting was accepted at short notice', async () => {
    // Thursday 26 November needs its summons by Saturday 21 (Mon 23 to Wed 25 are the clear days).
    const late = await meetingScheduledEarlier(ctx, { meetingDate: '2026-11-26', venue: 'Ilminster Arts Centre' });
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      await trx.updateTable('meetings').set({ summons_issued_on: '2026-11-20', summons_issue_count: 1 }).where('id', '=', late).execute();
      await trx.insertInto('outbox_messages').values({ council_id: ctx.council.id, recipient_id: ctx.people.riverside, recipient_email: ctx.emailOf('riverside'), channel: 'post', subject: 'Summons', body: 'The summons', meeting_id: late }).execute();
    });
    const api = await clerk.api('POST', `/api/v1/meetings/${late}/summons/posted`, { personIds: [ctx.people.riverside], postedOn: '2026-11-22' });
    assert.equal(api.statusCode, 409);
    assert.equal(api.json().error.id, 'summons_too_late');
    assert.match(api.json().error.message, /Local Government Act 1972 \(Schedule 12, paragraph 10\(2\)\(b\)\) requires the summons to be sent three clear days before, by Saturday 21 November 2026/);
    await clerk.get(`/meetings/${late}?part=summons`);
    const page = await clerk.post(`/meetings/${late}/summons/posted`, { personIds: [ctx.people.riverside], 'postedOn-day': '22', 'postedOn-month': '11', 'postedOn-year': '2026' });
    assert.equal(page.status, 400);
    assert.match(page.text('#postedOn-error'), /posted on Sunday 22 November 2026 is too late[^]*Schedule 12, paragraph 10\(2\)\(b\)/);

    const inTime = await clerk.api('POST', `/api/v1/meetings/${late}/summons/posted`, { personIds: [ctx.people.riverside], postedOn: '2026-11-21' });
    assert.equal(inTime.statusCode, 200, inTime.body);
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('meetings').set({ short_notice_reason: 'Flooding on the Bay Hill estate.' }).where('id', '=', late).execute());
    const shortNotice = await clerk.api('POST', `/api/v1/meetings/${late}/summons/posted`, { personIds: [ctx.people.riverside], postedOn: '2026-11-22' });
    assert.equal(shortNotice.statusCode, 200, shortNotice.body);
  });

  it('does not name, in a letter, on the meeting page or in the library, a confidential paper not issued to the member, even one their interest would bar', async () => {
    // Tom registers an interest in the staffing review; its confidential structure, issued to Jo and Owen only, goes with the staffing item.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const staffing = await trx.selectFrom('matters').select('id').where('title', '=', 'Staffing review').executeTakeFirstOrThrow();
      const interest = await trx
        .insertInto('interests')
        .values({ council_id: ctx.council.id, person_id: ctx.people.riverside, kind: 'pecuniary', category: 'employment', holder: 'self', description: 'I applied for the Deputy Clerk’s post.', sensitive: false, registered_on: '2026-11-01', ended_on: null, supersedes: null, superseded_on: null, recorded_by: ctx.people.riverside })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('interest_matters').values({ council_id: ctx.council.id, interest_id: interest.id, matter_id: staffing.id }).execute();
      const item = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).where('title', '=', 'Staffing review').executeTakeFirstOrThrow();
      const structure = await trx.selectFrom('documents').select('id').where('title', '=', 'Staffing review: proposed structure').executeTakeFirstOrThrow();
      await trx.insertInto('agenda_papers').values({ council_id: ctx.council.id, meeting_id: meetingId, agenda_item_id: item.id, request_id: null, title: 'Proposed structure', body: '', document_id: structure.id, created_by: ctx.people.clerk }).execute();
    });
    const res = await clerk.get(`/meetings/${meetingId}/summons/pack.pdf`);
    assert.equal(res.status, 200);
    const byName = letters(await pdfText(new Uint8Array(res.res.rawPayload)), NAMES);
    // Tom is told of the staffing report withheld for his interest, and of nothing confidential.
    assert.match(byName['Tom Baker']!, /Papers withheld from you • Item 6: Staffing report\. Refused under clause 2\.6/);
    assert.doesNotMatch(byName['Tom Baker']!, /proposed structure/i);
    // Jo, to whom it was issued, is told it is withheld for her interest.
    assert.match(byName['Jo Evans']!, /Item 6: Staffing review: proposed structure\. Refused under clause 2\.6/);

    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    const page = await tom.get(`/meetings/${meetingId}`);
    assert.match(page.text('[data-testid="withheld-papers"]'), /Staffing report: withheld from you/);
    assert.doesNotMatch(page.text('main'), /proposed structure/i);
    assert.doesNotMatch((await tom.get('/documents')).text('main'), /Staffing review: proposed structure/);

    // Issued again with the new paper: no member's message names it unless it was issued to them.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('meetings').set({ agenda_changed_since_issue: true }).where('id', '=', meetingId).execute());
    const earlier = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('outbox_messages').select('id').where('meeting_id', '=', meetingId).execute());
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`)).statusCode, 200);
    const messages = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('outbox_messages').select(['recipient_id', 'body']).where('meeting_id', '=', meetingId).where('id', 'not in', earlier.map((m) => m.id)).execute(),
    );
    const bodyOf = (id: string) => messages.find((m) => m.recipient_id === id)?.body ?? '';
    assert.match(bodyOf(ctx.people.chair), /- Staffing review: proposed structure: withheld from you\. Refused under clause 2\.6 of the Ilminster Town Council protocol: a councillor may not see documents about a matter where they have a pecuniary interest\.\n/);
    for (const key of ['riverside', 'market'] as const) {
      assert.notEqual(bodyOf(ctx.people[key]), '', key);
      assert.doesNotMatch(bodyOf(ctx.people[key]), /proposed structure/i, key);
    }
    assert.match(bodyOf(ctx.people.market), /- Staffing report: http/);
  });

  it('names a withheld paper and its clause in the letter’s language: Welsh to a member who reads it, both where the summons is bilingual', async () => {
    // Ilminster takes up Welsh; Tom reads it. His protocol has no Welsh text, so the clause's words stay English.
    await ctx.db.system((trx) => sql`update councils set settings = settings || '{"languages": ["en", "cy"]}'::jsonb where id = ${ctx.council.id}`.execute(trx));
    ctx.app.concord.councils.invalidate();
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('people').set({ locale: 'cy' }).where('id', '=', ctx.people.riverside).execute());
    const pack = async () => {
      const res = await clerk.get(`/meetings/${meetingId}/summons/pack.pdf`);
      assert.equal(res.status, 200);
      return letters(await pdfText(new Uint8Array(res.res.rawPayload)), NAMES);
    };
    const welsh = await pack();
    assert.match(welsh['Tom Baker']!, /Papurau sydd wedi’u hatal rhagoch chi • Eitem 6: Staffing report\. Gwrthodwyd o dan gymal 2\.6 \(Protocol Ilminster Town Council\): a councillor may not see documents/);
    assert.doesNotMatch(welsh['Tom Baker']!, /Papers withheld from you|Refused under clause/);
    assert.match(welsh['Jo Evans']!, /Papers withheld from you • Item 6: Staffing report\. Refused under clause 2\.6/, 'an English reader’s letter is unchanged');

    await ctx.db.system((trx) => sql`update councils set settings = settings || '{"bilingualSummons": true}'::jsonb where id = ${ctx.council.id}`.execute(trx));
    ctx.app.concord.councils.invalidate();
    const bilingual = await pack();
    for (const name of ['Tom Baker', 'Jo Evans']) {
      assert.match(
        bilingual[name]!,
        /Papurau sydd wedi’u hatal rhagoch chi \/ Papers withheld from you • Eitem 6: Staffing report\. Gwrthodwyd o dan gymal 2\.6 [^•]* \/ Item 6: Staffing report\. Refused under clause 2\.6 of the Ilminster Town Council protocol/,
        name,
      );
    }
    assert.doesNotMatch(bilingual['Priya Shah']!, /withheld|hatal/i);

    // The summons itself, issued again, explains the withheld paper in both languages too.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('meetings').set({ agenda_changed_since_issue: true }).where('id', '=', meetingId).execute());
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${meetingId}/summons`)).statusCode, 200);
    const message = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('outbox_messages').select('body').where('meeting_id', '=', meetingId).where('recipient_id', '=', ctx.people.riverside).orderBy('created_at', 'desc').executeTakeFirstOrThrow(),
    );
    assert.match(message.body, /- Staffing report: wedi’i atal rhagoch chi\. Gwrthodwyd o dan gymal 2\.6 \(Protocol Ilminster Town Council\): a councillor may not see documents/);
    assert.match(message.body, /- Staffing report: withheld from you\. Refused under clause 2\.6 of the Ilminster Town Council protocol/);
  });

  it('keeps, in the outbox and the printed pack, the name and address a letter was posted to after the member moves', async () => {
    const lettersTo = (personId: string) =>
      ctx.db.tenant(ctx.council.id, (trx) =>
        trx.selectFrom('outbox_messages').select(['id', 'recipient_name', 'recipient_postal_address']).where('meeting_id', '=', meetingId).where('recipient_id', '=', personId).where('channel', '=', 'post').orderBy('created_at').execute(),
      );
    const [tomsFirst] = await lettersTo(ctx.people.riverside);
    assert.equal(tomsFirst!.recipient_name, 'Tom Baker');
    assert.equal(tomsFirst!.recipient_postal_address, 'The Old Forge\nWest Street\nIlminster TA19 9AA', 'the letter keeps the address it was posted to');
    // A letter written before letters kept their address: the outbox reads the member's record.
    const older = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.insertInto('outbox_messages').values({ council_id: ctx.council.id, recipient_id: ctx.people.riverside, recipient_email: ctx.emailOf('riverside'), channel: 'post', subject: 'An older letter', body: 'The summons', meeting_id: null }).returning('id').executeTakeFirstOrThrow(),
    );

    // His latest letter goes in the post too.
    assert.equal((await clerk.post(`/meetings/${meetingId}/summons/posted`, { personIds: [ctx.people.riverside], 'postedOn-day': '22', 'postedOn-month': '11', 'postedOn-year': '2026' })).status, 303);

    // Tom moves after his letters went out.
    const tom = new TestClient(ctx.app);
    await tom.signIn(ctx.emailOf('riverside'));
    await tom.get('/meetings/preferences');
    assert.equal((await tom.post('/meetings/preferences/summons', { electronic: 'no', postalAddress: '2 New Street\r\nIlminster TA19 0CC' })).status, 303);

    const outbox = await clerk.get('/outbox');
    const to = (id: string) => outbox.$(`[data-testid="outbox"] tbody tr`).filter((_, tr) => outbox.$(tr).find(`a[href$="/outbox/${id}"]`).length === 1).find('td').first().text();
    assert.equal(to(tomsFirst!.id), 'Tom Baker, The Old Forge, West Street, Ilminster TA19 9AA');
    const message = await clerk.get(`/outbox/${tomsFirst!.id}`);
    assert.equal(message.status, 200);
    assert.equal(message.$('[data-testid="message"] .govuk-summary-list__row').first().find('.govuk-summary-list__value').text().trim(), 'Tom Baker, The Old Forge, West Street, Ilminster TA19 9AA');
    assert.equal(to(older.id), 'Tom Baker, 2 New Street, Ilminster TA19 0CC');
    // The pack prints his posted letter as it went, not to where he lives now; Owen's, not yet posted, to his address now.
    const printed = await pdfText(new Uint8Array((await clerk.get(`/meetings/${meetingId}/summons/pack.pdf`)).res.rawPayload));
    assert.match(printed, /The Old Forge/);
    assert.doesNotMatch(printed, /2 New Street/);
    assert.match(printed, /Owen Hughes 7 Chapel Row/);

    // Owen's letter is not posted yet: it goes to the address he has recorded since, which the outbox gives.
    const [owens] = await lettersTo(ctx.people.independent);
    assert.equal(owens!.recipient_postal_address, null);
    assert.equal(to(owens!.id), 'Owen Hughes, 7 Chapel Row, Ilminster TA19 0BB');
  });
});

describe('the summons by post in Welsh (Crickhowell Town Council, Wales)', () => {
  let ctx: TestContext;
  let clerk: TestClient;
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
    clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    // In Wales the summons goes by email unless a member asks for paper: Tom Baker does, and reads Welsh.
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      await trx.updateTable('people').set({ locale: 'cy' }).where('id', '=', ctx.people.riverside).execute();
      await trx.insertInto('summons_preferences').values({ council_id: ctx.council.id, person_id: ctx.people.riverside, electronic: false }).execute();
    });
  });
  after(() => ctx.close());

  it('writes the letter of a member who reads Welsh in Welsh', async () => {
    const meeting = await clerk.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2026-12-10', startsAt: '19:00', venue: 'Clarence Hall' });
    assert.equal(meeting.statusCode, 201, meeting.body);
    const id = meeting.json().id;
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${id}/items`, { title: 'Christmas lights', details: 'To agree the switch-on.' })).statusCode, 201);
    assert.equal((await clerk.api('POST', `/api/v1/meetings/${id}/summons`)).statusCode, 200);
    const res = await clerk.get(`/meetings/${id}/summons/pack.pdf`);
    assert.equal(res.status, 200);
    const text = await pdfText(new Uint8Array(res.res.rawPayload));
    const byName = letters(text, NAMES);
    assert.deepEqual(Object.keys(byName), ['Tom Baker'], 'the others get it by email');
    assert.match(byName['Tom Baker']!, /Mill House, Mill Lane ZZ99 3EF/);
    assert.match(byName['Tom Baker']!, /Gwŷs: Cyngor Tref llawn, Dydd Iau 10 Rhagfyr 2026/);
    assert.match(byName['Tom Baker']!, /Fe’ch gwysir i fod yn bresennol/);
    assert.match(byName['Tom Baker']!, /Dydd Sul 22 Tachwedd 2026/);
    assert.doesNotMatch(byName['Tom Baker']!, /You are summoned/);
  });
});

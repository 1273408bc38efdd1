import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIXED_NOW, testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient, type Page } from '../../test/helpers/client.js';
import { createDemoCouncil } from '../demo/demo.js';
import { findTemplate } from '../protocol/templates/index.js';
import { addDays } from '../calendar/dates.js';
import { londonDate } from '../policy/principal.js';
import type { Council } from '../db/schema.js';
import { readPdf } from '../../test/helpers/pdf.js';
import { meetingWithApprovedMinutes, PRIVATE_DETAILS, PRIVATE_MINUTE } from '../meetings/test-support.js';

/** The hrefs of the page's links, as a browser would follow them. */
const hrefs = (page: Page): string[] => page.$('a[href]').map((_, a) => page.$(a).attr('href')!).get();

/** The one link on the page whose text matches, or whose address does; fails when there is none. */
function linkTo(page: Page, match: { text?: RegExp; href?: RegExp }): string {
  const found = page
    .$('a[href]')
    .filter((_, a) => (!match.text || match.text.test(page.$(a).text().replace(/\s+/g, ' ').trim())) && (!match.href || match.href.test(page.$(a).attr('href')!)))
    .map((_, a) => page.$(a).attr('href')!)
    .get();
  assert.ok(found.length > 0, `a link ${match.text ?? ''} ${match.href ?? ''} on ${page.title()}`);
  return found[0]!;
}

/**
 * A resident's way in, signed out: from the sign-in page to the council's public home, and
 * from there by links alone to the meetings, agendas, approved minutes, the register of
 * interests, the calendar feed and the protocol; and nothing the public may not read.
 */
describe('the council’s public information, signed out', () => {
  let ctx: TestContext;
  let other: Council;
  let today: string;
  const ids = { approved: '', draftMinutes: '', draftAgenda: '', issued: '' };
  let lastMeeting: { id: string; meeting_date: string } | undefined;

  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    today = londonDate(FIXED_NOW);
    // A second council in the same deployment: nothing of one may show on the other's pages.
    other = await createDemoCouncil(ctx.db, findTemplate('ledbury')!, { slug: 'ledbury' });
    ctx.app.concord.councils.invalidate();
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      const meetings = await trx.selectFrom('meetings').selectAll().where('committee_id', 'is', null).orderBy('meeting_date').execute();
      const last = meetings.find((m) => m.minutes_status === 'draft')!;
      ids.draftMinutes = last.id;
      ids.draftAgenda = meetings.find((m) => m.summons_issued_on === null && m.meeting_date > today)!.id;
      ids.issued = (await trx.selectFrom('meetings').select('id').where('committee_id', 'is not', null).where('summons_issued_on', 'is not', null).executeTakeFirstOrThrow()).id;
      lastMeeting = last;
      // Tom Baker has nothing to declare, and said so; Jo Evans has not returned the form.
      await trx.insertInto('interest_nil_returns').values({ council_id: ctx.council.id, person_id: ctx.people.riverside, returned_on: '2026-10-01', recorded_by: ctx.people.riverside }).execute();
    });
    // The meeting before last: its minutes approved at last month's meeting, one item taken in private.
    ids.approved = await meetingWithApprovedMinutes(ctx, { meetingDate: addDays(lastMeeting!.meeting_date, -35), approvedAt: lastMeeting! });
  });
  after(() => ctx.close());

  it('is reached from the sign-in page by links alone: the public home, an agenda, approved minutes, the register, the calendar feed and the protocol', async () => {
    const resident = new TestClient(ctx.app, '/c/demo');
    const go = (href: string) => resident.get(href.replace(/^\/c\/demo/, ''));

    const signIn = await resident.get('/sign-in');
    assert.equal(signIn.status, 200);
    const home = await go(linkTo(signIn, { text: /^The council’s public information$/ }));
    assert.equal(home.status, 200);
    assert.equal(home.text('h1'), 'Ilminster Town Council');
    assert.match(home.text('main'), /Ilminster Town Council is the Town Council for its area/);
    assert.match(home.text('main'), /led by the Town Clerk/, 'in the council’s own titles');
    const listed = home.$('[data-testid="public-pages"] a').map((_, a) => home.$(a).text().trim()).get();
    assert.deepEqual(listed, [
      'Coming meetings and their agendas',
      'The council’s meetings calendar (iCalendar)',
      'Past meetings and approved minutes',
      'Public register of councillors’ interests',
      'Register of dispensations',
      'Our protocol on member/officer relations',
    ]);
    assert.equal(home.$('[data-testid="footer-public"]').attr('href'), '/c/demo/public', 'every page’s footer leads back here');

    // The protocol, from the sign-in page as from the public home.
    const protocol = await go(linkTo(signIn, { href: /\/protocol$/, text: /protocol/i }));
    assert.equal(protocol.status, 200);
    assert.match(protocol.text('h1'), /Protocol/);
    assert.equal(linkTo(protocol, { text: /^Public information$/ }), '/c/demo/public', 'the protocol leads back to the public home');
    assert.equal((await go(linkTo(home, { text: /^Our protocol on member\/officer relations$/ }))).status, 200);

    // The calendar of coming meetings, its agenda, and the feed with how to subscribe.
    const calendar = await go(linkTo(home, { text: /^Coming meetings and their agendas$/ }));
    assert.equal(calendar.status, 200);
    assert.match(calendar.text('main'), /To subscribe, copy the address of the link below/);
    const agenda = await go(linkTo(calendar, { href: new RegExp(`/meetings/${ids.issued}/agenda$`) }));
    assert.equal(agenda.status, 200);
    assert.match(agenda.text('h1'), /^Agenda: /);
    assert.match(agenda.text('[data-testid="agenda-items"]'), /Budget monitoring/);
    assert.match(agenda.text('[data-testid="excluded"]'), /excluded for this item, by resolution, because the item concerns a named member of staff/);
    assert.doesNotMatch(agenda.text('main'), /Review of the Assistant Clerk’s hours/, 'a private item in general terms only');
    assert.ok(hrefs(agenda).includes('/c/demo/public'), 'the agenda leads back to the public home');
    const feed = await resident.get(linkTo(home, { href: /\.ics$/ }).replace(/^\/c\/demo/, ''));
    assert.equal(feed.status, 200);
    assert.match(String(feed.res.headers['content-type']), /^text\/calendar/);
    assert.match(feed.res.body, /BEGIN:VCALENDAR/);
    assert.equal(linkTo(calendar, { href: /public\.ics$/ }), '/c/demo/meetings/public.ics');

    // Past meetings: each with its agenda, and its minutes once approved.
    const past = await go(linkTo(home, { text: /^Past meetings and approved minutes$/ }));
    assert.equal(past.status, 200);
    const approvedEntry = past.$(`[data-meeting-id="${ids.approved}"]`);
    assert.match(approvedEntry.text().replace(/\s+/g, ' '), /Approved minutes .*\(approved on /);
    const minutes = await go(linkTo(past, { href: new RegExp(`/meetings/${ids.approved}/minutes/public$`) }));
    assert.equal(minutes.status, 200);
    assert.match(minutes.text('h1'), /^Minutes: Full Town Council, /);
    assert.match(minutes.text('[data-testid="minutes-approved"]'), /approved as a correct record at the meeting on /);
    assert.match(minutes.text('[data-testid="minutes"]'), /Resolved to keep allotment rents at £30 a year\./);
    assert.match(minutes.text('[data-testid="minute-private"]'), /^Taken in private: the public and press were excluded for this item, by resolution, because the item concerns a named member of staff$/);
    assert.match(minutes.text('[data-testid="minutes-attendance"]'), /^Present ?Jo Evans$/);
    assert.doesNotMatch(minutes.res.body, new RegExp(`${PRIVATE_MINUTE}|${PRIVATE_DETAILS}`), 'the minute of a private item is not published');
    // The same minutes as a tagged PDF, linked from the page: the private minute left out there too.
    const pdf = await go(linkTo(minutes, { text: /^Download the approved minutes as a PDF$/ }));
    assert.equal(pdf.status, 200);
    assert.equal(pdf.res.headers['content-type'], 'application/pdf');
    const read = await readPdf(pdf.res.rawPayload);
    assert.equal(read.marked, true);
    assert.equal(read.language, 'en-GB');
    assert.deepEqual(read.textsOf('H1'), [minutes.text('h1')]);
    assert.match(read.text, /Resolved to keep allotment rents at £30 a year\./);
    assert.match(read.text, /Taken in private|excluded/);
    assert.doesNotMatch(read.text, new RegExp(`${PRIVATE_MINUTE}|${PRIVATE_DETAILS}`), 'the private minute is not in the PDF');
    assert.equal((await resident.get(`/meetings/${ids.draftMinutes}/minutes/public.pdf`)).status, 404, 'draft minutes have no PDF');
    const itsAgenda = await go(linkTo(minutes, { text: /^The agenda of this meeting$/ }));
    assert.equal(itsAgenda.status, 200);
    assert.equal(linkTo(itsAgenda, { text: /^The approved minutes of this meeting$/ }), `/c/demo/meetings/${ids.approved}/minutes/public`, 'the agenda and its minutes lead to each other');
    assert.equal(linkTo(minutes, { text: /^Public information$/ }), '/c/demo/public');

    // The register: a nil return is not the same as a form not returned.
    const register = await go(linkTo(home, { text: /^Public register of councillors’ interests$/ }));
    assert.equal(register.status, 200);
    assert.equal(register.text(`[data-person-id="${ctx.people.riverside}"]`), 'Nothing to declare: the councillor made a nil return on 1 October 2026.');
    assert.equal(register.text(`[data-person-id="${ctx.people.chair}"]`), 'Not yet returned: the councillor has registered no interests and made no nil return.');
    assert.doesNotMatch(register.text('main'), /No interests registered/);
    assert.equal(linkTo(register, { text: /^Public information$/ }), '/c/demo/public');

    // The dispensations in force, and the declarations made at a meeting, from its minutes.
    const dispensations = await go(linkTo(home, { text: /^Register of dispensations$/ }));
    assert.equal(dispensations.status, 200);
    assert.match(dispensations.text('h1'), /^Register of dispensations$/);
    const declared = await go(linkTo(minutes, { text: /^Public list of declarations$/ }));
    assert.equal(declared.status, 200);
    assert.match(declared.text('h1'), /^Declarations of interest: /);
    assert.equal(linkTo(declared, { text: /^The approved minutes of this meeting$/ }), `/c/demo/meetings/${ids.approved}/minutes/public`, 'the declarations lead back to the minutes');
    assert.equal(linkTo(declared, { text: /^Public information$/ }), '/c/demo/public');
    assert.equal(linkTo(dispensations, { text: /^Public information$/ }), '/c/demo/public');
  });

  it('publishes no draft agenda and no minutes before they are approved, and does not link to them', async () => {
    const resident = new TestClient(ctx.app, '/c/demo');
    const pages = await Promise.all(['/public', '/meetings/public', '/meetings/past', '/sign-in'].map((p) => resident.get(p)));
    const everyHref = pages.flatMap(hrefs);
    assert.ok(!everyHref.some((h) => h.includes(ids.draftAgenda)), 'the meeting whose summons is not issued is not linked');
    assert.ok(!everyHref.some((h) => h.includes(`${ids.draftMinutes}/minutes`)), 'draft minutes are not linked');
    const past = pages[2]!;
    assert.equal(past.text(`[data-meeting-id="${ids.draftMinutes}"] [data-testid="past-minutes-pending"]`), 'Minutes not yet approved');
    assert.ok(hrefs(past).includes(`/c/demo/meetings/${ids.draftMinutes}/agenda`), 'its agenda, issued, is published');

    assert.equal((await resident.get(`/meetings/${ids.draftMinutes}/minutes/public`)).status, 404, 'draft minutes are not there to see');
    assert.equal((await resident.get(`/meetings/${ids.draftAgenda}/minutes/public`)).status, 404);
    assert.equal((await resident.get(`/meetings/${ids.draftAgenda}/agenda`)).status, 404, 'nor is an agenda before the summons');
    assert.equal((await resident.get(`/meetings/${ids.draftAgenda}/agenda.pdf`)).status, 404);
    const feed = await resident.get('/meetings/public.ics');
    assert.doesNotMatch(feed.res.body, new RegExp(ids.draftAgenda));
    // The signed-in minutes page is not the public's.
    assert.equal((await resident.get(`/meetings/${ids.approved}/minutes`)).status, 303);
  });

  it('gives the Clerk the published minutes’ address from the minutes page, once they are approved', async () => {
    const clerk = new TestClient(ctx.app, '/c/demo');
    await clerk.signIn(ctx.emailOf('clerk'));
    const approved = await clerk.get(`/meetings/${ids.approved}/minutes`);
    assert.equal(approved.status, 200);
    const published = await clerk.get(linkTo(approved, { text: /^The published minutes, as the public reads them$/ }).replace(/^\/c\/demo/, ''));
    assert.equal(published.status, 200);
    assert.doesNotMatch(published.res.body, new RegExp(PRIVATE_MINUTE), 'the published minutes are the public’s, whoever reads them');
    const draft = await clerk.get(`/meetings/${ids.draftMinutes}/minutes`);
    assert.equal(draft.status, 200);
    assert.equal(draft.$('[data-testid="public-minutes-link"]').length, 0, 'draft minutes have no published version');
  });

  it('shows one council’s public pages only on its own address', async () => {
    const ledbury = new TestClient(ctx.app, '/c/ledbury');
    const home = await ledbury.get('/public');
    assert.equal(home.status, 200);
    assert.equal(home.text('h1'), 'Ledbury Town Council');
    assert.doesNotMatch(home.res.body, /Ilminster/);
    assert.equal((await ledbury.get(`/meetings/${ids.approved}/minutes/public`)).status, 404, 'another council’s minutes are not found');
    assert.equal((await ledbury.get(`/meetings/${ids.issued}/agenda`)).status, 404, 'nor its agenda');
    const past = await ledbury.get('/meetings/past');
    assert.ok(!hrefs(past).some((h) => Object.values(ids).some((id) => h.includes(id))), 'another council’s meetings are not listed');
    const register = await ledbury.get('/interests/register');
    const people = register.$('[data-person-id]').map((_, el) => register.$(el).attr('data-person-id')).get();
    assert.ok(people.length > 0);
    assert.ok(!people.some((id) => Object.values(ctx.people).includes(id)), 'another council’s councillors are not on the register');
    const ledburyPeople = await ctx.db.tenant(other.id, (trx) => trx.selectFrom('people').select('id').execute());
    assert.ok(people.every((id) => ledburyPeople.some((p) => p.id === id)));
  });
});

describe('the public information in Welsh (Crickhowell Town Council)', () => {
  let ctx: TestContext;
  let approved = '';
  before(async () => {
    ctx = await testApp({ template: 'crickhowell' });
    const last = await ctx.db.tenant(ctx.council.id, (trx) =>
      trx.selectFrom('meetings').select(['id', 'meeting_date']).where('committee_id', 'is', null).where('minutes_status', '=', 'draft').executeTakeFirstOrThrow(),
    );
    approved = await meetingWithApprovedMinutes(ctx, { meetingDate: addDays(last.meeting_date, -35), approvedAt: last });
  });
  after(() => ctx.close());

  it('shows the public home, the meetings and the register in Welsh, with lang="cy", signed out', async () => {
    const resident = new TestClient(ctx.app);
    const home = await resident.get('/public?lang=cy');
    assert.equal(home.status, 200);
    assert.equal(home.$('html').attr('lang'), 'cy');
    assert.equal(home.text('.govuk-caption-l'), 'Gwybodaeth gyhoeddus');
    assert.equal(home.text('h1'), 'Cyngor Tref Crucywel', 'the council’s Welsh name');
    assert.match(home.text('main'), /Cyngor Tref Crucywel yw’r Cyngor Tref ar gyfer ei ardal/);
    const listed = home.$('[data-testid="public-pages"] a').map((_, a) => home.$(a).text().trim()).get();
    assert.ok(listed.includes('Cyfarfodydd blaenorol a chofnodion wedi’u cymeradwyo'), listed.join(' | '));
    // The choice is remembered for the pages after, as a resident follows the links.
    for (const [path, expected] of [
      ['/meetings/public', /I danysgrifio, copïwch gyfeiriad y ddolen isod/],
      ['/meetings/past', /Cyfarfodydd sydd wedi’u cynnal, y diweddaraf yn gyntaf/],
      ['/interests/register', /Heb ei gyflwyno eto/],
      ['/sign-in', /Chwilio am wybodaeth gyhoeddus y cyngor\?/],
      [`/meetings/${approved}/minutes/public`, /Cymeradwywyd y cofnodion hyn fel cofnod cywir yn y cyfarfod ar .*Trafodwyd yn breifat: cafodd y cyhoedd a’r wasg eu gwahardd/],
    ] as const) {
      const page = await resident.get(path);
      assert.equal(page.status, 200, path);
      assert.equal(page.$('html').attr('lang'), 'cy', path);
      assert.match(page.text('main'), expected, path);
      assert.equal(page.text('[data-testid="footer-public"]'), 'Gwybodaeth gyhoeddus', path);
      assert.doesNotMatch(page.text('body'), /Public information|Past meetings|Not yet returned|Looking for the council/, path);
    }
  });
});

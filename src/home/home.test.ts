import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient, type Page } from '../../test/helpers/client.js';

/** The links of a panel, as "text → address". */
function linksIn(page: Page, selector: string): { text: string; href: string }[] {
  return page
    .$(`${selector} a`)
    .map((_, a) => ({ text: page.$(a).text().replace(/\s+/g, ' ').trim(), href: page.$(a).attr('href') ?? '' }))
    .get();
}

const CLERKS_PANELS = ['meetings-today', 'meetings-today-none', 'messages-today', 'messages-today-none', 'registers-overdue', 'pending-agreed-count', 'pending-agreed-none', 'escalated-enquiries', 'no-escalated-enquiries'];

// The demo's today is Sunday 22 November 2026: messages to the office are held until Monday.
describe('home pages, one for each person’s work', () => {
  let ctx: TestContext;
  const as: Record<string, TestClient> = {};
  let soonMeeting: string;
  let laterMeeting: string;
  let heldMeeting: string;
  before(async () => {
    ctx = await testApp({ template: 'ledbury' });
    for (const who of ['clerk', 'chair', 'riverside', 'officer'] as const) {
      as[who] = new TestClient(ctx.app);
      await as[who].signIn(ctx.emailOf(who));
    }
    // A meeting whose summons must go by Monday, and one whose summons is weeks off.
    const soon = await as.clerk!.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'extraordinary', meetingDate: '2026-11-27', startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(soon.statusCode, 201, soon.body);
    soonMeeting = soon.json<{ id: string }>().id;
    const later = await as.clerk!.api('POST', '/api/v1/meetings', { committeeId: null, kind: 'ordinary', meetingDate: '2027-01-19', startsAt: '19:00', venue: 'Burgage Hall' });
    assert.equal(later.statusCode, 201, later.body);
    laterMeeting = later.json<{ id: string }>().id;
    // A meeting of the full council the chair chaired last week, with nothing recorded of what it agreed.
    heldMeeting = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const row = await trx
        .insertInto('meetings')
        .values({ council_id: ctx.council.id, committee_id: null, kind: 'extraordinary', meeting_date: '2026-11-17', starts_at: '19:00', venue: 'Burgage Hall', summons_issued_on: '2026-11-12' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    // A councillor writes to the office on a Sunday: one urgent, one that waits for Monday.
    const urgent = await as.riverside!.api('POST', '/api/v1/messages', { to: 'office', subject: 'Burst main on Bye Street', body: 'Water is flooding the road.', urgent: true, urgentReason: 'The road is flooding now.' });
    assert.equal(urgent.statusCode, 201, urgent.body);
    const held = await as.riverside!.api('POST', '/api/v1/messages', { to: 'office', subject: 'Hall booking', body: 'Could the hall be booked for the fete?' });
    assert.equal(held.statusCode, 201, held.body);
  });
  after(() => ctx.close());

  it('shows the Clerk the meetings that need them today: agenda requests waiting and summonses due within three days', async () => {
    const home = await as.clerk!.get('/');
    assert.equal(home.status, 200);
    const links = linksIn(home, '[data-testid="meetings-today"]');
    const waiting = links.filter((l) => /^Agenda requests waiting for your decision/.test(l.text));
    assert.equal(waiting.length, 1, JSON.stringify(links));
    assert.match(waiting[0]!.text, /Full Town Council, 8 December 2026: 1$/);
    assert.match(waiting[0]!.href, /\/meetings\/[\w-]+\?part=requests$/);
    const opened = await as.clerk!.get(waiting[0]!.href);
    assert.equal(opened.status, 200);
    assert.match(opened.text('main'), /Agenda requests|Requests/);

    const due = links.filter((l) => /^Issue the summons/.test(l.text));
    assert.deepEqual(
      due.map((l) => l.href),
      [`/meetings/${soonMeeting}?part=summons`],
      'the meeting on 27 November, not the one in January, nor the one already summoned',
    );
    assert.match(due[0]!.text, /27 November 2026: due by 2\d November 2026$/);
    assert.ok(!links.some((l) => l.href.includes(laterMeeting)));
  });

  it('shows the Clerk urgent messages unread and messages held until the office opens, each a link', async () => {
    const home = await as.clerk!.get('/');
    const links = linksIn(home, '[data-testid="messages-today"]');
    assert.deepEqual(links, [
      { text: 'Urgent messages sent out of hours, not yet read: 1', href: '/messages/urgent' },
      { text: 'Messages held until the office opens: 1', href: '/messages/inbox' },
    ]);
    assert.equal((await as.clerk!.get('/messages/urgent')).status, 200);
  });

  it('shows the Clerk agreed actions to check, enquiries overdue and registers overdue, each leading to its page', async () => {
    const home = await as.clerk!.get('/');
    assert.match(home.text('[data-testid="pending-agreed-count"]'), /: 1$/);
    assert.deepEqual(linksIn(home, '[data-testid="pending-agreed-count"]').map((l) => l.href), ['/decisions']);
    assert.ok(home.$('[data-testid="escalated-enquiries"] a[href^="/enquiries/"]').length >= 1, 'overdue enquiries link to themselves');
    assert.match(home.text('[data-testid="registers-overdue"]'), /within 28 days of taking office: \d+$/);
    assert.deepEqual(linksIn(home, '[data-testid="registers-overdue"]').map((l) => l.href), ['/interests']);
  });

  it('shows the chair the meetings to prepare and the actions to record, as links', async () => {
    const home = await as.chair!.get('/');
    assert.equal(home.status, 200);
    const prepare = linksIn(home, '[data-testid="meetings-to-prepare"]');
    assert.ok(prepare.some((l) => l.href === `/meetings/${soonMeeting}` && /27 November 2026/.test(l.text)), JSON.stringify(prepare));
    assert.ok(!prepare.some((l) => l.href === `/meetings/${laterMeeting}`), 'January is too far off to prepare yet');
    const record = linksIn(home, '[data-testid="actions-to-record"]');
    assert.deepEqual(record, [{ text: 'Record what Full Town Council agreed on 17 November 2026', href: `/meetings/${heldMeeting}/agreed-actions` }]);
    const page = await as.chair!.get(record[0]!.href);
    assert.equal(page.status, 200);
    assert.equal(page.$(`form[action="/meetings/${heldMeeting}/agreed-actions"] textarea[name="description"]`).length, 1, 'the page lets the chair record them');
  });

  it('stops asking the chair once the meeting’s actions are recorded', async () => {
    await as.chair!.get(`/meetings/${heldMeeting}/agreed-actions`);
    const recorded = await as.chair!.post(`/meetings/${heldMeeting}/agreed-actions`, { description: 'Ask the highway authority to repair Bye Street.' });
    assert.equal(recorded.status, 303, recorded.text('main'));
    const home = await as.chair!.get('/');
    assert.equal(home.$('[data-testid="actions-to-record"]').length, 0);
  });

  it('shows a councillor who chairs nothing none of the chair’s panels, and no councillor any of the Clerk’s', async () => {
    for (const who of ['riverside', 'chair'] as const) {
      const home = await as[who]!.get('/');
      assert.equal(home.status, 200);
      for (const id of CLERKS_PANELS) assert.equal(home.$(`[data-testid="${id}"]`).length, 0, `${who} sees the Clerk's ${id}`);
    }
    const riverside = await as.riverside!.get('/');
    assert.equal(riverside.$('[data-testid="meetings-to-prepare"], [data-testid="actions-to-record"]').length, 0);
  });

  it('shows the vice-chair of a committee that committee’s meeting to prepare, and not the council’s chair', async () => {
    const meetingId = await ctx.db.tenant(ctx.council.id, async (trx) => {
      const committee = await trx
        .insertInto('committees')
        .values({ council_id: ctx.council.id, name: 'Allotments Committee', vice_chair_id: ctx.people.riverside })
        .returning('id')
        .executeTakeFirstOrThrow();
      const meeting = await trx
        .insertInto('meetings')
        .values({ council_id: ctx.council.id, committee_id: committee.id, kind: 'ordinary', meeting_date: '2026-12-08', starts_at: '18:30', venue: 'Burgage Hall' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return meeting.id;
    });
    const riverside = linksIn(await as.riverside!.get('/'), '[data-testid="meetings-to-prepare"]');
    assert.ok(riverside.some((l) => l.href === `/meetings/${meetingId}` && /Allotments Committee/.test(l.text)), JSON.stringify(riverside));
    const chair = linksIn(await as.chair!.get('/'), '[data-testid="meetings-to-prepare"]');
    assert.ok(!chair.some((l) => l.href === `/meetings/${meetingId}`), 'the council’s chair does not chair the committee');
  });

  it('shows an officer their tasks, and none of the Clerk’s panels', async () => {
    const home = await as.officer!.get('/');
    assert.equal(home.$('[data-testid="my-tasks"] a[href^="/tasks/"]').length >= 1, true);
    for (const id of CLERKS_PANELS) assert.equal(home.$(`[data-testid="${id}"]`).length, 0, `the officer sees the Clerk's ${id}`);
  });

  it('shows at once what was written since the page was last read, by a page or behind it, and not another person’s', async () => {
    const unread = async (who: TestClient) => (await who.get('/')).$('[data-testid="unread-bulletins"]').text().trim();
    const before = await unread(as.chair!);
    assert.equal(await unread(as.chair!), before, 'asked again with nothing written: the same');
    const published = await as.officer!.api('POST', '/api/v1/bulletins', { title: 'Road closure', body: 'Bye Street is closed on Monday.', audience: 'all' });
    assert.equal(published.statusCode, 201, published.body);
    const after = await unread(as.chair!);
    assert.notEqual(after, before, 'the bulletin published through a page is counted at once');
    assert.equal(await unread(as.riverside!), after, 'each councillor’s own count, read for them');
    // A write made straight to the database, not through a page, is heard as it commits too.
    await ctx.db.tenant(ctx.council.id, (trx) => trx.updateTable('bulletin_recipients').set({ read_at: new Date() }).where('person_id', '=', ctx.people.chair).execute());
    assert.equal(await unread(as.chair!), 'You have no unread bulletins.', 'read in the database: none waiting');
    assert.equal(await unread(as.riverside!), after, 'another councillor’s count is their own');
  });

  it('ends a session at once on a page asked for again, when it is signed out', async () => {
    const who = new TestClient(ctx.app);
    await who.signIn(ctx.emailOf('riverside'));
    assert.equal((await who.get('/')).status, 200);
    assert.equal((await who.get('/')).status, 200, 'asked again, answered from the session read before');
    await ctx.db.tenant(ctx.council.id, (trx) => trx.deleteFrom('sessions').where('person_id', '=', ctx.people.riverside).execute());
    const after = await who.get('/');
    assert.equal(after.status, 303, 'signed out everywhere: sent to sign in');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../test/helpers/app.js';
import { TestClient } from '../../test/helpers/client.js';
import { meetingScheduledEarlier } from './test-support.js';
import type { DemoKey } from '../demo/demo.js';

/** What an item taken in private says, in each of the places it is written. */
const DETAILS = 'The Deputy Clerk’s grading appeal, with the panel’s findings.';
const MINUTE = 'Resolved to uphold the appeal in part, for the reasons in the confidential annex.';
const RESOLUTION = 'RESOLVED that the Deputy Clerk’s post be regraded from 1 January.';
const PAPER = 'The panel found the post’s duties had grown since 2019.';

type Viewer = 'clerk' | 'officer' | 'member' | 'other councillor' | 'member with an interest' | 'signed out';
const VIEWERS: Record<Viewer, DemoKey | null> = {
  clerk: 'clerk',
  officer: 'officer',
  member: 'independent', // Owen Hughes sits on the committee
  'other councillor': 'market', // Hannah Price does not
  'member with an interest': 'chair', // Jo Evans sits on it, and registers an interest in the item's matter
  'signed out': null,
};

/**
 * One answer for who reads an item taken in private, wherever it is shown: the meeting page,
 * the minutes page, the decisions page and the API (meeting, minutes, resolutions). The
 * officers and the Clerk read it; so do the body's members; another councillor and the public
 * do not. A member with a registered pecuniary interest in the item's matter reads the item
 * but is refused its papers, under the council's clause.
 */
describe('who reads an item taken in private: one answer everywhere', () => {
  let ctx: TestContext;
  let meetingId: string;
  let itemId: string;
  let resolutionId: string;
  let paperId: string;

  before(async () => {
    ctx = await testApp({ template: 'ilminster' });
    const clerk = new TestClient(ctx.app);
    await clerk.signIn(ctx.emailOf('clerk'));
    const { committee, staffing } = await ctx.db.tenant(ctx.council.id, async (trx) => ({
      committee: await trx.selectFrom('committees').select('id').where('chair_id', '=', ctx.people.riverside).orderBy('name').executeTakeFirstOrThrow(),
      staffing: await trx.selectFrom('matters').select('id').where('title', '=', 'Staffing review').executeTakeFirstOrThrow(),
    }));
    const members = await ctx.db.tenant(ctx.council.id, (trx) => trx.selectFrom('committee_members').select('person_id').where('committee_id', '=', committee.id).execute());
    assert.deepEqual(
      [ctx.people.independent, ctx.people.chair, ctx.people.market].map((id) => members.some((m) => m.person_id === id)),
      [true, true, false],
      'Owen and Jo sit on the committee; Hannah does not',
    );

    // A committee meeting that has taken place, its agenda issued, with an item taken in private.
    // Its agenda was built before the day (today the meeting is past and only its record can change).
    meetingId = await meetingScheduledEarlier(ctx, { committeeId: committee.id, meetingDate: '2026-12-10', venue: 'Council Chamber' });
    const item = await clerk.api('POST', `/api/v1/meetings/${meetingId}/items`, { title: 'Staffing matter', details: DETAILS, confidential: true, confidentialReason: 'it concerns a named employee', matterId: staffing.id });
    assert.equal(item.statusCode, 201);
    await ctx.db.tenant(ctx.council.id, async (trx) => {
      await trx.updateTable('meetings').set({ meeting_date: '2026-11-10', summons_issued_on: '2026-11-03', summons_issue_count: 1 }).where('id', '=', meetingId).execute();
      const row = await trx.selectFrom('agenda_items').select(['id', 'council_id']).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
      itemId = row.id;
      const paper = await trx
        .insertInto('agenda_papers')
        .values({ council_id: row.council_id, meeting_id: meetingId, agenda_item_id: row.id, request_id: null, title: 'Report of the appeal panel', body: PAPER, created_by: ctx.people.clerk })
        .returning('id')
        .executeTakeFirstOrThrow();
      paperId = paper.id;
    });
    // Its minute, and the resolution made on it.
    await clerk.get(`/meetings/${meetingId}/minutes`);
    assert.equal((await clerk.post(`/meetings/${meetingId}/minutes`, { [`minute-${itemId}`]: MINUTE })).status, 303);
    const resolution = await clerk.api('POST', `/api/v1/meetings/${meetingId}/resolutions`, { agendaItemId: itemId, minuteNumber: '26/150', text: RESOLUTION });
    assert.equal(resolution.statusCode, 201);
    resolutionId = resolution.json().id;

    // Jo registers a pecuniary interest in the item's matter.
    const jo = new TestClient(ctx.app);
    await jo.signIn(ctx.emailOf('chair'));
    await jo.get('/interests/new');
    const interest = await jo.post('/interests/new', { category: 'employment', holder: 'partner', description: 'My partner applied for the Deputy Clerk’s post', matterIds: staffing.id });
    assert.equal(interest.status, 303);
  });
  after(() => ctx.close());

  async function client(viewer: Viewer): Promise<TestClient> {
    const c = new TestClient(ctx.app);
    const key = VIEWERS[viewer];
    if (key) await c.signIn(ctx.emailOf(key));
    return c;
  }

  /** Where the viewer reads what the item says: each place, yes or no (or the status that stops them). */
  async function reads(viewer: Viewer): Promise<Record<string, string>> {
    const c = await client(viewer);
    const page = async (path: string, text: string) => {
      const p = await c.get(path);
      return p.status === 200 ? String(p.res.body.includes(text)) : String(p.status);
    };
    const api = async <T>(path: string, pick: (body: T) => string | null | undefined, text: string) => {
      const res = await c.api('GET', path);
      return res.statusCode === 200 ? String(pick(res.json<T>()) === text) : String(res.statusCode);
    };
    return {
      'meeting page: details': await page(`/meetings/${meetingId}`, DETAILS),
      'meeting page: resolution': await page(`/meetings/${meetingId}`, RESOLUTION),
      'minutes page: minute': await page(`/meetings/${meetingId}/minutes`, MINUTE),
      'decisions page: resolution': await page('/decisions', RESOLUTION),
      'resolution page': await page(`/decisions/${resolutionId}`, RESOLUTION),
      'meeting API: details': await api<{ items: { details: string | null }[] }>(`/api/v1/meetings/${meetingId}`, (b) => b.items[0]?.details, DETAILS),
      'minutes API: minute': await api<{ items: { minute: string | null }[] }>(`/api/v1/meetings/${meetingId}/minutes`, (b) => b.items[0]?.minute, MINUTE),
      'resolutions API': await api<{ resolutions: { id: string; text: string | null }[] }>('/api/v1/resolutions', (b) => b.resolutions.find((r) => r.id === resolutionId)?.text, RESOLUTION),
      'public agenda: details': await page(`/meetings/${meetingId}/agenda`, DETAILS),
    };
  }

  /** What the viewer gets of the item's paper: on the meeting page, and opening it. */
  async function paper(viewer: Viewer): Promise<string> {
    const c = await client(viewer);
    const meeting = await c.get(`/meetings/${meetingId}`);
    const listed = meeting.status !== 200 ? String(meeting.status) : meeting.$(`a[href$="/papers/${paperId}"]:not([data-testid="withheld-link"])`).length ? 'linked' : meeting.$('[data-testid="withheld-papers"]').text().includes('Report of the appeal panel') ? 'withheld' : 'not listed';
    const opened = await c.get(`/meetings/${meetingId}/papers/${paperId}`);
    const outcome = opened.status === 403 ? `403 ${opened.$('[data-testid="refusal"]').attr('data-error-id')}` : opened.status === 200 ? String(opened.res.body.includes(PAPER)) : String(opened.status);
    return `${listed}, ${outcome}`;
  }

  it('lets the Clerk, the officers and the body’s members read it everywhere; no one else, anywhere', async () => {
    const yes = (all: string) => ({
      'meeting page: details': all,
      'meeting page: resolution': all,
      'minutes page: minute': all,
      'decisions page: resolution': all,
      'resolution page': all,
      'meeting API: details': all,
      'minutes API: minute': all,
      'resolutions API': all,
      // The public agenda is the public's, whoever reads it: the item in general terms only.
      'public agenda: details': 'false',
    });
    const expected: Record<Viewer, Record<string, string>> = {
      clerk: yes('true'),
      officer: yes('true'),
      member: yes('true'),
      'other councillor': yes('false'),
      'member with an interest': yes('true'),
      'signed out': {
        'meeting page: details': '303',
        'meeting page: resolution': '303',
        'minutes page: minute': '303',
        'decisions page: resolution': '303',
        'resolution page': '303',
        'meeting API: details': '401',
        'minutes API: minute': '401',
        'resolutions API': '401',
        'public agenda: details': 'false',
      },
    };
    const actual = {} as Record<Viewer, Record<string, string>>;
    for (const viewer of Object.keys(VIEWERS) as Viewer[]) actual[viewer] = await reads(viewer);
    assert.deepEqual(actual, expected);
  });

  it('gives its paper to those who read it, except the member with an interest in its matter, who is told why', async () => {
    const actual = {} as Record<Viewer, string>;
    for (const viewer of Object.keys(VIEWERS) as Viewer[]) actual[viewer] = await paper(viewer);
    assert.deepEqual(actual, {
      clerk: 'linked, true',
      officer: 'linked, true',
      member: 'linked, true',
      'other councillor': 'not listed, 403 confidential_paper',
      'member with an interest': 'withheld, 403 interest_conflict',
      'signed out': '303, 303',
    });
  });

  it('says, where it does not show it, that the item is taken in private and why', async () => {
    const hannah = await client('other councillor');
    const meeting = await hannah.get(`/meetings/${meetingId}`);
    assert.match(meeting.text('[data-testid="agenda"]'), /1\. Staffing matter The public and press are to be excluded for this item, by resolution, because it concerns a named employee/);
    const minutes = await hannah.get(`/meetings/${meetingId}/minutes`);
    assert.match(minutes.text('[data-testid="minute-withheld"]'), /because it concerns a named employee/);
    const resolution = await hannah.get(`/decisions/${resolutionId}`);
    assert.match(resolution.text('[data-testid="resolution"]'), /Minute 26\/150|Staffing matter/);
    assert.doesNotMatch(resolution.res.body, /regraded/);
  });
});

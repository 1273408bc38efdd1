import { hash as digest, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import type { Principal } from '../policy/principal.js';
import { councilNameIn, type Translate } from '../i18n/messages.js';
import { audit } from '../audit/audit.js';
import { londonInstant } from '../calendar/london.js';
import { bodyName, listMeetings, meetingDates, type Counting, type MeetingRow } from './service.js';

/**
 * iCalendar feeds: the council's public meetings, and each person's own meetings and
 * deadlines. Calendar programs (Outlook, Google, Apple) subscribe without cookies, so a
 * person's feed is found by a secret token in its address; only the token's hash is kept.
 */

const hash = (token: string) => digest('sha256', token, 'hex');

/** A new feed address for a person; the old one stops working. */
export async function newFeedToken(trx: Trx, by: Principal, now: Date): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await trx
    .insertInto('calendar_feeds')
    .values({ council_id: by.councilId, person_id: by.personId, token_hash: hash(token) })
    .onConflict((oc) => oc.columns(['council_id', 'person_id']).doUpdateSet({ token_hash: hash(token), created_at: now }))
    .execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'calendar_feed.created', entityType: 'person', entityId: by.personId, data: {} });
  return token;
}

export async function hasFeed(trx: Trx, personId: string): Promise<boolean> {
  return !!(await trx.selectFrom('calendar_feeds').select('person_id').where('person_id', '=', personId).executeTakeFirst());
}

export async function feedOwner(trx: Trx, token: string) {
  return trx
    .selectFrom('calendar_feeds as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select(['p.id', 'p.name', 'p.role', 'p.active', 'p.term_ends'])
    .where('f.token_hash', '=', hash(token))
    .executeTakeFirst();
}

export { londonInstant };

interface FeedOptions {
  council: Council;
  t: Translate;
  link: (path: string) => string;
  counting: Counting;
  host: string;
}

function addMeeting(cal: ReturnType<typeof ical>, m: MeetingRow, o: FeedOptions) {
  const start = londonInstant(m.meeting_date, m.starts_at);
  cal.createEvent({
    id: `meeting-${m.id}@${o.host}`,
    start,
    end: new Date(start.getTime() + 2 * 3_600_000),
    summary: o.t('meetings.feed.meeting', { body: bodyName(m, o.t), council: councilNameIn(o.t, o.council) }),
    location: m.venue,
    url: o.link(m.summons_issued_on ? `/meetings/${m.id}/agenda` : `/meetings/${m.id}`),
    description: m.kind === 'extraordinary' ? o.t('meetings.kind.extraordinary') : o.t('meetings.kind.ordinary'),
  });
}

function allDay(cal: ReturnType<typeof ical>, idPart: string, date: string, summary: string, url: string, host: string) {
  cal.createEvent({ id: `${idPart}@${host}`, start: new Date(`${date}T12:00:00Z`), allDay: true, summary, url });
}

/** The council's public feed: meetings whose summons has been issued. */
export async function councilFeed(trx: Trx, o: FeedOptions): Promise<string> {
  const cal = ical({ name: o.t('meetings.feed.councilName', { council: councilNameIn(o.t, o.council) }), method: ICalCalendarMethod.PUBLISH, prodId: { company: 'Concord', product: 'meetings', language: 'EN' } });
  for (const m of await listMeetings(trx, { publicOnly: true })) addMeeting(cal, m, o);
  return cal.toString();
}

/**
 * A person's feed: the meetings of the bodies they sit on (every meeting for officers), the
 * deadline for agenda requests, and for officers the day the summons is due.
 */
export async function personFeed(trx: Trx, person: { id: string; name: string; role: string }, o: FeedOptions): Promise<string> {
  const cal = ical({ name: o.t('meetings.feed.personName', { name: person.name, council: councilNameIn(o.t, o.council) }), method: ICalCalendarMethod.PUBLISH, prodId: { company: 'Concord', product: 'meetings', language: 'EN' } });
  const meetings = await listMeetings(trx);
  const committees = new Set((await trx.selectFrom('committee_members').select('committee_id').where('person_id', '=', person.id).execute()).map((r) => r.committee_id));
  for (const m of meetings) {
    const mine = person.role !== 'councillor' || m.committee_id === null || committees.has(m.committee_id);
    if (!mine) continue;
    addMeeting(cal, m, o);
    const dates = meetingDates(m.meeting_date, o.counting);
    const body = bodyName(m, o.t);
    allDay(cal, `agenda-deadline-${m.id}`, dates.agendaDeadline, o.t('meetings.feed.agendaDeadline', { body, date: m.meeting_date }), o.link(`/meetings/${m.id}`), o.host);
    if (person.role !== 'councillor') {
      allDay(cal, `summons-due-${m.id}`, dates.summons.latestIssueDate, o.t('meetings.feed.summonsDue', { body, date: m.meeting_date }), o.link(`/meetings/${m.id}`), o.host);
    }
  }
  return cal.toString();
}

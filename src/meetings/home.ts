import type { FastifyRequest } from 'fastify';
import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';
import { bodyName, listMeetings, loadCounting, meetingDates, meetingsWithChairs, type MeetingRow } from './service.js';
import { postalSummonsesOf } from './postal.js';

/** How far ahead the Clerk is shown a summons falling due: three days, as the issue asks of a day's work. */
export const SUMMONS_DUE_WITHIN_DAYS = 3;
/** A chair prepares the meetings of the coming weeks; those further off can wait. */
const PREPARE_AHEAD_DAYS = 42;

export interface MeetingLine {
  id: string;
  body: string;
  meetingDate: string;
  startsAt: string;
  /** The day the summons must be issued by, where that matters. */
  summonsDue?: string;
  count?: number;
}

function line(m: MeetingRow, req: FastifyRequest, extra: Partial<MeetingLine> = {}): MeetingLine {
  return { id: m.id, body: bodyName(m, req.t), meetingDate: m.meeting_date, startsAt: m.starts_at, ...extra };
}

/**
 * The Clerk's meetings today: agenda requests waiting for a decision, by meeting, and the
 * meetings whose summons must go out within three days (not yet issued, or changed since).
 */
export async function clerkMeetingsToday(trx: Trx, req: FastifyRequest) {
  const council = req.councilOrThrow();
  const counting = await loadCounting(trx, council);
  const upcoming = await listMeetings(trx, { from: req.today });
  const pending = await trx
    .selectFrom('agenda_requests')
    .select(['meeting_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'pending')
    .groupBy('meeting_id')
    .execute();
  const waitingBy = new Map(pending.map((p) => [p.meeting_id, Number(p.n)]));
  const horizon = addDays(req.today, SUMMONS_DUE_WITHIN_DAYS);
  const requests = upcoming.filter((m) => waitingBy.has(m.id)).map((m) => line(m, req, { count: waitingBy.get(m.id) }));
  const summonses = upcoming
    .filter((m) => m.summons_issued_on === null || m.agenda_changed_since_issue)
    .map((m) => line(m, req, { summonsDue: meetingDates(m.meeting_date, counting).summons.latestIssueDate }))
    .filter((m) => m.summonsDue! <= horizon);
  // Summonses issued whose letters have not all gone in the post: the day of posting is the day of issue.
  const issued = upcoming.filter((m) => m.summons_issued_on !== null);
  const lettersOf = await postalSummonsesOf(trx, issued.map((m) => m.id));
  const letters: MeetingLine[] = [];
  for (const m of issued) {
    const unposted = (lettersOf.get(m.id) ?? []).filter((l) => l.postedOn === null).length;
    if (unposted > 0) letters.push(line(m, req, { count: unposted, summonsDue: meetingDates(m.meeting_date, counting).summons.latestIssueDate }));
  }
  return {
    requestsWaiting: requests.reduce((sum, m) => sum + (m.count ?? 0), 0),
    requests,
    summonses,
    letters,
  };
}

/** Meetings this person chairs (as chair or vice-chair of the body), between two days: one statement. */
export async function meetingsChairedBy(trx: Trx, personId: string, from: string, to: string): Promise<(MeetingRow & { chairIds: string[] })[]> {
  const rows = await meetingsWithChairs(trx, from, to);
  return rows.filter((m) => m.chair_ids.includes(personId)).map(({ chair_ids, ...m }) => ({ ...m, chairIds: chair_ids }));
}

/**
 * A chair's meetings to prepare: those of the coming weeks whose agenda is still a draft,
 * which the chair may read and comment on before the Clerk issues the summons.
 */
export async function meetingsToPrepare(trx: Trx, req: FastifyRequest): Promise<MeetingLine[] | undefined> {
  const counting = await loadCounting(trx, req.councilOrThrow());
  const chaired = await meetingsChairedBy(trx, req.user().personId, req.today, addDays(req.today, PREPARE_AHEAD_DAYS));
  // Listed where the rules let the chair read the draft, as the meeting page itself asks.
  const drafts = chaired.filter((m) => m.summons_issued_on === null && req.allows('meeting.read_draft', undefined, { meetingChairIds: m.chairIds }));
  return drafts.length ? drafts.map((m) => line(m, req, { summonsDue: meetingDates(m.meeting_date, counting).summons.latestIssueDate })) : undefined;
}

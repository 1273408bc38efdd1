import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Trx } from '../db/database.js';
import { skippedLabel, readingName } from '../calendar/labels.js';
import { shortDate } from '../calendar/dates.js';
import { dateParts } from '../web/forms.js';
import { listCommittees } from '../setup/committees/service.js';
import { listDocuments, listMatters } from '../documents/service.js';
import { decisionRecorders, listResolutions } from '../decisions/service.js';
import { presentResolution } from '../decisions/present.js';
import {
  bodyChairs,
  bodyMembers,
  bodyMembership,
  bodyName,
  findMeeting,
  listComments,
  listItems,
  listOutbox,
  listPapers,
  listRequests,
  loadCounting,
  longDay,
  meetingDates,
  summonsChannels,
  type MeetingRow,
} from './service.js';
import { presentAgenda, type MeetingPapers } from './present.js';
import { readerFor, type Reader } from './visibility.js';
import { postalSummonses } from './postal.js';

/** The address the council's pages are reached at, for links in emails and calendars. */
export function linker(req: FastifyRequest): (path: string) => string {
  const configured = req.server.concord.services.config.publicUrl;
  const origin = configured ? configured.replace(/\/$/, '') : `${req.protocol}://${req.host}`;
  return (path) => `${origin}${req.base}${path}`;
}

/** A meeting's papers with the library documents among them, read in `trx`. */
export async function meetingPapers(trx: Trx, meetingId: string): Promise<MeetingPapers> {
  const papers = await listPapers(trx, meetingId);
  const ids = papers.flatMap((p) => (p.document_id ? [p.document_id] : []));
  return { papers, documents: new Map((await listDocuments(trx, { ids })).map((d) => [d.id, d])) };
}

/** A meeting, its agenda as this reader sees it, and who its members and chairs are. */
export async function loadAgenda(trx: Trx, req: FastifyRequest, meeting: MeetingRow, options: { papers: boolean }) {
  const reader: Reader = await readerFor(trx, req);
  const chairIds = await bodyChairs(trx, meeting);
  const memberIds = (await bodyMembership(trx, req.today))(meeting.committee_id);
  const items = await listItems(trx, meeting.id);
  const papers = options.papers ? await meetingPapers(trx, meeting.id) : undefined;
  return { reader, chairIds, memberIds, agenda: presentAgenda(reader, { meeting, items, memberIds, chairIds, papers }) };
}

/**
 * The meeting page: its facts and dates, the agenda as this reader may see it, resolutions,
 * requests, the chair's comments on a draft, and the officers' forms. Every form on it that
 * fails shows it again, with the errors and what was typed (`data`).
 */
export const MEETING_PARTS = ['overview', 'items', 'requests', 'summons', 'schedule'] as const;
export type MeetingPart = (typeof MEETING_PARTS)[number];

export async function meetingPage(req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> & { part?: MeetingPart } = {}) {
  const asked = (req.query as { part?: string } | undefined)?.part;
  const part: MeetingPart = MEETING_PARTS.find((p) => p === asked) ?? 'overview';
  req.authorize('meetings.view');
  const me = req.user();
  const council = req.councilOrThrow();
  const canManage = req.allows('meetings.manage');
  const d = await req.tx(async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    const seen = await loadAgenda(trx, req, meeting, { papers: true });
    const members = await bodyMembers(trx, meeting);
    const requests = await listRequests(trx, meeting.id);
    return {
      meeting,
      ...seen,
      counting: await loadCounting(trx, council),
      members,
      resolutions: await listResolutions(trx, { meetingId: meeting.id }),
      matters: canManage ? await listMatters(trx) : [],
      requests: canManage ? requests : requests.filter((r) => r.requested_by === me.personId),
      comments: seen.agenda.draftReadable ? await listComments(trx, meeting.id) : [],
      outbox: canManage ? await listOutbox(trx, meeting.id) : [],
      letters: canManage ? await postalSummonses(trx, meeting.id) : [],
      channels: canManage ? await summonsChannels(trx, council, members.map((m) => m.id)) : new Map(),
      committees: canManage ? await listCommittees(trx) : [],
    };
  });
  const dates = meetingDates(d.meeting.meeting_date, d.counting);
  const issued = d.agenda.issued;
  const isChair = d.chairIds.includes(me.personId);
  const body = bodyName(d.meeting, req.t);
  return reply.view('meetings/views/meeting.njk', {
    title: req.t('meetings.meetingTitle', { body, date: longDay(d.meeting.meeting_date, req.locale) }),
    section: 'meetings',
    m: d.meeting,
    body,
    dates,
    skipped: dates.summons.skipped.map((s) => ({ ...s, label: skippedLabel(s, req.t), short: shortDate(s.date, req.locale) })),
    readingName: readingName(dates.summons.reading, req.t),
    agenda: d.agenda,
    decisions: {
      resolutions: d.resolutions.map((r) => presentResolution(d.reader, r, d.memberIds, req.t)),
      canRecord: req.allows('resolution.record', undefined, { delegatedRecorder: decisionRecorders(council.settings).includes(me.personId) }),
      canConfirm: req.allows('agreed_action.confirm'),
      isChair,
    },
    matters: d.matters,
    requests: d.requests,
    comments: d.comments,
    canComment: d.agenda.draftReadable && !issued,
    members: d.members,
    channels: Object.fromEntries(d.channels),
    // Waiting: an email not yet sent, a letter not yet posted.
    outbox: d.outbox.filter((o) => o.sent_at === null),
    letters: d.letters,
    lettersWithoutAddress: d.letters.filter((l) => l.postalAddress === ''),
    // Nothing ticked: the day a letter is posted counts towards the clear days, so each is recorded on purpose.
    postedValues: { personIds: [], ...flatDate('postedOn', req.today) },
    canManage,
    canDecide: req.allows('agenda_request.decide'),
    issued,
    summonsLate: req.today > dates.summons.latestIssueDate,
    warn: canManage && (!issued || d.meeting.agenda_changed_since_issue) && req.today >= dates.warnFrom && req.today <= dates.summons.latestIssueDate,
    today: req.today,
    reschedule: { ...flatDate('meetingDate', d.meeting.meeting_date), startsAt: d.meeting.starts_at, venue: d.meeting.venue, shortNoticeReason: d.meeting.short_notice_reason ?? '' },
    // Only a committee of a council in Wales may meet at shorter notice, when urgent.
    shortNoticePossible: council.nation === 'wales' && d.meeting.committee_id !== null,
    itemValues: {},
    ...data,
    // Those who only read the meeting have its overview alone.
    part: canManage ? (data.part ?? part) : 'overview',
  });
}

/** A stored date as a GOV.UK date input's three fields, named as the browser posts them. */
export function flatDate(name: string, iso: string | null): Record<string, string> {
  const parts = dateParts(iso);
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year };
}

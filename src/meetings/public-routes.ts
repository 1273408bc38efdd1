import { languageTag } from '../i18n/format.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../web/errors.js';
import { idParams } from '../web/schemas.js';
import type { Trx } from '../db/database.js';
import { bodyName, findMeeting, listItems, listMeetings, longDay, type MeetingRow } from './service.js';
import { presentAgenda, presentMinutes } from './present.js';
import { writePdf } from '../web/pdf.js';
import { minutesPdf } from './minutes-pdf.js';
import { minutedDeclarations } from '../declarations/context.js';
import { attendanceSummary, loadAttendance } from './attendance.js';
import type { Reader } from './visibility.js';
import { councilNameIn } from '../i18n/messages.js';

/** The public as the rules see them: no one signed in, so nothing the rules govern is theirs. */
function thePublic(req: FastifyRequest): Reader {
  return { principal: undefined, clauses: req.clauses!, today: req.today, pecuniaryMatterIds: new Set() };
}

/** What the public may open of a meeting: its agenda once the summons is issued, its minutes once approved. */
function published(m: Pick<MeetingRow, 'summons_issued_on' | 'minutes_status'>) {
  return { agenda: m.summons_issued_on !== null, minutes: m.minutes_status === 'approved' };
}

/** Meetings that have taken place with something published (an agenda, approved minutes), the latest first. */
async function pastPublicMeetings(trx: Trx, today: string) {
  const meetings = await listMeetings(trx);
  return meetings.filter((m) => m.meeting_date < today && (published(m).agenda || published(m).minutes)).reverse();
}

/**
 * The public agenda, for the council's website: no sign-in, and the same for everyone,
 * signed in or not. It is the agenda as the public reads it: an item taken in private in
 * general terms, with the reason the public is excluded.
 */
async function publicAgenda(req: FastifyRequest, meetingId: string) {
  const council = req.councilOrThrow();
  return req.tx(async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    // Published once the summons is issued; until then it is not there to see.
    if (!published(meeting).agenda) throw new NotFoundError();
    const agenda = presentAgenda(thePublic(req), { meeting, items: await listItems(trx, meeting.id), memberIds: [], chairIds: [] });
    return { meeting, council, items: agenda.items };
  });
}

/**
 * A meeting's approved minutes as the public reads them: until a later meeting approves
 * them they are not there to see; an item taken in private in general terms only, as the
 * rules decide for a reader who is not signed in (the same presenter as the minutes page).
 */
async function publicMinutes(req: FastifyRequest, meetingId: string) {
  return req.tx(async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    if (!published(meeting).minutes) throw new NotFoundError();
    return {
      meeting,
      items: presentMinutes(thePublic(req), { items: await listItems(trx, meeting.id), memberIds: [] }),
      approvedAt: meeting.minutes_approved_on,
      attendance: attendanceSummary(await loadAttendance(trx, meeting)),
      declarations: await minutedDeclarations(trx, meeting.id),
    };
  });
}

export async function publicRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/meetings/public', async (req, reply) => {
    const council = req.councilOrThrow();
    const meetings = await req.tx((trx) => listMeetings(trx, { from: req.today, publicOnly: true }));
    return reply.view('meetings/views/public-list.njk', { title: req.t('meetings.public.title', { council: councilNameIn(req.t, council) }), section: 'meetings', meetings: meetings.map((m) => ({ ...m, body: bodyName(m, req.t), date: longDay(m.meeting_date, req.locale) })) });
  });

  app.get('/meetings/past', async (req, reply) => {
    const meetings = await req.tx((trx) => pastPublicMeetings(trx, req.today));
    return reply.view('meetings/views/public-past.njk', {
      title: req.t('meetings.past.title'),
      section: 'meetings',
      meetings: meetings.map((m) => ({
        id: m.id,
        body: bodyName(m, req.t),
        date: longDay(m.meeting_date, req.locale),
        published: published(m),
        approvedOn: m.minutes_approved_on ? longDay(m.minutes_approved_on, req.locale) : null,
      })),
    });
  });

  app.get('/meetings/:id/minutes/public', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, items, approvedAt, attendance } = await publicMinutes(req, req.params.id);
    const body = bodyName(meeting, req.t);
    const date = longDay(meeting.meeting_date, req.locale);
    return reply.view('meetings/views/public-minutes.njk', {
      title: req.t('meetings.minutes.title', { body, date }),
      section: 'meetings',
      m: meeting,
      date,
      items,
      attendance,
      approvedOn: approvedAt ? longDay(approvedAt, req.locale) : null,
      agendaPublished: published(meeting).agenda,
    });
  });

  // The published minutes as a tagged PDF: the public page's text, with the declarations of
  // interest made at the meeting in full (the page links to their list).
  app.get('/meetings/:id/minutes/public.pdf', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, items, approvedAt, attendance, declarations } = await publicMinutes(req, req.params.id);
    const t = req.t;
    const council = req.councilOrThrow();
    const pdf = await minutesPdf(t, {
      council: councilNameIn(req.t, council),
      title: t('meetings.minutes.title', { body: bodyName(meeting, t), date: longDay(meeting.meeting_date, t.locale) }),
      language: languageTag(req.locale),
      approvedOn: approvedAt,
      attendance,
      declarations,
      items,
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="minutes-${meeting.meeting_date}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.get('/meetings/:id/agenda', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, council, items } = await publicAgenda(req, req.params.id);
    return reply.view('meetings/views/agenda.njk', {
      title: req.t('meetings.agenda.title', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date, req.locale) }),
      section: 'meetings',
      m: meeting,
      council,
      body: bodyName(meeting, req.t),
      date: longDay(meeting.meeting_date, req.locale),
      items,
      minutesPublished: published(meeting).minutes,
    });
  });

  app.get('/meetings/:id/agenda.pdf', { schema: { params: idParams } }, async (req, reply) => {
    const { meeting, council, items } = await publicAgenda(req, req.params.id);
    const t = req.t;
    const body = bodyName(meeting, t);
    const date = longDay(meeting.meeting_date, t.locale);
    // The page's own order and headings: the meeting's facts, then the business as a numbered list.
    const pdf = await writePdf({
      title: t('meetings.agenda.title', { body, date }),
      author: councilNameIn(req.t, council),
      language: languageTag(req.locale),
      blocks: [
        { kind: 'paragraph', text: councilNameIn(req.t, council) },
        { kind: 'paragraph', text: t('meetings.agenda.when', { date, time: meeting.starts_at }) },
        { kind: 'paragraph', text: t('meetings.agenda.where', { venue: meeting.venue }) },
        { kind: 'paragraph', text: meeting.kind === 'extraordinary' ? t('meetings.kind.extraordinary') : t('meetings.kind.ordinary') },
        { kind: 'paragraph', text: t('meetings.agenda.public') },
        { kind: 'heading', level: 2, text: t('meetings.agenda.business') },
        {
          kind: 'list',
          ordered: true,
          items: items.map((item) => {
            const detail = item.confidential ? t('meetings.agenda.excluded', { reason: item.confidentialReason }) : item.details;
            return { text: item.title, label: String(item.number), details: detail ? [detail] : [] };
          }),
        },
        { kind: 'paragraph', text: t('meetings.agenda.issued', { date: longDay(meeting.summons_issued_on!, t.locale) }) },
      ],
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="agenda-${meeting.meeting_date}.pdf"`)
      .send(Buffer.from(pdf));
  });
}

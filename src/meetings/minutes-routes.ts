import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Trx } from '../db/database.js';
import { postedByPrefix, submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { attendanceSummary, loadAttendance } from './attendance.js';
import { approvalMeetings, approveInput, approveMinutes, bodyMembership, bodyName, findMeeting, listItems, longDay, minutesInput, saveMinutes, type MeetingRow } from './service.js';
import { presentMinutes } from './present.js';
import { readerFor } from './visibility.js';
import { minutesView } from './api-views.js';
import { languageTag } from '../i18n/format.js';
import { NotFoundError } from '../web/errors.js';
import { minutesPdf } from './minutes-pdf.js';
import { minutedDeclarations } from '../declarations/context.js';
import { councilNameIn } from '../i18n/messages.js';

/** A meeting's minutes as this reader may read them: one presenter for the page and the API. */
async function loadMinutes(trx: Trx, req: FastifyRequest, meeting: MeetingRow) {
  const reader = await readerFor(trx, req);
  const memberIds = (await bodyMembership(trx, req.today))(meeting.committee_id);
  return presentMinutes(reader, { items: await listItems(trx, meeting.id), memberIds });
}

/** Minutes: drafted against the agenda once the meeting has met, approved at a later meeting, then locked. */
export async function minutesRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const minutesPage = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    req.authorize('meetings.view');
    const d = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      return {
        meeting,
        items: await loadMinutes(trx, req, meeting),
        approvals: await approvalMeetings(trx, meeting, req.today),
        approvedAt: meeting.minutes_approved_at ? await findMeeting(trx, meeting.minutes_approved_at) : undefined,
        attendance: attendanceSummary(await loadAttendance(trx, meeting)),
        declarations: await minutedDeclarations(trx, meeting.id),
      };
    });
    const canManage = req.allows('meetings.manage');
    return reply.view('meetings/views/minutes.njk', {
      title: req.t('meetings.minutes.title', { body: bodyName(d.meeting, req.t), date: longDay(d.meeting.meeting_date, req.locale) }),
      section: 'meetings',
      m: d.meeting,
      items: d.items,
      approvals: d.approvals.map((a) => ({ ...a, label: longDay(a.meeting_date, req.locale) })),
      approvedAt: d.approvedAt ? longDay(d.approvedAt.meeting_date, req.locale) : undefined,
      canEdit: canManage && d.meeting.minutes_status !== 'approved' && d.meeting.meeting_date <= req.today,
      canManage,
      attendance: d.attendance,
      declarations: d.declarations,
      ...data,
    });
  };

  app.get('/meetings/:id/minutes', { schema: { params: idParams } }, async (req, reply) => minutesPage(req, reply, req.params.id));

  // The approved minutes as a tagged PDF, to file and circulate: read as the minutes page reads
  // them (an item taken in private in general terms for those who may not read its minute).
  // Drafts have none: until they are approved, the minutes are not the council's record.
  app.get('/meetings/:id/minutes.pdf', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('meetings.view');
    const t = req.t;
    const council = req.councilOrThrow();
    const d = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, req.params.id);
      if (meeting.minutes_status !== 'approved') throw new NotFoundError();
      return {
        meeting,
        items: await loadMinutes(trx, req, meeting),
        approvedAt: meeting.minutes_approved_at ? await findMeeting(trx, meeting.minutes_approved_at) : undefined,
        attendance: attendanceSummary(await loadAttendance(trx, meeting)),
        declarations: await minutedDeclarations(trx, meeting.id),
      };
    });
    const pdf = await minutesPdf(t, {
      council: councilNameIn(req.t, council),
      title: t('meetings.minutes.title', { body: bodyName(d.meeting, t), date: longDay(d.meeting.meeting_date, t.locale) }),
      language: languageTag(req.locale),
      approvedOn: d.approvedAt?.meeting_date ?? null,
      attendance: d.attendance,
      declarations: d.declarations,
      items: d.items,
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="minutes-${d.meeting.meeting_date}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.post('/meetings/:id/minutes', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: minutesInput,
      // One field an item: "minute-<item id>".
      extra: { minutes: postedByPrefix(req, 'minute-') },
      save: async (trx, input) => saveMinutes(trx, req.user(), await findMeeting(trx, req.params.id), input.minutes, req.today),
      redisplay: (reply, { errors }) => minutesPage(req, reply, req.params.id, { errors }),
      done: () => ({ path: `/meetings/${req.params.id}/minutes`, flash: 'meetings.minutesSaved' }),
    }),
  );

  app.post('/meetings/:id/minutes/approve', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: approveInput,
      save: async (trx, input) => approveMinutes(trx, req.user(), await findMeeting(trx, req.params.id), input.approvedAt, req.today),
      redisplay: (reply, { errors }) => minutesPage(req, reply, req.params.id, { errors }),
      done: () => ({ path: `/meetings/${req.params.id}/minutes`, flash: 'meetings.minutesApproved' }),
    }),
  );

  app.get(
    '/api/v1/meetings/:id/minutes',
    {
      schema: {
        tags: ['meetings'],
        summary: 'A meeting’s minutes, item by item',
        description: 'The minute of an item taken in private is null except for the body’s members and the officers, as on the minutes page.',
        params: idParams,
        response: { 200: minutesView, 404: apiErrorSchema },
      },
    },
    async (req) => {
      req.authorize('meetings.view');
      return req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        const items = await loadMinutes(trx, req, meeting);
        return {
          meetingId: meeting.id,
          status: meeting.minutes_status,
          approvedOn: meeting.minutes_approved_on,
          items: items.map((i) => ({ number: i.number, title: i.title, confidential: i.confidential, minute: i.readable ? (i.minute ?? '') : null })),
          declarations: await minutedDeclarations(trx, meeting.id),
        };
      });
    },
  );
}

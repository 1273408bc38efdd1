import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams, isoDate } from '../web/schemas.js';
import { latestSummonsDate } from '../calendar/clear-days.js';
import { skippedLabel, readingName } from '../calendar/labels.js';
import { listCommittees } from '../setup/committees/service.js';
import { bodyName, councilLanguagesInOrder, findMeeting, listMeetings, loadCounting, meetingDates, meetingInput, rescheduleInput, rescheduleMeeting, scheduleMeeting } from './service.js';
import { presentMeeting } from './present.js';
import { flatDate, meetingPage } from './meeting-page.js';
import { meetingView, summonsDateView } from './api-views.js';

const V = 'meetings/views';

/** The council's meetings: the list, scheduling and re-scheduling, and the clear-days tool. */
export async function scheduleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/tools/summons-date',
    {
      schema: {
        tags: ['meetings'],
        summary: 'The latest date a summons may be issued for a meeting on a given day',
        description: 'Public: no sign-in. Three clear days counted as the council’s reading of the law says, with every day not counted and why.',
        querystring: z.object({ meeting: isoDate }),
        response: { 200: summonsDateView, 400: apiErrorSchema },
      },
    },
    async (req) => {
      const council = req.councilOrThrow();
      const counting = await req.tx((trx) => loadCounting(trx, council));
      const answer = latestSummonsDate(req.query.meeting, counting.rules);
      return {
        meeting: req.query.meeting,
        latestIssueDate: answer.latestIssueDate,
        clearDays: answer.clearDays,
        reading: { id: answer.reading, name: readingName(answer.reading, req.t) },
        saturdaysCount: answer.saturdaysCount,
        nation: council.nation,
        skipped: answer.skipped.map((s) => ({ ...s, label: skippedLabel(s, req.t) })),
      };
    },
  );

  app.get('/meetings', async (req, reply) => {
    req.authorize('meetings.view');
    const council = req.councilOrThrow();
    const canManage = req.allows('meetings.manage');
    // Counting each meeting's days is most of this page's work: it is remembered with the rows.
    const { upcoming, past, warnings } = await req.remembered('meetings.list', async (trx) => {
      const meetings = await listMeetings(trx);
      const counting = await loadCounting(trx, council);
      const rows = meetings.map((m) => ({ ...m, body: bodyName(m, req.t), dates: meetingDates(m.meeting_date, counting) }));
      const upcoming = rows.filter((m) => m.meeting_date >= req.today);
      return {
        upcoming,
        past: rows.filter((m) => m.meeting_date < req.today).reverse(),
        warnings: canManage ? upcoming.filter((m) => (m.summons_issued_on === null || m.agenda_changed_since_issue) && req.today >= m.dates.warnFrom) : [],
      };
    });
    return reply.view(`${V}/list.njk`, { title: req.t('meetings.title'), section: 'meetings', upcoming, past, warnings, canManage, canConfigure: req.allows('council.configure'), today: req.today });
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const committees = await req.tx(listCommittees);
    const shortNoticePossible = req.councilOrThrow().nation === 'wales' && committees.length > 0;
    return reply.view(`${V}/new.njk`, { title: req.t('meetings.new'), section: 'meetings', committees, shortNoticePossible, values: { ...flatDate('meetingDate', null), startsAt: '19:00' }, ...data });
  };

  app.get('/meetings/new', async (req, reply) => {
    req.authorize('meetings.manage');
    return newForm(req, reply);
  });

  /** What scheduling needs besides the input: today, the counting of clear days, and the council's own language for the standard items. */
  const scheduling = async (trx: Trx, req: FastifyRequest) => {
    const council = req.councilOrThrow();
    // Its standard business is written in each of the council's languages.
    return { today: req.today, counting: await loadCounting(trx, council), translations: councilLanguagesInOrder(council).map((locale) => app.concord.translate(council, locale)) };
  };

  app.post('/meetings/new', { config: { authorize: 'meetings.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: meetingInput,
      save: async (trx, input) => scheduleMeeting(trx, req.user(), req.councilOrThrow(), input, await scheduling(trx, req)),
      redisplay: (reply, form) => newForm(req, reply, form),
      done: (id) => ({ path: `/meetings/${id}`, flash: 'meetings.scheduled' }),
    }),
  );

  app.post('/meetings/:id/reschedule', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: rescheduleInput,
      save: async (trx, input) => rescheduleMeeting(trx, req.user(), req.councilOrThrow(), await findMeeting(trx, req.params.id), input, await scheduling(trx, req)),
      redisplay: (reply, { errors, values }) => meetingPage(req, reply, req.params.id, { errors, reschedule: values, part: 'schedule' }),
      done: () => ({ path: `/meetings/${req.params.id}?part=schedule`, flash: 'meetings.rescheduled' }),
    }),
  );

  app.get(
    '/api/v1/meetings',
    { schema: { tags: ['meetings'], summary: 'Meetings of the council and its committees, by date', response: { 200: z.object({ meetings: z.array(meetingView) }) } } },
    async (req) => {
      req.authorize('meetings.view');
      const council = req.councilOrThrow();
      return req.remembered('meetings.api', async (trx) => {
        const meetings = await listMeetings(trx);
        const counting = await loadCounting(trx, council);
        return { meetings: meetings.map((m) => presentMeeting(m, counting, req.t)) };
      });
    },
  );

  app.post(
    '/api/v1/meetings',
    {
      config: { authorize: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Schedule a meeting of the council or a committee',
        description:
          'Refused with 400 on meetingDate for a day that has passed, or too soon for the summons to go out three clear days before (Local Government Act 1972 Sch. 12 para 10(2)(b); para 26(2)(b) in Wales), unless the law allows shorter notice and shortNoticeReason says why. The agenda starts with the council’s standard items.',
        body: meetingInput,
        response: { 201: meetingView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const council = req.councilOrThrow();
      const out = await req.tx(async (trx) => {
        const id = await scheduleMeeting(trx, req.user(), council, req.body, await scheduling(trx, req));
        return presentMeeting(await findMeeting(trx, id), await loadCounting(trx, council), req.t);
      });
      return reply.status(201).send(out);
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { postedByPrefix, renameFields, submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { bodyName, findMeeting, longDay } from './service.js';
import { attendanceInput, loadAttendance, recordAttendance, MEMBER_STATUSES } from './attendance.js';

const attendanceView = z.object({
  recorded: z.boolean(),
  members: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(MEMBER_STATUSES).nullable() })),
  officersInAttendance: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** Who attended a meeting: recorded by the officers once it has met, read by anyone signed in. */
export async function attendanceRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const page = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    req.authorize('meetings.view');
    const { meeting, attendance } = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      return { meeting, attendance: await loadAttendance(trx, meeting) };
    });
    const held = meeting.meeting_date <= req.today;
    return reply.view('meetings/views/attendance.njk', {
      title: req.t('meetings.attendance.title', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date, req.locale) }),
      section: 'meetings',
      m: meeting,
      attendance,
      held,
      canRecord: held && req.allows('meetings.manage'),
      values: null,
      ...data,
    });
  };

  app.get('/meetings/:id/attendance', { schema: { params: idParams } }, async (req, reply) => page(req, reply, req.params.id));

  app.post('/meetings/:id/attendance', { schema: { params: idParams }, config: { authorize: 'meetings.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: attendanceInput,
      // One field a member: "member-<person id>".
      extra: { members: postedByPrefix(req, 'member-') },
      save: async (trx, input) => recordAttendance(trx, req.user(), await findMeeting(trx, req.params.id), input, req.today),
      redisplay: (reply, { errors, values }) =>
        page(req, reply, req.params.id, { errors: renameFields(errors, (f) => f.replace(/^members\./, 'member-')), values: { members: values.members, officers: values.officers } }),
      done: () => ({ path: `/meetings/${req.params.id}/attendance`, flash: 'meetings.attendance.saved' }),
    }),
  );

  const present = (a: Awaited<ReturnType<typeof loadAttendance>>) => ({
    recorded: a.recorded,
    members: a.members.map((m) => ({ id: m.id, name: m.name, status: m.status === 'in_attendance' ? null : m.status })),
    officersInAttendance: a.officers.filter((o) => o.inAttendance).map((o) => ({ id: o.id, name: o.name })),
  });

  app.get(
    '/api/v1/meetings/:id/attendance',
    { schema: { tags: ['meetings'], summary: 'Who attended a meeting', params: idParams, response: { 200: attendanceView, 404: apiErrorSchema } } },
    async (req) => {
      req.authorize('meetings.view');
      return present(await req.tx(async (trx) => loadAttendance(trx, await findMeeting(trx, req.params.id))));
    },
  );

  app.post(
    '/api/v1/meetings/:id/attendance',
    {
      config: { authorize: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Record who attended a meeting that has taken place, replacing any earlier record',
        description: 'Every member of the body must be given a status. Officers’ work: a councillor is refused with the clause.',
        params: idParams,
        body: attendanceInput,
        response: { 200: attendanceView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const attendance = await req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        await recordAttendance(trx, req.user(), meeting, req.body, req.today);
        return loadAttendance(trx, meeting);
      });
      return present(attendance);
    },
  );
}

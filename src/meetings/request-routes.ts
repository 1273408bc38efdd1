import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import { decide, type Decision } from '../policy/decide.js';
import { InvalidInputError } from '../web/errors.js';
import { apiError } from '../web/error-handler.js';
import { labelled, readForm, renameFields, submitForm } from '../web/form.js';
import { toFormErrors, type FormErrors } from '../web/forms.js';
import { apiErrorSchema, idParams, optionalText } from '../web/schemas.js';
import {
  agendaRequestInput,
  bodyMembers,
  bodyName,
  createRequest,
  decideRequest,
  decisionInput,
  findMeeting,
  findRequest,
  loadCounting,
  longDay,
  meetingDates,
  nextMeetingOfBody,
  type AgendaRequestInput,
} from './service.js';
import { meetingPage } from './meeting-page.js';
import { lateErrorSchema, requestView } from './api-views.js';

const V = 'meetings/views';
type Refusal = Extract<Decision, { allowed: false }>;

/** The page's form: one paper, typed in, as its title and text; the API takes a list. */
const requestPageInput = agendaRequestInput
  .omit({ papers: true })
  .extend({ paperTitle: labelled(optionalText(200), 'meetings.paper.title'), paperBody: labelled(optionalText(50_000), 'meetings.paper.body') })
  .superRefine((v, ctx) => {
    if (v.paperTitle === '' && v.paperBody === '') return;
    if (v.paperTitle === '') ctx.addIssue({ code: 'custom', path: ['paperTitle'], message: 'validation.required' });
    if (v.paperBody === '') ctx.addIssue({ code: 'custom', path: ['paperBody'], message: 'validation.required' });
  });

function asRequest({ paperTitle, paperBody, ...rest }: z.infer<typeof requestPageInput>): AgendaRequestInput {
  return { ...rest, papers: paperTitle ? [{ title: paperTitle, body: paperBody }] : [] };
}

/** Record a refusal this capability answers itself, exactly as the app's error handler does. */
async function recordRefusal(req: FastifyRequest, decision: Refusal) {
  const council = req.councilOrThrow();
  await req.tx((trx) =>
    audit(trx, {
      councilId: council.id,
      actorId: req.principal?.personId ?? null,
      action: 'access.refused',
      entityType: 'rule',
      entityId: decision.ruleId,
      data: { errorId: decision.errorId, method: req.method, path: req.url.split('?')[0], clauses: decision.clauses.map((c) => c.number) },
    }),
  );
}

/**
 * The agenda notice rule, asked about one meeting: may this person's request (with this
 * reason for urgency, if any) still reach it? Refused with the clause, and the next
 * meeting of the same body offered.
 */
async function checkNotice(req: FastifyRequest, meetingId: string, urgentReason: string) {
  const council = req.councilOrThrow();
  const { meeting, counting, next } = await req.tx(async (trx) => {
    const meeting = await findMeeting(trx, meetingId);
    return { meeting, counting: await loadCounting(trx, council), next: await nextMeetingOfBody(trx, meeting) };
  });
  const deadline = meetingDates(meeting.meeting_date, counting).agendaDeadline;
  const decision = decide(req.user(), 'agenda_request.create', req.clauses!, req.today, undefined, { agendaDeadline: deadline, urgentReason });
  return { meeting, counting, deadline, next, decision, nextDeadline: next ? meetingDates(next.meeting_date, counting).agendaDeadline : undefined };
}
type Notice = Awaited<ReturnType<typeof checkNotice>>;

/** Agenda requests: asked for within the notice period, accepted or rejected by the Clerk. */
export async function requestRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const requestForm = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: { values: Record<string, unknown>; errors?: FormErrors }) => {
    const council = req.councilOrThrow();
    const canRecordFor = req.allows('agenda_request.record_for');
    const { meeting, counting, councillors } = await req.tx(async (trx) => ({
      meeting: await findMeeting(trx, meetingId),
      counting: await loadCounting(trx, council),
      councillors: canRecordFor ? await bodyMembers(trx, { committee_id: null, meeting_date: req.today }) : [],
    }));
    const dates = meetingDates(meeting.meeting_date, counting);
    return reply.view(`${V}/request.njk`, {
      title: req.t('meetings.request.pageTitle', { body: bodyName(meeting, req.t), date: longDay(meeting.meeting_date, req.locale) }),
      section: 'meetings',
      m: meeting,
      deadline: dates.agendaDeadline,
      late: req.today > dates.agendaDeadline,
      canRecordFor,
      councillors,
      ...data,
    });
  };

  const lateRefusal = async (req: FastifyRequest, reply: FastifyReply, n: Notice, decision: Refusal, title: string) => {
    await recordRefusal(req, decision);
    const clause = decision.clauses[0]!;
    return reply.status(403).view(`${V}/late.njk`, {
      title: req.t('refused.title'),
      section: 'meetings',
      decision,
      message: req.t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text }),
      lead: req.t('meetings.late.lead', { body: bodyName(n.meeting, req.t), date: longDay(n.meeting.meeting_date, req.locale), deadline: longDay(n.deadline, req.locale) }),
      next: n.next,
      nextDate: n.next ? longDay(n.next.meeting_date, req.locale) : undefined,
      nextDeadline: n.nextDeadline ? longDay(n.nextDeadline, req.locale) : undefined,
      nextOpen: !!n.nextDeadline && req.today <= n.nextDeadline,
      requestTitle: title,
    });
  };

  app.get('/meetings/:id/request', { schema: { params: idParams, querystring: z.object({ title: z.string().max(200).optional() }) } }, async (req, reply) => {
    const notice = await checkNotice(req, req.params.id, '');
    // The Clerk may still record a late request, as urgent with a reason; anyone else is told now.
    if (!notice.decision.allowed && !req.allows('agenda_request.record_for')) return lateRefusal(req, reply, notice, notice.decision, req.query.title ?? '');
    return requestForm(req, reply, req.params.id, { values: { title: req.query.title ?? '' } });
  });

  app.post('/meetings/:id/request', { schema: { params: idParams } }, async (req, reply) => {
    const me = req.user();
    const read = readForm(req, requestPageInput);
    const text = (name: string) => (typeof read.values[name] === 'string' ? String(read.values[name]) : '');
    // The notice period is decided before anything typed is checked, as in the API.
    const notice = await checkNotice(req, req.params.id, text('urgentReason'));
    if (!notice.decision.allowed) return lateRefusal(req, reply, notice, notice.decision, text('title'));
    if (!read.ok) return requestForm(req, reply.status(400), req.params.id, { errors: read.errors, values: read.values });
    const input = asRequest(read.value);
    if (input.requestedBy && input.requestedBy !== me.personId) req.authorize('agenda_request.record_for');
    try {
      const now = app.concord.services.clock();
      const request = await req.tx((trx) => createRequest(trx, me, notice.meeting, input, { late: req.today > notice.deadline, today: req.today, now, counting: notice.counting }));
      return reply.to(`/meetings/${req.params.id}`, `meetings.requestReceived|${JSON.stringify({ number: request.number })}`);
    } catch (error) {
      if (error instanceof InvalidInputError) return requestForm(req, reply.status(400), req.params.id, { errors: toFormErrors(error.fieldsIn(req.t)), values: read.values });
      throw error;
    }
  });

  const decisionParams = z.object({ id: z.uuid(), requestId: z.uuid() });

  app.post('/meetings/:id/requests/:requestId/decision', { schema: { params: decisionParams }, config: { authorize: 'agenda_request.decide' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    const { id, requestId } = req.params;
    return submitForm(req, reply, {
      schema: decisionInput,
      save: async (trx, input) => {
        await decideRequest(trx, req.user(), await findRequest(trx, requestId), input, { today: req.today, now: app.concord.services.clock(), counting: await loadCounting(trx, council) });
        return input.decision;
      },
      // One form per request on the page: its fields carry the request's id.
      redisplay: (reply, { errors }) => meetingPage(req, reply, id, { errors: renameFields(errors, (f) => (f === 'decision' || f === 'reason' ? `${f}-${requestId}` : f)) }),
      done: (decision) => ({ path: `/meetings/${id}`, flash: decision === 'accept' ? 'meetings.requestAccepted' : 'meetings.requestRejected' }),
    });
  });

  app.post(
    '/api/v1/meetings/:id/agenda-requests',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Ask for an item on a meeting’s agenda, with papers',
        description:
          'Refused with 403, the protocol clause and the next meeting of the same body after the council’s deadline, checked before the body is validated. The Clerk may record a late request as urgent by giving urgentReason; it goes straight onto the agenda and the reason is kept in the audit log.',
        params: idParams,
        body: agendaRequestInput,
        response: { 201: requestView, 400: apiErrorSchema, 403: z.union([lateErrorSchema, apiErrorSchema]) },
      },
      preValidation: async (req, reply) => {
        // Nothing is read for someone signed out, so they cannot learn which meetings exist.
        req.user();
        const params = idParams.safeParse(req.params);
        if (!params.success) return; // validation answers it, before the meeting is read
        const given = z.object({ urgentReason: z.string() }).safeParse(req.body);
        const notice = await checkNotice(req, params.data.id, given.success ? given.data.urgentReason : '');
        if (notice.decision.allowed) return;
        const decision = notice.decision;
        await recordRefusal(req, decision);
        const clause = decision.clauses[0]!;
        return reply.status(403).send(
          apiError(decision.errorId, req.t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text }), {
            clause: { protocol: clause.protocol, number: clause.number, text: clause.text },
            clauses: decision.clauses.map((c) => ({ protocol: c.protocol, number: c.number, text: c.text })),
            deadline: notice.deadline,
            nextMeeting: notice.next ? { id: notice.next.id, meetingDate: notice.next.meeting_date, agendaDeadline: notice.nextDeadline! } : null,
          }),
        );
      },
    },
    async (req, reply) => {
      const me = req.user();
      const council = req.councilOrThrow();
      if (req.body.requestedBy && req.body.requestedBy !== me.personId) req.authorize('agenda_request.record_for');
      const request = await req.tx(async (trx) => {
        const meeting = await findMeeting(trx, req.params.id);
        const counting = await loadCounting(trx, council);
        const deadline = meetingDates(meeting.meeting_date, counting).agendaDeadline;
        return createRequest(trx, me, meeting, req.body, { late: req.today > deadline, today: req.today, now: app.concord.services.clock(), counting });
      });
      return reply.status(201).send({ id: request.id, number: request.number, meetingId: request.meeting_id, title: request.title, status: request.status, urgentReason: request.urgent_reason });
    },
  );

  app.post(
    '/api/v1/agenda-requests/:id/decision',
    {
      config: { authorize: 'agenda_request.decide' },
      schema: { tags: ['meetings'], summary: 'Accept an agenda request onto the agenda, or reject it with the reason', params: idParams, body: decisionInput, response: { 200: requestView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req) => {
      const council = req.councilOrThrow();
      return req.tx(async (trx) => {
        await decideRequest(trx, req.user(), await findRequest(trx, req.params.id), req.body, { today: req.today, now: app.concord.services.clock(), counting: await loadCounting(trx, council) });
        const r = await findRequest(trx, req.params.id);
        return { id: r.id, number: r.number, meetingId: r.meeting_id, title: r.title, status: r.status, urgentReason: r.urgent_reason };
      });
    },
  );
}

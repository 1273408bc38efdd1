import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { longDate, shorten } from '../web/render.js';
import { bodyChairs, bodyMembership, bodyName, findMeeting } from '../meetings/service.js';
import { readerFor } from '../meetings/visibility.js';
import { listOfficers } from '../tasks/service.js';
import { listResolutions } from './service.js';
import { presentResolution } from './present.js';
import { agreedActionInput, confirmAgreedAction, confirmInput, declineAgreedAction, declineInput, listAgreedActions, recordAgreedAction } from './agreed.js';

/**
 * The chair's record of the actions a meeting agreed (Ledbury 2.4): it instructs no one until
 * the Clerk confirms it against the minutes, as an action under one of the meeting's resolutions.
 */
export async function agreedRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  const agreedPage = async (req: FastifyRequest, reply: FastifyReply, meetingId: string, data: Record<string, unknown> = {}) => {
    const me = req.user();
    const d = await req.tx(async (trx) => {
      const meeting = await findMeeting(trx, meetingId);
      const reader = await readerFor(trx, req);
      const memberIds = (await bodyMembership(trx, req.today))(meeting.committee_id);
      return {
        meeting,
        chairs: await bodyChairs(trx, meeting),
        agreed: await listAgreedActions(trx, { meetingId: meeting.id }),
        resolutions: (await listResolutions(trx, { meetingId: meeting.id })).map((r) => presentResolution(reader, r, memberIds, req.t)),
        officers: await listOfficers(trx),
      };
    });
    const isChair = d.chairs.includes(me.personId);
    const canConfirm = req.allows('agreed_action.confirm');
    // What the chair records is theirs and the Clerk's business until it is confirmed.
    if (!isChair && !canConfirm) req.authorize('agreed_action.record', undefined, { meetingChairIds: d.chairs });
    return reply.view('decisions/views/agreed.njk', {
      title: req.t('agreed.title', { body: bodyName(d.meeting, req.t), date: longDate(d.meeting.meeting_date, req.locale) }),
      section: 'meetings',
      m: d.meeting,
      agreed: d.agreed,
      resolutions: d.resolutions.map((r) => ({ id: r.id, label: `${r.minuteNumber}: ${r.text === null ? req.t('decisions.private') : shorten(r.text, 80)}` })),
      officers: d.officers,
      isChair,
      canConfirm,
      held: d.meeting.meeting_date <= req.today,
      values: {},
      ...data,
    });
  };

  app.get('/meetings/:id/agreed-actions', { schema: { params: idParams } }, async (req, reply) => agreedPage(req, reply, req.params.id));

  const chairsOf = (req: FastifyRequest, meetingId: string) => req.tx(async (trx) => bodyChairs(trx, await findMeeting(trx, meetingId)));

  app.post('/meetings/:id/agreed-actions', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('agreed_action.record', undefined, { meetingChairIds: await chairsOf(req, req.params.id) });
    return submitForm(req, reply, {
      schema: agreedActionInput,
      save: async (trx, input) => recordAgreedAction(trx, req.user(), await findMeeting(trx, req.params.id), input.description, req.today),
      redisplay: (reply, form) => agreedPage(req, reply, req.params.id, form),
      done: () => ({ path: `/meetings/${req.params.id}/agreed-actions`, flash: 'agreed.recorded' }),
    });
  });

  const agreedParams = z.object({ id: z.uuid(), agreedId: z.uuid() });

  app.post('/meetings/:id/agreed-actions/:agreedId/confirm', { schema: { params: agreedParams }, config: { authorize: 'agreed_action.confirm' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: confirmInput,
      // The task is an officer's: who may be given one is the task rules' to say (officer_task.create).
      save: (trx, input) => confirmAgreedAction(trx, req.user(), req.params.id, req.params.agreedId, input, now(), req.t, (r) => req.authorize('officer_task.create', r)),
      redisplay: (reply, form) => agreedPage(req, reply, req.params.id, { ...form, confirming: req.params.agreedId }),
      done: () => ({ path: `/meetings/${req.params.id}/agreed-actions`, flash: 'agreed.confirmed' }),
    }),
  );

  app.post('/meetings/:id/agreed-actions/:agreedId/decline', { schema: { params: agreedParams }, config: { authorize: 'agreed_action.confirm' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: declineInput,
      save: (trx, input) => declineAgreedAction(trx, req.user(), req.params.id, req.params.agreedId, input.reason, now()),
      redisplay: (reply, form) => agreedPage(req, reply, req.params.id, { ...form, declining: req.params.agreedId }),
      done: () => ({ path: `/meetings/${req.params.id}/agreed-actions`, flash: 'agreed.declined' }),
    }),
  );

  app.post(
    '/api/v1/meetings/:id/agreed-actions',
    {
      schema: {
        tags: ['decisions'],
        summary: 'The chair records an action the meeting agreed, for the Clerk to confirm against the minutes',
        description: 'Only the chair or vice-chair of the body that met. The record instructs no one until the Clerk confirms it.',
        params: idParams,
        body: agreedActionInput,
        response: { 201: z.object({ id: z.string(), status: z.enum(['pending', 'confirmed', 'declined']) }), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req, reply) => {
      req.authorize('agreed_action.record', undefined, { meetingChairIds: await chairsOf(req, req.params.id) });
      const row = await req.tx(async (trx) => recordAgreedAction(trx, req.user(), await findMeeting(trx, req.params.id), req.body.description, req.today));
      return reply.status(201).send({ id: row.id, status: row.status });
    },
  );
}

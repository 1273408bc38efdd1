import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listMatters } from '../documents/service.js';
import { listResolutions } from '../decisions/service.js';
import { bodyName, listMeetings, longDay } from '../meetings/service.js';
import { dateParts, type FormErrors } from '../web/forms.js';
import { submitForm } from '../web/form.js';
import { NotFoundError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import {
  COVERS,
  GROUNDS,
  decideDispensation,
  delegationInput,
  delegationText,
  setDelegation,
  dispensationDecisionInput,
  dispensationRequestInput,
  findDispensation,
  isDelegated,
  delegationUnrecorded,
  listDispensations,
  publicDispensations,
  requestDispensation,
  type DispensationRecord,
} from './dispensations.js';
import { registrationsDue } from './service.js';

const dispensationView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  ground: z.enum(GROUNDS),
  reasons: z.string(),
  covers: z.enum(COVERS),
  askedFrom: z.string(),
  askedUntil: z.string(),
  requestedOn: z.string(),
  status: z.enum(['requested', 'granted', 'refused']),
  decidedBy: z.enum(['council', 'clerk']).nullable(),
  resolutionId: z.string().nullable(),
  reference: z.string(),
  grantedFrom: z.string().nullable(),
  grantedUntil: z.string().nullable(),
  decidedOn: z.string().nullable(),
  matters: z.array(z.object({ id: z.string(), title: z.string() })),
  items: z.array(z.object({ id: z.string(), title: z.string(), meetingId: z.string(), meetingDate: z.string(), matterId: z.string().nullable() })),
});
const publicView = z.object({
  id: z.string(),
  councillor: z.string(),
  ground: z.enum(GROUNDS),
  covers: z.enum(COVERS),
  from: z.string(),
  until: z.string(),
  decidedBy: z.enum(['council', 'clerk']),
  reference: z.string(),
  matters: z.array(z.string()),
  items: z.array(z.object({ title: z.string(), meetingDate: z.string() })),
  /** Whether matters or items were left out because they are those of the councillor's sensitive interest. */
  detailsWithheld: z.boolean(),
});

/**
 * Dispensations (Localism Act 2011 s.33): a councillor's written request to the proper
 * officer; the decision the Clerk records; the public register of those granted.
 */
export async function dispensationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** A dispensation the signed-in person may read in full: their own, or (the Clerk) any; to others it is not here. */
  const readable = async (req: FastifyRequest, dispensationId: string): Promise<DispensationRecord> => {
    const d = await req.tx((trx) => findDispensation(trx, dispensationId));
    if (d.personId !== req.user().personId && !req.allows('dispensation.decide')) throw new NotFoundError();
    return d;
  };

  const hubPage = async (req: FastifyRequest, reply: FastifyReply, data: { delegationErrors?: FormErrors; delegationValues?: Record<string, unknown> } = {}) => {
    req.authorize('council.view');
    const me = req.user();
    const decides = req.allows('dispensation.decide');
    const canConfigure = req.allows('council.configure');
    const settings = req.councilOrThrow().settings;
    const delegation = settings.dispensationsDelegation;
    const [dispensations, due, meetings, resolutions] = await req.tx(
      async (trx) =>
        [
          await listDispensations(trx, decides ? {} : { personId: me.personId }),
          await registrationsDue(trx, req.today, decides ? undefined : me.personId),
          await listMeetings(trx, { from: req.today, publicOnly: true }),
          // To choose from, and to name the delegation's, for whoever sets it (the only one shown it).
          canConfigure ? await listResolutions(trx) : [],
        ] as const,
    );
    return reply.view('declarations/views/index.njk', {
      title: req.t('declarations.hub.title'),
      section: 'declarations',
      dispensations,
      due,
      // Meetings to come whose agenda is out: where members declare before them.
      meetings: meetings.map((m) => ({ id: m.id, label: `${bodyName(m, req.t)}, ${longDay(m.meeting_date, req.locale)}` })),
      decides,
      canRequest: req.allows('dispensation.request'),
      canConfigure,
      delegated: isDelegated(settings),
      delegatedBy: delegationText(req.t, settings, resolutions, (date) => longDay(date, req.locale)),
      unrecorded: delegationUnrecorded(settings),
      resolutions,
      // Ticked for any delegation saved, one without its resolution too: the Clerk has only the resolution to add.
      delegationValues: data.delegationValues ?? { delegated: settings.dispensationsDelegated === true, resolutionId: delegation?.resolutionId ?? '', reference: delegation?.reference ?? '' },
      errors: data.delegationErrors,
    });
  };

  app.get('/declarations', async (req, reply) => hubPage(req, reply));

  const requestForm = async (req: FastifyRequest, reply: FastifyReply, data: { values: Record<string, unknown>; errors?: FormErrors }) => {
    const [matters, items] = await req.tx((trx) =>
      Promise.all([
        listMatters(trx),
        trx
          .selectFrom('agenda_items as a')
          .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
          .select(['a.id', 'a.title', 'm.meeting_date'])
          .where('m.meeting_date', '>=', req.today)
          .where('m.summons_issued_on', 'is not', null)
          .orderBy('m.meeting_date')
          .orderBy('a.position')
          .execute(),
      ]),
    );
    return reply.view('declarations/views/request.njk', { title: req.t('dispensations.new.title'), section: 'declarations', grounds: GROUNDS, covers: COVERS, matters, items, ...data });
  };

  app.get('/declarations/dispensations/new', async (req, reply) => {
    req.authorize('dispensation.request');
    return requestForm(req, reply, { values: { from: dateParts(req.today) } });
  });

  app.post('/declarations/dispensations/new', { config: { authorize: 'dispensation.request' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: dispensationRequestInput,
      save: async (trx, value) => requestDispensation(trx, req.user(), req.councilOrThrow(), value, req.today, await req.recipientsText(trx)),
      redisplay: (r, { errors, values }) => requestForm(req, r, { errors, values: { ...values, from: partsOf(values, 'from'), until: partsOf(values, 'until') } }),
      done: (dispensationId) => ({ path: `/declarations/dispensations/${dispensationId}`, flash: 'dispensations.requested' }),
    }),
  );

  // The public register: no sign-in, the dispensations granted that have not ended.
  app.get('/declarations/dispensations/public', async (req, reply) => {
    const register = await req.tx((trx) => publicDispensations(trx, req.today));
    return reply.view('declarations/views/public-register.njk', { title: req.t('dispensations.public.title'), section: 'declarations', register });
  });

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, dispensationId: string, data: { values?: Record<string, unknown>; errors?: FormErrors } = {}) => {
    const d = await readable(req, dispensationId);
    const decides = d.status === 'requested' && req.allows('dispensation.decide');
    const resolutions = decides ? await req.tx((trx) => listResolutions(trx)) : [];
    const settings = req.councilOrThrow().settings;
    return reply.view('declarations/views/dispensation.njk', {
      title: req.t('dispensations.detail.title', { name: d.personName }),
      section: 'declarations',
      d,
      decides,
      delegated: isDelegated(settings),
      delegatedBy: delegationText(req.t, settings, resolutions, (date) => longDay(date, req.locale)),
      unrecorded: delegationUnrecorded(settings),
      resolutions,
      values: data.values ?? { decidedBy: 'council', from: dateParts(d.askedFrom), until: dateParts(d.askedUntil) },
      errors: data.errors,
    });
  };

  app.get('/declarations/dispensations/:id', { schema: { params: idParams } }, async (req, reply) => detailPage(req, reply, req.params.id));

  app.post('/declarations/dispensations/:id/decision', { schema: { params: idParams }, config: { authorize: 'dispensation.decide' } }, async (req, reply) => {
    const d = await readable(req, req.params.id);
    return submitForm(req, reply, {
      schema: dispensationDecisionInput,
      save: async (trx, value) => decideDispensation(trx, req.user(), req.councilOrThrow(), d, value, { today: req.today, textFor: await req.recipientsText(trx) }),
      redisplay: (r, { errors, values }) => detailPage(req, r, d.id, { errors, values: { ...values, from: partsOf(values, 'from'), until: partsOf(values, 'until') } }),
      done: () => ({ path: `/declarations/dispensations/${d.id}`, flash: 'dispensations.decided' }),
    });
  });

  app.post('/declarations/settings', { config: { authorize: 'council.configure' } }, async (req, reply) => {
    const council = req.councilOrThrow();
    return submitForm(req, reply, {
      schema: delegationInput,
      save: async (trx, input) => setDelegation(trx, req.user(), council.id, input),
      redisplay: (r, { errors, values }) => hubPage(req, r, { delegationErrors: errors, delegationValues: values }),
      afterSave: () => req.server.concord.councils.invalidate(),
      done: () => ({ path: '/declarations', flash: 'common.saved' }),
    });
  });

  app.get(
    '/api/v1/declarations/dispensations/public',
    { schema: { tags: ['declarations'], summary: 'The public register of dispensations granted that have not ended (no sign-in needed)', response: { 200: z.object({ dispensations: z.array(publicView) }) } } },
    async (req) => ({ dispensations: await req.tx((trx) => publicDispensations(trx, req.today)) }),
  );

  app.get(
    '/api/v1/declarations/dispensations',
    { schema: { tags: ['declarations'], summary: 'Your dispensations and requests (the Clerk: everyone’s)', response: { 200: z.object({ dispensations: z.array(dispensationView) }), 403: apiErrorSchema } } },
    async (req) => {
      req.authorize('council.view');
      const all = req.allows('dispensation.decide');
      return { dispensations: await req.tx((trx) => listDispensations(trx, all ? {} : { personId: req.user().personId })) };
    },
  );

  app.post(
    '/api/v1/declarations/dispensations',
    {
      config: { authorize: 'dispensation.request' },
      schema: { tags: ['declarations'], summary: 'Ask the proper officer, in writing, for a dispensation (Localism Act 2011 s.33)', body: dispensationRequestInput, response: { 201: dispensationView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => {
      const made = await req.tx(async (trx) => findDispensation(trx, await requestDispensation(trx, req.user(), req.councilOrThrow(), req.body, req.today, await req.recipientsText(trx))));
      return reply.status(201).send(made);
    },
  );

  app.post(
    '/api/v1/declarations/dispensations/:id/decision',
    {
      config: { authorize: 'dispensation.decide' },
      schema: {
        tags: ['declarations'],
        summary: 'Record the decision on a dispensation: granted (for at most four years, s.33(3)) or refused',
        params: idParams,
        body: dispensationDecisionInput,
        response: { 200: dispensationView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (req) => {
      const d = await readable(req, req.params.id);
      return req.tx(async (trx) => {
        await decideDispensation(trx, req.user(), req.councilOrThrow(), d, req.body, { today: req.today, textFor: await req.recipientsText(trx) });
        return findDispensation(trx, d.id);
      });
    },
  );
}

/** A date field's parts as posted, to show again in the GOV.UK date input. */
export function partsOf(values: Record<string, unknown>, name: string) {
  return { day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Trx } from '../db/database.js';
import { submitForm } from '../web/form.js';
import { NotFoundError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { activeClerks, queueEmail } from '../notifications/delivery.js';
import { listResolutions } from '../decisions/service.js';
import {
  addRequirement,
  answerRequest,
  AUDIENCES,
  everyonesTraining,
  listRequirements,
  recordablePeople,
  recordInput,
  recordTraining,
  requestAnswerInput,
  requestInput,
  requestsOf,
  requestTraining,
  requirementInput,
  trainingOf,
} from './service.js';
import { adoptPlan, adoptPlanInput, draftPlan, elections, latestPlan, planStatus } from './plan.js';

const dueView = z.object({ requirementId: z.string(), course: z.string(), dueOn: z.string(), done: z.boolean(), overdue: z.boolean() });
const recordView = z.object({ id: z.string(), personId: z.string(), course: z.string(), provider: z.string(), completedOn: z.string(), hours: z.number(), certificateDocumentId: z.string().nullable(), requirementId: z.string().nullable() });
const requestView = z.object({ id: z.string(), personId: z.string(), course: z.string(), reason: z.string(), status: z.enum(['open', 'arranged', 'declined']), createdAt: z.string() });
const trainingView = z.object({ person: z.object({ id: z.string(), name: z.string() }), hours: z.number(), due: z.array(dueView), records: z.array(recordView), requests: z.array(requestView) });

type Training = Awaited<ReturnType<typeof trainingOf>>;
const presentRecord = (r: Training['records'][number]) => ({ id: r.id, personId: r.person_id, course: r.course, provider: r.provider, completedOn: r.completed_on, hours: Number(r.hours), certificateDocumentId: r.certificate_document_id, requirementId: r.requirement_id });
const presentRequest = (r: Training['requests'][number]) => ({ id: r.id, personId: r.person_id, course: r.course, reason: r.reason, status: r.status, createdAt: new Date(r.created_at).toISOString() });
const presentTraining = (t: Training) => ({ person: { id: t.person.id, name: t.person.name }, hours: t.hours, due: t.due, records: t.records.map(presentRecord), requests: t.requests.map(presentRequest) });

/** The Clerk hears of each request for training by email; the request waits in the Clerk's queue. */
const tellClerk = (req: FastifyRequest) => async (trx: Trx, request: { id: string; course: string }) => {
  const textFor = await req.recipientsText(trx);
  const clerks = await activeClerks(trx);
  for (const c of clerks) {
    const t = textFor(c);
    await queueEmail(trx, req.councilOrThrow().id, { to: c, subject: t('training.requested.subject', { course: request.course }), body: t('training.requested.body', { course: request.course, person: req.user().name }), link: textFor.link('/training/everyone') });
  }
};

/** Training records (R13): each person's own, everyone's for the Clerk, requests, required training and the plan. */
export async function trainingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  const personPage = async (req: FastifyRequest, reply: FastifyReply, personId: string, own: boolean) => {
    const training = await req.tx((trx) => trainingOf(trx, personId, req.today));
    return reply.view('training/views/record.njk', {
      title: own ? req.t('training.title') : req.t('training.person.title', { name: training.person.name }),
      section: 'training',
      own,
      training,
      canRequest: own && req.allows('training.request'),
      canManage: req.allows('training.manage'),
      canRecord: req.allows('training.record'),
    });
  };

  app.get('/training', async (req, reply) => {
    req.authorize('training.view');
    return personPage(req, reply, req.user().personId, true);
  });

  app.get('/training/people/:id', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    const person = await req.tx((trx) => trx.selectFrom('people').select(['id', 'role']).where('id', '=', id).executeTakeFirst());
    if (!person) throw new NotFoundError();
    req.authorize('training.view_person', { kind: 'person', id: person.id, role: person.role });
    return personPage(req, reply, person.id, person.id === req.user().personId);
  });

  app.get('/training/everyone', async (req, reply) => {
    req.authorize('training.manage');
    const [people, requests] = await req.tx(async (trx) => [await everyonesTraining(trx, req.today), await requestsOf(trx, undefined, 'open')] as const);
    return reply.view('training/views/everyone.njk', { title: req.t('training.everyone.title'), section: 'training', people, requests, canRecord: req.allows('training.record') });
  });

  const requestForm = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) =>
    reply.view('training/views/request.njk', { title: req.t('training.request.title'), section: 'training', values: {}, ...data });
  app.get('/training/requests/new', async (req, reply) => {
    req.authorize('training.request');
    return requestForm(req, reply);
  });
  app.post('/training/requests/new', { config: { authorize: 'training.request' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: requestInput,
      save: (trx, value) => requestTraining(trx, req.user(), value, now(), tellClerk(req)),
      redisplay: (r, form) => requestForm(req, r, form),
      done: (r) => ({ path: '/training', flash: `training.requested|${JSON.stringify({ course: r.course })}` }),
    }),
  );

  app.post('/training/requests/:id', { config: { authorize: 'training.manage' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    return submitForm(req, reply, {
      schema: requestAnswerInput,
      save: (trx, value) => answerRequest(trx, req.user(), id, value.status, now()),
      redisplay: (r) => r.to('/training/everyone'),
      done: (r) => ({ path: '/training/everyone', flash: `training.answered|${JSON.stringify({ course: r.course })}` }),
    });
  });

  const recordForm = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const [people, requirements, documents] = await req.tx(async (trx) => [
      await recordablePeople(trx, req.today),
      await listRequirements(trx),
      await trx.selectFrom('documents').select(['id', 'title']).where('classification', '!=', 'confidential').orderBy('title').execute(),
    ] as const);
    return reply.view('training/views/record-new.njk', { title: req.t('training.record.title'), section: 'training', people, requirements, documents, values: {}, ...data });
  };
  app.get('/training/records/new', async (req, reply) => {
    req.authorize('training.record');
    return recordForm(req, reply);
  });
  app.post('/training/records/new', { config: { authorize: 'training.record' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: recordInput,
      save: (trx, value) => recordTraining(trx, req.user(), value, req.today).then((r) => ({ ...r, personId: value.personId, course: value.course })),
      redisplay: (r, form) => recordForm(req, r, form),
      done: (r) => ({ path: `/training/people/${r.personId}`, flash: `training.recorded|${JSON.stringify({ course: r.course })}` }),
    }),
  );

  const requirementsPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const requirements = await req.tx((trx) => listRequirements(trx));
    return reply.view('training/views/requirements.njk', { title: req.t('training.requirements.title'), section: 'training', requirements, audiences: AUDIENCES, values: {}, ...data });
  };
  app.get('/training/requirements', async (req, reply) => {
    req.authorize('training.manage');
    return requirementsPage(req, reply);
  });
  app.post('/training/requirements', { config: { authorize: 'training.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: requirementInput,
      save: (trx, value) => addRequirement(trx, req.councilOrThrow(), req.user(), value, now()),
      redisplay: (r, form) => requirementsPage(req, r, form),
      done: (r) => ({ path: '/training/requirements', flash: `training.requirementAdded|${JSON.stringify({ course: r.course })}` }),
    }),
  );

  const plan = async (trx: Trx, req: FastifyRequest) => {
    const [latest, election, draft] = await Promise.all([latestPlan(trx), elections(trx, req.today), draftPlan(trx, req.today)]);
    return { latest, election, draft, status: planStatus(latest, election, req.today) };
  };
  const planPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const canAdopt = req.allows('training.manage');
    const [p, resolutions] = await req.tx(async (trx) => [await plan(trx, req), canAdopt ? await listResolutions(trx) : []] as const);
    return reply.view('training/views/plan.njk', { title: req.t('training.plan.title'), section: 'training', ...p, wales: council.nation === 'wales', canAdopt, resolutions, values: {}, ...data });
  };
  app.get('/training/plan', async (req, reply) => {
    req.authorize('training.view');
    return planPage(req, reply);
  });
  app.post('/training/plan', { config: { authorize: 'training.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: adoptPlanInput,
      save: (trx, value) => adoptPlan(trx, req.councilOrThrow(), req.user(), value.resolutionId, req.today),
      redisplay: (r, form) => planPage(req, r, form),
      done: () => ({ path: '/training/plan', flash: 'training.plan.adopted' }),
    }),
  );

  // The API: the same service, the same rules.
  app.get('/api/v1/training', { schema: { tags: ['training'], summary: 'Your own training: what is due, what you have done, what you asked for', response: { 200: trainingView, 403: apiErrorSchema } } }, async (req) => {
    req.authorize('training.view');
    return presentTraining(await req.tx((trx) => trainingOf(trx, req.user().personId, req.today)));
  });

  app.get(
    '/api/v1/training/people/:id',
    { schema: { tags: ['training'], summary: 'One person’s training record', description: 'Your own, or anyone’s for the Clerk; otherwise refused naming the clause on training records.', params: idParams, response: { 200: trainingView, 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req) => {
      const person = await req.tx((trx) => trx.selectFrom('people').select(['id', 'role']).where('id', '=', req.params.id).executeTakeFirst());
      if (!person) throw new NotFoundError();
      req.authorize('training.view_person', { kind: 'person', id: person.id, role: person.role });
      return presentTraining(await req.tx((trx) => trainingOf(trx, person.id, req.today)));
    },
  );

  app.get(
    '/api/v1/training/overdue',
    {
      config: { authorize: 'training.manage' },
      schema: { tags: ['training'], summary: 'Everyone’s required training that is overdue, for the Clerk', response: { 200: z.object({ people: z.array(z.object({ id: z.string(), name: z.string(), overdue: z.array(dueView) })) }), 403: apiErrorSchema } },
    },
    async (req) => ({ people: (await req.tx((trx) => everyonesTraining(trx, req.today))).filter((p) => p.overdue.length).map((p) => ({ id: p.id, name: p.name, overdue: p.overdue })) }),
  );

  app.post(
    '/api/v1/training/records',
    { config: { authorize: 'training.record' }, schema: { tags: ['training'], summary: 'Record a completed course, with its certificate (a document id)', body: recordInput, response: { 201: z.object({ id: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send(await req.tx((trx) => recordTraining(trx, req.user(), req.body, req.today))),
  );

  app.post(
    '/api/v1/training/requests',
    { config: { authorize: 'training.request' }, schema: { tags: ['training'], summary: 'Ask the Clerk for training (it goes to the Clerk’s queue)', body: requestInput, response: { 201: requestView, 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => {
      const row = await req.tx((trx) => requestTraining(trx, req.user(), req.body, now(), tellClerk(req)));
      return reply.status(201).send({ id: row.id, personId: req.user().personId, course: row.course, reason: req.body.reason, status: row.status, createdAt: new Date(row.created_at).toISOString() });
    },
  );

  app.post(
    '/api/v1/training/requirements',
    { config: { authorize: 'training.manage' }, schema: { tags: ['training'], summary: 'Require a course of a role, due a number of days from the start', body: requirementInput, response: { 201: z.object({ id: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send({ id: (await req.tx((trx) => addRequirement(trx, req.councilOrThrow(), req.user(), req.body, now()))).id }),
  );

  app.get(
    '/api/v1/training/plan',
    {
      schema: {
        tags: ['training'],
        summary: 'The training plan: the adopted one, the draft from the records, and the three-month limit after an ordinary election',
        response: {
          200: z.object({
            adopted: z.object({ id: z.string(), adoptedOn: z.string(), resolutionId: z.string(), minuteNumber: z.string() }).nullable(),
            current: z.boolean(),
            deadline: z.string().nullable(),
            nextDeadline: z.string().nullable(),
            draft: z.array(z.object({ name: z.string(), hours: z.number(), outstanding: z.array(z.object({ course: z.string(), dueOn: z.string(), overdue: z.boolean() })), requested: z.array(z.string()) })),
          }),
          403: apiErrorSchema,
        },
      },
    },
    async (req) => {
      req.authorize('training.view');
      const p = await req.tx((trx) => plan(trx, req));
      return {
        adopted: p.latest ? { id: p.latest.id, adoptedOn: p.latest.adopted_on, resolutionId: p.latest.resolution_id, minuteNumber: p.latest.minute_number } : null,
        current: p.status.current,
        deadline: p.status.deadline,
        nextDeadline: p.status.nextDeadline,
        // The draft names people and what they have still to do: it is the Clerk's working paper until adopted.
        draft: req.allows('training.manage') ? p.draft.map((d) => ({ name: d.name, hours: d.hours, outstanding: d.outstanding, requested: d.requested })) : [],
      };
    },
  );

  app.post(
    '/api/v1/training/plan',
    { config: { authorize: 'training.manage' }, schema: { tags: ['training'], summary: 'Adopt the training plan as drafted today, citing the council’s resolution', body: adoptPlanInput, response: { 201: z.object({ id: z.string(), adoptedOn: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => {
      const row = await req.tx((trx) => adoptPlan(trx, req.councilOrThrow(), req.user(), req.body.resolutionId, req.today));
      return reply.status(201).send({ id: row.id, adoptedOn: row.adopted_on });
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { NotFoundError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { listResolutions } from '../decisions/service.js';
import {
  addCandidate,
  appointmentInput,
  candidateInput,
  candidatesOf,
  createAppointment,
  findAppointment,
  keptUntil,
  listAppointments,
  outcomeInput,
  panelResource,
  recordOutcome,
  refusedAttempts,
  retentionMonths,
  scoreCandidate,
  scoreInput,
} from './service.js';

const candidateView = z.object({ id: z.string(), name: z.string(), paperDocumentId: z.string().nullable(), scores: z.array(z.object({ scorer: z.string(), score: z.number(), comment: z.string() })) });
const uuidOr404 = (id: string) => {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError();
  return id;
};

/** Staff appointments (R15): vacancies by resolution; candidates, papers and scores for the selection panel and the Clerk alone. */
export async function appointmentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const listPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const manage = req.allows('appointment.manage');
    const [appointments, resolutions, councillors] = await req.tx(async (trx) => [
      await listAppointments(trx),
      manage ? await listResolutions(trx) : [],
      manage ? (await trx.selectFrom('people').select(['id', 'name', 'term_starts', 'term_ends']).where('role', '=', 'councillor').where('active', '=', true).orderBy('name').execute()).filter((c) => (!c.term_starts || c.term_starts <= req.today) && (!c.term_ends || c.term_ends >= req.today)) : [],
    ] as const);
    return reply.view('appointments/views/list.njk', { title: req.t('appointments.title'), section: 'appointments', appointments, manage, resolutions, councillors, values: { panelIds: [] }, ...data });
  };
  app.get('/appointments', async (req, reply) => {
    req.authorize('appointment.view');
    return listPage(req, reply);
  });
  app.post('/appointments', { config: { authorize: 'appointment.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: appointmentInput,
      save: (trx, value) => createAppointment(trx, req.user(), value, req.today),
      redisplay: (r, form) => listPage(req, r, form),
      done: (a) => ({ path: `/appointments/${a.id}`, flash: `appointments.opened|${JSON.stringify({ title: a.title })}` }),
    }),
  );

  const showPage = async (req: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) => {
    const manage = req.allows('appointment.manage');
    const [appointment, attempts] = await req.tx(async (trx) => [await findAppointment(trx, id), manage ? await refusedAttempts(trx, id) : []] as const);
    const months = retentionMonths(req.councilOrThrow().settings);
    return reply.view('appointments/views/show.njk', {
      title: appointment.title,
      section: 'appointments',
      appointment,
      manage,
      attempts,
      months,
      keptUntil: keptUntil(appointment.decided_on, months),
      seesCandidates: req.allows('appointment.candidates', panelResource(appointment)),
      values: {},
      ...data,
    });
  };
  app.get('/appointments/:id', async (req, reply) => {
    req.authorize('appointment.view');
    return showPage(req, reply, uuidOr404((req.params as { id: string }).id));
  });
  app.post('/appointments/:id/candidates', { config: { authorize: 'appointment.manage' } }, async (req, reply) => {
    const id = uuidOr404((req.params as { id: string }).id);
    return submitForm(req, reply, {
      schema: candidateInput,
      save: (trx, value) => addCandidate(trx, req.user(), req.clauses!, req.today, id, value),
      redisplay: (r, form) => showPage(req, r, id, form),
      done: () => `/appointments/${id}/candidates`,
    });
  });
  app.post('/appointments/:id/outcome', { config: { authorize: 'appointment.manage' } }, async (req, reply) => {
    const id = uuidOr404((req.params as { id: string }).id);
    return submitForm(req, reply, {
      schema: outcomeInput,
      save: (trx, value) => recordOutcome(trx, req.user(), id, value, req.today),
      redisplay: (r, form) => showPage(req, r, id, { outcomeErrors: form.errors, outcomeValues: form.values }),
      done: () => ({ path: `/appointments/${id}`, flash: 'appointments.decided' }),
    });
  });

  /** The panel's page: loaded, then decided on the appointment's own panel. A refusal is audited for the Clerk's list. */
  const candidatesPage = async (req: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) => {
    const appointment = await req.tx((trx) => findAppointment(trx, id));
    req.authorize('appointment.candidates', panelResource(appointment));
    const candidates = await req.tx((trx) => candidatesOf(trx, id));
    return reply.view('appointments/views/candidates.njk', { title: req.t('appointments.candidates.title', { title: appointment.title }), section: 'appointments', appointment, candidates, values: {}, ...data });
  };
  app.get('/appointments/:id/candidates', async (req, reply) => candidatesPage(req, reply, uuidOr404((req.params as { id: string }).id)));
  app.post('/appointments/:id/scores', async (req, reply) => {
    const id = uuidOr404((req.params as { id: string }).id);
    const appointment = await req.tx((trx) => findAppointment(trx, id));
    req.authorize('appointment.score', panelResource(appointment));
    return submitForm(req, reply, {
      schema: scoreInput,
      save: (trx, value) => scoreCandidate(trx, req.user(), id, value),
      redisplay: (r, form) => candidatesPage(req, r, id, form),
      done: () => ({ path: `/appointments/${id}/candidates`, flash: 'appointments.scored' }),
    });
  });

  app.get(
    '/api/v1/appointments',
    { schema: { tags: ['appointments'], summary: 'Staff vacancies, each with the resolution that opened it', response: { 200: z.object({ appointments: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), minuteNumber: z.string() })) }), 403: apiErrorSchema } } },
    async (req) => {
      req.authorize('appointment.view');
      return { appointments: (await req.tx((trx) => listAppointments(trx))).map((a) => ({ id: a.id, title: a.title, status: a.status, minuteNumber: a.minute_number })) };
    },
  );
  app.post(
    '/api/v1/appointments',
    { config: { authorize: 'appointment.manage' }, schema: { tags: ['appointments'], summary: 'Open a vacancy on a recorded resolution, with its selection panel', body: appointmentInput, response: { 201: z.object({ id: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send({ id: (await req.tx((trx) => createAppointment(trx, req.user(), req.body, req.today))).id }),
  );
  app.get(
    '/api/v1/appointments/:id/candidates',
    { schema: { tags: ['appointments'], summary: 'Candidates, papers and scores', description: 'The selection panel and the Clerk only; anyone else is refused naming the clause, and the attempt is recorded for the Clerk.', params: idParams, response: { 200: z.object({ candidates: z.array(candidateView) }), 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req) => {
      const appointment = await req.tx((trx) => findAppointment(trx, req.params.id));
      req.authorize('appointment.candidates', panelResource(appointment));
      const candidates = await req.tx((trx) => candidatesOf(trx, appointment.id));
      return { candidates: candidates.map((c) => ({ id: c.id, name: c.name, paperDocumentId: c.paper_document_id, scores: c.scores.map((s) => ({ scorer: s.scorer, score: s.score, comment: s.comment })) })) };
    },
  );
  app.post(
    '/api/v1/appointments/:id/scores',
    { schema: { tags: ['appointments'], summary: 'Score and comment on a candidate', description: 'The selection panel and the Clerk only.', params: idParams, body: scoreInput, response: { 204: z.null(), 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema } } },
    async (req, reply) => {
      const appointment = await req.tx((trx) => findAppointment(trx, req.params.id));
      req.authorize('appointment.score', panelResource(appointment));
      await req.tx((trx) => scoreCandidate(trx, req.user(), appointment.id, req.body));
      return reply.status(204).send(null);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { checklist, everyonesProgress, makeNilReturn, scheduleInductionReminders } from './service.js';

const itemView = z.object({ key: z.string(), state: z.enum(['done', 'todo', 'overdue', 'elsewhere', 'info']), dueOn: z.string().nullable(), path: z.string(), detail: z.string().optional() });

/** A councillor's first 28 days: their checklist, the nil return, and the Clerk's view of everyone's progress. */
export async function inductionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.get('/induction', async (req, reply) => {
    req.authorize('induction.view');
    const list = await req.tx((trx) => checklist(trx, req.user().personId, req.today));
    if (!list) throw new NotFoundError();
    return reply.view('induction/views/checklist.njk', { title: req.t('induction.title'), section: 'induction', list, canNilReturn: req.allows('interest.register') });
  });

  app.post('/induction/nil-return', { config: { authorize: 'interest.register' } }, async (req, reply) => {
    await req.tx((trx) => makeNilReturn(trx, req.user(), req.today));
    return reply.to('/induction', 'induction.nilReturned');
  });

  app.get('/induction/everyone', async (req, reply) => {
    req.authorize('induction.oversee');
    const people = await req.tx((trx) => everyonesProgress(trx, req.today));
    return reply.view('induction/views/everyone.njk', { title: req.t('induction.everyone.title'), section: 'induction', people });
  });

  app.post('/induction/:id/reminders', { config: { authorize: 'induction.oversee' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    const queued = await req.tx((trx) => scheduleInductionReminders(trx, req.councilOrThrow(), id, now()));
    return reply.to('/induction/everyone', `induction.remindersQueued|${JSON.stringify({ count: queued })}`);
  });

  app.get('/api/v1/induction', { schema: { tags: ['induction'], summary: 'Your checklist for the first 28 days of your term', response: { 200: z.object({ termStarts: z.string(), items: z.array(itemView) }), 403: apiErrorSchema, 404: apiErrorSchema } } }, async (req) => {
    req.authorize('induction.view');
    const list = await req.tx((trx) => checklist(trx, req.user().personId, req.today));
    if (!list) throw new NotFoundError();
    return list;
  });
  app.get(
    '/api/v1/induction/everyone',
    { config: { authorize: 'induction.oversee' }, schema: { tags: ['induction'], summary: 'Every councillor’s progress through the checklist, for the Clerk', response: { 200: z.object({ people: z.array(z.object({ id: z.string(), name: z.string(), termStarts: z.string(), done: z.number(), total: z.number(), overdue: z.array(z.string()) })) }), 403: apiErrorSchema } } },
    async (req) => ({ people: await req.tx((trx) => everyonesProgress(trx, req.today)) }),
  );
  app.post(
    '/api/v1/induction/nil-return',
    { config: { authorize: 'interest.register' }, schema: { tags: ['induction'], summary: 'Make a nil return: you have no interest to register', description: 'The public register then says “nothing to declare” rather than “not yet returned”. Refused while you have a current interest.', response: { 201: z.object({ returnedOn: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => reply.status(201).send({ returnedOn: (await req.tx((trx) => makeNilReturn(trx, req.user(), req.today))).returned_on }),
  );
  app.post(
    '/api/v1/induction/:id/reminders',
    { config: { authorize: 'induction.oversee' }, schema: { tags: ['induction'], summary: 'Queue a councillor’s reminders before each date of the checklist', params: idParams, response: { 200: z.object({ queued: z.number() }), 403: apiErrorSchema } } },
    async (req) => ({ queued: await req.tx((trx) => scheduleInductionReminders(trx, req.councilOrThrow(), req.params.id, now())) }),
  );
}

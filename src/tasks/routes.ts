import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { blankToUndefined, dateFromParts, parseInput, toFormErrors, dateParts } from '../web/forms.js';
import { InvalidInputError } from '../web/errors.js';
import { apiErrorSchema } from '../web/schemas.js';
import { createTask, listOfficers, listTasks, taskInput, taskLabels } from './service.js';

const taskView = z.object({
  id: z.string(),
  reference: z.number(),
  title: z.string(),
  details: z.string(),
  decisionReference: z.string(),
  assignedTo: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'in_progress', 'done']),
});
type TaskRow = Awaited<ReturnType<typeof listTasks>>[number];
const present = (t: Omit<TaskRow, 'officer_name' | 'created_at'>) => ({
  id: t.id,
  reference: t.reference,
  title: t.title,
  details: t.details,
  decisionReference: t.decision_reference,
  assignedTo: t.assigned_to,
  dueOn: t.due_on,
  status: t.status,
});

/**
 * Officers' tasks. Work reaches an officer only from a decision of the council or a
 * committee: the Clerk records it, citing the decision. No councillor can give an officer
 * work here, whatever office they hold (the no-individual-instruction rule).
 */
export async function taskRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/tasks', async (req, reply) => {
    req.authorize('officer_task.view');
    const tasks = await req.tx(listTasks);
    const canCreate = req.user().role !== 'councillor';
    return reply.view('tasks/views/list.njk', { title: req.t('tasks.title'), section: 'tasks', tasks, canCreate });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const officers = await req.tx(listOfficers);
    return reply.view('tasks/views/new.njk', { title: req.t('tasks.new'), section: 'tasks', officers, values: {}, ...data });
  };

  app.get('/tasks/new', async (req, reply) => {
    req.authorize('officer_task.create');
    return form(req, reply, { values: { dueOn: dateParts(null) } });
  });

  app.post('/tasks/new', async (req, reply) => {
    req.authorize('officer_task.create');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = {
      title: body.title,
      details: body.details ?? '',
      decisionReference: body.decisionReference,
      assignedTo: blankToUndefined(body.assignedTo),
      dueOn: dateFromParts(body, 'dueOn'),
    };
    const values = { ...input, dueOn: { day: body['dueOn-day'], month: body['dueOn-month'], year: body['dueOn-year'] } };
    const parsed = parseInput(taskInput, input, req.t, taskLabels);
    if (!parsed.ok) return form(req, reply.status(400), { errors: toFormErrors(parsed.errors), values });
    try {
      const { task, officer } = await req.tx((trx) => createTask(trx, req.user(), parsed.value, req.t, (r) => req.authorize('officer_task.create', r)));
      return reply.to('/tasks', `tasks.created|${JSON.stringify({ reference: task.reference, officer: officer.name })}`);
    } catch (error) {
      if (error instanceof InvalidInputError) return form(req, reply.status(400), { errors: toFormErrors(error.fields), values });
      throw error;
    }
  });

  app.get(
    '/api/v1/tasks',
    { schema: { tags: ['tasks'], summary: 'Officers’ tasks, newest first', response: { 200: z.object({ tasks: z.array(taskView) }) } } },
    async (req) => {
      req.authorize('officer_task.view');
      return { tasks: (await req.tx(listTasks)).map(present) };
    },
  );

  app.post(
    '/api/v1/tasks',
    {
      config: { authorize: 'officer_task.create' },
      schema: {
        tags: ['tasks'],
        summary: 'Give an officer a task arising from a decision',
        description: 'Refused with 403 and the protocol clause for any councillor: officers take work only from decisions of the council or its committees.',
        body: taskInput,
        response: { 201: taskView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      req.authorize('officer_task.create');
      const { task } = await req.tx((trx) => createTask(trx, req.user(), req.body, req.t, (r) => req.authorize('officer_task.create', r)));
      return reply.status(201).send(present(task));
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dateParts, type FormErrors } from '../web/forms.js';
import { submitForm } from '../web/form.js';
import { InvalidInputError, type FieldError } from '../web/errors.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { shorten } from '../web/render.js';
import { citation, listResolutions } from '../decisions/service.js';
import { citeRule } from '../decisions/clauses.js';
import { addProgress, createTask, getTask, officerOf, listOfficers, listTasks, progressInput, taskInput, type TaskRow } from './service.js';

const taskView = z.object({
  id: z.string(),
  reference: z.number(),
  title: z.string(),
  details: z.string(),
  resolutionId: z.string().nullable(),
  decisionReference: z.string(),
  assignedTo: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'in_progress', 'done']),
  doneAt: z.string().nullable(),
});
const noteView = z.object({ id: z.string(), body: z.string(), status: z.enum(['open', 'in_progress', 'done']), author: z.string(), createdAt: z.string() });

type Presentable = Pick<TaskRow, 'id' | 'reference' | 'title' | 'details' | 'decision_reference' | 'resolution_id' | 'assigned_to' | 'due_on' | 'status'> & { done_at?: Date | string | null };
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const present = (t: Presentable) => ({
  id: t.id,
  reference: t.reference,
  title: t.title,
  details: t.details,
  resolutionId: t.resolution_id,
  decisionReference: t.decision_reference,
  assignedTo: t.assigned_to,
  dueOn: t.due_on,
  status: t.status,
  doneAt: iso(t.done_at),
});

/**
 * A missing or unknown resolution is the protocol's point, not only a form error: the
 * message names the clause that makes decisions the only source of an officer's work.
 */
function citeDecisionClause(req: FastifyRequest, errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => (e.field === 'resolutionId' ? { ...e, message: citeRule(req, 'decisions-are-instructions', e.message) } : e));
}

/** The same, for a form shown again with its errors. */
function citeDecisionClauseInForm(req: FastifyRequest, errors: FormErrors): FormErrors {
  const resolution = errors.fields.resolutionId;
  if (!resolution) return errors;
  const text = citeRule(req, 'decisions-are-instructions', resolution.text);
  return { summary: errors.summary.map((s) => (s.href === '#resolutionId' ? { ...s, text } : s)), fields: { ...errors.fields, resolutionId: { text } } };
}

/** What was typed, as the form shows it again: the due date as its three boxes, as posted. */
const typedTask = (values: Record<string, unknown>) => ({ ...values, dueOn: { day: values['dueOn-day'], month: values['dueOn-month'], year: values['dueOn-year'] } });

/**
 * Officers' tasks: the actions that carry out the council's resolutions. Work reaches an
 * officer only from a recorded decision; no councillor can give an officer work here,
 * whatever office they hold (the no-individual-instruction rule). The officer keeps the
 * task's progress; the Clerk may too.
 */
export async function taskRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/tasks', async (req, reply) => {
    req.authorize('officer_task.view');
    const tasks = await req.tx(listTasks);
    const canCreate = req.allows('officer_task.create');
    return reply.view('tasks/views/list.njk', { title: req.t('tasks.title'), section: 'tasks', tasks, canCreate, today: req.today });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const { officers, resolutions } = await req.tx(async (trx) => ({ officers: await listOfficers(trx), resolutions: await listResolutions(trx) }));
    const choices = resolutions.map((r) => ({ id: r.id, label: `${citation(r, req.t)}: ${shorten(r.text, 90)}` }));
    return reply.view('tasks/views/new.njk', { title: req.t('tasks.new'), section: 'tasks', officers, resolutions: choices, values: {}, ...data });
  };

  app.get('/tasks/new', { schema: { querystring: z.object({ resolution: z.uuid().optional() }) } }, async (req, reply) => {
    req.authorize('officer_task.create');
    return form(req, reply, { values: { dueOn: dateParts(null), resolutionId: req.query.resolution } });
  });

  app.post('/tasks/new', { config: { authorize: 'officer_task.create' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: taskInput,
      save: (trx, value) => createTask(trx, req.user(), value, req.t, (r) => req.authorize('officer_task.create', r)),
      redisplay: (r, { errors, values }) => form(req, r, { errors: citeDecisionClauseInForm(req, errors), values: typedTask(values) }),
      done: ({ task, officer }) => ({ path: `/tasks/${task.id}`, flash: `tasks.created|${JSON.stringify({ reference: task.reference, officer: officer.name })}` }),
    }),
  );

  const taskPage = async (req: FastifyRequest, reply: FastifyReply, taskId: string, data: Record<string, unknown> = {}) => {
    req.authorize('officer_task.view');
    const { task, notes } = await req.tx((trx) => getTask(trx, taskId));
    const canUpdate = req.allows('officer_task.update', officerOf(task));
    return reply.view('tasks/views/task.njk', {
      title: req.t('tasks.reference', { reference: task.reference }) + ': ' + task.title,
      section: 'tasks',
      task,
      notes,
      canUpdate,
      overdue: task.status !== 'done' && task.due_on !== null && task.due_on < req.today,
      values: { status: task.status },
      ...data,
    });
  };

  app.get('/tasks/:id', { schema: { params: idParams } }, async (req, reply) => taskPage(req, reply, req.params.id));

  app.post('/tasks/:id/progress', { schema: { params: idParams }, config: { authorize: 'officer_task.update' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: progressInput,
      save: (trx, value) => addProgress(trx, req.user(), req.params.id, value, app.concord.services.clock(), (r) => req.authorize('officer_task.update', r)),
      redisplay: (r, { errors, values }) => taskPage(req, r, req.params.id, { errors, values }),
      done: () => ({ path: `/tasks/${req.params.id}`, flash: 'tasks.progressSaved' }),
    }),
  );

  app.get(
    '/api/v1/tasks',
    { schema: { tags: ['tasks'], summary: 'Officers’ tasks, newest first', response: { 200: z.object({ tasks: z.array(taskView) }) } } },
    async (req) => {
      req.authorize('officer_task.view');
      return { tasks: (await req.tx(listTasks)).map(present) };
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'One task with its progress notes', params: idParams, response: { 200: taskView.extend({ notes: z.array(noteView) }), 404: apiErrorSchema } } },
    async (req) => {
      req.authorize('officer_task.view');
      const { task, notes } = await req.tx((trx) => getTask(trx, req.params.id));
      return { ...present(task), notes: notes.map((n) => ({ id: n.id, body: n.body, status: n.status_after, author: n.author_name, createdAt: iso(n.created_at)! })) };
    },
  );

  app.post(
    '/api/v1/tasks',
    {
      config: { authorize: 'officer_task.create' },
      schema: {
        tags: ['tasks'],
        summary: 'Give an officer a task carrying out a recorded resolution',
        description: 'Refused with 403 and the protocol clause for any councillor: officers take work only from decisions of the council or its committees. The resolution must be one recorded in Concord.',
        body: taskInput,
        response: { 201: taskView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req, reply) => {
      try {
        const { task } = await req.tx((trx) => createTask(trx, req.user(), req.body, req.t, (r) => req.authorize('officer_task.create', r)));
        return reply.status(201).send(present(task));
      } catch (error) {
        if (error instanceof InvalidInputError) throw new InvalidInputError(citeDecisionClause(req, error.fieldsIn(req.t)));
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/tasks/:id/progress',
    {
      config: { authorize: 'officer_task.update' },
      schema: {
        tags: ['tasks'],
        summary: 'Add a progress note to a task, with its status after it',
        description: 'The task’s officer, or the Clerk. Another officer is refused with the clause.',
        params: idParams,
        body: progressInput,
        response: { 200: taskView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      const task = await req.tx((trx) => addProgress(trx, req.user(), req.params.id, req.body, app.concord.services.clock(), (r) => req.authorize('officer_task.update', r)));
      return present(task);
    },
  );
}

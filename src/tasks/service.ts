import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { InvalidInputError } from '../web/errors.js';
import type { Translate } from '../i18n/messages.js';
import { id, isoDate, optionalText, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';
import { NotFoundError } from '../web/errors.js';
import { citation, findResolution } from '../decisions/service.js';

export const taskInput = z.object({
  title: labelled(requiredText(200), 'tasks.field.title'),
  details: labelled(optionalText(5000), 'tasks.field.details'),
  resolutionId: labelled(id('tasks.error.resolution').describe('The recorded resolution this task carries out'), 'tasks.field.resolution', { blankIsMissing: true }),
  assignedTo: labelled(id('validation.officerOnly').describe('The officer the task is for'), 'tasks.field.assignedTo', { blankIsMissing: true }),
  dueOn: labelled(isoDate.optional(), 'tasks.field.dueOn'),
});
export type TaskInput = z.infer<typeof taskInput>;

export function listTasks(trx: Trx) {
  return trx
    .selectFrom('officer_tasks as t')
    .innerJoin('people as p', 'p.id', 't.assigned_to')
    .select(['t.id', 't.reference', 't.title', 't.details', 't.decision_reference', 't.resolution_id', 't.due_on', 't.status', 't.done_at', 't.assigned_to', 'p.name as officer_name', 't.created_at'])
    .orderBy('t.reference', 'desc')
    .execute();
}
export type TaskRow = Awaited<ReturnType<typeof listTasks>>[number];

/** One task with its progress notes, oldest first. */
export async function getTask(trx: Trx, taskId: string) {
  const task = await trx
    .selectFrom('officer_tasks as t')
    .innerJoin('people as p', 'p.id', 't.assigned_to')
    .select(['t.id', 't.reference', 't.title', 't.details', 't.decision_reference', 't.resolution_id', 't.due_on', 't.status', 't.done_at', 't.assigned_to', 'p.name as officer_name', 'p.role as officer_role', 't.created_at'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!task) throw new NotFoundError();
  const notes = await trx
    .selectFrom('task_notes as n')
    .innerJoin('people as p', 'p.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.status_after', 'n.created_at', 'p.name as author_name'])
    .where('n.task_id', '=', taskId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  return { task, notes };
}

export const progressInput = z.object({
  body: labelled(requiredText(5000).describe('What has been done, or what is holding it up'), 'tasks.field.note'),
  status: labelled(z.enum(['open', 'in_progress', 'done'], 'validation.choose').describe('The task’s status after this note'), 'tasks.field.status', { blankIsMissing: true }),
});
export type ProgressInput = z.infer<typeof progressInput>;

/** The officer a task is for, as the rules see them: only they (or the Clerk) keep its progress. */
export function officerOf(task: { officer_role: string; assigned_to: string }): OfficerResource {
  return { kind: 'person', role: task.officer_role === 'clerk' ? 'clerk' : 'officer', id: task.assigned_to };
}
type OfficerResource = { kind: 'person'; role: 'clerk' | 'officer'; id: string };

/**
 * A progress note from the officer (or the Clerk), with the task's status after it. The task
 * is loaded once and `authorize` asked about its officer before anything is written. Done
 * records when: the action report counts what was done since the body last met.
 */
export async function addProgress(trx: Trx, by: Principal, taskId: string, input: ProgressInput, now: Date, authorize: (officer: OfficerResource) => void) {
  const { task } = await getTask(trx, taskId);
  authorize(officerOf(task));
  await trx.insertInto('task_notes').values({ council_id: by.councilId, task_id: task.id, author_id: by.personId, body: input.body, status_after: input.status, created_at: now }).execute();
  const doneAt = input.status === 'done' ? (task.done_at ?? now) : null;
  await trx.updateTable('officer_tasks').set({ status: input.status, done_at: doneAt }).where('id', '=', task.id).execute();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'officer_task.progress',
    entityType: 'officer_task',
    entityId: task.id,
    data: { reference: task.reference, from: task.status, to: input.status },
  });
  return { ...task, status: input.status, done_at: doneAt };
}

/** The council's officers: the people a task can be given to. */
export function listOfficers(trx: Trx) {
  return trx.selectFrom('people').select(['id', 'name', 'role', 'job_title']).where('role', 'in', ['clerk', 'officer']).where('active', '=', true).orderBy('name').execute();
}

export async function findOfficer(trx: Trx, personId: string) {
  return trx.selectFrom('people').select(['id', 'name', 'role']).where('id', '=', personId).where('role', 'in', ['clerk', 'officer']).where('active', '=', true).executeTakeFirst();
}

/**
 * Record a task for an officer. The officer is looked up once, and `authorize` is asked
 * about them before anything is written (an officer other than the Clerk may only take
 * a task for themselves); someone who is not one of this council's officers is refused.
 * `t` is the council's translator: the task keeps the resolution's citation in its words.
 */
export async function createTask(
  trx: Trx,
  by: Principal,
  input: TaskInput,
  t: Translate,
  authorize: (resource: { kind: 'person'; role: 'clerk' | 'officer'; id: string }) => void,
) {
  const officer = await findOfficer(trx, input.assignedTo);
  authorize({ kind: 'person', role: officer?.role === 'clerk' ? 'clerk' : 'officer', id: input.assignedTo });
  if (!officer) throw new InvalidInputError([{ field: 'assignedTo', key: 'validation.officerOnly' }]);
  const resolution = await findResolution(trx, input.resolutionId).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new InvalidInputError([{ field: 'resolutionId', key: 'tasks.error.resolution' }]);
    throw error;
  });
  const decisionReference = citation(resolution, t);
  const task = await trx
    .insertInto('officer_tasks')
    .values({
      council_id: by.councilId,
      title: input.title,
      details: input.details,
      decision_reference: decisionReference,
      resolution_id: resolution.id,
      assigned_to: officer.id,
      created_by: by.personId,
      due_on: input.dueOn ?? null,
    })
    .returning(['id', 'reference', 'title', 'details', 'decision_reference', 'resolution_id', 'due_on', 'status', 'assigned_to'])
    .executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'officer_task.created',
    entityType: 'officer_task',
    entityId: task.id,
    data: { reference: task.reference, assignedTo: officer.id, resolutionId: resolution.id, decisionReference },
  });
  return { task, officer };
}

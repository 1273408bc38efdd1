import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { InvalidInputError } from '../web/errors.js';
import type { Translate } from '../i18n/messages.js';
import { id, isoDate, optionalText, requiredText } from '../web/schemas.js';

export const taskInput = z.object({
  title: requiredText(200),
  details: optionalText(5000),
  decisionReference: requiredText(300).describe('The resolution this task comes from: meeting and minute number'),
  assignedTo: id('validation.officerOnly').describe('The officer the task is for'),
  dueOn: isoDate.optional(),
});
export type TaskInput = z.infer<typeof taskInput>;
export const taskLabels = {
  title: 'tasks.field.title',
  details: 'tasks.field.details',
  decisionReference: 'tasks.field.decisionReference',
  assignedTo: 'tasks.field.assignedTo',
  dueOn: 'tasks.field.dueOn',
};

export function listTasks(trx: Trx) {
  return trx
    .selectFrom('officer_tasks as t')
    .innerJoin('people as p', 'p.id', 't.assigned_to')
    .select(['t.id', 't.reference', 't.title', 't.details', 't.decision_reference', 't.due_on', 't.status', 't.assigned_to', 'p.name as officer_name', 't.created_at'])
    .orderBy('t.reference', 'desc')
    .execute();
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
  if (!officer) throw new InvalidInputError([{ field: 'assignedTo', message: t('validation.officerOnly') }]);
  const task = await trx
    .insertInto('officer_tasks')
    .values({
      council_id: by.councilId,
      title: input.title,
      details: input.details,
      decision_reference: input.decisionReference,
      assigned_to: officer.id,
      created_by: by.personId,
      due_on: input.dueOn ?? null,
    })
    .returning(['id', 'reference', 'title', 'details', 'decision_reference', 'due_on', 'status', 'assigned_to'])
    .executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'officer_task.created',
    entityType: 'officer_task',
    entityId: task.id,
    data: { reference: task.reference, assignedTo: officer.id, decisionReference: input.decisionReference },
  });
  return { task, officer };
}

import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The officer's tasks (set for them, or by them) and the notes they wrote on tasks. */
export async function tasksPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const tasks = await trx
    .selectFrom('officer_tasks')
    .select(['id', 'reference', 'title', 'details', 'decision_reference', 'assigned_to', 'created_by', 'due_on', 'status', 'created_at'])
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('assigned_to', '=', personId), eb('created_by', '=', personId)]))
    .orderBy('created_at')
    .execute();
  const notes = await trx.selectFrom('task_notes').select(['id', 'task_id', 'body', 'status_after', 'created_at']).where('council_id', '=', councilId).where('author_id', '=', personId).orderBy('created_at').execute();
  return [personalSection('tasks.tasks', tasks), personalSection('tasks.notes', notes)];
}

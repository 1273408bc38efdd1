import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import type { Translate } from '../i18n/messages.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { chosenId, isoDate, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';
import type { MeetingRow } from '../meetings/service.js';
import { createTask } from '../tasks/service.js';

/**
 * The actions a meeting agreed, as its chair records them afterwards (Ledbury 2.4). Such a
 * record instructs no one: it waits for the Clerk, who checks it against the minutes and
 * either confirms it as an action under one of the meeting's resolutions or declines it.
 */

export const agreedActionInput = z.object({ description: labelled(requiredText(2000).describe('The action the meeting agreed, as the chair understands it'), 'agreed.field.description') });

export const confirmInput = z.object({
  resolutionId: labelled(chosenId('agreed.error.resolution').describe('The resolution in the minutes that the action carries out'), 'agreed.field.resolution'),
  assignedTo: labelled(chosenId('validation.officerOnly').describe('The officer the action is for'), 'tasks.field.assignedTo'),
  title: labelled(requiredText(200), 'tasks.field.title'),
  dueOn: labelled(isoDate.optional(), 'tasks.field.dueOn'),
});

export const declineInput = z.object({ reason: labelled(requiredText(2000).describe('Why the action is not in the minutes'), 'agreed.field.reason') });

export function listAgreedActions(trx: Trx, options: { meetingId?: string; status?: 'pending' } = {}) {
  let q = trx
    .selectFrom('agreed_actions as a')
    .innerJoin('people as p', 'p.id', 'a.recorded_by')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .leftJoin('committees as c', 'c.id', 'm.committee_id')
    .leftJoin('officer_tasks as t', 't.id', 'a.task_id')
    .select(['a.id', 'a.meeting_id', 'm.meeting_date', 'c.name as committee_name', 'a.description', 'a.recorded_at', 'a.status', 'a.decision_reason', 'a.decided_at', 'a.resolution_id', 'a.task_id', 't.reference as task_reference', 'p.name as recorded_by_name']);
  if (options.meetingId) q = q.where('a.meeting_id', '=', options.meetingId);
  if (options.status) q = q.where('a.status', '=', options.status);
  return q.orderBy('a.recorded_at').orderBy('a.id').execute();
}

/** How many chairs' notes wait for the Clerk: for the Clerk's home page. */
export async function countPendingAgreedActions(trx: Trx): Promise<number> {
  const row = await trx.selectFrom('agreed_actions').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A chair's note of an agreed action; only after the meeting has taken place. */
export async function recordAgreedAction(trx: Trx, by: Principal, meeting: MeetingRow, description: string, today: string) {
  if (meeting.meeting_date > today) throw new InvalidInputError([{ field: 'description', key: 'decisions.error.notYetHeld' }]);
  const row = await trx
    .insertInto('agreed_actions')
    .values({ council_id: by.councilId, meeting_id: meeting.id, recorded_by: by.personId, description })
    .returning(['id', 'description', 'status'])
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agreed_action.recorded', entityType: 'agreed_action', entityId: row.id, data: { meetingId: meeting.id } });
  return row;
}

async function findPending(trx: Trx, meetingId: string, agreedId: string) {
  const row = await trx.selectFrom('agreed_actions').select(['id', 'status', 'description']).where('id', '=', agreedId).where('meeting_id', '=', meetingId).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * The Clerk confirms a chair's note against the minutes: it must match a resolution of
 * that same meeting, and becomes an action (an officer's task) under it.
 */
export async function confirmAgreedAction(
  trx: Trx,
  by: Principal,
  meetingId: string,
  agreedId: string,
  input: z.infer<typeof confirmInput>,
  now: Date,
  t: Translate,
  authorize: Parameters<typeof createTask>[4],
) {
  const agreed = await findPending(trx, meetingId, agreedId);
  if (agreed.status !== 'pending') throw new InvalidInputError([{ field: 'resolutionId', key: 'agreed.error.decided' }]);
  const resolution = await trx.selectFrom('resolutions').select('id').where('id', '=', input.resolutionId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!resolution) throw new InvalidInputError([{ field: 'resolutionId', key: 'agreed.error.resolution' }]);
  const { task, officer } = await createTask(trx, by, { title: input.title, details: agreed.description, resolutionId: resolution.id, assignedTo: input.assignedTo, dueOn: input.dueOn }, t, authorize);
  await trx.updateTable('agreed_actions').set({ status: 'confirmed', decided_by: by.personId, decided_at: now, resolution_id: resolution.id, task_id: task.id }).where('id', '=', agreed.id).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agreed_action.confirmed', entityType: 'agreed_action', entityId: agreed.id, data: { resolutionId: resolution.id, taskId: task.id } });
  return { task, officer };
}

/** The Clerk declines a note that the minutes do not bear out, saying why; the chair sees the reason. */
export async function declineAgreedAction(trx: Trx, by: Principal, meetingId: string, agreedId: string, reason: string, now: Date) {
  const agreed = await findPending(trx, meetingId, agreedId);
  if (agreed.status !== 'pending') throw new InvalidInputError([{ field: 'reason', key: 'agreed.error.decided' }]);
  await trx.updateTable('agreed_actions').set({ status: 'declined', decided_by: by.personId, decided_at: now, decision_reason: reason }).where('id', '=', agreed.id).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agreed_action.declined', entityType: 'agreed_action', entityId: agreed.id, data: { reason } });
}

import { sql } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { councilForJob, queueEmail } from '../notifications/delivery.js';
import { londonDate } from '../policy/principal.js';
import { reminderTime } from './calendar.js';

/**
 * Reminders of required training, by email before its due date. Each is a durable job,
 * queued with the change that made the training due, so it survives a restart; sending it
 * records (person, requirement, due date) in `training_reminders` in the same transaction as
 * the email, and a run that finds the row already there sends nothing: one email, however
 * many times the job runs.
 */
export async function scheduleTrainingReminders(trx: Trx, council: Council, due: readonly { personId: string; requirementId: string; dueOn: string; done: boolean }[], now: Date): Promise<void> {
  const today = londonDate(now);
  for (const d of due) {
    if (d.done) continue;
    const runAt = reminderTime(council, d.dueOn, now, today);
    if (runAt) await enqueueJob(trx, remindOfTraining, { councilId: council.id, payload: { personId: d.personId, requirementId: d.requirementId, dueOn: d.dueOn }, runAt });
  }
}

export const remindOfTraining = defineJob({
  kind: 'training.remind',
  payload: z.object({ personId: z.string(), requirementId: z.string(), dueOn: z.string() }),
  async run(trx, { personId, requirementId, dueOn }, ctx) {
    const requirement = await trx.selectFrom('training_requirements').select(['id', 'course']).where('id', '=', requirementId).executeTakeFirst();
    const person = await trx.selectFrom('people').select(['id', 'email', 'active']).where('id', '=', personId).executeTakeFirst();
    if (!requirement || !person?.active) return;
    const done = await trx.selectFrom('training_records').select('id').where('person_id', '=', personId).where('requirement_id', '=', requirementId).executeTakeFirst();
    if (done) return;
    // Claimed by its row: a second run (a retry, or a duplicate job after a restart) finds it and stops.
    const claimed = await sql<{ person_id: string }>`
      insert into training_reminders (council_id, person_id, requirement_id, due_on, sent_at)
      values (${ctx.job.councilId}, ${personId}, ${requirementId}, ${dueOn}, ${ctx.clock().toISOString()})
      on conflict do nothing returning person_id`.execute(trx);
    if (claimed.rows.length === 0) return;
    const { council, textFor } = await councilForJob(trx, ctx);
    const t = textFor(person);
    const vars = { course: requirement.course, due: { date: dueOn } };
    await queueEmail(trx, council.id, { to: { id: person.id, email: person.email }, subject: t('training.reminder.subject', vars), body: t('training.reminder.body', vars), link: textFor.link('/training') });
  },
});

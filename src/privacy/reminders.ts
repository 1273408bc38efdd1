import { sql } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';
import { londonInstant } from '../enquiries/working-days.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { inRecipientsLanguages, queueEmail } from '../notifications/delivery.js';

/** The first reminder goes this many days before a subject access request is due. */
export const REMINDER_DAYS_BEFORE = 7;
const DEFAULT_OPENING = '09:00';

type ReminderKind = 'week_before' | 'due';

/**
 * Queue the Clerk's reminders of a request's deadline: a week before it and on the day, at the
 * office's opening. Queued with the change that set the deadline, in its transaction. A
 * request recorded less than a week before its deadline gets only the reminder on the day
 * (two emails at once would say the same thing twice); one recorded on its last day gets it
 * at once. An extension queues new ones; the old ones find the deadline moved and send nothing.
 */
export async function scheduleSarReminders(trx: Trx, councilId: string, requestId: string, deadline: string, now: Date, today: string): Promise<void> {
  if (deadline < today) return;
  const council = await trx.selectFrom('councils').select('settings').where('id', '=', councilId).executeTakeFirstOrThrow();
  const opens = council.settings.officeHours?.opens ?? DEFAULT_OPENING;
  const reminders: [ReminderKind, string][] = [
    ['week_before', addDays(deadline, -REMINDER_DAYS_BEFORE)],
    ['due', deadline],
  ];
  for (const [kind, day] of reminders) {
    if (kind === 'week_before' && day < today) continue;
    const at = londonInstant(day, opens);
    await enqueueJob(trx, remindOfSubjectAccess, { councilId, payload: { requestId, kind, deadline }, runAt: at > now ? at : now });
  }
}

export const remindOfSubjectAccess = defineJob({
  kind: 'privacy.sar_remind',
  payload: z.object({ requestId: z.string(), kind: z.enum(['week_before', 'due']), deadline: z.string() }),
  async run(trx, { requestId, kind, deadline }, ctx) {
    const request = await trx
      .selectFrom('subject_access_requests as r')
      .leftJoin('people as p', 'p.id', 'r.person_id')
      .select(['r.id', 'r.status', 'r.deadline', 'r.received_on', 'p.name as person_name', 'r.requester_name'])
      .where('r.id', '=', requestId)
      .executeTakeFirst();
    // Answered, or extended since: this reminder is no longer true.
    if (!request || request.status !== 'open' || request.deadline !== deadline) return;
    // Claimed by its row: a second run (a retry, or a duplicate after a restart) finds it and stops.
    const claimed = await sql<{ request_id: string }>`
      insert into subject_access_reminders (council_id, request_id, kind, deadline, sent_at)
      values (${ctx.job.councilId}, ${requestId}, ${kind}, ${deadline}, ${ctx.clock().toISOString()})
      on conflict do nothing returning request_id`.execute(trx);
    if (claimed.rows.length === 0) return;
    const council = await trx.selectFrom('councils').selectAll().where('id', '=', ctx.job.councilId).executeTakeFirstOrThrow();
    const textFor = await inRecipientsLanguages(trx, council, (locale) => ctx.translate(council, locale), ctx.address(council));
    const clerks = await trx.selectFrom('people').select(['id', 'email']).where('role', '=', 'clerk').where('active', '=', true).execute();
    const vars = { who: request.person_name ?? request.requester_name, deadline: { date: deadline }, received: { date: request.received_on } };
    for (const clerk of clerks) {
      const t = textFor(clerk);
      await queueEmail(trx, council.id, { to: clerk, subject: t(`privacy.reminder.${kind}.subject`, vars), body: t(`privacy.reminder.${kind}.body`, vars), link: textFor.link(`/privacy/requests/${requestId}`) });
    }
  },
});

import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';
import type { Translate } from '../i18n/messages.js';
import { citation } from './service.js';

/**
 * The demo council's decisions, on last month's full council meeting (from the meetings
 * demo): two resolutions with actions for officers (one in progress, one done since, one
 * overdue), and an action the chair recorded afterwards, waiting for the Clerk to check.
 */
export async function seedDemoDecisions(trx: Trx, councilId: string, id: (key: string) => string, today: string, t: Translate): Promise<void> {
  const last = await trx.selectFrom('meetings').select(['id', 'meeting_date']).where('committee_id', 'is', null).where('meeting_date', '<', today).orderBy('meeting_date', 'desc').executeTakeFirst();
  if (!last) return;
  const fence = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', last.id).where('title', '=', 'Play area fence').executeTakeFirst();
  const resolution = (minute: string, text: string, itemId: string | null) =>
    trx
      .insertInto('resolutions')
      .values({ council_id: councilId, meeting_id: last.id, agenda_item_id: itemId, minute_number: minute, text, recorded_by: id('clerk'), recorded_at: new Date(`${addDays(last.meeting_date, 2)}T10:00:00Z`) })
      .returning(['id', 'minute_number'])
      .executeTakeFirstOrThrow();
  // Cited as a task made through Concord cites it, in the council's own terminology.
  const cite = (minute: string) => citation({ minute_number: minute, committee_name: null, meeting_date: last.meeting_date }, t);

  const quotes = await resolution('26/45', 'RESOLVED that the Clerk obtain three quotations for replacing the play area fence and report them to the next meeting.', fence?.id ?? null);
  const grit = await resolution('26/46', 'RESOLVED that two additional grit bins be bought and placed on Church Hill and Station Road before the end of November.', null);

  const task = (values: { title: string; resolution: { id: string; minute_number: string }; officer: string; due: string; status: 'open' | 'in_progress' | 'done'; doneAt?: Date }) =>
    trx
      .insertInto('officer_tasks')
      .values({
        council_id: councilId,
        title: values.title,
        details: '',
        decision_reference: cite(values.resolution.minute_number),
        resolution_id: values.resolution.id,
        assigned_to: id(values.officer),
        created_by: id('clerk'),
        due_on: values.due,
        status: values.status,
        done_at: values.doneAt ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  const fenceTask = await task({ title: 'Obtain three quotations for the play area fence', resolution: quotes, officer: 'officer', due: addDays(today, 10), status: 'in_progress' });
  await trx.insertInto('task_notes').values({ council_id: councilId, task_id: fenceTask.id, author_id: id('officer'), body: 'Two quotations received; the third contractor visits next week.', status_after: 'in_progress', created_at: new Date(`${addDays(today, -5)}T11:00:00Z`) }).execute();
  const doneAt = new Date(`${addDays(today, -10)}T15:00:00Z`);
  const gritTask = await task({ title: 'Order two grit bins', resolution: grit, officer: 'officer', due: addDays(today, -14), status: 'done', doneAt });
  await trx.insertInto('task_notes').values({ council_id: councilId, task_id: gritTask.id, author_id: id('officer'), body: 'Ordered and delivered; both bins are in place.', status_after: 'done', created_at: doneAt }).execute();
  await task({ title: 'Tell the highway authority where the grit bins are', resolution: grit, officer: 'clerk', due: addDays(today, -3), status: 'open' });

  await trx
    .insertInto('agreed_actions')
    .values({ council_id: councilId, meeting_id: last.id, recorded_by: id('chair'), description: 'Write to the contractors who quote, asking for a start date before the spring.', recorded_at: new Date(`${addDays(last.meeting_date, 1)}T09:00:00Z`) })
    .execute();
}

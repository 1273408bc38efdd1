import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import { addDays, isoWeekday, type IsoDate } from '../calendar/dates.js';
import { bodyMembers } from './service.js';

/**
 * The demo council's meetings, dated from `today`: a full council meeting taking agenda
 * requests (one waiting, with a paper, and the chair's comment on the draft), a committee
 * meeting whose summons is issued with an item taken in private (and its papers), and last
 * month's meeting with its papers and draft minutes.
 */
/**
 * Councils meet on weekday evenings: a date falling on a Friday, Saturday or Sunday moves to
 * the Thursday before (a meeting in the past) or the Monday after (one to come).
 */
function weekdayEvening(day: IsoDate, move: 'earlier' | 'later'): IsoDate {
  const weekday = isoWeekday(day);
  if (weekday <= 4) return day;
  return move === 'earlier' ? addDays(day, 4 - weekday) : addDays(day, 8 - weekday);
}

export async function seedDemoMeetings(trx: Trx, councilId: string, id: (key: string) => string, today: string): Promise<void> {
  const committee = await trx.selectFrom('committees').select(['id', 'name']).orderBy('name').executeTakeFirstOrThrow();
  const members = await trx.selectFrom('committee_members as cm').innerJoin('people as p', 'p.id', 'cm.person_id').select(['p.id', 'p.email']).where('cm.committee_id', '=', committee.id).execute();
  const meeting = (values: { committee_id: string | null; meeting_date: string; summons_issued_on?: string; minutes_status?: 'draft' }) =>
    trx
      .insertInto('meetings')
      .values({
        council_id: councilId,
        kind: 'ordinary',
        starts_at: '19:00',
        venue: 'Council Chamber, Town Hall',
        created_by: id('clerk'),
        summons_issue_count: values.summons_issued_on ? 1 : 0,
        summons_issued_at: values.summons_issued_on ? new Date(`${values.summons_issued_on}T10:00:00Z`) : null,
        ...values,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const items = (meetingId: string, list: { title: string; details?: string; confidential_reason?: string; minute?: string }[]) =>
    trx
      .insertInto('agenda_items')
      .values(list.map((item, i) => ({ council_id: councilId, meeting_id: meetingId, position: i + 1, details: '', confidential: !!item.confidential_reason, confidential_reason: item.confidential_reason ?? '', ...item })))
      .execute();

  const lastDate = weekdayEvening(addDays(today, -28), 'earlier');
  const last = await meeting({ committee_id: null, meeting_date: lastDate, summons_issued_on: addDays(lastDate, -8), minutes_status: 'draft' });
  await items(last.id, [
    { title: 'Apologies for absence', minute: 'Apologies were received from Cllr Price.' },
    { title: 'Declarations of interest', minute: 'None.' },
    { title: 'Play area fence', details: 'To consider quotes for replacing the fence.', minute: 'Resolved to obtain three quotes (minute 45).' },
    { title: 'Planning application PA/2026/0142: land at Station Road', details: 'To comment on the application to the planning authority.' },
  ]);

  // Who came: every member present but one, who sent apologies (as the minutes say), and the Clerk.
  for (const member of await bodyMembers(trx, { committee_id: null, meeting_date: lastDate })) {
    const status = member.id === id('market') ? 'apologies' : 'present';
    await trx.insertInto('meeting_attendance').values({ council_id: councilId, meeting_id: last.id, person_id: member.id, status, recorded_by: id('clerk') }).execute();
  }
  await trx.insertInto('meeting_attendance').values({ council_id: councilId, meeting_id: last.id, person_id: id('clerk'), status: 'in_attendance', recorded_by: id('clerk') }).execute();

  const next = await meeting({ committee_id: null, meeting_date: weekdayEvening(addDays(today, 16), 'later') });
  await items(next.id, [{ title: 'Apologies for absence' }, { title: 'Declarations of interest' }, { title: 'Minutes of the last meeting' }]);
  const request = await trx
    .insertInto('agenda_requests')
    .values({ council_id: councilId, number: 1, meeting_id: next.id, requested_by: id('riverside'), recorded_by: id('riverside'), title: 'Speed limit on Station Road', details: 'To ask the highway authority for a 20 mph limit near the school.', urgent_reason: null, decided_by: null, decided_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('agenda_papers')
    .values({ council_id: councilId, meeting_id: next.id, request_id: request.id, agenda_item_id: null, title: 'Residents’ petition on Station Road', body: '112 residents ask for a 20 mph limit between the school and the station.', created_by: id('riverside') })
    .execute();
  await trx.insertInto('agenda_comments').values({ council_id: councilId, meeting_id: next.id, author_id: id('chair'), body: 'Could we take the Station Road speed limit early? Residents have said they will come to hear it.' }).execute();

  const issued = await meeting({ committee_id: committee.id, meeting_date: weekdayEvening(addDays(today, 10), 'later'), summons_issued_on: today });
  await items(issued.id, [
    { title: 'Apologies for absence' },
    { title: 'Budget monitoring', details: 'Spending against budget to the end of last month.' },
    { title: 'Staffing matter', details: 'Review of the Assistant Clerk’s hours.', confidential_reason: 'the item concerns a named member of staff' },
  ]);
  const confidential = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', issued.id).where('position', '=', 3).executeTakeFirstOrThrow();
  await trx
    .insertInto('agenda_papers')
    .values({ council_id: councilId, meeting_id: issued.id, agenda_item_id: confidential.id, request_id: null, title: 'Report on staffing hours', body: 'A report by the Clerk on the hours needed for the Assistant Clerk post.', created_by: id('clerk') })
    .execute();

  // The library's meeting papers (from the documents' demo), each on its item: the Station Road
  // report and the fence quotes on last month's agenda, and the confidential staffing paper on
  // the committee's item taken in private. A paper is about its item's matter.
  const matter = async (title: string) => (await trx.selectFrom('matters').select('id').where('title', '=', title).executeTakeFirst())?.id ?? null;
  const lastItem = async (title: string) => trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', last.id).where('title', '=', title).executeTakeFirstOrThrow();
  const paper = async (documentTitle: string, meetingId: string, itemId: string, matterId: string | null, at: string) => {
    const document = await trx.selectFrom('documents').select(['id', 'title']).where('title', '=', documentTitle).executeTakeFirst();
    if (!document) return;
    if (matterId) await trx.updateTable('agenda_items').set({ matter_id: matterId }).where('id', '=', itemId).execute();
    const row = await trx
      .insertInto('agenda_papers')
      .values({ council_id: councilId, meeting_id: meetingId, agenda_item_id: itemId, request_id: null, title: document.title, body: '', document_id: document.id, created_by: id('clerk') })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Added when the papers went out, in this order.
    await sql`update agenda_papers set created_at = ${at} where id = ${row.id}`.execute(trx);
  };
  const paperDay = addDays(lastDate, -10); // ready two days before last month's summons went out
  await paper('Station Road planning application: officer’s report', last.id, (await lastItem('Planning application PA/2026/0142: land at Station Road')).id, await matter('Land at Station Road'), `${paperDay}T10:00:00Z`);
  await paper('Play area fencing: quotes', last.id, (await lastItem('Play area fence')).id, await matter('Play area fencing contract'), `${paperDay}T11:00:00Z`);
  await paper('Staffing review: proposed structure', issued.id, confidential.id, null, `${today}T09:00:00Z`);
  await trx.insertInto('summons_preferences').values({ council_id: councilId, person_id: id('market'), electronic: true }).execute();
  for (const m of members) {
    await trx
      .insertInto('outbox_messages')
      .values({ council_id: councilId, recipient_id: m.id, recipient_email: m.email, channel: 'post', subject: `Summons: ${committee.name}`, body: 'You are summoned to attend the meeting.', meeting_id: issued.id })
      .execute();
  }
}

import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The person's attendance at meetings, the agenda items they asked for, their comments on draft agendas and how they take the summons. */
export async function meetingsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const attendance = await trx
    .selectFrom('meeting_attendance as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.meeting_id', 'm.meeting_date', 'a.status', 'a.recorded_at'])
    .where('a.council_id', '=', councilId)
    .where('a.person_id', '=', personId)
    .orderBy('m.meeting_date')
    .execute();
  const requests = await trx
    .selectFrom('agenda_requests')
    .select(['id', 'meeting_id', 'title', 'details', 'received_at', 'status', 'urgent_reason', 'decided_at', 'decision_reason'])
    .where('council_id', '=', councilId)
    .where('requested_by', '=', personId)
    .orderBy('received_at')
    .execute();
  const comments = await trx.selectFrom('agenda_comments').select(['id', 'meeting_id', 'body', 'created_at']).where('council_id', '=', councilId).where('author_id', '=', personId).orderBy('created_at').execute();
  const summons = await trx.selectFrom('summons_preferences').select(['electronic', 'updated_at']).where('council_id', '=', councilId).where('person_id', '=', personId).execute();
  return [
    personalSection('meetings.attendance', attendance),
    personalSection('meetings.agendaRequests', requests),
    personalSection('meetings.agendaComments', comments),
    personalSection('meetings.summons', summons),
  ];
}

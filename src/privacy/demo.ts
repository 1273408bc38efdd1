import type { Nation } from '../protocol/types.js';
import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';
import { londonInstant } from '../enquiries/working-days.js';
import { sarDeadline } from './deadline.js';

/** One open subject access request, from a resident not in Concord, so the list has something to show. */
export async function seedDemoSubjectAccess(trx: Trx, councilId: string, id: (key: string) => string, today: string, nation: Nation): Promise<void> {
  const receivedOn = addDays(today, -10);
  await trx
    .insertInto('subject_access_requests')
    .values({
      council_id: councilId,
      person_id: null,
      requester_name: 'Jordan Ellis',
      requester_email: 'jordan.ellis@example.net',
      received_on: receivedOn,
      identity_checked: true,
      identity_method: 'Known to the Clerk; the request came from the address on the council’s correspondence file',
      person_told_on: null,
      deadline: sarDeadline(receivedOn, false, nation),
      sent_on: null,
      sent_by: null,
      recorded_by: id('clerk'),
      created_at: londonInstant(receivedOn, '11:00'),
    })
    .execute();
}

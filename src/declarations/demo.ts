import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';

/**
 * The demo council's dispensations and declarations: a dispensation granted to the vice-chair
 * for the staffing review (and the committee's staffing item), ending within the month (so its reminder is due), Hannah Price's
 * request about the land at Station Road, waiting for the council, and the chair's declaration
 * at last month's meeting, made before it and recorded at it.
 */
export async function seedDemoDeclarations(trx: Trx, councilId: string, id: (key: string) => string, today: string): Promise<void> {
  const matter = async (title: string) => (await trx.selectFrom('matters').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
  const granted = await trx
    .insertInto('dispensations')
    .values({
      council_id: councilId,
      person_id: id('vice'),
      ground: 'e',
      reasons: 'My employer is named in the staffing review as a possible provider of payroll services; I ask to speak and vote on the review as a whole.',
      covers: 'both',
      asked_from: addDays(today, -200),
      asked_until: addDays(today, 20),
      requested_on: addDays(today, -210),
      requested_by: id('vice'),
      status: 'granted',
      decided_by_kind: 'council',
      resolution_id: null,
      decision_reference: 'Minute 26/71',
      granted_from: addDays(today, -200),
      granted_until: addDays(today, 20),
      decided_on: addDays(today, -200),
      decided_by: id('clerk'),
      reminded_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('dispensation_matters').values({ council_id: councilId, dispensation_id: granted.id, matter_id: await matter('Staffing review') }).execute();
  const staffingItem = await trx.selectFrom('agenda_items').select('id').where('title', '=', 'Staffing matter').executeTakeFirst();
  if (staffingItem) await trx.insertInto('dispensation_items').values({ council_id: councilId, dispensation_id: granted.id, agenda_item_id: staffingItem.id }).execute();

  const asked = await trx
    .insertInto('dispensations')
    .values({
      council_id: councilId,
      person_id: id('market'),
      ground: 'c',
      reasons: 'Residents of Station Road have asked me to speak for them on the planning application; my partner owns the adjoining field.',
      covers: 'speaking',
      asked_from: today,
      asked_until: addDays(today, 365),
      requested_on: addDays(today, -3),
      requested_by: id('market'),
      decided_by_kind: null,
      resolution_id: null,
      granted_from: null,
      granted_until: null,
      decided_on: null,
      decided_by: null,
      reminded_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('dispensation_matters').values({ council_id: councilId, dispensation_id: asked.id, matter_id: await matter('Land at Station Road') }).execute();

  // Last month's meeting: the chair lives beside the play area, and said so before and at the meeting.
  const last = await trx.selectFrom('meetings').select(['id', 'meeting_date']).where('committee_id', 'is', null).where('meeting_date', '<', today).orderBy('meeting_date', 'desc').executeTakeFirst();
  if (!last) return;
  const fence = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', last.id).where('title', '=', 'Play area fence').executeTakeFirst();
  if (!fence) return;
  const details = 'Lives next to the play area.';
  for (const stage of ['before', 'meeting'] as const) {
    await trx
      .insertInto('meeting_declarations')
      .values({ council_id: councilId, meeting_id: last.id, agenda_item_id: fence.id, person_id: id('chair'), stage, kind: 'non_registrable', details, left_room: stage === 'meeting', took_no_part: stage === 'meeting', dispensation_id: null, register_by: null, chase_sent_on: null, recorded_by: stage === 'meeting' ? id('clerk') : id('chair') })
      .execute();
  }
}

import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The person's requests for dispensations and their decisions, and their declarations at meetings. */
export async function declarationsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const dispensations = await trx
    .selectFrom('dispensations')
    .select(['id', 'ground', 'reasons', 'covers', 'asked_from', 'asked_until', 'requested_on', 'status', 'decided_by_kind', 'decision_reference', 'granted_from', 'granted_until', 'decided_on'])
    .where('council_id', '=', councilId)
    .where('person_id', '=', personId)
    .orderBy('requested_on')
    .execute();
  const declarations = await trx
    .selectFrom('meeting_declarations as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(['d.id', 'm.meeting_date', 'a.title as item', 'd.stage', 'd.kind', 'd.details', 'd.left_room', 'd.took_no_part', 'd.dispensation_id', 'd.register_by'])
    .where('d.council_id', '=', councilId)
    .where('d.person_id', '=', personId)
    .orderBy('m.meeting_date')
    .execute();
  return [personalSection('declarations.dispensations', dispensations), personalSection('declarations.meetings', declarations)];
}

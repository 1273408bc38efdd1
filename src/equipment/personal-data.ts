import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** Equipment issued to the person: what, when, its condition, their acknowledgement and its return. */
export async function equipmentPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const loans = await trx
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_items as i', 'i.id', 'l.item_id')
    .select(['l.id', 'i.name as item', 'i.asset_number', 'l.issued_on', 'l.issued_condition', 'l.acknowledged_at', 'l.returned_on', 'l.returned_condition'])
    .where('l.council_id', '=', councilId)
    .where('l.person_id', '=', personId)
    .orderBy('l.issued_on')
    .execute();
  return [personalSection('equipment.loans', loans)];
}

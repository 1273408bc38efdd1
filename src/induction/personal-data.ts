import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The reminders of a new councillor's first 28 days sent to the person. */
export async function inductionPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const reminders = await trx.selectFrom('induction_reminders').select(['item', 'due_on', 'sent_at']).where('council_id', '=', councilId).where('person_id', '=', personId).orderBy('due_on').execute();
  return [personalSection('induction.reminders', reminders)];
}

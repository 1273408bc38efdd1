import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The person's register of interests (every version kept), officers' declarations, and nil returns. */
export async function interestsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const registered = await trx
    .selectFrom('interests')
    .select(['id', 'kind', 'category', 'holder', 'description', 'sensitive', 'registered_on', 'ended_on', 'supersedes', 'superseded_on', 'created_at'])
    .where('council_id', '=', councilId)
    .where('person_id', '=', personId)
    .orderBy('registered_on')
    .execute();
  const declared = await trx.selectFrom('officer_interests').select(['id', 'description', 'matter_id', 'declared_on']).where('council_id', '=', councilId).where('person_id', '=', personId).orderBy('declared_on').execute();
  const nilReturns = await trx.selectFrom('interest_nil_returns').select(['id', 'returned_on']).where('council_id', '=', councilId).where('person_id', '=', personId).orderBy('returned_on').execute();
  return [personalSection('interests.register', registered), personalSection('interests.declarations', declared), personalSection('interests.nilReturns', nilReturns)];
}

import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** Who the person is in the council: their profile, role and office, term, and committee places. */
export async function setupPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const profile = await trx
    .selectFrom('people')
    // Not the password's hash: it is a secret of the account, not information about the person.
    .select(['id', 'name', 'email', 'role', 'job_title', 'postal_address', 'council_office', 'is_rfo', 'term_starts', 'term_ends', 'active', 'locale', 'created_at'])
    .where('council_id', '=', councilId)
    .where('id', '=', personId)
    .execute();
  const committees = await trx
    .selectFrom('committee_members as m')
    .innerJoin('committees as c', 'c.id', 'm.committee_id')
    .select(['c.id as committee_id', 'c.name as committee'])
    .where('m.council_id', '=', councilId)
    .where('m.person_id', '=', personId)
    .orderBy('c.name')
    .execute();
  return [personalSection('setup.profile', profile), personalSection('setup.committees', committees)];
}

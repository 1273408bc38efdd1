import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/**
 * Concern cases the person raised, and those about them, with their entries. A case names
 * others (who it is about, witnesses, advisers): the Clerk reviews and redacts third parties'
 * data as the procedure requires before it is released, and a person's own download leaves
 * it out. Cases the person handled as an officer are their work, not data about them.
 */
export async function concernsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const cases = await trx
    .selectFrom('concern_cases')
    .select(['id', 'raised_by', 'about_kind', 'about_person_id', 'statement', 'status', 'procedure', 'outcome', 'raised_at', 'formal_at', 'closed_at'])
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('raised_by', '=', personId), eb('about_person_id', '=', personId)]))
    .orderBy('raised_at')
    .execute();
  const ids = cases.map((c) => c.id);
  const entries = ids.length
    ? await trx.selectFrom('concern_entries').select(['id', 'case_id', 'kind', 'body', 'author_id', 'occurred_on', 'created_at']).where('council_id', '=', councilId).where('case_id', 'in', ids).orderBy('created_at').execute()
    : [];
  return [personalSection('concerns.cases', cases, { needsReview: true }), personalSection('concerns.entries', entries, { needsReview: true })];
}

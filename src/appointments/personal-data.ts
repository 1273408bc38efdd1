import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/**
 * The appointment panels the person sat on and the scores they gave. A score is about a
 * candidate, whose data it also is: the Clerk reviews before release.
 */
export async function appointmentsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const panels = await trx
    .selectFrom('appointment_panel as p')
    .innerJoin('appointments as a', 'a.id', 'p.appointment_id')
    .select(['p.appointment_id', 'a.title'])
    .where('p.council_id', '=', councilId)
    .where('p.person_id', '=', personId)
    .execute();
  const scores = await trx.selectFrom('appointment_scores').select(['id', 'candidate_id', 'score', 'comment', 'created_at']).where('council_id', '=', councilId).where('scorer_id', '=', personId).orderBy('created_at').execute();
  return [personalSection('appointments.panels', panels), personalSection('appointments.scores', scores, { needsReview: true })];
}

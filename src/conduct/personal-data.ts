import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/**
 * The person's acknowledgements of the code of conduct, and complaints about them referred to
 * the Monitoring Officer or the Ombudsman. A complaint names the complainant: the Clerk
 * reviews before release, and a person's own download leaves it out.
 */
export async function conductPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const acknowledgements = await trx.selectFrom('conduct_acknowledgements').select(['code_version', 'nolan', 'acknowledged_at']).where('council_id', '=', councilId).where('person_id', '=', personId).orderBy('acknowledged_at').execute();
  const referrals = await trx
    .selectFrom('conduct_referrals')
    .select(['id', 'complainant', 'complaint', 'occurred_on', 'referred_to', 'referred_at'])
    .where('council_id', '=', councilId)
    .where('councillor_id', '=', personId)
    .orderBy('referred_at')
    .execute();
  return [personalSection('conduct.acknowledgements', acknowledgements), personalSection('conduct.referrals', referrals, { needsReview: true })];
}

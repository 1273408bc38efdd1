import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** Which versions of the protocol the person acknowledged, and when. */
export async function protocolPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const acknowledgements = await trx
    .selectFrom('protocol_acknowledgements as a')
    .innerJoin('protocol_versions as v', 'v.id', 'a.version_id')
    .select(['v.version', 'a.acknowledged_at'])
    .where('a.council_id', '=', councilId)
    .where('a.person_id', '=', personId)
    .orderBy('a.acknowledged_at')
    .execute();
  return [personalSection('protocol.acknowledgements', acknowledgements)];
}

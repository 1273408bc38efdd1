import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The audit entries where the person acted or is the one acted on, and their own subject access requests. */
export async function privacyPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const entries = await trx
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'data'])
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('actor_id', '=', personId), eb.and([eb('entity_type', '=', 'person'), eb('entity_id', '=', personId)])]))
    .orderBy('seq')
    .execute();
  const requests = await trx
    .selectFrom('subject_access_requests')
    .select(['id', 'received_on', 'identity_checked', 'deadline', 'person_told_on', 'status', 'sent_on'])
    .where('council_id', '=', councilId)
    .where('person_id', '=', personId)
    .orderBy('received_on')
    .execute();
  return [personalSection('audit.entries', entries), personalSection('privacy.requests', requests)];
}

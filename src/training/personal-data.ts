import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The person's training records and their requests for training. */
export async function trainingPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const records = await trx
    .selectFrom('training_records')
    .select(['id', 'course', 'provider', 'completed_on', 'hours', 'certificate_document_id', 'requirement_id', 'created_at'])
    .where('council_id', '=', councilId)
    .where('person_id', '=', personId)
    .orderBy('completed_on')
    .execute();
  const requests = await trx.selectFrom('training_requests').select(['id', 'course', 'reason', 'status', 'created_at', 'closed_at']).where('council_id', '=', councilId).where('person_id', '=', personId).orderBy('created_at').execute();
  return [personalSection('training.records', records), personalSection('training.requests', requests)];
}

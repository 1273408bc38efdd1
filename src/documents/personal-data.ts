import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The documents the person put in the library, and the confidential papers issued to them (titles and dates, not the papers). */
export async function documentsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const uploaded = await trx
    .selectFrom('documents')
    .select(['id', 'title', 'classification', 'file_name', 'created_at'])
    .where('council_id', '=', councilId)
    .where('uploaded_by', '=', personId)
    .orderBy('created_at')
    .execute();
  const issued = await trx
    .selectFrom('confidential_recipients as r')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .select(['r.document_id', 'd.title', 'r.issued_at'])
    .where('r.council_id', '=', councilId)
    .where('r.person_id', '=', personId)
    .orderBy('r.issued_at')
    .execute();
  return [personalSection('documents.uploaded', uploaded), personalSection('documents.confidentialIssued', issued)];
}

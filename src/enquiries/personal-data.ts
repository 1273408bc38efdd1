import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The enquiries the councillor made, with their threads, and what the person wrote on any other. */
export async function enquiriesPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const enquiries = await trx
    .selectFrom('enquiries')
    .select(['id', 'reference', 'subject', 'body', 'kind', 'status', 'received_at', 'due_on', 'answered_at'])
    .where('council_id', '=', councilId)
    .where('councillor_id', '=', personId)
    .orderBy('received_at')
    .execute();
  const ids = enquiries.map((e) => e.id);
  const messages = await trx
    .selectFrom('enquiry_messages as m')
    .innerJoin('enquiries as e', 'e.id', 'm.enquiry_id')
    .innerJoin('people as a', 'a.id', 'm.author_id')
    .select(['m.id', 'e.reference', 'a.name as author', 'm.body', 'm.created_at'])
    .where('m.council_id', '=', councilId)
    .where((eb) => eb.or([eb('m.author_id', '=', personId), ...(ids.length ? [eb('m.enquiry_id', 'in', ids)] : [])]))
    .orderBy('m.created_at')
    .execute();
  return [personalSection('enquiries.enquiries', enquiries), personalSection('enquiries.messages', messages)];
}

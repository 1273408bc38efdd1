import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The bulletins sent to the person, and when they read each; those they wrote. */
export async function bulletinsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const received = await trx
    .selectFrom('bulletin_recipients as r')
    .innerJoin('bulletins as b', 'b.id', 'r.bulletin_id')
    .select(['b.id', 'b.title', 'b.published_at', 'r.read_at'])
    .where('r.council_id', '=', councilId)
    .where('r.person_id', '=', personId)
    .orderBy('b.published_at')
    .execute();
  const written = await trx.selectFrom('bulletins').select(['id', 'title', 'body', 'published_at']).where('council_id', '=', councilId).where('author_id', '=', personId).orderBy('published_at').execute();
  return [personalSection('bulletins.received', received), personalSection('bulletins.written', written)];
}

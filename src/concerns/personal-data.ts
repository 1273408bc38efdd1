import type { Trx } from '../db/database.js';
import type { PersonalDataReader, PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';
import { loadCase } from './service.js';

/**
 * Concern cases the person raised, and those about them, with their entries. A case names
 * others (who it is about, witnesses, advisers): the Clerk reviews and redacts third parties'
 * data as the procedure requires before it is released, and a person's own download leaves
 * it out. Cases the person handled as an officer are their work, not data about them.
 *
 * Whoever assembles the export sees of each case only what the rules let them see anyway:
 * a handler, all of it; the person who raised it, their statement and its outcome; anyone
 * else (the Clerk answering a request about a case that concerns the Clerk, handled by
 * others), that the case exists and who holds it, so the request can go to them.
 */
export async function concernsPersonalData(trx: Trx, councilId: string, personId: string, reader: PersonalDataReader): Promise<PersonalDataSection[]> {
  const ids = await trx
    .selectFrom('concern_cases')
    .select('id')
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('raised_by', '=', personId), eb('about_person_id', '=', personId)]))
    .orderBy('raised_at')
    .execute();
  const cases: Record<string, unknown>[] = [];
  const readable: string[] = [];
  for (const { id } of ids) {
    const kase = await loadCase(trx, id);
    const held = { id, raised_at: kase.raised_at, status: kase.status };
    if (reader.allows('concern.handle', kase.resource)) {
      cases.push({ ...held, raised_by: kase.raised_by, about_kind: kase.about_kind, about_person_id: kase.about_person_id, statement: kase.statement, procedure: kase.procedure, outcome: kase.outcome, formal_at: kase.formal_at, closed_at: kase.closed_at });
      readable.push(id);
    } else if (reader.allows('concern.view', kase.resource)) {
      cases.push({ ...held, statement: kase.statement, outcome: kase.outcome, closed_at: kase.closed_at });
    } else {
      cases.push({ ...held, held_by: kase.handlers.map((h) => h.name) });
    }
  }
  const entries = readable.length
    ? await trx.selectFrom('concern_entries').select(['id', 'case_id', 'kind', 'body', 'author_id', 'occurred_on', 'created_at']).where('council_id', '=', councilId).where('case_id', 'in', readable).orderBy('created_at').execute()
    : [];
  return [personalSection('concerns.cases', cases, { needsReview: true }), personalSection('concerns.entries', entries, { needsReview: true })];
}

import type { Trx } from '../db/database.js';

/**
 * The matters covered today by the dispensations granted to a person (Localism Act 2011
 * s.33): the matters each names, and the matters of the agenda items it names. Read on every
 * request that decides a paper or document, with the register, so a dispensation applies
 * from its first day and stops on the day after its last.
 */
export async function dispensedMatterIds(trx: Trx, personId: string, today: string): Promise<Set<string>> {
  const current = trx
    .selectFrom('dispensations')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'granted')
    .where('granted_from', '<=', today)
    .where('granted_until', '>=', today);
  const [named, ofItems] = await Promise.all([
    trx.selectFrom('dispensation_matters').select('matter_id').where('dispensation_id', 'in', current).execute(),
    trx
      .selectFrom('dispensation_items as di')
      .innerJoin('agenda_items as a', 'a.id', 'di.agenda_item_id')
      .select('a.matter_id')
      .where('di.dispensation_id', 'in', current)
      .where('a.matter_id', 'is not', null)
      .execute(),
  ]);
  return new Set([...named.map((r) => r.matter_id), ...ofItems.map((r) => r.matter_id!)]);
}

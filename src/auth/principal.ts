import type { Trx } from '../db/database.js';
import type { Principal } from '../policy/principal.js';

/** Load a person with the offices and groups the rules may need. */
export async function loadPrincipal(trx: Trx, personId: string): Promise<Principal | undefined> {
  const person = await trx
    .selectFrom('people')
    .select(['id', 'council_id', 'name', 'role', 'council_office', 'term_starts', 'term_ends', 'locale'])
    .where('id', '=', personId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!person) return undefined;
  const [chairs, groups] = await Promise.all([
    trx.selectFrom('committees').select('id').where('chair_id', '=', personId).execute(),
    trx
      .selectFrom('group_members as m')
      .innerJoin('political_groups as g', 'g.id', 'm.group_id')
      .select(['g.id', 'g.leader_id'])
      .where('m.person_id', '=', personId)
      .execute(),
  ]);
  return {
    personId: person.id,
    councilId: person.council_id,
    name: person.name,
    role: person.role,
    councilOffice: person.council_office,
    termStarts: person.term_starts,
    termEnds: person.term_ends,
    chairOf: chairs.map((c) => c.id),
    leaderOf: groups.filter((g) => g.leader_id === personId).map((g) => g.id),
    groupIds: groups.map((g) => g.id),
    locale: person.locale,
  };
}

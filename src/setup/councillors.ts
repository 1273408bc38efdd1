import type { Trx } from '../db/database.js';
import { InvalidInputError } from '../web/errors.js';

/**
 * Councillors who can sit on a committee or in a political group today: active and in
 * their term of office. A former councillor's access has ended, and so has their place.
 */
export function listCurrentCouncillors(trx: Trx, today: string) {
  return trx
    .selectFrom('people')
    .select(['id', 'name'])
    .where('role', '=', 'councillor')
    .where('active', '=', true)
    .where((eb) => eb.or([eb('term_starts', 'is', null), eb('term_starts', '<=', today)]))
    .where((eb) => eb.or([eb('term_ends', 'is', null), eb('term_ends', '>=', today)]))
    .orderBy('name')
    .execute();
}

/**
 * Refuses members who are not this council's current councillors. Row-level security
 * hides other councils' people, so an id from elsewhere fails here like any other.
 */
export async function checkCurrentCouncillors(trx: Trx, ids: readonly string[], today: string, field = 'members'): Promise<void> {
  if (ids.length === 0) return;
  const current = new Set((await listCurrentCouncillors(trx, today)).map((c) => c.id));
  if (ids.some((id) => !current.has(id))) throw new InvalidInputError([{ field, key: 'validation.councillorOnly' }]);
}

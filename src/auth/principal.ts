import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Trx } from '../db/database.js';
import type { Principal } from '../policy/principal.js';
import { sessionKey } from './sessions.js';

/**
 * A person with the offices and groups the rules may need, in one statement: every request
 * of a signed-in person starts here, so the committees they chair and the groups they belong
 * to (and lead) come as arrays beside the person rather than as further queries.
 */
function principalQuery<O>(from: SelectQueryBuilder<DB, 'people', O>) {
  return from
    .select([
      'people.id',
      'people.council_id',
      'people.name',
      'people.role',
      'people.council_office',
      'people.term_starts',
      'people.term_ends',
      'people.locale',
      sql<string[]>`array(select c.id::text from committees c where c.chair_id = people.id)`.as('chair_of'),
      sql<string[]>`array(select m.group_id::text from group_members m where m.person_id = people.id)`.as('group_ids'),
      sql<string[]>`array(select g.id::text from political_groups g join group_members m on m.group_id = g.id where m.person_id = people.id and g.leader_id = people.id)`.as('leader_of'),
    ])
    .where('people.active', '=', true);
}

/** Load a person with the offices and groups the rules may need. */
export async function loadPrincipal(trx: Trx, personId: string): Promise<Principal | undefined> {
  const row = await principalQuery(trx.selectFrom('people')).where('people.id', '=', personId).executeTakeFirst();
  return row && toPrincipal(row);
}

/** Every active councillor as `loadPrincipal` reads one, in one statement: for deciding, member by member, what each would be answered. */
export async function loadCouncillors(trx: Trx): Promise<Map<string, Principal>> {
  const rows = await principalQuery(trx.selectFrom('people')).where('people.role', '=', 'councillor').execute();
  return new Map(rows.map((row) => [row.id, toPrincipal(row)]));
}

/** A live session: the person it belongs to, and until when it lasts. */
export interface LiveSession {
  principal: Principal;
  expiresAt: Date;
}

/** The person a live session belongs to, read with the session in the same statement. */
export async function loadSession(trx: Trx, token: string, now: Date): Promise<LiveSession | undefined> {
  const row = await principalQuery(trx.selectFrom('people'))
    .innerJoin('sessions', 'sessions.person_id', 'people.id')
    .select('sessions.expires_at')
    .where('sessions.id', '=', sessionKey(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row && { principal: toPrincipal(row), expiresAt: row.expires_at };
}

type PrincipalRow = {
  id: string;
  council_id: string;
  name: string;
  role: Principal['role'];
  council_office: Principal['councilOffice'];
  term_starts: Principal['termStarts'];
  term_ends: Principal['termEnds'];
  locale: Principal['locale'];
  chair_of: string[];
  group_ids: string[];
  leader_of: string[];
};

function toPrincipal(row: PrincipalRow): Principal {
  return {
    personId: row.id,
    councilId: row.council_id,
    name: row.name,
    role: row.role,
    councilOffice: row.council_office,
    termStarts: row.term_starts,
    termEnds: row.term_ends,
    chairOf: row.chair_of,
    leaderOf: row.leader_of,
    groupIds: row.group_ids,
    locale: row.locale,
  };
}

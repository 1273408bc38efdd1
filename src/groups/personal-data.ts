import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The political groups the person belongs to or leads, and what they asked the officers for on a group's behalf. */
export async function groupsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const memberships = await trx
    .selectFrom('group_members as m')
    .innerJoin('political_groups as g', 'g.id', 'm.group_id')
    .select(['g.id as group_id', 'g.name as group'])
    .select((eb) => eb('g.leader_id', '=', personId).as('leader'))
    .where('m.council_id', '=', councilId)
    .where('m.person_id', '=', personId)
    .orderBy('g.name')
    .execute();
  const requests = await trx.selectFrom('group_requests').selectAll().where('council_id', '=', councilId).where('requested_by', '=', personId).orderBy('created_at').execute();
  return [personalSection('groups.memberships', memberships), personalSection('groups.requests', requests)];
}

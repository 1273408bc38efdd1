import { z } from 'zod';
import type { Trx } from '../../db/database.js';
import type { PoliticalGroup } from '../../db/schema.js';
import { audit } from '../../audit/audit.js';
import type { Principal } from '../../policy/principal.js';
import { InvalidInputError, type FieldProblem } from '../../web/errors.js';
import { labelled } from '../../web/form.js';
import { id, requiredText } from '../../web/schemas.js';
import { checkCurrentCouncillors } from '../councillors.js';

export const groupInput = z
  .object({
    name: labelled(requiredText(200), 'groups.name'),
    members: labelled(z.array(id('validation.councillorOnly')).default([]).describe('Ids of the councillors in the group: current councillors, each in no other group'), 'groups.members'),
    leaderId: labelled(id('validation.councillorOnly').nullable().default(null).describe('One of the members'), 'groups.leader'),
  })
  .refine((g) => g.leaderId === null || g.members.includes(g.leaderId), { path: ['leaderId'], message: 'groups.error.leaderNotMember' });
export type GroupInput = z.infer<typeof groupInput>;

export type GroupWithMembers = PoliticalGroup & { members: string[] };

/** Political groups with their members' ids and their leader's name, by name. */
export async function listGroups(trx: Trx): Promise<(GroupWithMembers & { leader_name: string | null })[]> {
  const groups = await trx
    .selectFrom('political_groups as g')
    .leftJoin('people as leader', 'leader.id', 'g.leader_id')
    .selectAll('g')
    .select('leader.name as leader_name')
    .orderBy('g.name')
    .execute();
  const members = await trx.selectFrom('group_members').select(['group_id', 'person_id']).execute();
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.group_id === g.id).map((m) => m.person_id) }));
}

export async function findGroup(trx: Trx, groupId: string): Promise<GroupWithMembers | undefined> {
  const group = await trx.selectFrom('political_groups').selectAll().where('id', '=', groupId).executeTakeFirst();
  if (!group) return undefined;
  const members = await trx.selectFrom('group_members').select('person_id').where('group_id', '=', groupId).execute();
  return { ...group, members: members.map((m) => m.person_id) };
}

export function presentGroup(g: GroupWithMembers) {
  return { id: g.id, name: g.name, leaderId: g.leader_id, members: g.members };
}

/** Create or change a political group and its membership, as one change with one audit entry. */
export async function saveGroup(trx: Trx, by: Principal, input: GroupInput, today: string, existing?: PoliticalGroup): Promise<GroupWithMembers> {
  const members = [...new Set(input.members)];
  await checkCurrentCouncillors(trx, members, today);
  await checkRules(trx, input.name, members, existing?.id);
  const saved = existing
    ? await trx.updateTable('political_groups').set({ name: input.name, leader_id: input.leaderId }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
    : await trx.insertInto('political_groups').values({ council_id: by.councilId, name: input.name, leader_id: input.leaderId }).returningAll().executeTakeFirstOrThrow();
  await trx.deleteFrom('group_members').where('group_id', '=', saved.id).execute();
  if (members.length > 0) {
    await trx
      .insertInto('group_members')
      .values(members.map((personId) => ({ council_id: by.councilId, group_id: saved.id, person_id: personId })))
      .execute();
  }
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: existing ? 'group.updated' : 'group.created',
    entityType: 'political_group',
    entityId: saved.id,
    data: { ...input, members },
  });
  return { ...saved, members };
}

/**
 * A unique name, and each councillor in one group at most. The database's unique index
 * is the backstop; this names the other group, so the Clerk knows what to change.
 */
async function checkRules(trx: Trx, name: string, members: readonly string[], exceptId?: string): Promise<void> {
  const errors: FieldProblem[] = [];
  let sameName = trx.selectFrom('political_groups').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) sameName = sameName.where('id', '!=', exceptId);
  if (await sameName.executeTakeFirst()) errors.push({ field: 'name', key: 'groups.error.nameTaken' });
  if (members.length > 0) {
    let elsewhere = trx
      .selectFrom('group_members as m')
      .innerJoin('political_groups as g', 'g.id', 'm.group_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['p.name as person', 'g.name as group'])
      .where('m.person_id', 'in', members)
      .orderBy('p.name');
    if (exceptId) elsewhere = elsewhere.where('m.group_id', '!=', exceptId);
    // One problem each; the form shows them as one message on the field.
    for (const row of await elsewhere.execute()) errors.push({ field: 'members', key: 'groups.error.inOtherGroup', vars: { name: row.person, group: row.group } });
  }
  if (errors.length) throw new InvalidInputError(errors);
}

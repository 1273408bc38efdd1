import { z } from 'zod';
import type { Trx } from '../../db/database.js';
import type { Committee } from '../../db/schema.js';
import { audit } from '../../audit/audit.js';
import type { Principal } from '../../policy/principal.js';
import { InvalidInputError, type FieldProblem } from '../../web/errors.js';
import { labelled } from '../../web/form.js';
import { id, optionalText, requiredText } from '../../web/schemas.js';
import { checkCurrentCouncillors } from '../councillors.js';

export const committeeInput = z
  .object({
    name: labelled(requiredText(200), 'committees.name'),
    termsOfReference: labelled(optionalText(5000), 'committees.termsOfReference'),
    delegatedPowers: labelled(optionalText(5000), 'committees.delegatedPowers'),
    holdsPersonnel: labelled(z.boolean().default(false).describe('Decides formal grievance and disciplinary matters; at most one committee does'), 'committees.holdsPersonnel'),
    holdsFinance: labelled(z.boolean().default(false), 'committees.holdsFinance'),
    members: labelled(z.array(id('validation.councillorOnly')).default([]).describe('Ids of the councillors on the committee: current councillors only'), 'committees.members'),
    chairId: labelled(id('validation.councillorOnly').nullable().default(null).describe('One of the members'), 'committees.chair'),
    viceChairId: labelled(id('validation.councillorOnly').nullable().default(null).describe('One of the members, not the chair'), 'committees.viceChair'),
  })
  .refine((c) => c.chairId === null || c.members.includes(c.chairId), { path: ['chairId'], message: 'committees.error.chairNotMember' })
  .refine((c) => c.viceChairId === null || c.members.includes(c.viceChairId), { path: ['viceChairId'], message: 'committees.error.viceChairNotMember' })
  .refine((c) => c.viceChairId === null || c.viceChairId !== c.chairId, { path: ['viceChairId'], message: 'committees.error.sameChair' });
export type CommitteeInput = z.infer<typeof committeeInput>;

export type CommitteeWithMembers = Committee & { members: string[] };

/** Committees with their members' ids and their chair's name, by name. */
export async function listCommittees(trx: Trx): Promise<(CommitteeWithMembers & { chair_name: string | null })[]> {
  const committees = await trx
    .selectFrom('committees as c')
    .leftJoin('people as chair', 'chair.id', 'c.chair_id')
    .selectAll('c')
    .select('chair.name as chair_name')
    .orderBy('c.name')
    .execute();
  const members = await trx.selectFrom('committee_members').select(['committee_id', 'person_id']).execute();
  return committees.map((c) => ({ ...c, members: members.filter((m) => m.committee_id === c.id).map((m) => m.person_id) }));
}

export async function findCommittee(trx: Trx, committeeId: string): Promise<CommitteeWithMembers | undefined> {
  const committee = await trx.selectFrom('committees').selectAll().where('id', '=', committeeId).executeTakeFirst();
  if (!committee) return undefined;
  const members = await trx.selectFrom('committee_members').select('person_id').where('committee_id', '=', committeeId).execute();
  return { ...committee, members: members.map((m) => m.person_id) };
}

export function presentCommittee(c: CommitteeWithMembers) {
  return {
    id: c.id,
    name: c.name,
    termsOfReference: c.terms_of_reference,
    delegatedPowers: c.delegated_powers,
    holdsPersonnel: c.holds_personnel,
    holdsFinance: c.holds_finance,
    chairId: c.chair_id,
    viceChairId: c.vice_chair_id,
    members: c.members,
  };
}

/** Create or change a committee and its membership, as one change with one audit entry. */
export async function saveCommittee(trx: Trx, by: Principal, input: CommitteeInput, today: string, existing?: Committee): Promise<CommitteeWithMembers> {
  const members = [...new Set(input.members)];
  await checkCurrentCouncillors(trx, members, today);
  await checkRules(trx, input, existing?.id);
  const values = {
    name: input.name,
    terms_of_reference: input.termsOfReference,
    delegated_powers: input.delegatedPowers,
    holds_personnel: input.holdsPersonnel,
    holds_finance: input.holdsFinance,
    chair_id: input.chairId,
    vice_chair_id: input.viceChairId,
  };
  const saved = existing
    ? await trx.updateTable('committees').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
    : await trx.insertInto('committees').values({ council_id: by.councilId, ...values }).returningAll().executeTakeFirstOrThrow();
  await trx.deleteFrom('committee_members').where('committee_id', '=', saved.id).execute();
  if (members.length > 0) {
    await trx
      .insertInto('committee_members')
      .values(members.map((personId) => ({ council_id: by.councilId, committee_id: saved.id, person_id: personId })))
      .execute();
  }
  await recordPersonnelCommittee(trx, by.councilId);
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: existing ? 'committee.updated' : 'committee.created',
    entityType: 'committee',
    entityId: saved.id,
    data: { ...input, members },
  });
  return { ...saved, members };
}

/** Rules across committees, which the schema cannot see: a unique name, one personnel committee. */
async function checkRules(trx: Trx, input: CommitteeInput, exceptId?: string): Promise<void> {
  const errors: FieldProblem[] = [];
  let others = trx.selectFrom('committees').select(['name', 'holds_personnel']);
  if (exceptId) others = others.where('id', '!=', exceptId);
  const rows = await others.execute();
  if (rows.some((c) => c.name.toLowerCase() === input.name.toLowerCase())) errors.push({ field: 'name', key: 'committees.error.nameTaken' });
  // Formal grievance and disciplinary matters need one clear place to go.
  const personnel = rows.find((c) => c.holds_personnel);
  if (input.holdsPersonnel && personnel) errors.push({ field: 'holdsPersonnel', key: 'committees.error.personnelTaken', vars: { name: personnel.name } });
  if (errors.length) throw new InvalidInputError(errors);
}

/**
 * The council's settings name the personnel committee, which the rules for concerns read.
 * The committees' own flag is the record; the setting follows it, so a renamed committee
 * is still found.
 */
async function recordPersonnelCommittee(trx: Trx, councilId: string): Promise<void> {
  const holder = await trx.selectFrom('committees').select('name').where('holds_personnel', '=', true).executeTakeFirst();
  const council = await trx.selectFrom('councils').select('settings').where('id', '=', councilId).executeTakeFirstOrThrow();
  const name = holder?.name ?? null;
  if (council.settings.personnelCommittee === name) return;
  await trx
    .updateTable('councils')
    .set({ settings: JSON.stringify({ ...council.settings, personnelCommittee: name }) })
    .where('id', '=', councilId)
    .execute();
}

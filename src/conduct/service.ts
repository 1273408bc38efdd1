import { sql } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { isoDate, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';

/** The version of the code in force where a council has recorded none. */
export const FIRST_CODE = '1';

export function codeVersion(council: Pick<Council, 'settings'>): string {
  return council.settings.codeOfConductVersion ?? FIRST_CODE;
}

/** Where a complaint about a councillor's conduct goes: the Monitoring Officer in England, the Ombudsman in Wales. */
export function referralBody(council: Pick<Council, 'nation'>): 'monitoring_officer' | 'ombudsman' {
  return council.nation === 'wales' ? 'ombudsman' : 'monitoring_officer';
}

export const acknowledgeInput = z.object({
  code: labelled(z.boolean('validation.invalid').default(false).describe('I have read the code of conduct in force and will follow it'), 'conduct.field.code'),
  nolan: labelled(z.boolean('validation.invalid').default(false).describe('I will follow the seven principles of public life, where the protocol names them'), 'conduct.field.nolan'),
});
export type AcknowledgeInput = z.infer<typeof acknowledgeInput>;

export const newCodeInput = z.object({ version: labelled(requiredText(40).describe('A name for the new code, e.g. its date of adoption'), 'conduct.field.version') });

export const referralInput = z.object({
  councillorId: labelled(z.uuid('validation.councillorOnly').describe('The councillor complained about'), 'conduct.field.councillor', { blankIsMissing: true }),
  complainant: labelled(requiredText(200).describe('Who made the complaint'), 'conduct.field.complainant'),
  occurredOn: labelled(isoDate.describe('When the conduct complained of happened'), 'conduct.field.occurredOn', { blankIsMissing: true }),
  complaint: labelled(requiredText(10000).describe('The complaint, as made'), 'conduct.field.complaint'),
});
export type ReferralInput = z.infer<typeof referralInput>;

/** Whether the council's protocol names the Nolan principles beside its code of conduct (Ledbury 3.2). */
export async function protocolNamesNolan(trx: Trx): Promise<boolean> {
  const row = await trx
    .selectFrom('protocol_clauses as c')
    .innerJoin('protocol_versions as v', 'v.id', 'c.version_id')
    .select('c.id')
    .where('v.is_current', '=', true)
    .where(sql<boolean>`'code-of-conduct' = any(c.rules)`)
    .where('c.body', 'ilike', '%nolan%')
    .executeTakeFirst();
  return !!row;
}

export function myAcknowledgement(trx: Trx, by: Principal, version: string) {
  return trx.selectFrom('conduct_acknowledgements').select(['acknowledged_at', 'nolan']).where('person_id', '=', by.personId).where('code_version', '=', version).executeTakeFirst();
}

/** A person acknowledges the code in force, and the Nolan principles where the protocol names them. */
export async function acknowledge(trx: Trx, council: Council, by: Principal, input: AcknowledgeInput, now: Date) {
  const nolan = await protocolNamesNolan(trx);
  const problems = [...(input.code ? [] : [{ field: 'code', key: 'conduct.error.code' }]), ...(nolan && !input.nolan ? [{ field: 'nolan', key: 'conduct.error.nolan' }] : [])];
  if (problems.length) throw new InvalidInputError(problems);
  const version = codeVersion(council);
  await trx
    .insertInto('conduct_acknowledgements')
    .values({ council_id: council.id, person_id: by.personId, code_version: version, nolan: nolan && input.nolan, acknowledged_at: now })
    .onConflict((oc) => oc.columns(['council_id', 'person_id', 'code_version']).doNothing())
    .execute();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'conduct.acknowledged', entityType: 'person', entityId: by.personId, data: { version, nolan } });
  return { version };
}

/** Everyone serving today who has not acknowledged the code in force: councillors in their term, and the staff. */
export function outstanding(trx: Trx, version: string, today: string) {
  return trx
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.role'])
    .where('p.active', '=', true)
    .where((eb) => eb.or([eb('p.term_starts', 'is', null), eb('p.term_starts', '<=', today)]))
    .where((eb) => eb.or([eb('p.term_ends', 'is', null), eb('p.term_ends', '>=', today)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('conduct_acknowledgements as a').select('a.person_id').whereRef('a.person_id', '=', 'p.id').where('a.code_version', '=', version))))
    .orderBy('p.role')
    .orderBy('p.name')
    .execute();
}

/** A new code is adopted: everyone acknowledges it again. */
export async function recordNewCode(trx: Trx, council: Council, by: Principal, version: string) {
  if (version === codeVersion(council)) throw new InvalidInputError([{ field: 'version', key: 'conduct.error.sameVersion' }]);
  await trx.updateTable('councils').set({ settings: JSON.stringify({ ...council.settings, codeOfConductVersion: version }) }).where('id', '=', council.id).execute();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'conduct.new_code', entityType: 'council', entityId: council.id, data: { version } });
}

export function listCouncillors(trx: Trx) {
  return trx.selectFrom('people').select(['id', 'name']).where('role', '=', 'councillor').orderBy('name').execute();
}

/**
 * A complaint that a councillor broke the code is not the council's to decide: it is referred
 * to the Monitoring Officer of the principal authority (England) or to the Public Services
 * Ombudsman for Wales, and the referral is recorded with the contact it went to.
 */
export async function refer(trx: Trx, council: Council, by: Principal, input: ReferralInput, now: Date) {
  const councillor = await trx.selectFrom('people').select('id').where('id', '=', input.councillorId).where('role', '=', 'councillor').executeTakeFirst();
  if (!councillor) throw new InvalidInputError([{ field: 'councillorId', key: 'validation.councillorOnly' }]);
  const to = referralBody(council);
  const contact = await trx.selectFrom('external_contacts').select(['id']).where('kind', '=', to).orderBy('name').executeTakeFirst();
  const row = await trx
    .insertInto('conduct_referrals')
    .values({ council_id: council.id, councillor_id: councillor.id, complainant: input.complainant, complaint: input.complaint, occurred_on: input.occurredOn, referred_to: to, contact_id: contact?.id ?? null, referred_by: by.personId, referred_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'conduct.referred', entityType: 'conduct_referral', entityId: row.id, data: { to, councillorId: councillor.id } });
  return { id: row.id, to };
}

export function listReferrals(trx: Trx) {
  return trx
    .selectFrom('conduct_referrals as r')
    .innerJoin('people as c', 'c.id', 'r.councillor_id')
    .select(['r.id', 'r.referred_to', 'r.referred_at', 'r.occurred_on', 'c.name as councillor_name'])
    .orderBy('r.referred_at', 'desc')
    .execute();
}

/** What goes in the referral pack: the complaint, the code and the clauses, the dates, the contact, and the councillor's register entry. */
export async function referralPack(trx: Trx, council: Council, id: string) {
  const r = await trx
    .selectFrom('conduct_referrals as r')
    .innerJoin('people as c', 'c.id', 'r.councillor_id')
    .leftJoin('external_contacts as x', 'x.id', 'r.contact_id')
    .select(['r.id', 'r.councillor_id', 'r.complainant', 'r.complaint', 'r.occurred_on', 'r.referred_to', 'r.referred_at', 'c.name as councillor_name', 'x.name as contact_name', 'x.organisation as contact_organisation', 'x.email as contact_email'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw new NotFoundError();
  const clauses = await trx
    .selectFrom('protocol_clauses as c')
    .innerJoin('protocol_versions as v', 'v.id', 'c.version_id')
    .select(['c.number', 'c.heading', 'c.body'])
    .where('v.is_current', '=', true)
    .where(sql<boolean>`'code-of-conduct' = any(c.rules)`)
    .orderBy('c.position')
    .execute();
  // Sensitive interests are registered without details (Localism Act 2011 s.32), and so appear here.
  const register = await trx
    .selectFrom('interests')
    .select(['category', 'holder', 'description', 'sensitive', 'registered_on'])
    .where('person_id', '=', r.councillor_id)
    .where('ended_on', 'is', null)
    .where('superseded_on', 'is', null)
    .orderBy('registered_on')
    .execute();
  return { ...r, clauses, register, codeVersion: codeVersion(council) };
}

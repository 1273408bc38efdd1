import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { InterestCategory } from '../db/schema-documents.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { InvalidInputError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { id, optionalText, requiredText, isoDate } from '../web/schemas.js';

/** The statutory categories of disclosable pecuniary interest (SI 2012/1464), then other registrable interests. */
export const DPI_CATEGORIES = ['employment', 'sponsorship', 'contracts', 'land', 'licences', 'corporate_tenancies', 'securities'] as const satisfies readonly InterestCategory[];
export const CATEGORIES = [...DPI_CATEGORIES, 'other_registrable'] as const satisfies readonly InterestCategory[];

/** Days after taking office within which a councillor registers their interests (Localism Act 2011 s.30). */
export const REGISTER_WITHIN_DAYS = 28;

export const interestInput = z
  .object({
    personId: labelled(id('validation.councillorOnly').optional().describe('The councillor, when the Clerk records an interest on their behalf; otherwise your own'), 'interests.field.person'),
    category: labelled(z.enum(CATEGORIES, 'validation.choose'), 'interests.field.category', { blankIsMissing: true }),
    holder: labelled(z.enum(['self', 'partner'], 'validation.choose').default('self').describe('"partner": your spouse’s, civil partner’s or cohabitee’s interest'), 'interests.field.holder'),
    sensitive: labelled(z.boolean().default(false).describe('Kept without details (Localism Act 2011 s.32); the public register says only that details are withheld'), 'interests.field.sensitive'),
    description: labelled(optionalText(2000), 'interests.field.description'),
    matterIds: labelled(z.array(id('validation.invalid')).max(50).default([]).describe('The council matters this interest touches: documents about them are withheld from you'), 'interests.field.matters'),
  })
  // Checked even when another field is wrong, so the form names every problem at once.
  .refine((i) => i.sensitive || i.description !== '', { path: ['description'], message: 'interests.error.describe', when: (p) => typeof p.value === 'object' && p.value !== null })
  .refine((i) => i.category !== 'other_registrable' || i.holder === 'self', { path: ['holder'], message: 'interests.error.otherIsOwn' });
export type InterestInput = z.infer<typeof interestInput>;

export const declarationInput = z.object({
  description: labelled(requiredText(2000), 'declarations.field.description'),
  matterId: labelled(id('validation.invalid').nullable().default(null), 'declarations.field.matter'),
  declaredOn: labelled(isoDate.optional(), 'declarations.field.declaredOn'),
});
export type DeclarationInput = z.infer<typeof declarationInput>;

export interface InterestRecord {
  id: string;
  personId: string;
  personName: string;
  kind: 'pecuniary' | 'other';
  category: InterestCategory;
  holder: 'self' | 'partner';
  description: string;
  sensitive: boolean;
  registeredOn: string;
  endedOn: string | null;
  supersededOn: string | null;
  supersedes: string | null;
  recordedByName: string;
  matters: { id: string; title: string }[];
}

/** Interests, current and past, optionally of one person; newest first. */
export async function listInterests(trx: Trx, options: { personId?: string } = {}): Promise<InterestRecord[]> {
  let q = trx
    .selectFrom('interests as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .innerJoin('people as r', 'r.id', 'i.recorded_by')
    .select(['i.id', 'i.person_id', 'p.name as person_name', 'i.kind', 'i.category', 'i.holder', 'i.description', 'i.sensitive', 'i.registered_on', 'i.ended_on', 'i.superseded_on', 'i.supersedes', 'r.name as recorded_by_name'])
    .orderBy('i.registered_on', 'desc')
    .orderBy('i.created_at', 'desc');
  if (options.personId) q = q.where('i.person_id', '=', options.personId);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const matters = ids.length
    ? await trx.selectFrom('interest_matters as im').innerJoin('matters as m', 'm.id', 'im.matter_id').select(['im.interest_id', 'm.id', 'm.title']).where('im.interest_id', 'in', ids).orderBy('m.title').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    kind: r.kind,
    category: r.category,
    holder: r.holder,
    description: r.description,
    sensitive: r.sensitive,
    registeredOn: r.registered_on,
    endedOn: r.ended_on,
    supersededOn: r.superseded_on,
    supersedes: r.supersedes,
    recordedByName: r.recorded_by_name,
    matters: matters.filter((m) => m.interest_id === r.id).map((m) => ({ id: m.id, title: m.title })),
  }));
}

export const isCurrent = (i: Pick<InterestRecord, 'supersededOn' | 'endedOn'>, today: string) => i.supersededOn === null && (i.endedOn === null || i.endedOn > today);

/** Councillors in term today, with the date their first registration was due. */
export async function currentCouncillors(trx: Trx, today: string) {
  const people = await trx.selectFrom('people').select(['id', 'name', 'term_starts', 'term_ends']).where('role', '=', 'councillor').where('active', '=', true).orderBy('name').execute();
  return people
    .filter((p) => (!p.term_starts || p.term_starts <= today) && (!p.term_ends || p.term_ends >= today))
    .map((p) => ({ id: p.id, name: p.name, termStarts: p.term_starts, dueBy: p.term_starts ? addDays(p.term_starts, REGISTER_WITHIN_DAYS) : null }));
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The register as the public may see it: for each councillor in term, their current
 * interests by category and description, not saying whether an interest is their own or
 * their partner's; a sensitive interest shows only that details are withheld (s.32).
 */
export async function publicRegister(trx: Trx, today: string) {
  const [councillors, interests, nilReturns] = await Promise.all([currentCouncillors(trx, today), listInterests(trx), latestNilReturns(trx)]);
  return councillors.map((c) => ({
    id: c.id,
    name: c.name,
    // "Nothing to declare" is a return made in this term; without one and without entries, nothing has been returned yet.
    nilReturnOn: nilReturns.get(c.id) !== undefined && (!c.termStarts || nilReturns.get(c.id)! >= c.termStarts) ? nilReturns.get(c.id)! : null,
    interests: interests
      .filter((i) => i.personId === c.id && isCurrent(i, today) && i.registeredOn <= today)
      .map((i) =>
        i.sensitive
          ? { id: i.id, sensitive: true as const, registeredOn: i.registeredOn }
          : { id: i.id, sensitive: false as const, kind: i.kind, category: i.category, description: i.description, matters: i.matters.map((m) => m.title), registeredOn: i.registeredOn },
      ),
  }));
}

/** Each councillor's latest nil return (a return saying they have nothing to declare), by person. */
export async function latestNilReturns(trx: Trx): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('interest_nil_returns').select(['person_id', (eb) => eb.fn.max('returned_on').as('returned_on')]).groupBy('person_id').execute();
  return new Map(rows.map((r) => [r.person_id, String(r.returned_on)]));
}

/** The full register for the Clerk: every councillor in term, whether they registered within 28 days, and all their entries. */
export async function fullRegister(trx: Trx, today: string) {
  const councillors = await currentCouncillors(trx, today);
  const interests = await listInterests(trx);
  return councillors.map((c) => {
    const mine = interests.filter((i) => i.personId === c.id);
    const first = mine.map((i) => i.registeredOn).sort()[0] ?? null;
    const overdue = first === null ? c.dueBy !== null && today > c.dueBy : c.dueBy !== null && first > c.dueBy;
    return { ...c, firstRegisteredOn: first, overdue, current: mine.filter((i) => isCurrent(i, today)), past: mine.filter((i) => !isCurrent(i, today)) };
  });
}

async function checkMatters(trx: Trx, matterIds: readonly string[], field: string): Promise<void> {
  if (matterIds.length === 0) return;
  const found = await trx.selectFrom('matters').select('id').where('id', 'in', matterIds).execute();
  if (found.length !== new Set(matterIds).size) throw new InvalidInputError([{ field, key: 'documents.error.matterUnknown' }]);
}

/**
 * Register an interest, or update one: an update is a new entry dated today, and the entry
 * it replaces is kept, marked as superseded today. Takes effect at once: the next request
 * by this councillor reads it.
 */
export async function registerInterest(trx: Trx, by: Principal, personId: string, input: InterestInput, today: string, supersedes?: string): Promise<string> {
  const councillors = await currentCouncillors(trx, today);
  if (!councillors.some((c) => c.id === personId)) throw new InvalidInputError([{ field: 'personId', key: 'validation.councillorOnly' }]);
  await checkMatters(trx, input.matterIds, 'matterIds');
  if (supersedes) {
    const updated = await trx
      .updateTable('interests')
      .set({ superseded_on: today })
      .where('id', '=', supersedes)
      .where('person_id', '=', personId)
      .where('superseded_on', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new InvalidInputError([{ field: 'category', key: 'interests.error.notCurrent' }]);
  }
  const row = await trx
    .insertInto('interests')
    .values({
      council_id: by.councilId,
      person_id: personId,
      kind: input.category === 'other_registrable' ? 'other' : 'pecuniary',
      category: input.category,
      holder: input.holder,
      // A sensitive interest is kept without details, whatever was typed.
      description: input.sensitive ? '' : input.description,
      sensitive: input.sensitive,
      registered_on: today,
      ended_on: null,
      supersedes: supersedes ?? null,
      superseded_on: null,
      recorded_by: by.personId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const matterId of new Set(input.matterIds)) {
    await trx.insertInto('interest_matters').values({ council_id: by.councilId, interest_id: row.id, matter_id: matterId }).execute();
  }
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: supersedes ? 'interest.updated' : 'interest.registered',
    entityType: 'interest',
    entityId: row.id,
    // A sensitive interest's record keeps no details here either.
    data: { personId, category: input.category, sensitive: input.sensitive, matters: input.matterIds, ...(supersedes ? { supersedes } : {}) },
  });
  return row.id;
}

/** An interest that has ended stays on record, dated, and stops counting from that day. */
export async function endInterest(trx: Trx, by: Principal, interest: InterestRecord, today: string): Promise<void> {
  if (!isCurrent(interest, today)) throw new InvalidInputError([{ field: 'interest', key: 'interests.error.notCurrent' }]);
  await trx.updateTable('interests').set({ ended_on: today }).where('id', '=', interest.id).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'interest.ended', entityType: 'interest', entityId: interest.id, data: { personId: interest.personId } });
}

export async function findInterest(trx: Trx, interestId: string): Promise<InterestRecord | undefined> {
  return (await listInterests(trx)).find((i) => i.id === interestId);
}

/** An officer's declaration to the Clerk of an interest relating to their work (I3.3). */
export async function declareOfficerInterest(trx: Trx, by: Principal, input: DeclarationInput, today: string): Promise<string> {
  if (input.matterId) await checkMatters(trx, [input.matterId], 'matterId');
  const row = await trx
    .insertInto('officer_interests')
    .values({ council_id: by.councilId, person_id: by.personId, description: input.description, matter_id: input.matterId, declared_on: input.declaredOn ?? today })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The audit entry names the declaration but not its content: the content is for the Clerk.
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'officer_interest.declared', entityType: 'officer_interest', entityId: row.id, data: {} });
  return row.id;
}

export function listDeclarations(trx: Trx) {
  return trx
    .selectFrom('officer_interests as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .leftJoin('matters as m', 'm.id', 'o.matter_id')
    .select(['o.id', 'p.name as person', 'p.job_title', 'o.description', 'm.title as matter', 'o.declared_on'])
    .orderBy('o.declared_on', 'desc')
    .orderBy('o.created_at', 'desc')
    .execute();
}

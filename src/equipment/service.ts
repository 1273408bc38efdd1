import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../calendar/dates.js';
import { londonInstant } from '../enquiries/working-days.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { inRecipientsLanguages, queueEmail } from '../notifications/delivery.js';
import type { Principal } from '../policy/principal.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { chosenId, optionalText, requiredText } from '../web/schemas.js';

export const itemInput = z.object({
  name: labelled(requiredText(200).describe('What it is, e.g. "Tablet computer"'), 'equipment.field.name'),
  assetNumber: labelled(requiredText(60).describe('Its serial or asset number, unique in the council'), 'equipment.field.assetNumber'),
  condition: labelled(optionalText(500), 'equipment.field.condition'),
});
export const issueInput = z.object({
  itemId: labelled(chosenId().describe('The item issued'), 'equipment.field.item', { blankIsMissing: true }),
  personId: labelled(chosenId().describe('Who receives it'), 'equipment.field.person', { blankIsMissing: true }),
  condition: labelled(optionalText(500).describe('Its condition when issued'), 'equipment.field.condition'),
});
export const returnInput = z.object({ condition: labelled(optionalText(500).describe('Its condition when returned'), 'equipment.field.returnedCondition') });

/** Every item, with whoever holds it now. */
export function register(trx: Trx) {
  return trx
    .selectFrom('equipment_items as i')
    .leftJoin('equipment_loans as l', (j) => j.onRef('l.item_id', '=', 'i.id').on('l.returned_on', 'is', null))
    .leftJoin('people as p', 'p.id', 'l.person_id')
    .select(['i.id', 'i.name', 'i.asset_number', 'i.condition', 'l.id as loan_id', 'l.issued_on', 'l.acknowledged_at', 'p.name as holder'])
    .orderBy('i.name')
    .orderBy('i.asset_number')
    .execute();
}

/** What a person holds now. */
export function holdings(trx: Trx, personId: string) {
  return trx
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_items as i', 'i.id', 'l.item_id')
    .select(['l.id', 'l.person_id', 'i.name', 'i.asset_number', 'l.issued_on', 'l.issued_condition', 'l.acknowledged_at'])
    .where('l.person_id', '=', personId)
    .where('l.returned_on', 'is', null)
    .orderBy('l.issued_on')
    .execute();
}

/** Equipment still held by councillors whose term has ended and officers who have left: for the Clerk to recover. */
export async function heldByLeavers(trx: Trx, today: string) {
  const rows = await trx
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_items as i', 'i.id', 'l.item_id')
    .innerJoin('people as p', 'p.id', 'l.person_id')
    .select(['l.id', 'i.name', 'i.asset_number', 'l.issued_on', 'p.name as holder', 'p.role', 'p.active', 'p.term_ends'])
    .where('l.returned_on', 'is', null)
    .orderBy('p.name')
    .execute();
  return rows.filter((r) => !r.active || (r.role === 'councillor' && r.term_ends !== null && r.term_ends < today));
}

export async function addItem(trx: Trx, by: Principal, input: z.infer<typeof itemInput>) {
  const taken = await trx.selectFrom('equipment_items').select('id').where('asset_number', '=', input.assetNumber).executeTakeFirst();
  if (taken) throw new InvalidInputError([{ field: 'assetNumber', key: 'equipment.error.assetTaken' }]);
  const row = await trx.insertInto('equipment_items').values({ council_id: by.councilId, name: input.name, asset_number: input.assetNumber, condition: input.condition }).returning(['id', 'name']).executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'equipment.added', entityType: 'equipment_item', entityId: row.id, data: { ...input } });
  return row;
}

/**
 * Issue an item. Issued to a councillor, a reminder is queued for the day after their term
 * ends: if it is still held then, the holder and the Clerk are told.
 */
export async function issueItem(trx: Trx, council: Council, by: Principal, input: z.infer<typeof issueInput>, today: string) {
  const item = await trx.selectFrom('equipment_items').select(['id', 'name']).where('id', '=', input.itemId).executeTakeFirst();
  if (!item) throw new InvalidInputError([{ field: 'itemId', key: 'validation.invalid' }]);
  const person = await trx.selectFrom('people').select(['id', 'role', 'active', 'term_ends']).where('id', '=', input.personId).executeTakeFirst();
  if (!person?.active || (person.role === 'councillor' && person.term_ends !== null && person.term_ends < today)) throw new InvalidInputError([{ field: 'personId', key: 'validation.invalid' }]);
  const held = await trx.selectFrom('equipment_loans').select('id').where('item_id', '=', item.id).where('returned_on', 'is', null).executeTakeFirst();
  if (held) throw new InvalidInputError([{ field: 'itemId', key: 'equipment.error.held' }]);
  const loan = await trx
    .insertInto('equipment_loans')
    .values({ council_id: by.councilId, item_id: item.id, person_id: person.id, issued_on: today, issued_condition: input.condition, issued_by: by.personId, acknowledged_at: null, returned_on: null, returned_condition: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'equipment.issued', entityType: 'equipment_loan', entityId: loan.id, data: { itemId: item.id, personId: person.id } });
  if (person.role === 'councillor' && person.term_ends) {
    await enqueueJob(trx, remindToReturn, { councilId: by.councilId, payload: { loanId: loan.id }, runAt: londonInstant(addDays(person.term_ends, 1), council.settings.officeHours?.opens ?? '09:00') });
  }
  return { id: loan.id, name: item.name };
}

export async function returnItem(trx: Trx, by: Principal, loanId: string, condition: string, today: string) {
  const loan = await trx.updateTable('equipment_loans').set({ returned_on: today, returned_condition: condition }).where('id', '=', loanId).where('returned_on', 'is', null).returning(['id', 'item_id']).executeTakeFirst();
  if (!loan) throw new NotFoundError();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'equipment.returned', entityType: 'equipment_loan', entityId: loan.id, data: { condition } });
  return loan;
}

export function findLoan(trx: Trx, loanId: string) {
  return trx.selectFrom('equipment_loans').select(['id', 'person_id', 'acknowledged_at', 'returned_on']).where('id', '=', loanId).executeTakeFirst();
}

/** The holder's acknowledgement, once, dated. */
export async function acknowledge(trx: Trx, by: Principal, loanId: string, now: Date) {
  await trx.updateTable('equipment_loans').set({ acknowledged_at: now }).where('id', '=', loanId).where('acknowledged_at', 'is', null).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'equipment.acknowledged', entityType: 'equipment_loan', entityId: loanId, data: {} });
}

/** The day after a councillor's term ends: if the item is still held, the holder and the Clerk are told, once. */
export const remindToReturn = defineJob({
  kind: 'equipment.return_reminder',
  payload: z.object({ loanId: z.string() }),
  async run(trx, { loanId }, ctx) {
    const loan = await trx
      .selectFrom('equipment_loans as l')
      .innerJoin('equipment_items as i', 'i.id', 'l.item_id')
      .innerJoin('people as p', 'p.id', 'l.person_id')
      .select(['l.id', 'l.returned_on', 'l.reminded_at', 'i.name', 'i.asset_number', 'p.id as person_id', 'p.email', 'p.name as holder'])
      .where('l.id', '=', loanId)
      .forUpdate('l')
      .executeTakeFirst();
    if (!loan || loan.returned_on || loan.reminded_at) return;
    const council = await trx.selectFrom('councils').selectAll().where('id', '=', ctx.job.councilId).executeTakeFirstOrThrow();
    const textFor = await inRecipientsLanguages(trx, council, (locale) => ctx.translate(council, locale), ctx.address(council));
    const clerks = await trx.selectFrom('people').select(['id', 'email']).where('role', '=', 'clerk').where('active', '=', true).execute();
    const vars = { item: loan.name, asset: loan.asset_number, holder: loan.holder };
    for (const to of [{ id: loan.person_id, email: loan.email }, ...clerks]) {
      const t = textFor(to);
      await queueEmail(trx, council.id, { to, subject: t('equipment.reminder.subject', vars), body: t('equipment.reminder.body', vars), link: textFor.link('/equipment') });
    }
    await trx.updateTable('equipment_loans').set({ reminded_at: ctx.clock() }).where('id', '=', loan.id).execute();
  },
});

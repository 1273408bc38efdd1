import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import type { EnquiryKind, EnquiryStatus } from '../db/schema-enquiries.js';
import { audit } from '../audit/audit.js';
import { londonDate, type Principal } from '../policy/principal.js';
import { NotFoundError } from '../web/errors.js';
import { requiredText } from '../web/schemas.js';
import { addWorkingDays, workingCalendar } from './working-days.js';
import { queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { labelled } from '../web/form.js';
import { scheduleFollowUps } from './followups.js';

/** Working days to answer an enquiry when a council has not set its own target. */
export const DEFAULT_RESPONSE_DAYS = 5;

export const enquiryInput = z.object({
  kind: labelled(z.enum(['enquiry', 'complaint'], 'validation.choose').default('enquiry').describe('An enquiry, or a complaint'), 'enquiries.field.kind'),
  subject: labelled(requiredText(200), 'enquiries.field.subject'),
  body: labelled(requiredText(10000).describe('The enquiry, as the councillor writes it'), 'enquiries.field.body'),
});
export type EnquiryInput = z.infer<typeof enquiryInput>;

export const replyInput = z.object({
  body: labelled(requiredText(10000), 'enquiries.field.reply'),
  status: labelled(z.enum(['open', 'answered', 'closed'], 'validation.choose').default('answered').describe('The enquiry’s status after this reply'), 'enquiries.field.status'),
});
export type ReplyInput = z.infer<typeof replyInput>;

/**
 * Enquiries are councillors' questions to the officers: a councillor sends them and sees
 * only their own; the officers, who answer them, see them all and send none.
 */
export function sendsEnquiries(by: Pick<Principal, 'role'>): boolean {
  return by.role === 'councillor';
}

export function responseDays(council: Pick<Council, 'settings'>): number {
  const days = council.settings.enquiryResponseDays;
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_RESPONSE_DAYS;
}

/** The date an enquiry received at `receivedAt` is to be answered by, in the council's working days. */
export function dueDate(council: Pick<Council, 'nation' | 'settings'>, receivedAt: Date): string {
  return addWorkingDays(londonDate(receivedAt), responseDays(council), workingCalendar(council));
}

const COLUMNS = ['e.id', 'e.reference', 'e.kind', 'e.subject', 'e.body', 'e.status', 'e.received_at', 'e.due_on', 'e.answered_at', 'e.reminded_at', 'e.escalated_at', 'e.councillor_id', 'p.name as councillor_name'] as const;

/**
 * Enquiries the person may see: a councillor only their own, officers and the Clerk all of
 * them. Ordered by due date, the earliest first, as the officers' queue is worked.
 */
export function listEnquiries(trx: Trx, by: Principal, options: { status?: EnquiryStatus[] } = {}) {
  let q = trx.selectFrom('enquiries as e').innerJoin('people as p', 'p.id', 'e.councillor_id').select([...COLUMNS]);
  if (sendsEnquiries(by)) q = q.where('e.councillor_id', '=', by.personId);
  if (options.status) q = q.where('e.status', 'in', options.status);
  return q.orderBy('e.due_on').orderBy('e.reference').execute();
}
export type EnquiryRow = Awaited<ReturnType<typeof listEnquiries>>[number];

/** One enquiry with its thread. Another councillor's enquiry does not exist, as far as a councillor can tell. */
export async function getEnquiry(trx: Trx, by: Principal, id: string) {
  let q = trx.selectFrom('enquiries as e').innerJoin('people as p', 'p.id', 'e.councillor_id').select([...COLUMNS]).where('e.id', '=', id);
  if (sendsEnquiries(by)) q = q.where('e.councillor_id', '=', by.personId);
  const enquiry = await q.executeTakeFirst();
  if (!enquiry) throw new NotFoundError();
  const messages = await trx
    .selectFrom('enquiry_messages as m')
    .innerJoin('people as p', 'p.id', 'm.author_id')
    .select(['m.id', 'm.body', 'm.created_at', 'm.author_id', 'p.name as author_name', 'p.role as author_role', 'p.job_title as author_job_title'])
    .where('m.enquiry_id', '=', id)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return { enquiry, messages };
}

/** Overdue enquiries escalated to the Clerk and still open, for the Clerk's home page: the longest overdue first. */
export function escalatedEnquiries(trx: Trx) {
  return trx
    .selectFrom('enquiries as e')
    .innerJoin('people as p', 'p.id', 'e.councillor_id')
    .select(['e.id', 'e.reference', 'e.subject', 'e.due_on', 'e.escalated_at', 'p.name as councillor_name'])
    .where('e.status', '=', 'open')
    .where('e.escalated_at', 'is not', null)
    .orderBy('e.due_on')
    .orderBy('e.reference')
    .execute();
}

/** Open and overdue: not answered or closed, and its due date has passed. */
export function isOverdue(e: { status: EnquiryStatus; due_on: string }, today: string): boolean {
  return e.status === 'open' && e.due_on < today;
}

/**
 * A councillor's enquiry to the council's officers (not to any one of them): numbered per
 * council and year, with its due date from the council's target and working calendar.
 */
export async function createEnquiry(trx: Trx, council: Council, by: Principal, input: EnquiryInput, now: Date, textFor: RecipientTranslator) {
  const year = Number(londonDate(now).slice(0, 4));
  // Serialise numbering per council: two enquiries at once cannot take the same reference.
  await trx.selectFrom('councils').select('id').where('id', '=', council.id).forUpdate().execute();
  const last = await trx.selectFrom('enquiries').select((eb) => eb.fn.max('ref_number').as('n')).where('ref_year', '=', year).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const reference = `ENQ-${year}-${String(number).padStart(4, '0')}`;
  const enquiry = await trx
    .insertInto('enquiries')
    .values({
      council_id: council.id,
      reference,
      ref_year: year,
      ref_number: number,
      councillor_id: by.personId,
      subject: input.subject,
      body: input.body,
      kind: input.kind,
      received_at: now,
      due_on: dueDate(council, now),
    })
    .returning(['id', 'reference', 'kind', 'subject', 'body', 'status', 'received_at', 'due_on', 'answered_at', 'councillor_id'])
    .executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: 'enquiry.created',
    entityType: 'enquiry',
    entityId: enquiry.id,
    data: { reference, kind: input.kind, dueOn: enquiry.due_on },
  });
  await acknowledge(trx, council, by, enquiry, textFor);
  await scheduleFollowUps(trx, council, enquiry);
  return enquiry;
}

/**
 * The acknowledgement by email: written to the outbox in the same transaction, and sent by a
 * durable job, so an accepted enquiry is always acknowledged, even across a restart.
 */
async function acknowledge(
  trx: Trx,
  council: Council,
  by: Principal,
  enquiry: { id: string; reference: string; subject: string; due_on: string },
  textFor: RecipientTranslator,
): Promise<void> {
  const person = await trx.selectFrom('people').select('email').where('id', '=', by.personId).executeTakeFirstOrThrow();
  const t = textFor({ id: by.personId });
  const link = textFor.link(`/enquiries/${enquiry.id}`);
  const vars = { reference: enquiry.reference, subject: enquiry.subject, due: { date: enquiry.due_on }, link };
  await queueEmail(trx, council.id, { to: { id: by.personId, email: person.email }, subject: t('enquiries.ack.subject', vars), body: t('enquiries.ack.body', vars), link });
}

/**
 * An officer's reply, added to the enquiry's thread. Marking it answered the first time
 * records when it was answered: response times count to that first answer.
 */
export async function replyToEnquiry(trx: Trx, by: Principal, id: string, input: ReplyInput, now: Date) {
  const { enquiry } = await getEnquiry(trx, by, id);
  await trx.insertInto('enquiry_messages').values({ council_id: by.councilId, enquiry_id: enquiry.id, author_id: by.personId, body: input.body, created_at: now }).execute();
  const answeredAt = enquiry.answered_at ?? (input.status === 'answered' ? now : null);
  await trx.updateTable('enquiries').set({ status: input.status, answered_at: answeredAt }).where('id', '=', enquiry.id).execute();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'enquiry.replied',
    entityType: 'enquiry',
    entityId: enquiry.id,
    data: { reference: enquiry.reference, status: input.status, from: enquiry.status },
  });
  return { ...enquiry, status: input.status, answered_at: answeredAt };
}

export type { EnquiryKind, EnquiryStatus };

import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { z } from 'zod';
import type { Translate } from '../i18n/messages.js';
import { defineJob, enqueueJob, type JobContext } from '../jobs/queue.js';
import { inRecipientsLanguages, queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { londonDate } from '../policy/principal.js';
import type { Nation, OfficeHours } from '../protocol/types.js';
import { addWorkingDays, londonInstant, previousWorkingDay, workingCalendar } from './working-days.js';

/**
 * Follow-ups on a councillor's enquiry (SPEC R3): the officers are reminded before it falls
 * due, and the Clerk is told when it is overdue. Both are durable jobs written with the
 * enquiry, so they survive a restart; each does nothing once the enquiry is answered or
 * closed, and each checks its own timestamp in the locked enquiry row, so running a job
 * twice (a retry, or a duplicate) sends one email.
 */
/** When a council's office hours do not say. */
const DEFAULT_OPENING = '09:00';

/**
 * When the follow-ups are due, at the office's opening time: the reminder on the last working
 * day before the due date (on the due day itself when there is no working day between the
 * day it arrived and the due date, as with a one-day target), the escalation on the first
 * working day after the due date.
 */
export function followUpTimes(
  council: { nation: Nation; settings: { officeHours?: Partial<OfficeHours> } },
  receivedAt: Date,
  dueOn: string,
): { remindAt: Date; escalateAt: Date } {
  const cal = workingCalendar(council);
  const opens = council.settings.officeHours?.opens ?? DEFAULT_OPENING;
  const dayBefore = previousWorkingDay(dueOn, cal);
  const reminderDay = dayBefore > londonDate(receivedAt) ? dayBefore : dueOn;
  return { remindAt: londonInstant(reminderDay, opens), escalateAt: londonInstant(addWorkingDays(dueOn, 1, cal), opens) };
}

/** Queue the reminder and the escalation, in the transaction that creates the enquiry. */
export async function scheduleFollowUps(trx: Trx, council: Council, enquiry: { id: string; received_at: Date | string; due_on: string }): Promise<void> {
  const { remindAt, escalateAt } = followUpTimes(council, new Date(enquiry.received_at), enquiry.due_on);
  await enqueueJob(trx, remindOfficers, { councilId: council.id, payload: { enquiryId: enquiry.id }, runAt: remindAt });
  await enqueueJob(trx, escalateToClerk, { councilId: council.id, payload: { enquiryId: enquiry.id }, runAt: escalateAt });
}

/** The enquiry a job is about, locked until the job's transaction ends: a second run waits, then sees the first's timestamp. */
function lockedEnquiry(trx: Trx, id: string) {
  return trx
    .selectFrom('enquiries as e')
    .innerJoin('people as p', 'p.id', 'e.councillor_id')
    .select(['e.id', 'e.reference', 'e.subject', 'e.status', 'e.due_on', 'e.reminded_at', 'e.escalated_at', 'p.name as councillor_name'])
    .where('e.id', '=', id)
    .forUpdate('e')
    .executeTakeFirst();
}

type FollowedUp = NonNullable<Awaited<ReturnType<typeof lockedEnquiry>>>;

/** The council's own words and titles, for an email written with no request to hand: each recipient reads the council's language. */
async function councilText(trx: Trx, councilId: string, ctx: JobContext): Promise<{ council: Council; textFor: RecipientTranslator }> {
  const council = await trx.selectFrom('councils').selectAll().where('id', '=', councilId).executeTakeFirstOrThrow();
  return { council, textFor: await inRecipientsLanguages(trx, council, (locale) => ctx.translate(council, locale), ctx.address(council)) };
}

/** One email per recipient through the outbox, each in the recipient's words and delivered by its own durable job. */
async function emailEach(trx: Trx, councilId: string, recipients: { id: string; email: string }[], textFor: RecipientTranslator, enquiryId: string, write: (t: Translate) => { subject: string; body: string }): Promise<void> {
  for (const person of recipients) await queueEmail(trx, councilId, { to: person, ...write(textFor(person)), link: textFor.link(`/enquiries/${enquiryId}`) });
}

const varsOf = (_council: Council, e: FollowedUp) => ({ reference: e.reference, subject: e.subject, councillor: e.councillor_name, due: { date: e.due_on } });

/** Before the target: every active officer, the Clerk included, is told the enquiry is still open. */
export const remindOfficers = defineJob({
  kind: 'enquiry.remind',
  payload: z.object({ enquiryId: z.string() }),
  async run(trx, { enquiryId }, ctx) {
    const { job, clock } = ctx;
    const enquiry = await lockedEnquiry(trx, enquiryId);
    if (!enquiry || enquiry.status !== 'open' || enquiry.reminded_at !== null) return;
    const { council, textFor } = await councilText(trx, job.councilId, ctx);
    const officers = await trx.selectFrom('people').select(['id', 'email']).where('role', 'in', ['clerk', 'officer']).where('active', '=', true).orderBy('email').execute();
    const vars = varsOf(council, enquiry);
    const now = clock();
    await emailEach(trx, job.councilId, officers, textFor, enquiry.id, (t) => ({ subject: t('enquiries.reminder.subject', vars), body: t('enquiries.reminder.body', vars) }));
    await trx.updateTable('enquiries').set({ reminded_at: now }).where('id', '=', enquiry.id).execute();
  },
});

/** Past the target: the Clerk is told, and the escalation is recorded and audited. */
export const escalateToClerk = defineJob({
  kind: 'enquiry.escalate',
  payload: z.object({ enquiryId: z.string() }),
  async run(trx, { enquiryId }, ctx) {
    const { job, clock } = ctx;
    const enquiry = await lockedEnquiry(trx, enquiryId);
    if (!enquiry || enquiry.status !== 'open' || enquiry.escalated_at !== null) return;
    const { council, textFor } = await councilText(trx, job.councilId, ctx);
    const clerks = await trx.selectFrom('people').select(['id', 'email']).where('role', '=', 'clerk').where('active', '=', true).orderBy('email').execute();
    const vars = varsOf(council, enquiry);
    const now = clock();
    await emailEach(trx, job.councilId, clerks, textFor, enquiry.id, (t) => ({ subject: t('enquiries.escalation.subject', vars), body: t('enquiries.escalation.body', vars) }));
    await trx.updateTable('enquiries').set({ escalated_at: now }).where('id', '=', enquiry.id).execute();
    await audit(trx, {
      councilId: job.councilId,
      actorId: null,
      action: 'enquiry.escalated',
      entityType: 'enquiry',
      entityId: enquiry.id,
      data: { reference: enquiry.reference, dueOn: enquiry.due_on, to: clerks.map((c) => c.id) },
    });
  },
});

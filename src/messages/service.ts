import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { CONTACT_CHANNELS, type ContactChannel, type StaffMessageStatus } from '../db/schema-messages.js';
import { audit } from '../audit/audit.js';
import { londonDate, type Principal } from '../policy/principal.js';
import { clausesCarrying, type ClauseIndex, type ClauseRef } from '../policy/decide.js';
import type { ConcernRecipient } from '../protocol/types.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { isoDate, optionalText, requiredText } from '../web/schemas.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { inRecipientsLanguages, queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { longDate } from '../web/render.js';
import { labelled } from '../web/form.js';
import { isOfficeOpen, nextOpening, officeCalendar } from './office-hours.js';

/** The durable job that delivers a message held outside office hours, when the office opens. */

/** Who a message is for: the office, which is the Clerk's, or one officer by id. */
export const OFFICE = 'office';

export const messageInput = z.object({
  to: labelled(z.union([z.literal(OFFICE), z.uuid()], 'validation.choose').describe('"office" for the office (the Clerk), or the id of an officer'), 'messages.field.to', { blankIsMissing: true }),
  subject: labelled(requiredText(200), 'messages.field.subject'),
  body: labelled(requiredText(10000), 'messages.field.body'),
  urgent: labelled(z.boolean('validation.invalid').default(false).describe('Urgent: delivered at once even outside office hours; needs a reason'), 'messages.field.urgent'),
  urgentReason: labelled(optionalText(1000).describe('Why it cannot wait for the office to open; required when urgent'), 'messages.field.urgentReason'),
});
export type MessageInput = z.infer<typeof messageInput>;

export const contactReportInput = z.object({
  councillorId: labelled(z.uuid('validation.councillorOnly').describe('The councillor who made contact'), 'contactReports.field.councillor'),
  occurredOn: labelled(isoDate.describe('The day the contact was made'), 'contactReports.field.occurredOn', { blankIsMissing: true }),
  channel: labelled(z.enum(CONTACT_CHANNELS, 'validation.choose').describe('The personal account or way they used'), 'contactReports.field.channel', { blankIsMissing: true }),
  summary: labelled(requiredText(5000).describe('What was said or asked, in brief'), 'contactReports.field.summary'),
});
export type ContactReportInput = z.infer<typeof contactReportInput>;

/** Messages to the office are the Clerk's: the Clerk reads them with their own, and does not write to the office. */
export function readsOfficeMessages(by: Pick<Principal, 'role'>): boolean {
  return by.role === 'clerk';
}

/** A report the Clerk makes concerns the Clerk's own handling, so it goes where the protocol sends concerns about the Clerk. */
export function reportConcernsClerk(by: Pick<Principal, 'role'>): boolean {
  return by.role === 'clerk';
}

/** The clause that carries official channels in the council's protocol, or the model's. */
export function officialChannelsClause(clauses: ClauseIndex): ClauseRef | undefined {
  return clausesCarrying(clauses, 'official-channels')[0];
}

/** The officers a message may be addressed to: everyone on the staff today, the sender apart. */
export function listStaff(trx: Trx, by: Principal) {
  return trx
    .selectFrom('people')
    .select(['id', 'name', 'role', 'job_title', 'email'])
    .where('role', 'in', ['clerk', 'officer'])
    .where('active', '=', true)
    .where('id', '!=', by.personId)
    .orderBy('role')
    .orderBy('name')
    .execute();
}

const activeClerks = (trx: Trx) => trx.selectFrom('people').select(['id', 'name', 'email']).where('role', '=', 'clerk').where('active', '=', true).execute();

/**
 * A message to the council's staff through Concord. In office hours, or when urgent with a
 * reason, it is delivered at once; otherwise it is held, and a durable job delivers it when
 * the office next opens, so a restart in between loses nothing.
 */
export async function sendStaffMessage(trx: Trx, council: Council, by: Principal, input: MessageInput, now: Date, textFor: RecipientTranslator, clause: ClauseRef | undefined) {
  if (input.urgent && input.urgentReason.trim() === '') {
    throw new InvalidInputError([
      clause ? { field: 'urgentReason', key: 'messages.error.urgentReason', vars: { number: clause.number, protocol: clause.protocol } } : { field: 'urgentReason', key: 'messages.error.urgentReasonPlain' },
    ]);
  }
  let recipientId: string | null = null;
  if (input.to !== OFFICE) {
    const staff = await listStaff(trx, by);
    if (!staff.some((s) => s.id === input.to)) throw new InvalidInputError([{ field: 'to', key: 'messages.error.notStaff' }]);
    recipientId = input.to;
  }
  const cal = officeCalendar(council);
  const outOfHours = !isOfficeOpen(now, cal);
  const held = outOfHours && !input.urgent;
  const deliverAt = held ? nextOpening(now, cal) : now;
  const row = await trx
    .insertInto('staff_messages')
    .values({
      council_id: council.id,
      sender_id: by.personId,
      recipient_id: recipientId,
      subject: input.subject,
      body: input.body,
      urgent: input.urgent,
      urgent_reason: input.urgent ? input.urgentReason : null,
      out_of_hours: outOfHours,
      status: 'held',
      sent_at: now,
      deliver_at: deliverAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: input.urgent && outOfHours ? 'staff_message.sent_urgent_out_of_hours' : 'staff_message.sent',
    entityType: 'staff_message',
    entityId: row.id,
    data: { to: recipientId ?? OFFICE, outOfHours, held, deliverAt: deliverAt.toISOString(), ...(input.urgent ? { urgentReason: input.urgentReason } : {}) },
  });
  if (held) await enqueueJob(trx, deliverHeldMessage, { councilId: council.id, payload: { messageId: row.id }, runAt: deliverAt });
  else await deliverStaffMessage(trx, council, row.id, now, textFor);
  return getStaffMessage(trx, by, row.id);
}

/**
 * Deliver one message: into the recipient's Concord inbox (the Clerk's, for the office) and
 * by email to their official address. Idempotent: the row is locked, and a message already
 * delivered is left alone, so two runners deliver it once.
 */
export async function deliverStaffMessage(trx: Trx, council: Pick<Council, 'id' | 'name'>, messageId: string, now: Date, textFor: RecipientTranslator): Promise<boolean> {
  const message = await trx
    .selectFrom('staff_messages as m')
    .innerJoin('people as s', 's.id', 'm.sender_id')
    .select(['m.id', 'm.status', 'm.recipient_id', 'm.subject', 'm.body', 'm.urgent', 'm.urgent_reason', 's.name as sender_name'])
    .where('m.id', '=', messageId)
    .forUpdate('m')
    .executeTakeFirst();
  if (!message || message.status === 'delivered') return false;
  await trx.updateTable('staff_messages').set({ status: 'delivered', delivered_at: now }).where('id', '=', message.id).execute();
  const recipients = message.recipient_id
    ? await trx.selectFrom('people').select(['id', 'name', 'email']).where('id', '=', message.recipient_id).execute()
    : await activeClerks(trx);
  const vars = { sender: message.sender_name, subject: message.subject, body: message.body };
  for (const r of recipients) {
    const t = textFor(r);
    const subject = t(message.urgent ? 'messages.email.subjectUrgent' : 'messages.email.subject', vars);
    const body = t('messages.email.body', vars) + (message.urgent ? `\n\n${t('messages.email.urgentReason', { reason: message.urgent_reason ?? '' })}` : '');
    await queueEmail(trx, council.id, { to: r, subject, body, link: textFor.link(message.recipient_id ? `/messages/${message.id}` : '/messages/inbox') });
  }
  await audit(trx, {
    councilId: council.id,
    actorId: null,
    action: 'staff_message.delivered',
    entityType: 'staff_message',
    entityId: message.id,
    data: { recipients: recipients.map((r) => r.id), at: now.toISOString() },
  });
  return true;
}

/** The job handler: delivers a held message when its time comes, in the council's words. */
export const deliverHeldMessage = defineJob({
  kind: 'staff_message.deliver',
  payload: z.object({ messageId: z.string() }),
  async run(trx, { messageId }, { job, clock, translate: councilText, address }) {
    const council = await trx.selectFrom('councils').select(['id', 'name', 'slug', 'terminology', 'nation', 'settings']).where('id', '=', job.councilId).executeTakeFirstOrThrow();
    // Delivered in the recipient's language, as it is when they read it.
    await deliverStaffMessage(trx, council, messageId, clock(), await inRecipientsLanguages(trx, council, (locale) => councilText(council, locale), address(council)));
  },
});

const MESSAGE_COLUMNS = [
  'm.id',
  'm.sender_id',
  'm.recipient_id',
  'm.subject',
  'm.body',
  'm.urgent',
  'm.urgent_reason',
  'm.out_of_hours',
  'm.status',
  'm.sent_at',
  'm.deliver_at',
  'm.delivered_at',
  'm.read_at',
  's.name as sender_name',
  'r.name as recipient_name',
] as const;

const messages = (trx: Trx) =>
  trx
    .selectFrom('staff_messages as m')
    .innerJoin('people as s', 's.id', 'm.sender_id')
    .leftJoin('people as r', 'r.id', 'm.recipient_id')
    .select([...MESSAGE_COLUMNS]);
export type StaffMessageRow = Awaited<ReturnType<ReturnType<typeof messages>['executeTakeFirstOrThrow']>>;

/** What the sender wrote, newest first, with where each one is. */
export function listSent(trx: Trx, by: Principal) {
  return messages(trx).where('m.sender_id', '=', by.personId).orderBy('m.sent_at', 'desc').limit(500).execute();
}

/** Delivered messages to this person, and for the Clerk those to the office too. Held ones are not there yet. */
export function listInbox(trx: Trx, by: Principal) {
  return messages(trx)
    .where('m.status', '=', 'delivered')
    .where((eb) => (readsOfficeMessages(by) ? eb.or([eb('m.recipient_id', '=', by.personId), eb('m.recipient_id', 'is', null)]) : eb('m.recipient_id', '=', by.personId)))
    .orderBy('m.delivered_at', 'desc')
    .limit(500)
    .execute();
}

/** Urgent messages sent outside office hours, with their reasons, for the Clerk. */
export function listUrgentOutOfHours(trx: Trx) {
  return messages(trx).where('m.urgent', '=', true).where('m.out_of_hours', '=', true).orderBy('m.sent_at', 'desc').limit(500).execute();
}

/** Is this person a recipient of a delivered message? */
function receives(m: Pick<StaffMessageRow, 'status' | 'recipient_id'>, by: Principal): boolean {
  return m.status === 'delivered' && (m.recipient_id === by.personId || (m.recipient_id === null && readsOfficeMessages(by)));
}

/**
 * One message, for its sender or a recipient once delivered; for anyone else it does not
 * exist. A recipient's first opening marks it read.
 */
export async function getStaffMessage(trx: Trx, by: Principal, id: string, options: { markRead?: Date } = {}) {
  const m = await messages(trx).where('m.id', '=', id).executeTakeFirst();
  if (!m || (m.sender_id !== by.personId && !receives(m, by))) throw new NotFoundError();
  if (options.markRead && receives(m, by) && m.read_at === null) {
    await trx.updateTable('staff_messages').set({ read_at: options.markRead }).where('id', '=', m.id).execute();
    return { ...m, read_at: options.markRead };
  }
  return m;
}

export type { StaffMessageStatus, ContactChannel };

/** A person a report can go to, with the office that puts them there. */
interface Recipient {
  id: string;
  name: string;
  email: string;
  /** Catalogue key of the office, e.g. "reports.recipient.chair". */
  office: string;
}

/** People serving today: active, and for councillors within their term. */
const serving = (trx: Trx, today: string) =>
  trx
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.email'])
    .where('p.active', '=', true)
    .where((eb) => eb.or([eb('p.term_starts', 'is', null), eb('p.term_starts', '<=', today)]))
    .where((eb) => eb.or([eb('p.term_ends', 'is', null), eb('p.term_ends', '>=', today)]));

/**
 * Who receives a report that concerns the Clerk, as the council's protocol names them
 * (Brackley 10.2.1: the Mayor and the Chair of Finance), resolved to the people holding those
 * offices today. A councillor out of term or a place left empty is skipped.
 */
export async function clerkConcernRecipients(trx: Trx, goTo: readonly ConcernRecipient[], today: string): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (const office of goTo) {
    const rows =
      office === 'chair' || office === 'vice_chair'
        ? await serving(trx, today).where('p.role', '=', 'councillor').where('p.council_office', '=', office).execute()
        : await serving(trx, today)
            .innerJoin('committees as c', 'c.chair_id', 'p.id')
            .where(office === 'personnel_committee_chair' ? 'c.holds_personnel' : 'c.holds_finance', '=', true)
            .orderBy('c.name')
            .execute();
    for (const r of rows) if (!found.some((f) => f.id === r.id)) found.push({ ...r, office: `contactReports.recipient.${office}` });
  }
  return found;
}

/**
 * Where a report goes: to the Clerk; or, when the Clerk makes it (it concerns the Clerk), to
 * the people the council's protocol names. Never to the councillor it is about.
 */
export async function reportRecipients(trx: Trx, council: Pick<Council, 'settings'>, by: Principal, today: string, councillorId?: string): Promise<Recipient[]> {
  const all =
    reportConcernsClerk(by)
      ? await clerkConcernRecipients(trx, council.settings.concernsAboutClerkGoTo ?? ['chair'], today)
      : (await activeClerks(trx)).map((c) => ({ ...c, office: 'roles.clerk' }));
  return all.filter((r) => r.id !== by.personId && r.id !== councillorId);
}

/** Councillors a report can be about: anyone who is or was a councillor here. */
export function listCouncillors(trx: Trx) {
  return trx.selectFrom('people').select(['id', 'name']).where('role', '=', 'councillor').orderBy('name').execute();
}

/**
 * A staff member's report of contact from a councillor through a personal account. It goes
 * to its recipients' Concord inbox and by email; only they and the reporter may read it.
 */
export async function createContactReport(trx: Trx, council: Council, by: Principal, input: ContactReportInput, now: Date, textFor: RecipientTranslator) {
  const today = londonDate(now);
  const councillor = await trx.selectFrom('people').select(['id', 'name']).where('id', '=', input.councillorId).where('role', '=', 'councillor').executeTakeFirst();
  if (!councillor) throw new InvalidInputError([{ field: 'councillorId', key: 'validation.councillorOnly' }]);
  if (input.occurredOn > today) throw new InvalidInputError([{ field: 'occurredOn', key: 'contactReports.error.future' }]);
  const recipients = await reportRecipients(trx, council, by, today, councillor.id);
  if (recipients.length === 0) throw new InvalidInputError([{ field: 'recipients', key: 'contactReports.error.noRecipients' }]);
  const concernsClerk = reportConcernsClerk(by);
  const report = await trx
    .insertInto('contact_reports')
    .values({
      council_id: council.id,
      reporter_id: by.personId,
      councillor_id: councillor.id,
      occurred_on: input.occurredOn,
      channel: input.channel,
      summary: input.summary,
      concerns_clerk: concernsClerk,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('contact_report_recipients')
    .values(recipients.map((r) => ({ council_id: council.id, report_id: report.id, person_id: r.id })))
    .execute();
  for (const r of recipients) {
    const t = textFor(r);
    const vars = { reporter: by.name, councillor: councillor.name, channel: t(`contactReports.channel.${input.channel}`), day: longDate(input.occurredOn, t.locale) };
    await queueEmail(trx, council.id, { to: r, subject: t('contactReports.email.subject', vars), body: t('contactReports.email.body', vars), link: textFor.link(`/contact-reports/${report.id}`) });
  }
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: 'contact_report.created',
    entityType: 'contact_report',
    entityId: report.id,
    data: { councillorId: councillor.id, channel: input.channel, occurredOn: input.occurredOn, concernsClerk, recipients: recipients.map((r) => r.id) },
  });
  return { id: report.id, recipients };
}

/** Reports this person made or received, newest first. */
export function listContactReports(trx: Trx, by: Principal) {
  return trx
    .selectFrom('contact_reports as c')
    .innerJoin('people as rp', 'rp.id', 'c.reporter_id')
    .innerJoin('people as cl', 'cl.id', 'c.councillor_id')
    .select(['c.id', 'c.occurred_on', 'c.channel', 'c.created_at', 'c.reporter_id', 'rp.name as reporter_name', 'cl.name as councillor_name'])
    .where((eb) =>
      eb.or([
        eb('c.reporter_id', '=', by.personId),
        eb.exists(eb.selectFrom('contact_report_recipients as x').select('x.report_id').whereRef('x.report_id', '=', 'c.id').where('x.person_id', '=', by.personId)),
      ]),
    )
    .orderBy('c.created_at', 'desc')
    .limit(500)
    .execute();
}

/** One report with its recipients. Whether the person may read it is for the rules to say. */
export async function getContactReport(trx: Trx, id: string) {
  const report = await trx
    .selectFrom('contact_reports as c')
    .innerJoin('people as rp', 'rp.id', 'c.reporter_id')
    .innerJoin('people as cl', 'cl.id', 'c.councillor_id')
    .select(['c.id', 'c.occurred_on', 'c.channel', 'c.summary', 'c.created_at', 'c.concerns_clerk', 'c.reporter_id', 'c.councillor_id', 'rp.name as reporter_name', 'cl.name as councillor_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!report) throw new NotFoundError();
  const recipients = await trx
    .selectFrom('contact_report_recipients as x')
    .innerJoin('people as p', 'p.id', 'x.person_id')
    .select(['p.id', 'p.name'])
    .where('x.report_id', '=', id)
    .orderBy('p.name')
    .execute();
  return { ...report, recipients };
}

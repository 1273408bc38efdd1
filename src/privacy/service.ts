import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { DomainError, InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { id, isoDate, optionalText, requiredText } from '../web/schemas.js';
import { sarDeadline } from './deadline.js';
import { scheduleSarReminders } from './reminders.js';

export const requestInput = z.object({
  personId: labelled(id('validation.invalid').nullable().default(null).describe('The person in Concord the request is from; leave empty for someone else'), 'privacy.field.person'),
  requesterName: labelled(optionalText(200).describe('The name of someone not in Concord who made the request'), 'privacy.field.requesterName'),
  requesterEmail: labelled(optionalText(254).pipe(z.union([z.literal(''), z.email('validation.email')])), 'privacy.field.requesterEmail'),
  receivedOn: labelled(isoDate.clone().describe('The day the council received the request: the month runs from it'), 'privacy.field.receivedOn'),
  identityChecked: labelled(z.boolean().default(false).describe('Whether the requester’s identity has been checked'), 'privacy.field.identityChecked'),
  identityMethod: labelled(optionalText(500).describe('How identity was checked, or why it is not needed (a person signed in to Concord)'), 'privacy.field.identityMethod'),
});
export type RequestInput = z.infer<typeof requestInput>;

export const extendInput = z.object({
  complexReason: labelled(requiredText(1000).describe('Why the request is complex'), 'privacy.field.complexReason'),
  personToldOn: labelled(isoDate.clone().describe('The day the person was told of the extension and why: within the first month'), 'privacy.field.personToldOn'),
});
export type ExtendInput = z.infer<typeof extendInput>;

export const sentInput = z.object({
  sentOn: labelled(isoDate.clone().describe('The day the response went to the person'), 'privacy.field.sentOn'),
});

/** Record a subject access request: Concord works out when it is due and sets the Clerk's reminders. */
export async function recordRequest(trx: Trx, by: Principal, input: RequestInput, now: Date, today: string) {
  if (!input.personId && !input.requesterName) throw new InvalidInputError([{ field: 'requesterName', key: 'privacy.error.who' }]);
  if (input.personId && !(await trx.selectFrom('people').select('id').where('id', '=', input.personId).executeTakeFirst())) throw new InvalidInputError([{ field: 'personId', key: 'validation.personUnknown' }]);
  if (input.receivedOn > today) throw new InvalidInputError([{ field: 'receivedOn', key: 'privacy.error.future' }]);
  if (input.identityChecked && !input.identityMethod) throw new InvalidInputError([{ field: 'identityMethod', key: 'privacy.error.identityMethod' }]);
  const { nation } = await trx.selectFrom('councils').select('nation').where('id', '=', by.councilId).executeTakeFirstOrThrow();
  const deadline = sarDeadline(input.receivedOn, false, nation);
  const row = await trx
    .insertInto('subject_access_requests')
    .values({
      council_id: by.councilId,
      person_id: input.personId,
      requester_name: input.requesterName,
      requester_email: input.requesterEmail,
      received_on: input.receivedOn,
      identity_checked: input.identityChecked,
      identity_method: input.identityMethod,
      person_told_on: null,
      deadline,
      sent_on: null,
      sent_by: null,
      recorded_by: by.personId,
      created_at: now,
    })
    .returning(['id', 'deadline'])
    .executeTakeFirstOrThrow();
  // The request's details are personal data themselves: the log says that one was recorded, and when it is due.
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'privacy.request_recorded', entityType: 'subject_access_request', entityId: row.id, data: { receivedOn: input.receivedOn, deadline } });
  await scheduleSarReminders(trx, by.councilId, row.id, deadline, now, today);
  return row;
}

/**
 * Extend a complex request by two further months. UK GDPR art. 12(3): the person must be told
 * of the extension, and why, within one month of receipt; told later, the extension is refused.
 */
export async function extendRequest(trx: Trx, by: Principal, requestId: string, input: ExtendInput, now: Date, today: string) {
  const request = await trx.selectFrom('subject_access_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!request) throw new NotFoundError();
  if (request.status === 'sent') throw new DomainError('privacy_already_sent', 'privacy.error.alreadySent', {}, { status: 409 });
  if (request.person_told_on) throw new DomainError('privacy_already_extended', 'privacy.error.alreadyExtended', {}, { status: 409 });
  const { nation } = await trx.selectFrom('councils').select('nation').where('id', '=', by.councilId).executeTakeFirstOrThrow();
  const firstMonthEnds = sarDeadline(request.received_on, false, nation);
  if (input.personToldOn > today) throw new InvalidInputError([{ field: 'personToldOn', key: 'privacy.error.future' }]);
  if (input.personToldOn < request.received_on) throw new InvalidInputError([{ field: 'personToldOn', key: 'privacy.error.beforeReceipt', vars: { received: { date: request.received_on } } }]);
  if (input.personToldOn > firstMonthEnds) throw new InvalidInputError([{ field: 'personToldOn', key: 'privacy.error.extensionLate', vars: { deadline: { date: firstMonthEnds } } }]);
  const deadline = sarDeadline(request.received_on, true, nation);
  await trx.updateTable('subject_access_requests').set({ complex_reason: input.complexReason, person_told_on: input.personToldOn, deadline }).where('id', '=', requestId).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'privacy.request_extended', entityType: 'subject_access_request', entityId: requestId, data: { personToldOn: input.personToldOn, deadline } });
  await scheduleSarReminders(trx, by.councilId, requestId, deadline, now, today);
  return { id: requestId, deadline };
}

/** The response has gone to the person (through Concord, or by post or email outside it). */
export async function markSent(trx: Trx, by: Principal, requestId: string, sentOn: string, today: string) {
  const request = await trx.selectFrom('subject_access_requests').select(['id', 'status', 'received_on']).where('id', '=', requestId).executeTakeFirst();
  if (!request) throw new NotFoundError();
  if (request.status === 'sent') throw new DomainError('privacy_already_sent', 'privacy.error.alreadySent', {}, { status: 409 });
  if (sentOn > today) throw new InvalidInputError([{ field: 'sentOn', key: 'privacy.error.future' }]);
  if (sentOn < request.received_on) throw new InvalidInputError([{ field: 'sentOn', key: 'privacy.error.beforeReceipt', vars: { received: { date: request.received_on } } }]);
  await trx.updateTable('subject_access_requests').set({ status: 'sent', sent_on: sentOn, sent_by: by.personId }).where('id', '=', requestId).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'privacy.request_sent', entityType: 'subject_access_request', entityId: requestId, data: { sentOn } });
  return { id: requestId };
}

const requestColumns = [
  'r.id',
  'r.person_id',
  'p.name as person_name',
  'r.requester_name',
  'r.requester_email',
  'r.received_on',
  'r.identity_checked',
  'r.identity_method',
  'r.complex_reason',
  'r.person_told_on',
  'r.deadline',
  'r.status',
  'r.sent_on',
  'r.created_at',
] as const;

/** Every request, open ones first by deadline, then those answered, latest first. */
export async function listRequests(trx: Trx, today: string) {
  const rows = await trx.selectFrom('subject_access_requests as r').leftJoin('people as p', 'p.id', 'r.person_id').select(requestColumns).orderBy('r.deadline').execute();
  const present = rows.map((r) => ({ ...r, who: r.person_name ?? r.requester_name, overdue: r.status === 'open' && r.deadline < today }));
  return [...present.filter((r) => r.status === 'open'), ...present.filter((r) => r.status === 'sent').reverse()];
}

export async function getRequest(trx: Trx, requestId: string, today: string) {
  const r = await trx.selectFrom('subject_access_requests as r').leftJoin('people as p', 'p.id', 'r.person_id').select(requestColumns).where('r.id', '=', requestId).executeTakeFirst();
  if (!r) throw new NotFoundError();
  const { nation } = await trx
    .selectFrom('councils')
    .innerJoin('subject_access_requests as s', 's.council_id', 'councils.id')
    .select('councils.nation')
    .where('s.id', '=', requestId)
    .executeTakeFirstOrThrow();
  const firstMonthEnds = sarDeadline(r.received_on, false, nation);
  return { ...r, who: r.person_name ?? r.requester_name, overdue: r.status === 'open' && r.deadline < today, firstMonthEnds, extendedDeadline: sarDeadline(r.received_on, true, nation), canExtend: r.status === 'open' && !r.person_told_on && today <= firstMonthEnds };
}

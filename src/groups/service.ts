import { z } from 'zod';
import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { GROUP_REPORT_KINDS, GROUP_REQUEST_KINDS } from '../db/schema-groups.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { clausesCarrying, type ClauseIndex, type ClauseRef } from '../policy/decide.js';
import type { GroupResource } from '../policy/rules.js';
import type { TemplateSettings } from '../protocol/types.js';
import { queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { DomainError, InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { id, isoDate, optionalText, requiredText } from '../web/schemas.js';

export const groupRequestInput = z.object({
  groupId: labelled(id('validation.choose').describe('The political group asking: the requester’s own'), 'groupRequests.field.group', { blankIsMissing: true }),
  kind: labelled(z.enum(GROUP_REQUEST_KINDS, 'validation.choose').describe('A briefing, a written report, or an officer’s attendance at a group meeting'), 'groupRequests.field.kind', { blankIsMissing: true }),
  subject: labelled(requiredText(200), 'groupRequests.field.subject'),
  details: labelled(optionalText(5000), 'groupRequests.field.details'),
  meetingOn: labelled(isoDate.nullable().default(null).describe('For an attendance: the day of the group’s meeting'), 'groupRequests.field.meetingOn', { blankIsMissing: true }),
});
export type GroupRequestInput = z.infer<typeof groupRequestInput>;

export const acceptInput = z.object({
  assignedTo: labelled(id('validation.choose').describe('The officer who does the work'), 'groupRequests.field.assignedTo', { blankIsMissing: true }),
  dueOn: labelled(isoDate.describe('When the work will be done'), 'groupRequests.field.dueOn', { blankIsMissing: true }),
});
export type AcceptInput = z.infer<typeof acceptInput>;

/**
 * A report or advice to a group has a fixed shape: the facts, and an appraisal of the options.
 * There is no field for a recommendation or the political implications (see `FORBIDDEN_REPORT_FIELDS`).
 */
export const groupReportInput = z.object({
  groupId: labelled(id('validation.choose').describe('The group given the report'), 'groupReports.field.group', { blankIsMissing: true }),
  requestId: labelled(id().nullable().default(null).describe('The group’s request it answers, if any'), 'groupReports.field.request', { blankIsMissing: true }),
  kind: labelled(z.enum(GROUP_REPORT_KINDS, 'validation.choose').describe('A written report, or advice'), 'groupReports.field.kind', { blankIsMissing: true }),
  subject: labelled(requiredText(200), 'groupReports.field.subject'),
  facts: labelled(requiredText(20000).describe('The relevant facts'), 'groupReports.field.facts'),
  options: labelled(requiredText(20000).describe('An appraisal of the options, with no recommendation'), 'groupReports.field.options'),
  confirmNeutral: labelled(
    z
      .boolean('groupReports.error.confirm')
      .refine((v) => v, 'groupReports.error.confirm')
      .describe('The officer confirms it states facts and options only: no recommendation, no political implications; must be true'),
    'groupReports.field.confirmNeutral',
  ),
});
export type GroupReportInput = z.infer<typeof groupReportInput>;

/** Fields a report to a group may not carry, whatever a client sends. */
export const FORBIDDEN_REPORT_FIELDS = ['recommendation', 'recommendations', 'politicalImplications'] as const;

/** Refuses a report carrying a field its shape has no place for, naming the field and the clause. */
export function refuseForbiddenFields(body: unknown, clause: ClauseRef | undefined): void {
  if (typeof body !== 'object' || body === null) return;
  const present = FORBIDDEN_REPORT_FIELDS.filter((f) => f in body);
  if (present.length === 0) return;
  throw new InvalidInputError(
    present.map((field) => ({
      field,
      key: clause?.baseline ? 'groupReports.error.noRecommendationBaseline' : 'groupReports.error.noRecommendation',
      vars: { number: clause?.number ?? '', protocol: clause?.protocol ?? '' },
    })),
  );
}

/**
 * The clause an officer declines under: the one that says a group cannot require the work and
 * names who may not instruct (B9.2, L4.2), rather than a chairs' clause or a general one.
 */
export function declineClause(clauses: ClauseIndex): ClauseRef {
  const carrying = clausesCarrying(clauses, 'groups-cannot-require');
  const forChairs = (c: ClauseRef) => !!c.addresses?.includes('chair');
  return carrying.find((c) => c.addresses?.length && !forChairs(c)) ?? carrying.find((c) => !forChairs(c)) ?? carrying[0]!;
}

/** Who may ask for a group, by the council's setting. */
export function requestsBy(settings: Pick<TemplateSettings, 'groupRequestsBy'>): 'leader' | 'members' {
  return settings.groupRequestsBy ?? 'members';
}

/** Whether a report to one group is given to every group in full, by the council's setting. */
export function reportsToAllGroups(settings: Pick<TemplateSettings, 'groupReportsToAllGroups'>): boolean {
  return settings.groupReportsToAllGroups ?? false;
}

/** A group as the rules see it, or not found. */
export async function groupResource(trx: Trx, settings: TemplateSettings, groupId: string): Promise<GroupResource & { name: string }> {
  const g = await trx.selectFrom('political_groups').select(['id', 'name', 'leader_id']).where('id', '=', groupId).executeTakeFirst();
  if (!g) throw new NotFoundError();
  return { kind: 'group', id: g.id, name: g.name, leaderId: g.leader_id, requestsBy: requestsBy(settings) };
}

export function listGroupNames(trx: Trx) {
  return trx.selectFrom('political_groups').select(['id', 'name']).orderBy('name').execute();
}

/** The Clerk's queue: active Clerks, who receive each request. */
const activeClerks = (trx: Trx) => trx.selectFrom('people').select(['id', 'name', 'email']).where('role', '=', 'clerk').where('active', '=', true).execute();

const requests = (trx: Trx) =>
  trx
    .selectFrom('group_requests as r')
    .innerJoin('political_groups as g', 'g.id', 'r.group_id')
    .innerJoin('people as p', 'p.id', 'r.requested_by')
    .leftJoin('people as d', 'd.id', 'r.decided_by')
    .leftJoin('people as a', 'a.id', 'r.assigned_to')
    .selectAll('r')
    .select(['g.name as group_name', 'p.name as requested_by_name', 'd.name as decided_by_name', 'a.name as assigned_to_name']);
export type GroupRequestRow = Awaited<ReturnType<ReturnType<typeof requests>['executeTakeFirstOrThrow']>>;

/** Requests: a group's own for its members, every group's for the officers, pending first. */
export function listRequests(trx: Trx, groupIds: readonly string[] | 'all') {
  let q = requests(trx);
  if (groupIds !== 'all') {
    if (groupIds.length === 0) return Promise.resolve([] as GroupRequestRow[]);
    q = q.where('r.group_id', 'in', groupIds);
  }
  return q.orderBy(sql`r.status = 'pending'`, 'desc').orderBy('r.created_at', 'desc').limit(500).execute();
}

export async function getRequest(trx: Trx, requestId: string): Promise<GroupRequestRow> {
  const row = await requests(trx).where('r.id', '=', requestId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/** A group's request goes to the Clerk's queue, and each Clerk is told by email. */
export async function createRequest(trx: Trx, council: Pick<Council, 'id' | 'name'>, by: Principal, input: GroupRequestInput, now: Date, textFor: RecipientTranslator, link: (path: string) => string) {
  if (input.kind === 'attendance' && !input.meetingOn) throw new InvalidInputError([{ field: 'meetingOn', key: 'groupRequests.error.meetingOn' }]);
  const row = await trx
    .insertInto('group_requests')
    .values({
      council_id: council.id,
      group_id: input.groupId,
      requested_by: by.personId,
      kind: input.kind,
      subject: input.subject,
      details: input.details,
      meeting_on: input.kind === 'attendance' ? input.meetingOn : null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'group_request.created', entityType: 'group_request', entityId: row.id, data: input });
  const request = await getRequest(trx, row.id);
  for (const clerk of await activeClerks(trx)) {
    const t = textFor(clerk);
    const vars = { group: request.group_name, requester: by.name, kind: t(`groupRequests.kind.${input.kind}`), subject: input.subject, link: link(`/groups/requests/${row.id}`) };
    await queueEmail(trx, council.id, { to: clerk, subject: t('groupRequests.email.subject', vars), body: t('groupRequests.email.body', vars), link: vars.link });
  }
  return request;
}

async function pending(trx: Trx, requestId: string): Promise<GroupRequestRow> {
  // Locked, so that two officers deciding at once decide it once.
  await trx.selectFrom('group_requests').select('id').where('id', '=', requestId).forUpdate().executeTakeFirst();
  const request = await getRequest(trx, requestId);
  if (request.status !== 'pending') throw new DomainError('group_request_decided', 'groupRequests.error.decided', {}, { status: 409 });
  return request;
}

/**
 * Declining is the officer's right under the clause that says a group cannot require the work:
 * no reason is asked beyond the clause, and nothing follows for the officer. The requester is told.
 */
export async function declineRequest(trx: Trx, council: Pick<Council, 'id' | 'name'>, by: Principal, requestId: string, clause: ClauseRef, now: Date, textFor: RecipientTranslator) {
  const request = await pending(trx, requestId);
  await trx.updateTable('group_requests').set({ status: 'declined', decided_by: by.personId, decided_at: now, decline_clause: clause.number }).where('id', '=', requestId).execute();
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: 'group_request.declined',
    entityType: 'group_request',
    entityId: requestId,
    data: { asOfficersRight: true, clause: { number: clause.number, protocol: clause.protocol } },
  });
  const requester = await trx.selectFrom('people').select(['id', 'email']).where('id', '=', request.requested_by).executeTakeFirstOrThrow();
  const t = textFor(requester);
  const vars = { subject: request.subject, number: clause.number, protocol: clause.protocol, text: clause.text };
  await queueEmail(trx, council.id, { to: requester, subject: t('groupRequests.email.declinedSubject', vars), body: t('groupRequests.email.declinedBody', vars), link: textFor.link(`/groups/requests/${requestId}`) });
  return getRequest(trx, requestId);
}

/** Accepting records who does the work and by when. */
export async function acceptRequest(trx: Trx, council: Pick<Council, 'id'>, by: Principal, requestId: string, input: AcceptInput, now: Date) {
  await pending(trx, requestId);
  const officer = await trx.selectFrom('people').select('id').where('id', '=', input.assignedTo).where('role', 'in', ['clerk', 'officer']).where('active', '=', true).executeTakeFirst();
  if (!officer) throw new InvalidInputError([{ field: 'assignedTo', key: 'groupRequests.error.notOfficer' }]);
  await trx.updateTable('group_requests').set({ status: 'accepted', decided_by: by.personId, decided_at: now, assigned_to: input.assignedTo, due_on: input.dueOn }).where('id', '=', requestId).execute();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'group_request.accepted', entityType: 'group_request', entityId: requestId, data: input });
  return getRequest(trx, requestId);
}

export function listOfficers(trx: Trx) {
  return trx.selectFrom('people').select(['id', 'name']).where('role', 'in', ['clerk', 'officer']).where('active', '=', true).orderBy('name').execute();
}

const reports = (trx: Trx) =>
  trx
    .selectFrom('group_reports as r')
    .innerJoin('political_groups as g', 'g.id', 'r.group_id')
    .innerJoin('people as a', 'a.id', 'r.author_id')
    .selectAll('r')
    .select(['g.name as group_name', 'a.name as author_name']);
export type GroupReportRow = Awaited<ReturnType<ReturnType<typeof reports>['executeTakeFirstOrThrow']>>;

/** Reports given to these groups (or to any, for the officers), newest first. */
export function listReports(trx: Trx, groupIds: readonly string[] | 'all') {
  let q = reports(trx);
  if (groupIds !== 'all') {
    if (groupIds.length === 0) return Promise.resolve([] as GroupReportRow[]);
    q = q.where('r.group_id', 'in', groupIds);
  }
  return q.orderBy('r.issued_at', 'desc').limit(500).execute();
}

export async function getReport(trx: Trx, reportId: string): Promise<GroupReportRow> {
  const row = await reports(trx).where('r.id', '=', reportId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Give a group a report or advice. In the same transaction every other group gets its notice
 * (one per report and group: the database's unique key holds it to once), and every member of
 * every group an email through the outbox. Where the council gives every group the report
 * itself, the notice says so and the other groups may open it.
 */
export async function issueReport(
  trx: Trx,
  council: Pick<Council, 'id' | 'name' | 'settings'>,
  by: Principal,
  input: GroupReportInput,
  now: Date,
  textFor: RecipientTranslator,
  link: (path: string) => string,
) {
  const group = await trx.selectFrom('political_groups').select(['id', 'name']).where('id', '=', input.groupId).executeTakeFirst();
  if (!group) throw new InvalidInputError([{ field: 'groupId', key: 'groupReports.error.noGroup' }]);
  if (input.requestId) {
    const request = await trx.selectFrom('group_requests').select(['group_id', 'status']).where('id', '=', input.requestId).executeTakeFirst();
    if (!request || request.group_id !== group.id) throw new InvalidInputError([{ field: 'requestId', key: 'groupReports.error.request' }]);
    if (request.status === 'declined') throw new InvalidInputError([{ field: 'requestId', key: 'groupReports.error.requestDeclined' }]);
  }
  const inFull = reportsToAllGroups(council.settings);
  const report = await trx
    .insertInto('group_reports')
    .values({
      council_id: council.id,
      group_id: group.id,
      request_id: input.requestId,
      author_id: by.personId,
      kind: input.kind,
      subject: input.subject,
      facts: input.facts,
      options: input.options,
      neutrality_confirmed: input.confirmNeutral,
      shared_in_full: inFull,
      issued_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notices = await trx
    .insertInto('group_notices')
    .columns(['council_id', 'report_id', 'group_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('political_groups')
        .select([eb.val(council.id).as('council_id'), eb.val(report.id).as('report_id'), 'id', eb.val(now).as('created_at')])
        .where('id', '!=', group.id),
    )
    .onConflict((oc) => oc.columns(['council_id', 'report_id', 'group_id']).doNothing())
    .returning('group_id')
    .execute();
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: 'group_report.issued',
    entityType: 'group_report',
    entityId: report.id,
    data: { groupId: group.id, requestId: input.requestId, kind: input.kind, subject: input.subject, neutralityConfirmed: true, sharedInFull: inFull, noticesTo: notices.map((n) => n.group_id) },
  });

  const members = await trx
    .selectFrom('group_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.email', 'm.group_id'])
    .where('p.active', '=', true)
    .where('m.group_id', 'in', [group.id, ...notices.map((n) => n.group_id)])
    .execute();
  for (const m of members) {
    const t = textFor(m);
    const vars = { group: group.name, subject: input.subject, kind: t(`groupReports.kind.${input.kind}`), link: link(`/groups/reports/${report.id}`), groups: link('/groups') };
    const own = m.group_id === group.id;
    const key = own ? 'groupReports.email.own' : inFull ? 'groupReports.email.noticeInFull' : 'groupReports.email.notice';
    await queueEmail(trx, council.id, { to: m, subject: t(`${key}Subject`, vars), body: t(`${key}Body`, vars), link: vars.link });
  }
  return getReport(trx, report.id);
}

/** Notices to these groups that another was given a report, newest first. */
export function listNotices(trx: Trx, groupIds: readonly string[] | 'all', limit = 200) {
  let q = trx
    .selectFrom('group_notices as n')
    .innerJoin('group_reports as r', 'r.id', 'n.report_id')
    .innerJoin('political_groups as given', 'given.id', 'r.group_id')
    .innerJoin('political_groups as told', 'told.id', 'n.group_id')
    .select(['n.id', 'n.report_id', 'n.group_id', 'n.created_at', 'r.subject', 'r.kind', 'r.shared_in_full', 'given.name as given_to', 'told.name as told_group']);
  if (groupIds !== 'all') {
    if (groupIds.length === 0) return Promise.resolve([]);
    q = q.where('n.group_id', 'in', groupIds);
  }
  return q.orderBy('n.created_at', 'desc').limit(limit).execute();
}

/** Set who may ask for a group, and whether every group is given each report in full. */
export async function saveGroupSettings(trx: Trx, by: Principal, input: { groupRequestsBy: 'leader' | 'members'; groupReportsToAllGroups: boolean }) {
  const current = await trx.selectFrom('councils').select('settings').where('id', '=', by.councilId).executeTakeFirstOrThrow();
  await trx.updateTable('councils').set({ settings: JSON.stringify({ ...current.settings, ...input }) }).where('id', '=', by.councilId).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'council.group_settings', entityType: 'council', entityId: by.councilId, data: input });
}

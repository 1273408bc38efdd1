import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council, ProtocolClause, ProtocolVersion } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../calendar/dates.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { councilForJob, queueEmail } from '../notifications/delivery.js';
import { londonDate, type Principal } from '../policy/principal.js';
import { DomainError, InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { id, isoDate, requiredText } from '../web/schemas.js';
import { RULE_IDS } from './types.js';
import { effectiveFrom, versionInForceId } from './in-force.js';

export { versionInForceId };

/**
 * The protocol's versions (SPEC R16). The Clerk drafts a version from the one in force; it
 * changes nothing until a resolution of the full council approves it, and then it is in force
 * from the day the council chose. Rules follow the version in force on the day of a request,
 * so a version approved for next month leaves today's refusals citing today's clauses, and the
 * audit log keeps the clause numbers each past refusal cited.
 */

export const CLAUSE_KINDS = ['enforced', 'routed', 'recorded', 'guidance'] as const;

export async function versionInForce(trx: Trx, day: string): Promise<ProtocolVersion | undefined> {
  return trx.selectFrom('protocol_versions').selectAll().where('id', '=', versionInForceId(day)).executeTakeFirst();
}

/** Approved versions not yet in force on `day` (a council may approve one for a later date). */
export function versionsComing(trx: Trx, day: string): Promise<ProtocolVersion[]> {
  return trx
    .selectFrom('protocol_versions as v')
    .selectAll()
    .where('v.status', '=', 'approved')
    .where(sql<SqlBool>`${effectiveFrom} > ${day}::date`)
    .orderBy(effectiveFrom)
    .execute();
}

/** The approval record: approved versions in the order they were approved. */
export function approvalRecord(trx: Trx) {
  return trx
    .selectFrom('protocol_versions as v')
    .leftJoin('resolutions as r', 'r.id', 'v.resolution_id')
    .selectAll('v')
    .select(['r.minute_number as resolution_minute'])
    .where('v.status', '=', 'approved')
    .orderBy(sql`coalesce(v.approved_on, v.created_at::date)`)
    .orderBy('v.created_at')
    .execute();
}
export type ApprovalRow = Awaited<ReturnType<typeof approvalRecord>>[number];

export function draftVersion(trx: Trx): Promise<ProtocolVersion | undefined> {
  return trx.selectFrom('protocol_versions').selectAll().where('status', '=', 'draft').executeTakeFirst();
}

export function clausesOf(trx: Trx, versionId: string): Promise<ProtocolClause[]> {
  return trx.selectFrom('protocol_clauses').selectAll().where('version_id', '=', versionId).orderBy('position').execute();
}

export async function draftOrThrow(trx: Trx): Promise<ProtocolVersion> {
  const draft = await draftVersion(trx);
  if (!draft) throw new DomainError('no_draft', 'protocol.draft.none', {}, { status: 404 });
  return draft;
}

/** The next version's label: one more than the highest whole-number version, else the count plus one. */
function nextLabel(versions: readonly { version: string }[]): string {
  const numbers = versions.map((v) => Number.parseInt(v.version, 10)).filter((n) => Number.isFinite(n));
  return String(numbers.length ? Math.max(...numbers) + 1 : versions.length + 1);
}

/** The Clerk starts a draft: a copy of the version in force, clause for clause. One draft at a time. */
export async function startDraft(trx: Trx, councilId: string, by: Principal, today: string): Promise<ProtocolVersion> {
  if (await draftVersion(trx)) throw new DomainError('draft_exists', 'protocol.draft.exists', {}, { status: 409 });
  const base = await versionInForce(trx, today);
  const versions = await trx.selectFrom('protocol_versions').select('version').execute();
  const draft = await trx
    .insertInto('protocol_versions')
    .values({
      council_id: councilId,
      version: nextLabel(versions),
      title: base?.title ?? '',
      title_cy: base?.title_cy ?? null,
      status: 'draft',
      is_current: false,
      drafted_by: by.personId,
      based_on: base?.id ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (base) {
    await sql`insert into protocol_clauses (council_id, version_id, position, number, heading, body, summary, kind, rules, heading_cy, body_cy, summary_cy)
      select council_id, ${draft.id}, position, number, heading, body, summary, kind, rules, heading_cy, body_cy, summary_cy
      from protocol_clauses where version_id = ${base.id}`.execute(trx);
  }
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.draft_started', entityType: 'protocol_version', entityId: draft.id, data: { version: draft.version, basedOn: base?.version ?? null } });
  return draft;
}

export const clauseInput = z.object({
  number: labelled(requiredText(20).regex(/^[\p{L}\p{N}.()-]+$/u, 'protocol.error.number').describe('The clause’s number in the council’s numbering, e.g. "2.3" or "P4"'), 'protocol.field.number'),
  heading: labelled(requiredText(200), 'protocol.field.heading'),
  text: labelled(requiredText(5000).describe('The clause as the council states it'), 'protocol.field.text'),
  summary: labelled(requiredText(500).describe('One line that refusals cite'), 'protocol.field.summary'),
  kind: labelled(z.enum(CLAUSE_KINDS, 'validation.invalid'), 'protocol.field.kind', { blankIsMissing: true }),
  rules: labelled(z.array(z.enum(RULE_IDS, 'validation.invalid')).max(RULE_IDS.length).default([]).describe('Ids of the rules the clause gives force to'), 'protocol.field.rules'),
});
export type ClauseInput = z.infer<typeof clauseInput>;

function checkClause(input: ClauseInput): void {
  // Guidance carries no rule; a clause that carries none is guidance.
  if (input.kind === 'guidance' && input.rules.length > 0) throw new InvalidInputError([{ field: 'rules', key: 'protocol.error.guidanceRules' }]);
  if (input.kind !== 'guidance' && input.rules.length === 0) throw new InvalidInputError([{ field: 'rules', key: 'protocol.error.noRules' }]);
}

async function numberTaken(trx: Trx, versionId: string, number: string, except?: string): Promise<boolean> {
  let q = trx.selectFrom('protocol_clauses').select('id').where('version_id', '=', versionId).where('number', '=', number);
  if (except) q = q.where('id', '!=', except);
  return Boolean(await q.executeTakeFirst());
}

const clauseValues = (input: ClauseInput) => ({ number: input.number, heading: input.heading, body: input.text, summary: input.summary, kind: input.kind, rules: [...new Set(input.rules)] });

export async function draftClause(trx: Trx, clauseId: string): Promise<ProtocolClause> {
  const draft = await draftOrThrow(trx);
  const clause = await trx.selectFrom('protocol_clauses').selectAll().where('id', '=', clauseId).where('version_id', '=', draft.id).executeTakeFirst();
  if (!clause) throw new NotFoundError();
  return clause;
}

/** Change one clause of the draft; a clause whose English changes keeps no stale Welsh. */
export async function saveDraftClause(trx: Trx, councilId: string, by: Principal, clauseId: string, input: ClauseInput): Promise<ProtocolClause> {
  checkClause(input);
  const clause = await draftClause(trx, clauseId);
  if (await numberTaken(trx, clause.version_id, input.number, clause.id)) throw new InvalidInputError([{ field: 'number', key: 'protocol.error.numberTaken', vars: { number: input.number } }]);
  const wordsChanged = clause.heading !== input.heading || clause.body !== input.text || clause.summary !== input.summary;
  const saved = await trx
    .updateTable('protocol_clauses')
    .set({ ...clauseValues(input), ...(wordsChanged ? { heading_cy: null, body_cy: null, summary_cy: null } : {}) })
    .where('id', '=', clause.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.clause_changed', entityType: 'protocol_clause', entityId: clause.id, data: { from: clause.number, to: input.number } });
  return saved;
}

/** Add a clause at the end of the draft. */
export async function addDraftClause(trx: Trx, councilId: string, by: Principal, input: ClauseInput): Promise<ProtocolClause> {
  checkClause(input);
  const draft = await draftOrThrow(trx);
  if (await numberTaken(trx, draft.id, input.number)) throw new InvalidInputError([{ field: 'number', key: 'protocol.error.numberTaken', vars: { number: input.number } }]);
  const last = await trx.selectFrom('protocol_clauses').select(sql<number>`coalesce(max(position), -1)`.as('position')).where('version_id', '=', draft.id).executeTakeFirstOrThrow();
  const added = await trx
    .insertInto('protocol_clauses')
    .values({ council_id: councilId, version_id: draft.id, position: Number(last.position) + 1, ...clauseValues(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.clause_added', entityType: 'protocol_clause', entityId: added.id, data: { number: input.number } });
  return added;
}

export async function removeDraftClause(trx: Trx, councilId: string, by: Principal, clauseId: string): Promise<void> {
  const clause = await draftClause(trx, clauseId);
  await trx.deleteFrom('protocol_clauses').where('id', '=', clause.id).execute();
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.clause_removed', entityType: 'protocol_clause', entityId: clause.id, data: { number: clause.number } });
}

/** Put a whole set of clauses in the draft at once (an imported protocol, confirmed by the Clerk). */
export async function replaceDraftClauses(trx: Trx, councilId: string, by: Principal, clauses: readonly ClauseInput[]): Promise<void> {
  const draft = await draftOrThrow(trx);
  const numbers = new Set<string>();
  clauses.forEach((clause, i) => {
    try {
      checkClause(clause);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InvalidInputError(error.problems.map((p) => ({ ...p, field: `clauses.${i}.${p.field}` })));
      throw error;
    }
    if (numbers.has(clause.number)) throw new InvalidInputError([{ field: `clauses.${i}.number`, key: 'protocol.error.numberTaken', vars: { number: clause.number } }]);
    numbers.add(clause.number);
  });
  await trx.deleteFrom('protocol_clauses').where('version_id', '=', draft.id).execute();
  if (clauses.length) await trx.insertInto('protocol_clauses').values(clauses.map((c, position) => ({ council_id: councilId, version_id: draft.id, position, ...clauseValues(c) }))).execute();
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.draft_replaced', entityType: 'protocol_version', entityId: draft.id, data: { clauses: clauses.length } });
}

export async function discardDraft(trx: Trx, councilId: string, by: Principal): Promise<void> {
  const draft = await draftOrThrow(trx);
  await trx.deleteFrom('protocol_versions').where('id', '=', draft.id).execute();
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.draft_discarded', entityType: 'protocol_version', entityId: draft.id, data: { version: draft.version } });
}

export const approvalInput = z.object({
  resolutionId: labelled(z.string().min(1, 'protocol.error.resolutionRequired').pipe(id('protocol.error.resolutionUnknown')).describe('The resolution of the full council that approved the version'), 'protocol.field.resolution', { blankIsMissing: true }),
  inForceFrom: labelled(isoDate.optional().describe('The day it comes into force; the day of the meeting when not given'), 'protocol.field.inForceFrom'),
  reviewDueOn: labelled(isoDate.describe('When the council is to review it'), 'protocol.field.reviewDueOn'),
  summary: labelled(requiredText(1000).describe('The summary of changes, for the approval record'), 'protocol.field.summary.changes'),
});
export type ApprovalInput = z.infer<typeof approvalInput>;

/** Resolutions a version can be approved by: the full council's, at meetings held by today, the latest first. */
export function approvingResolutions(trx: Trx, today: string) {
  return trx
    .selectFrom('resolutions as r')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select(['r.id', 'r.minute_number', 'r.text', 'm.meeting_date', 'm.committee_id'])
    .where('m.committee_id', 'is', null)
    .where('m.meeting_date', '<=', today)
    .orderBy('m.meeting_date', 'desc')
    .orderBy('r.minute_number', 'desc')
    .execute();
}

/** Days before the review date the Clerk is reminded. */
export const REVIEW_REMINDER_DAYS = 28;
/** Days after a version comes into force that those who have not acknowledged it are reminded. */
export const ACKNOWLEDGEMENT_REMINDER_DAYS = 7;

/**
 * The council approves the draft: only a resolution of the full council at a meeting already
 * held does, and the version is in force from that meeting's day or a later one chosen.
 */
export async function approveDraft(trx: Trx, council: Pick<Council, 'id'>, by: Principal, input: ApprovalInput, approvedBy: string, today: string): Promise<ProtocolVersion> {
  const draft = await draftOrThrow(trx);
  const resolution = await trx
    .selectFrom('resolutions as r')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select(['r.id', 'r.minute_number', 'm.meeting_date', 'm.committee_id'])
    .where('r.id', '=', input.resolutionId)
    .executeTakeFirst();
  if (!resolution) throw new InvalidInputError([{ field: 'resolutionId', key: 'protocol.error.resolutionUnknown' }]);
  if (resolution.committee_id !== null) throw new InvalidInputError([{ field: 'resolutionId', key: 'protocol.error.resolutionNotCouncil' }]);
  if (resolution.meeting_date > today) throw new InvalidInputError([{ field: 'resolutionId', key: 'protocol.error.resolutionFuture' }]);
  const inForceFrom = input.inForceFrom ?? resolution.meeting_date;
  if (inForceFrom < resolution.meeting_date) throw new InvalidInputError([{ field: 'inForceFrom', key: 'protocol.error.beforeApproval', vars: { date: { date: resolution.meeting_date } } }]);
  if (input.reviewDueOn <= inForceFrom) throw new InvalidInputError([{ field: 'reviewDueOn', key: 'protocol.error.reviewBeforeForce' }]);
  const count = await trx.selectFrom('protocol_clauses').select(sql<number>`count(*)`.as('n')).where('version_id', '=', draft.id).executeTakeFirstOrThrow();
  if (Number(count.n) === 0) throw new DomainError('draft_empty', 'protocol.error.draftEmpty', {}, { status: 422 });

  await trx.updateTable('protocol_versions').set({ is_current: false }).where('is_current', '=', true).execute();
  const approved = await trx
    .updateTable('protocol_versions')
    .set({
      status: 'approved',
      is_current: true,
      approved_on: resolution.meeting_date,
      approved_by: approvedBy,
      summary: input.summary,
      summary_cy: null,
      resolution_id: resolution.id,
      in_force_from: inForceFrom,
      review_due_on: input.reviewDueOn,
    })
    .where('id', '=', draft.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await scheduleReviewReminder(trx, council.id, approved);
  await enqueueJob(trx, remindToAcknowledge, { councilId: council.id, payload: { versionId: approved.id }, runAt: londonMorning(addDays(inForceFrom, ACKNOWLEDGEMENT_REMINDER_DAYS)) });
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: 'protocol.version_approved',
    entityType: 'protocol_version',
    entityId: approved.id,
    data: { version: approved.version, resolution: resolution.minute_number, approvedOn: resolution.meeting_date, inForceFrom, reviewDueOn: input.reviewDueOn },
  });
  return approved;
}

export const reviewInput = z.object({
  reviewedOn: labelled(isoDate.describe('The day the council reviewed the version in force and kept it'), 'protocol.field.reviewedOn'),
  reviewDueOn: labelled(isoDate.describe('The next review'), 'protocol.field.reviewDueOn'),
});
export type ReviewInput = z.infer<typeof reviewInput>;

/** A review that keeps the version in force unchanged ("reviewed 09.08.16"), with the next review date. */
export async function recordReview(trx: Trx, councilId: string, by: Principal, input: ReviewInput, today: string): Promise<ProtocolVersion> {
  const version = await versionInForce(trx, today);
  if (!version) throw new DomainError('no_protocol', 'protocol.none', {}, { status: 404 });
  if (input.reviewedOn > today) throw new InvalidInputError([{ field: 'reviewedOn', key: 'protocol.error.reviewFuture' }]);
  if (input.reviewDueOn <= input.reviewedOn) throw new InvalidInputError([{ field: 'reviewDueOn', key: 'protocol.error.reviewBeforeForce' }]);
  const saved = await trx.updateTable('protocol_versions').set({ reviewed_on: input.reviewedOn, review_due_on: input.reviewDueOn }).where('id', '=', version.id).returningAll().executeTakeFirstOrThrow();
  await scheduleReviewReminder(trx, councilId, saved);
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.version_reviewed', entityType: 'protocol_version', entityId: version.id, data: { version: version.version, ...input } });
  return saved;
}

/** 09:00 in London on a day (close enough to the office's opening for a reminder). */
function londonMorning(day: string): Date {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const offset = londonDate(new Date(`${day}T23:30:00Z`)) === day ? 0 : 1;
  return new Date(noonUtc.getTime() - (3 + offset) * 3600_000);
}

async function scheduleReviewReminder(trx: Trx, councilId: string, version: ProtocolVersion): Promise<void> {
  if (!version.review_due_on) return;
  await enqueueJob(trx, remindOfReview, { councilId, payload: { versionId: version.id, dueOn: version.review_due_on }, runAt: londonMorning(addDays(version.review_due_on, -REVIEW_REMINDER_DAYS)) });
}

/** Before the review date: the Clerk is reminded, unless the date has moved or the version was replaced. */
export const remindOfReview = defineJob({
  kind: 'protocol.review_reminder',
  payload: z.object({ versionId: z.string(), dueOn: z.string() }),
  async run(trx, { versionId, dueOn }, ctx) {
    const version = await trx.selectFrom('protocol_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
    if (!version || version.review_due_on !== dueOn) return;
    const inForce = await versionInForce(trx, londonDate(ctx.clock()));
    if (inForce && inForce.id !== version.id && (inForce.in_force_from ?? '') > (version.in_force_from ?? '')) return;
    const { council, textFor } = await councilForJob(trx, ctx);
    const clerks = await trx.selectFrom('people').select(['id', 'email', 'locale']).where('role', '=', 'clerk').where('active', '=', true).orderBy('email').execute();
    for (const clerk of clerks) {
      const t = textFor(clerk);
      const vars = { version: version.version, due: { date: dueOn } };
      await queueEmail(trx, council.id, { to: clerk, subject: t('protocol.email.review.subject', vars), body: t('protocol.email.review.body', vars), link: textFor.link('/protocol/review') });
    }
  },
});

/** Everyone who must acknowledge a version: active officers, and councillors in term on `day`. */
export function acknowledgers(trx: Trx, day: string) {
  return trx
    .selectFrom('people')
    .select(['id', 'name', 'email', 'role', 'locale'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('role', 'in', ['clerk', 'officer']),
        eb.and([eb('role', '=', 'councillor'), eb.or([eb('term_starts', 'is', null), eb('term_starts', '<=', day)]), eb.or([eb('term_ends', 'is', null), eb('term_ends', '>=', day)])]),
      ]),
    )
    .orderBy('name')
    .execute();
}

/** Who has and has not acknowledged a version, as of `day`. */
export async function acknowledgementsOf(trx: Trx, versionId: string, day: string) {
  const people = await acknowledgers(trx, day);
  const rows = await trx.selectFrom('protocol_acknowledgements').select(['person_id', 'acknowledged_at']).where('version_id', '=', versionId).execute();
  const at = new Map(rows.map((r) => [r.person_id, r.acknowledged_at]));
  return people.map((p) => ({ ...p, acknowledgedAt: at.get(p.id) ?? null }));
}

/** The version in force on `day`, if this person has yet to acknowledge it; one statement, for the home page. */
export function versionToAcknowledge(trx: Trx, day: string, personId: string): Promise<Pick<ProtocolVersion, 'id' | 'version'> | undefined> {
  return trx
    .selectFrom('protocol_versions as v')
    .select(['v.id', 'v.version'])
    .where('v.id', '=', versionInForceId(day))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('protocol_acknowledgements as a').select('a.person_id').whereRef('a.version_id', '=', 'v.id').where('a.person_id', '=', personId))))
    .executeTakeFirst();
}

export async function hasAcknowledged(trx: Trx, versionId: string, personId: string): Promise<Date | null> {
  const row = await trx.selectFrom('protocol_acknowledgements').select('acknowledged_at').where('version_id', '=', versionId).where('person_id', '=', personId).executeTakeFirst();
  return row ? new Date(row.acknowledged_at) : null;
}

/** The person acknowledges the version in force today; a second acknowledgement keeps the first's time. */
export async function acknowledge(trx: Trx, councilId: string, by: Principal, versionId: string, today: string, now: Date): Promise<{ version: ProtocolVersion; acknowledgedAt: Date }> {
  const inForce = await versionInForce(trx, today);
  if (!inForce) throw new DomainError('no_protocol', 'protocol.none', {}, { status: 404 });
  if (inForce.id !== versionId) throw new InvalidInputError([{ field: 'versionId', key: 'protocol.error.notInForce' }]);
  const already = await hasAcknowledged(trx, versionId, by.personId);
  if (already) return { version: inForce, acknowledgedAt: already };
  await trx.insertInto('protocol_acknowledgements').values({ council_id: councilId, version_id: versionId, person_id: by.personId, acknowledged_at: now }).execute();
  await audit(trx, { councilId, actorId: by.personId, action: 'protocol.acknowledged', entityType: 'protocol_version', entityId: versionId, data: { version: inForce.version } });
  return { version: inForce, acknowledgedAt: now };
}

/** A week after a version comes into force, each person who has not acknowledged it is emailed. */
export const remindToAcknowledge = defineJob({
  kind: 'protocol.acknowledgement_reminder',
  payload: z.object({ versionId: z.string() }),
  async run(trx, { versionId }, ctx) {
    const today = londonDate(ctx.clock());
    const inForce = await versionInForce(trx, today);
    if (!inForce || inForce.id !== versionId) return;
    const { council, textFor } = await councilForJob(trx, ctx);
    const pending = (await acknowledgementsOf(trx, versionId, today)).filter((p) => !p.acknowledgedAt);
    for (const person of pending) {
      const t = textFor(person);
      const vars = { version: inForce.version, name: person.name };
      await queueEmail(trx, council.id, { to: person, subject: t('protocol.email.acknowledge.subject', vars), body: t('protocol.email.acknowledge.body', vars), link: textFor.link('/protocol') });
    }
    await audit(trx, { councilId: council.id, actorId: null, action: 'protocol.acknowledgement_reminded', entityType: 'protocol_version', entityId: versionId, data: { reminded: pending.length } });
  },
});

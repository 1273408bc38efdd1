import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council, Role } from '../db/schema.js';
import type { TrainingAudience } from '../db/schema-training.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../calendar/dates.js';
import { londonDate, type Principal } from '../policy/principal.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { chosenId, id, isoDate, optionalText, requiredText } from '../web/schemas.js';
import { scheduleTrainingReminders } from './reminders.js';

export const AUDIENCES = ['new_councillors', 'councillors', 'officers', 'clerk'] as const satisfies readonly TrainingAudience[];
/** A councillor counts as new in the first year of their term. */
export const NEW_COUNCILLOR_DAYS = 365;

export const requirementInput = z.object({
  course: labelled(requiredText(200).describe('The course or qualification, e.g. "Code of conduct"'), 'training.field.course'),
  appliesTo: labelled(z.enum(AUDIENCES, 'validation.choose').describe('Who must complete it'), 'training.field.appliesTo', { blankIsMissing: true }),
  withinDays: labelled(z.int('validation.number').min(1, 'validation.number').max(3650, 'validation.number').describe('Days from the start of a councillor’s term (or an officer’s joining) by which it is due'), 'training.field.withinDays'),
});
export type RequirementInput = z.infer<typeof requirementInput>;

export const recordInput = z.object({
  personId: labelled(chosenId('validation.invalid').describe('Who completed it'), 'training.field.person', { blankIsMissing: true }),
  course: labelled(requiredText(200), 'training.field.course'),
  provider: labelled(requiredText(200).describe('Who gave the training, e.g. the county association'), 'training.field.provider'),
  completedOn: labelled(isoDate.clone(), 'training.field.completedOn'),
  hours: labelled(z.number('validation.number').positive('validation.number').max(999, 'validation.number'), 'training.field.hours'),
  certificateDocumentId: labelled(id('validation.invalid').nullable().default(null).describe('The certificate, uploaded to the document library first'), 'training.field.certificate'),
  requirementId: labelled(id('validation.invalid').nullable().default(null).describe('The required training it completes, if any'), 'training.field.requirement'),
});
export type RecordInput = z.infer<typeof recordInput>;

export const requestInput = z.object({
  course: labelled(requiredText(200).describe('The training or development opportunity asked for'), 'training.field.wanted'),
  reason: labelled(optionalText(2000), 'training.field.reason'),
});
export type RequestInput = z.infer<typeof requestInput>;

export const requestAnswerInput = z.object({
  status: labelled(z.enum(['arranged', 'declined'], 'validation.choose'), 'training.field.status', { blankIsMissing: true }),
});

interface Person {
  id: string;
  name: string;
  role: Role;
  term_starts: string | null;
  term_ends: string | null;
  created_at: unknown;
}

export interface Due {
  requirementId: string;
  course: string;
  dueOn: string;
  done: boolean;
  overdue: boolean;
}

/** When a person's duties began: a councillor's term, an officer's first day in Concord. */
function startOf(p: Person): string | null {
  return p.role === 'councillor' ? p.term_starts : londonDate(new Date(p.created_at as string));
}

function applies(audience: TrainingAudience, p: Person, today: string): boolean {
  if (p.role === 'councillor') {
    if (!p.term_starts || p.term_starts > today || (p.term_ends && p.term_ends < today)) return false;
    return audience === 'councillors' || (audience === 'new_councillors' && p.term_starts >= addDays(today, -NEW_COUNCILLOR_DAYS));
  }
  return audience === (p.role === 'clerk' ? 'clerk' : 'officers');
}

/** What each requirement asks of this person, and whether a record meets it. */
export function dueFor(p: Person, requirements: readonly { id: string; course: string; applies_to: TrainingAudience; within_days: number }[], met: ReadonlySet<string>, today: string): Due[] {
  const start = startOf(p);
  if (!start) return [];
  return requirements
    .filter((r) => applies(r.applies_to, p, today))
    .map((r) => {
      const dueOn = addDays(start, r.within_days);
      const done = met.has(`${p.id}:${r.id}`);
      return { requirementId: r.id, course: r.course, dueOn, done, overdue: !done && dueOn < today };
    })
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

export function listRequirements(trx: Trx) {
  return trx.selectFrom('training_requirements').select(['id', 'course', 'applies_to', 'within_days']).orderBy('course').execute();
}

/** People whose training Concord follows: the officers, and councillors in their term today. */
async function peopleInScope(trx: Trx, today: string, personId?: string): Promise<Person[]> {
  let q = trx.selectFrom('people').select(['id', 'name', 'role', 'term_starts', 'term_ends', 'created_at']).where('active', '=', true).orderBy('name');
  if (personId) q = q.where('id', '=', personId);
  const rows = await q.execute();
  return rows.filter((p) => p.role !== 'councillor' || ((!p.term_starts || p.term_starts <= today) && (!p.term_ends || p.term_ends >= today)));
}

export function recordsOf(trx: Trx, personId?: string) {
  let q = trx
    .selectFrom('training_records as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('documents as d', 'd.id', 'r.certificate_document_id')
    .select(['r.id', 'r.person_id', 'p.name as person_name', 'r.course', 'r.provider', 'r.completed_on', 'r.hours', 'r.certificate_document_id', 'd.title as certificate_title', 'r.requirement_id'])
    .orderBy('r.completed_on', 'desc')
    .orderBy('r.course');
  if (personId) q = q.where('r.person_id', '=', personId);
  return q.execute();
}

async function metSet(trx: Trx, personId?: string): Promise<Set<string>> {
  let q = trx.selectFrom('training_records').select(['person_id', 'requirement_id']).where('requirement_id', 'is not', null);
  if (personId) q = q.where('person_id', '=', personId);
  return new Set((await q.execute()).map((r) => `${r.person_id}:${r.requirement_id}`));
}

/** One person's training: what they have done, what is due, and what they have asked for. */
export async function trainingOf(trx: Trx, personId: string, today: string) {
  const [person] = await trx.selectFrom('people').select(['id', 'name', 'role']).where('id', '=', personId).execute();
  if (!person) throw new NotFoundError();
  // One after another: statements of one transaction share its connection.
  const records = await recordsOf(trx, personId);
  const requests = await requestsOf(trx, personId);
  const due = await trainingDueOf(trx, personId, today);
  return { person, records, due, requests, hours: records.reduce((n, r) => n + Number(r.hours), 0) };
}

/** What training is due for one person, for the home page as for their training page: nothing for someone out of scope. */
export async function trainingDueOf(trx: Trx, personId: string, today: string): Promise<Due[]> {
  const [person] = await peopleInScope(trx, today, personId);
  if (!person) return [];
  return dueFor(person, await listRequirements(trx), await metSet(trx, personId), today);
}

/** Everyone's training, for the Clerk: each person's hours and what is due, those with something overdue first. */
export async function everyonesTraining(trx: Trx, today: string) {
  const people = await peopleInScope(trx, today);
  const requirements = await listRequirements(trx);
  const met = await metSet(trx);
  const records = await recordsOf(trx);
  const rows = people.map((p) => {
    const due = dueFor(p, requirements, met, today);
    const mine = records.filter((r) => r.person_id === p.id);
    return { id: p.id, name: p.name, role: p.role, courses: mine.length, hours: mine.reduce((n, r) => n + Number(r.hours), 0), due, overdue: due.filter((d) => d.overdue) };
  });
  return rows.sort((a, b) => Number(b.overdue.length > 0) - Number(a.overdue.length > 0) || a.name.localeCompare(b.name));
}

export function requestsOf(trx: Trx, personId?: string, status?: 'open') {
  let q = trx
    .selectFrom('training_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.person_id', 'p.name as person_name', 'r.course', 'r.reason', 'r.status', 'r.created_at', 'r.closed_at'])
    .orderBy('r.created_at', 'desc');
  if (personId) q = q.where('r.person_id', '=', personId);
  if (status) q = q.where('r.status', '=', status);
  return q.execute();
}

/** The people a record may be for: officers and councillors in term. */
export const recordablePeople = (trx: Trx, today: string) => peopleInScope(trx, today);

export async function addRequirement(trx: Trx, council: Council, by: Principal, input: RequirementInput, now: Date) {
  const row = await trx
    .insertInto('training_requirements')
    .values({ council_id: by.councilId, course: input.course, applies_to: input.appliesTo, within_days: input.withinDays })
    .returning(['id', 'course', 'applies_to', 'within_days'])
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'training.requirement_added', entityType: 'training_requirement', entityId: row.id, data: { ...input } });
  const today = londonDate(now);
  const people = await peopleInScope(trx, today);
  await scheduleTrainingReminders(trx, council, people.flatMap((p) => dueFor(p, [row], new Set(), today).map((d) => ({ personId: p.id, ...d }))), now);
  return row;
}

export async function recordTraining(trx: Trx, by: Principal, input: RecordInput, today: string) {
  const people = await peopleInScope(trx, today);
  if (!people.some((p) => p.id === input.personId)) throw new InvalidInputError([{ field: 'personId', key: 'validation.invalid' }]);
  if (input.completedOn > today) throw new InvalidInputError([{ field: 'completedOn', key: 'training.error.future' }]);
  if (input.certificateDocumentId && !(await trx.selectFrom('documents').select('id').where('id', '=', input.certificateDocumentId).executeTakeFirst()))
    throw new InvalidInputError([{ field: 'certificateDocumentId', key: 'training.error.certificate' }]);
  if (input.requirementId && !(await trx.selectFrom('training_requirements').select('id').where('id', '=', input.requirementId).executeTakeFirst()))
    throw new InvalidInputError([{ field: 'requirementId', key: 'validation.invalid' }]);
  const row = await trx
    .insertInto('training_records')
    .values({
      council_id: by.councilId,
      person_id: input.personId,
      course: input.course,
      provider: input.provider,
      completed_on: input.completedOn,
      hours: input.hours,
      certificate_document_id: input.certificateDocumentId,
      requirement_id: input.requirementId,
      recorded_by: by.personId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'training.recorded', entityType: 'training_record', entityId: row.id, data: { ...input } });
  return row;
}

/** A request for training goes to the Clerk's queue, and the Clerk is told by email. */
export async function requestTraining(trx: Trx, by: Principal, input: RequestInput, now: Date, tellClerk: (trx: Trx, request: { id: string; course: string }) => Promise<void>) {
  const row = await trx
    .insertInto('training_requests')
    .values({ council_id: by.councilId, person_id: by.personId, course: input.course, reason: input.reason, created_at: now })
    .returning(['id', 'course', 'status', 'created_at'])
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'training.requested', entityType: 'training_request', entityId: row.id, data: { course: input.course } });
  await tellClerk(trx, row);
  return row;
}

export async function answerRequest(trx: Trx, by: Principal, requestId: string, status: 'arranged' | 'declined', now: Date) {
  const updated = await trx.updateTable('training_requests').set({ status, closed_at: now, closed_by: by.personId }).where('id', '=', requestId).where('status', '=', 'open').returning(['id', 'course']).executeTakeFirst();
  if (!updated) throw new NotFoundError();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: `training.request_${status}`, entityType: 'training_request', entityId: requestId, data: {} });
  return updated;
}

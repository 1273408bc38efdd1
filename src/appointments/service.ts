import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import { findDocument, issueConfidential } from '../documents/service.js';
import type { Principal } from '../policy/principal.js';
import type { ClauseIndex } from '../policy/decide.js';
import type { TemplateSettings } from '../protocol/types.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { chosenId, id, optionalText, requiredText } from '../web/schemas.js';
import { addMonths } from '../training/plan.js';

export const DEFAULT_RETENTION_MONTHS = 6;

export const appointmentInput = z.object({
  title: labelled(requiredText(200).describe('The post, e.g. "Assistant Clerk"'), 'appointments.field.title'),
  resolutionId: labelled(chosenId('appointments.error.resolution').describe('The council’s recorded resolution to fill the post'), 'appointments.field.resolution', { blankIsMissing: true }),
  panelIds: labelled(z.array(id('validation.invalid')).min(1, 'appointments.error.panel').max(12).describe('The councillors the council named to the selection panel'), 'appointments.field.panel'),
});
export const candidateInput = z.object({
  name: labelled(requiredText(200), 'appointments.field.candidate'),
  paperDocumentId: labelled(id('validation.invalid').nullable().default(null).describe('The application, a confidential paper in the library; issued to the panel'), 'appointments.field.paper'),
});
export const scoreInput = z.object({
  candidateId: labelled(chosenId(), 'appointments.field.candidate', { blankIsMissing: true }),
  score: labelled(z.int('validation.number').min(0, 'validation.number').max(10, 'validation.number'), 'appointments.field.score'),
  comment: labelled(optionalText(2000), 'appointments.field.comment'),
});
export const outcomeInput = z.object({
  status: labelled(z.enum(['appointed', 'withdrawn'], 'validation.choose'), 'appointments.field.status', { blankIsMissing: true }),
  outcome: labelled(requiredText(2000), 'appointments.field.outcome'),
});

export function retentionMonths(settings: Pick<TemplateSettings, 'appointmentRetentionMonths'>): number {
  const m = settings.appointmentRetentionMonths;
  return Number.isInteger(m) && m! > 0 ? m! : DEFAULT_RETENTION_MONTHS;
}

export function listAppointments(trx: Trx) {
  return trx
    .selectFrom('appointments as a')
    .innerJoin('resolutions as r', 'r.id', 'a.resolution_id')
    .select(['a.id', 'a.title', 'a.status', 'a.outcome', 'a.decided_on', 'r.minute_number'])
    .orderBy('a.created_at', 'desc')
    .execute();
}

export async function findAppointment(trx: Trx, appointmentId: string) {
  const [a] = await trx
    .selectFrom('appointments as a')
    .innerJoin('resolutions as r', 'r.id', 'a.resolution_id')
    .select(['a.id', 'a.title', 'a.status', 'a.outcome', 'a.decided_on', 'r.minute_number', 'r.text as resolution_text'])
    .where('a.id', '=', appointmentId)
    .execute();
  if (!a) throw new NotFoundError();
  const panel = await trx.selectFrom('appointment_panel as p').innerJoin('people as c', 'c.id', 'p.person_id').select(['c.id', 'c.name']).where('p.appointment_id', '=', a.id).orderBy('c.name').execute();
  return { ...a, panel };
}

export const panelResource = (a: { panel: readonly { id: string }[] }) => ({ kind: 'selection_panel' as const, memberIds: a.panel.map((p) => p.id) });

/** Candidates, their papers and every score: for the panel and the Clerk only (the route decides). */
export async function candidatesOf(trx: Trx, appointmentId: string) {
  const candidates = await trx
    .selectFrom('appointment_candidates as c')
    .leftJoin('documents as d', 'd.id', 'c.paper_document_id')
    .select(['c.id', 'c.name', 'c.paper_document_id', 'd.title as paper_title'])
    .where('c.appointment_id', '=', appointmentId)
    .orderBy('c.name')
    .execute();
  const scores = candidates.length
    ? await trx.selectFrom('appointment_scores as s').innerJoin('people as p', 'p.id', 's.scorer_id').select(['s.candidate_id', 's.score', 's.comment', 'p.name as scorer']).where('s.candidate_id', 'in', candidates.map((c) => c.id)).orderBy('s.created_at').execute()
    : [];
  return candidates.map((c) => ({ ...c, scores: scores.filter((s) => s.candidate_id === c.id) }));
}

/** Refused attempts to see or score this appointment's candidates, from the audit log: for the Clerk. */
export async function refusedAttempts(trx: Trx, appointmentId: string) {
  const rows = await trx
    .selectFrom('audit_log as a')
    .leftJoin('people as p', 'p.id', 'a.actor_id')
    .select(['a.seq', 'a.at', 'a.data', 'p.name as person'])
    .where('a.action', '=', 'access.refused')
    .where('a.entity_id', '=', 'selection-panel')
    .orderBy('a.seq', 'desc')
    .limit(200)
    .execute();
  return rows.filter((r) => ((r.data ?? {}) as { path?: string }).path?.includes(appointmentId)).map((r) => ({ at: r.at, person: r.person ?? '', path: ((r.data ?? {}) as { path?: string }).path ?? '' }));
}

export async function createAppointment(trx: Trx, by: Principal, input: z.infer<typeof appointmentInput>, today: string) {
  const resolution = await trx.selectFrom('resolutions').select('id').where('id', '=', input.resolutionId).executeTakeFirst();
  if (!resolution) throw new InvalidInputError([{ field: 'resolutionId', key: 'appointments.error.resolution' }]);
  const councillors = await trx.selectFrom('people').select(['id', 'term_starts', 'term_ends']).where('role', '=', 'councillor').where('active', '=', true).where('id', 'in', input.panelIds).execute();
  const inTerm = councillors.filter((c) => (!c.term_starts || c.term_starts <= today) && (!c.term_ends || c.term_ends >= today));
  if (inTerm.length !== new Set(input.panelIds).size) throw new InvalidInputError([{ field: 'panelIds', key: 'validation.councillorOnly' }]);
  const row = await trx.insertInto('appointments').values({ council_id: by.councilId, title: input.title, resolution_id: resolution.id, decided_on: null, created_by: by.personId }).returning(['id', 'title']).executeTakeFirstOrThrow();
  for (const personId of new Set(input.panelIds)) await trx.insertInto('appointment_panel').values({ council_id: by.councilId, appointment_id: row.id, person_id: personId }).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'appointment.opened', entityType: 'appointment', entityId: row.id, data: { ...input } });
  return row;
}

/** A candidate; their papers are a confidential document, issued to the panel as any confidential paper is. */
export async function addCandidate(trx: Trx, by: Principal, clauses: ClauseIndex, today: string, appointmentId: string, input: z.infer<typeof candidateInput>) {
  const appointment = await findAppointment(trx, appointmentId);
  if (input.paperDocumentId) {
    const doc = await findDocument(trx, input.paperDocumentId);
    if (!doc || doc.classification !== 'confidential') throw new InvalidInputError([{ field: 'paperDocumentId', key: 'appointments.error.paper' }]);
    await issueConfidential(trx, by, clauses, today, doc, appointment.panel.map((p) => p.id));
  }
  const row = await trx.insertInto('appointment_candidates').values({ council_id: by.councilId, appointment_id: appointment.id, name: input.name, paper_document_id: input.paperDocumentId }).returning(['id', 'name']).executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'appointment.candidate_added', entityType: 'appointment', entityId: appointment.id, data: { candidateId: row.id } });
  return row;
}

export async function scoreCandidate(trx: Trx, by: Principal, appointmentId: string, input: z.infer<typeof scoreInput>) {
  const candidate = await trx.selectFrom('appointment_candidates').select('id').where('id', '=', input.candidateId).where('appointment_id', '=', appointmentId).executeTakeFirst();
  if (!candidate) throw new InvalidInputError([{ field: 'candidateId', key: 'validation.invalid' }]);
  await trx.insertInto('appointment_scores').values({ council_id: by.councilId, candidate_id: candidate.id, scorer_id: by.personId, score: input.score, comment: input.comment }).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'appointment.scored', entityType: 'appointment', entityId: appointmentId, data: { candidateId: candidate.id } });
}

export async function recordOutcome(trx: Trx, by: Principal, appointmentId: string, input: z.infer<typeof outcomeInput>, today: string) {
  await findAppointment(trx, appointmentId);
  await trx.updateTable('appointments').set({ status: input.status, outcome: input.outcome, decided_on: today }).where('id', '=', appointmentId).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'appointment.decided', entityType: 'appointment', entityId: appointmentId, data: { status: input.status } });
}

/** The date until which an appointment's candidates, scores and papers are kept. */
export const keptUntil = (decidedOn: string | null, months: number) => (decidedOn ? addMonths(decidedOn, months) : null);

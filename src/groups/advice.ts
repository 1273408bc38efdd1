import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import type { OfficerReportResource } from '../policy/rules.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { id, requiredText } from '../web/schemas.js';

/** An officer's report to the council or a committee, with the officer's recommendation. */
export const officerReportInput = z.object({
  title: labelled(requiredText(200), 'officerReports.field.title'),
  agendaItemId: labelled(id('validation.choose').nullable().default(null).describe('The agenda item it is the paper for, if it is on an agenda'), 'officerReports.field.agendaItem', { blankIsMissing: true }),
  body: labelled(requiredText(50000).describe('The report'), 'officerReports.field.body'),
  recommendation: labelled(requiredText(5000).describe('The officer’s recommendation: the officer’s own'), 'officerReports.field.recommendation'),
});
export type OfficerReportInput = z.infer<typeof officerReportInput>;

export const viewInput = z.object({ body: labelled(requiredText(5000).describe('The councillor’s view, recorded under their name'), 'officerReports.field.view') });

const reports = (trx: Trx) =>
  trx
    .selectFrom('officer_reports as r')
    .innerJoin('people as a', 'a.id', 'r.author_id')
    .leftJoin('agenda_items as i', 'i.id', 'r.agenda_item_id')
    .selectAll('r')
    .select(['a.name as author_name', 'i.title as agenda_item_title']);
export type OfficerReportRow = Awaited<ReturnType<ReturnType<typeof reports>['executeTakeFirstOrThrow']>>;

export function listOfficerReports(trx: Trx) {
  return reports(trx).orderBy('r.issued_at', 'desc').limit(500).execute();
}

export async function getOfficerReport(trx: Trx, reportId: string) {
  const report = await reports(trx).where('r.id', '=', reportId).executeTakeFirst();
  if (!report) throw new NotFoundError();
  const versions = await trx
    .selectFrom('officer_report_versions as v')
    .innerJoin('people as p', 'p.id', 'v.changed_by')
    .select(['v.version', 'v.title', 'v.body', 'v.recommendation', 'v.changed_by', 'v.changed_at', 'p.name as changed_by_name'])
    .where('v.report_id', '=', reportId)
    .orderBy('v.version')
    .execute();
  const views = await trx
    .selectFrom('officer_report_views as w')
    .innerJoin('people as p', 'p.id', 'w.councillor_id')
    .select(['w.id', 'w.body', 'w.created_at', 'w.councillor_id', 'p.name as councillor_name'])
    .where('w.report_id', '=', reportId)
    .orderBy('w.created_at')
    .execute();
  // Each version says whether it changed the recommendation, so the history shows who did.
  const history = versions.map((v, i) => ({ ...v, recommendationChanged: i > 0 && v.recommendation !== versions[i - 1]!.recommendation }));
  return { report, versions: history, views };
}

/** The report as the rules see it: whose recommendation it is. */
export function officerReportResource(report: { author_id: string }): OfficerReportResource {
  return { kind: 'officer_report', authorId: report.author_id };
}

/** Agenda items of meetings to come, to attach a report to as its paper. */
export function agendaItemsToCome(trx: Trx, today: string) {
  return trx
    .selectFrom('agenda_items as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .select(['i.id', 'i.title', 'm.meeting_date'])
    .where('m.meeting_date', '>=', today)
    .orderBy('m.meeting_date')
    .orderBy('i.position')
    .limit(200)
    .execute();
}

async function checkAgendaItem(trx: Trx, agendaItemId: string | null): Promise<void> {
  if (!agendaItemId) return;
  const item = await trx.selectFrom('agenda_items').select('id').where('id', '=', agendaItemId).executeTakeFirst();
  if (!item) throw new InvalidInputError([{ field: 'agendaItemId', key: 'officerReports.error.agendaItem' }]);
}

async function keepVersion(trx: Trx, councilId: string, reportId: string, version: number, input: OfficerReportInput, by: Principal, now: Date) {
  await trx
    .insertInto('officer_report_versions')
    .values({ council_id: councilId, report_id: reportId, version, title: input.title, body: input.body, recommendation: input.recommendation, changed_by: by.personId, changed_at: now })
    .execute();
}

export async function writeOfficerReport(trx: Trx, by: Principal, input: OfficerReportInput, now: Date) {
  await checkAgendaItem(trx, input.agendaItemId);
  const row = await trx
    .insertInto('officer_reports')
    .values({ council_id: by.councilId, author_id: by.personId, agenda_item_id: input.agendaItemId, title: input.title, body: input.body, recommendation: input.recommendation, version: 1, issued_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await keepVersion(trx, by.councilId, row.id, 1, input, by, now);
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'officer_report.issued', entityType: 'officer_report', entityId: row.id, data: input });
  return getOfficerReport(trx, row.id);
}

/** A new version by its author (the rules have checked): the earlier ones are kept. */
export async function reviseOfficerReport(trx: Trx, by: Principal, reportId: string, input: OfficerReportInput, now: Date) {
  await checkAgendaItem(trx, input.agendaItemId);
  const current = await trx.selectFrom('officer_reports').select(['version', 'recommendation']).where('id', '=', reportId).forUpdate().executeTakeFirst();
  if (!current) throw new NotFoundError();
  const version = current.version + 1;
  await trx
    .updateTable('officer_reports')
    .set({ title: input.title, body: input.body, recommendation: input.recommendation, agenda_item_id: input.agendaItemId, version, updated_at: now })
    .where('id', '=', reportId)
    .execute();
  await keepVersion(trx, by.councilId, reportId, version, input, by, now);
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'officer_report.revised',
    entityType: 'officer_report',
    entityId: reportId,
    data: { version, recommendationChanged: current.recommendation !== input.recommendation },
  });
  return getOfficerReport(trx, reportId);
}

/** A councillor's view, beside the report and apart from the recommendation. */
export async function recordView(trx: Trx, by: Principal, reportId: string, body: string, now: Date) {
  const report = await trx.selectFrom('officer_reports').select('id').where('id', '=', reportId).executeTakeFirst();
  if (!report) throw new NotFoundError();
  await trx.insertInto('officer_report_views').values({ council_id: by.councilId, report_id: reportId, councillor_id: by.personId, body, created_at: now }).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'officer_report.view_recorded', entityType: 'officer_report', entityId: reportId, data: { body } });
  return getOfficerReport(trx, reportId);
}

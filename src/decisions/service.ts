import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import type { Translate } from '../i18n/messages.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { id, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';
import { bodyName, type MeetingRow } from '../meetings/service.js';
import { longDate } from '../web/render.js';
import type { TemplateSettings } from '../protocol/types.js';

export const resolutionInput = z.object({
  agendaItemId: labelled(id('decisions.error.itemUnknown').nullable().default(null).describe('The agenda item the resolution was made under, if any'), 'decisions.field.agendaItem'),
  minuteNumber: labelled(requiredText(40).describe('The minute number the council gives the resolution, e.g. "26/114"'), 'decisions.field.minuteNumber'),
  text: labelled(requiredText(10_000).describe('The resolution, as minuted'), 'decisions.field.text'),
});
export type ResolutionInput = z.infer<typeof resolutionInput>;

/** The officers the Clerk asks to record resolutions too (the Clerk always may). */
export const recordersInput = z.object({ recorders: z.array(id('validation.officerOnly')).max(100).default([]) });

/** Resolutions with the meeting that made them, newest meeting first. */
export function listResolutions(trx: Trx, options: { meetingId?: string; id?: string } = {}) {
  let q = trx
    .selectFrom('resolutions as r')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .leftJoin('committees as c', 'c.id', 'm.committee_id')
    .leftJoin('agenda_items as i', 'i.id', 'r.agenda_item_id')
    .select((eb) => [
      'r.id',
      'r.minute_number',
      'r.text',
      'r.meeting_id',
      'r.agenda_item_id',
      'r.recorded_at',
      'm.meeting_date',
      'm.committee_id',
      'c.name as committee_name',
      'i.title as item_title',
      eb.fn.coalesce('i.confidential', eb.lit(false)).as('confidential'),
      eb.selectFrom('officer_tasks as t').select((e) => e.fn.countAll<string>().as('n')).whereRef('t.resolution_id', '=', 'r.id').as('action_count'),
    ]);
  if (options.meetingId) q = q.where('r.meeting_id', '=', options.meetingId);
  if (options.id) q = q.where('r.id', '=', options.id);
  return q.orderBy('m.meeting_date', 'desc').orderBy('r.minute_number').execute();
}
export type ResolutionRow = Awaited<ReturnType<typeof listResolutions>>[number];

export async function findResolution(trx: Trx, resolutionId: string): Promise<ResolutionRow> {
  const [row] = await listResolutions(trx, { id: resolutionId });
  if (!row) throw new NotFoundError();
  return row;
}

/** How a task cites the resolution it carries out: "Minute 26/114, Full Council, 12 November 2026". */
export function citation(r: Pick<ResolutionRow, 'minute_number' | 'committee_name' | 'meeting_date'>, t: Translate): string {
  return t('decisions.citation', { minute: r.minute_number, body: bodyName(r, t), date: longDate(r.meeting_date, t.locale) });
}

/**
 * Record a resolution against the meeting that made it. A meeting that has not yet taken
 * place has made no decisions; an agenda item must be one of that meeting's.
 */
export async function recordResolution(trx: Trx, by: Principal, meeting: MeetingRow, input: ResolutionInput, today: string) {
  if (meeting.meeting_date > today) throw new InvalidInputError([{ field: 'meetingId', key: 'decisions.error.notYetHeld' }]);
  if (input.agendaItemId) {
    const item = await trx.selectFrom('agenda_items').select('id').where('id', '=', input.agendaItemId).where('meeting_id', '=', meeting.id).executeTakeFirst();
    if (!item) throw new InvalidInputError([{ field: 'agendaItemId', key: 'decisions.error.itemUnknown' }]);
  }
  const taken = await trx.selectFrom('resolutions').select('id').where('minute_number', '=', input.minuteNumber).executeTakeFirst();
  if (taken) throw new InvalidInputError([{ field: 'minuteNumber', key: 'decisions.error.minuteTaken', vars: { minute: input.minuteNumber } }]);
  const row = await trx
    .insertInto('resolutions')
    .values({ council_id: by.councilId, meeting_id: meeting.id, agenda_item_id: input.agendaItemId, minute_number: input.minuteNumber, text: input.text, recorded_by: by.personId })
    .returning(['id', 'minute_number', 'text', 'meeting_id', 'agenda_item_id', 'recorded_at'])
    .executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'resolution.recorded',
    entityType: 'resolution',
    entityId: row.id,
    data: { meetingId: meeting.id, minuteNumber: input.minuteNumber },
  });
  return row;
}

/** The actions a resolution gave rise to, with their officers. */
export function actionsOf(trx: Trx, resolutionId: string) {
  return trx
    .selectFrom('officer_tasks as t')
    .innerJoin('people as p', 'p.id', 't.assigned_to')
    .select(['t.id', 't.reference', 't.title', 't.status', 't.due_on', 't.done_at', 'p.name as officer_name', 'p.role as officer_role', 'p.job_title as officer_job_title'])
    .where('t.resolution_id', '=', resolutionId)
    .orderBy('t.reference')
    .execute();
}

/** Officers the Clerk has asked to record resolutions too (a council setting; the Clerk always may). */
export function decisionRecorders(settings: Pick<TemplateSettings, 'decisionRecorders'>): readonly string[] {
  return Array.isArray(settings.decisionRecorders) ? settings.decisionRecorders.filter((x) => typeof x === 'string') : [];
}


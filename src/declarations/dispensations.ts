import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import type { TemplateSettings } from '../protocol/types.js';
import type { Principal } from '../policy/principal.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../calendar/dates.js';
import { londonInstant } from '../calendar/london.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { activeClerks, councilForJob, queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { DomainError, InvalidInputError, NotFoundError, type FieldProblem } from '../web/errors.js';
import { labelled } from '../web/form.js';
import type { Translate, Vars } from '../i18n/messages.js';
import { id, isoDate, optionalText, requiredText } from '../web/schemas.js';

/** The grounds on which a dispensation may be granted (Localism Act 2011 s.33(2)(a)–(e)). */
export const GROUNDS = ['a', 'b', 'c', 'd', 'e'] as const;
export const COVERS = ['speaking', 'voting', 'both'] as const;
/** A dispensation's period may not exceed four years (s.33(3)). */
export const MAX_YEARS = 4;
/** Days before a dispensation ends that the member and the Clerk are reminded. */
export const REMIND_DAYS_BEFORE = 28;

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 February goes to 28 February in a year that has none.
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The last day a period starting on `from` may run to: the day before its fourth anniversary. */
export const latestEnd = (from: string) => addDays(addYears(from, MAX_YEARS), -1);

/** The problems with a period, both ends given: an end before its start, or longer than four years. */
/** A dispensation's dates are this century's or the next: a year such as 0026 is a typing slip, and JavaScript's dates misread years below 100. */
const plausible = (iso: string) => iso >= '1900-01-01' && iso <= '2199-12-31';

function periodProblems(from: string, until: string, fields: { from: string; until: string }): FieldProblem[] {
  if (!plausible(from)) return [{ field: fields.from, key: 'validation.date' }];
  if (!plausible(until)) return [{ field: fields.until, key: 'validation.date' }];
  if (until < from) return [{ field: fields.until, key: 'dispensations.error.endBeforeStart' }];
  if (until > latestEnd(from)) return [{ field: fields.until, key: 'dispensations.error.fourYears', vars: { latest: { date: latestEnd(from) } } }];
  return [];
}

export const dispensationRequestInput = z.object({
  ground: labelled(z.enum(GROUNDS, 'validation.choose').describe('The ground of Localism Act 2011 s.33(2), (a) to (e)'), 'dispensations.field.ground', { blankIsMissing: true }),
  reasons: labelled(requiredText(4000).describe('Why the dispensation is needed, on that ground'), 'dispensations.field.reasons'),
  covers: labelled(z.enum(COVERS, 'validation.choose').describe('Taking part in the discussion, voting, or both'), 'dispensations.field.covers', { blankIsMissing: true }),
  matterIds: labelled(z.array(id('validation.invalid')).max(50).default([]).describe('The council matters it is for'), 'dispensations.field.matters'),
  itemIds: labelled(z.array(id('validation.invalid')).max(50).default([]).describe('The agenda items it is for'), 'dispensations.field.items'),
  from: labelled(isoDate.describe('The first day asked for'), 'dispensations.field.from'),
  until: labelled(isoDate.describe('The last day asked for: at most four years on (s.33(3))'), 'dispensations.field.until'),
});
export type DispensationRequestInput = z.infer<typeof dispensationRequestInput>;

export const dispensationDecisionInput = z.object({
  outcome: labelled(z.enum(['granted', 'refused'], 'validation.choose'), 'dispensations.field.outcome', { blankIsMissing: true }),
  decidedBy: labelled(z.enum(['council', 'clerk'], 'validation.choose').describe('"council": by the council’s resolution; "clerk": by the Clerk, where the council has delegated it'), 'dispensations.field.decidedBy', { blankIsMissing: true }),
  resolutionId: labelled(id('validation.invalid').nullable().default(null).describe('The resolution that decided it, when recorded in Concord'), 'dispensations.field.resolution'),
  reference: labelled(optionalText(300).describe('Otherwise, a reference to the resolution (minute number and date)'), 'dispensations.field.reference'),
  from: labelled(isoDate.optional().describe('Granted: the first day'), 'dispensations.field.grantedFrom'),
  until: labelled(isoDate.optional().describe('Granted: the last day, at most four years on (s.33(3))'), 'dispensations.field.grantedUntil'),
});
export type DispensationDecisionInput = z.infer<typeof dispensationDecisionInput>;

export const delegationInput = z.object({
  delegated: labelled(z.boolean().default(false).describe('Whether the council has delegated deciding dispensations to the Clerk'), 'dispensations.field.delegated'),
  resolutionId: labelled(id('validation.invalid').nullable().default(null).describe('Delegated: the resolution that did so, when recorded in Concord'), 'dispensations.field.delegationResolution'),
  reference: labelled(optionalText(300).describe('Delegated: otherwise, a reference to that resolution (minute number and date)'), 'dispensations.field.reference'),
});
export type DelegationInput = z.infer<typeof delegationInput>;

/**
 * What is wrong with the council's resolution named by `resolutionId` (one recorded in Concord)
 * or `reference` (a reference to one): neither given (`missingKey`), or an id of no resolution.
 */
async function resolutionProblems(trx: Trx, input: { resolutionId: string | null; reference: string }, missingKey: string): Promise<FieldProblem[]> {
  if (!input.resolutionId) return input.reference === '' ? [{ field: 'reference', key: missingKey }] : [];
  const found = await trx.selectFrom('resolutions').select('id').where('id', '=', input.resolutionId).executeTakeFirst();
  return found ? [] : [{ field: 'resolutionId', key: 'dispensations.error.resolutionUnknown' }];
}

/**
 * The council's delegation of dispensations to the Clerk, or its ending. A council delegates
 * a function only by resolution (Local Government Act 1972 s.101), so a delegation names the
 * resolution: one recorded in Concord, or a reference to it.
 */
export async function setDelegation(trx: Trx, by: Principal, councilId: string, input: DelegationInput): Promise<void> {
  if (input.delegated) {
    const problems = await resolutionProblems(trx, input, 'dispensations.error.delegationResolution');
    if (problems.length) throw new InvalidInputError(problems);
  }
  const current = await trx.selectFrom('councils').select('settings').where('id', '=', councilId).executeTakeFirstOrThrow();
  const { dispensationsDelegation: _ended, ...rest } = current.settings;
  const settings: Partial<TemplateSettings> = input.delegated
    ? { ...rest, dispensationsDelegated: true, dispensationsDelegation: { resolutionId: input.resolutionId, reference: input.reference } }
    : { ...rest, dispensationsDelegated: false };
  await trx.updateTable('councils').set({ settings: JSON.stringify(settings) }).where('id', '=', councilId).execute();
  await audit(trx, { councilId, actorId: by.personId, action: 'council.dispensations_delegated', entityType: 'council', entityId: councilId, data: input });
}

/** The resolution that delegated dispensations to the Clerk, in words: its minute and date, or the reference given. */
export function delegationText(
  t: Translate,
  settings: Pick<TemplateSettings, 'dispensationsDelegated' | 'dispensationsDelegation'>,
  resolutions: readonly { id: string; minute_number: string; meeting_date: string }[],
  dateText: (date: string) => string,
): string | undefined {
  const delegation = isDelegated(settings) ? settings.dispensationsDelegation : undefined;
  if (!delegation) return undefined;
  const resolution = delegation.resolutionId ? resolutions.find((r) => r.id === delegation.resolutionId) : undefined;
  return resolution ? t('dispensations.resolution', { minute: resolution.minute_number, date: dateText(resolution.meeting_date) }) : delegation.reference || undefined;
}

/**
 * Whether the Clerk may decide dispensations: only under a delegation that names the council's
 * resolution, since a council delegates only by resolution (Local Government Act 1972 s.101).
 */
export const isDelegated = (settings: Pick<TemplateSettings, 'dispensationsDelegated' | 'dispensationsDelegation'>) => settings.dispensationsDelegated === true && settings.dispensationsDelegation !== undefined;

/** A delegation saved before Concord asked for its resolution: not in force until the resolution is recorded. */
export const delegationUnrecorded = (settings: Pick<TemplateSettings, 'dispensationsDelegated' | 'dispensationsDelegation'>) => settings.dispensationsDelegated === true && settings.dispensationsDelegation === undefined;

async function checkCovered(trx: Trx, matterIds: readonly string[], itemIds: readonly string[]): Promise<void> {
  const problems: FieldProblem[] = [];
  if (matterIds.length === 0 && itemIds.length === 0) problems.push({ field: 'matterIds', key: 'dispensations.error.coversNothing' });
  if (matterIds.length) {
    const found = await trx.selectFrom('matters').select('id').where('id', 'in', matterIds).execute();
    if (found.length !== new Set(matterIds).size) problems.push({ field: 'matterIds', key: 'documents.error.matterUnknown' });
  }
  if (itemIds.length) {
    // Items of agendas issued: a draft agenda is not public, and the register of dispensations is.
    const found = await trx.selectFrom('agenda_items as a').innerJoin('meetings as m', 'm.id', 'a.meeting_id').select('a.id').where('a.id', 'in', itemIds).where('m.summons_issued_on', 'is not', null).execute();
    if (found.length !== new Set(itemIds).size) problems.push({ field: 'itemIds', key: 'dispensations.error.itemUnknown' });
  }
  if (problems.length) throw new InvalidInputError(problems);
}

/** A councillor's written request to the proper officer (s.33(1)); the Clerk is told by email. */
export async function requestDispensation(trx: Trx, by: Principal, council: Council, input: DispensationRequestInput, today: string, textFor: RecipientTranslator): Promise<string> {
  const period = periodProblems(input.from, input.until, { from: 'from', until: 'until' });
  if (period.length) throw new InvalidInputError(period);
  await checkCovered(trx, input.matterIds, input.itemIds);
  const row = await trx
    .insertInto('dispensations')
    .values({
      council_id: by.councilId,
      person_id: by.personId,
      ground: input.ground,
      reasons: input.reasons,
      covers: input.covers,
      asked_from: input.from,
      asked_until: input.until,
      requested_on: today,
      requested_by: by.personId,
      decided_by_kind: null,
      resolution_id: null,
      granted_from: null,
      granted_until: null,
      decided_on: null,
      decided_by: null,
      reminded_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const matterId of new Set(input.matterIds)) await trx.insertInto('dispensation_matters').values({ council_id: by.councilId, dispensation_id: row.id, matter_id: matterId }).execute();
  for (const itemId of new Set(input.itemIds)) await trx.insertInto('dispensation_items').values({ council_id: by.councilId, dispensation_id: row.id, agenda_item_id: itemId }).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'dispensation.requested', entityType: 'dispensation', entityId: row.id, data: { ground: input.ground, covers: input.covers, from: input.from, until: input.until } });
  for (const clerk of await activeClerks(trx)) {
    const t = textFor(clerk);
    const vars = { name: by.name, ground: t(`dispensations.ground.short.${input.ground}`) };
    await queueEmail(trx, council.id, { to: clerk, subject: t('dispensations.email.requested.subject', vars), body: t('dispensations.email.requested.body', vars), link: textFor.link(`/declarations/dispensations/${row.id}`) });
  }
  return row.id;
}

export interface DispensationRecord {
  id: string;
  personId: string;
  personName: string;
  ground: (typeof GROUNDS)[number];
  reasons: string;
  covers: (typeof COVERS)[number];
  askedFrom: string;
  askedUntil: string;
  requestedOn: string;
  status: 'requested' | 'granted' | 'refused';
  decidedBy: 'council' | 'clerk' | null;
  resolutionId: string | null;
  reference: string;
  grantedFrom: string | null;
  grantedUntil: string | null;
  decidedOn: string | null;
  matters: { id: string; title: string }[];
  items: { id: string; title: string; meetingId: string; meetingDate: string; matterId: string | null }[];
}

/** How many requests wait for a decision: one statement, for the Clerk's home page. */
export async function countRequested(trx: Trx): Promise<number> {
  const row = await trx.selectFrom('dispensations').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'requested').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Dispensations, newest request first; of one person, or one. */
export async function listDispensations(trx: Trx, options: { personId?: string; id?: string; status?: 'granted' } = {}): Promise<DispensationRecord[]> {
  let q = trx
    .selectFrom('dispensations as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .selectAll('d')
    .select('p.name as person_name')
    .orderBy('d.requested_on', 'desc')
    .orderBy('d.created_at', 'desc');
  if (options.personId) q = q.where('d.person_id', '=', options.personId);
  if (options.id) q = q.where('d.id', '=', options.id);
  if (options.status) q = q.where('d.status', '=', options.status);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const [matters, items] = ids.length
    ? await Promise.all([
        trx.selectFrom('dispensation_matters as dm').innerJoin('matters as m', 'm.id', 'dm.matter_id').select(['dm.dispensation_id', 'm.id', 'm.title']).where('dm.dispensation_id', 'in', ids).orderBy('m.title').execute(),
        trx
          .selectFrom('dispensation_items as di')
          .innerJoin('agenda_items as a', 'a.id', 'di.agenda_item_id')
          .innerJoin('meetings as mt', 'mt.id', 'a.meeting_id')
          .select(['di.dispensation_id', 'a.id', 'a.title', 'a.meeting_id', 'a.matter_id', 'mt.meeting_date'])
          .where('di.dispensation_id', 'in', ids)
          .orderBy('mt.meeting_date')
          .orderBy('a.position')
          .execute(),
      ])
    : [[], []];
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    ground: r.ground,
    reasons: r.reasons,
    covers: r.covers,
    askedFrom: r.asked_from,
    askedUntil: r.asked_until,
    requestedOn: r.requested_on,
    status: r.status,
    decidedBy: r.decided_by_kind,
    resolutionId: r.resolution_id,
    reference: r.decision_reference,
    grantedFrom: r.granted_from,
    grantedUntil: r.granted_until,
    decidedOn: r.decided_on,
    matters: matters.filter((m) => m.dispensation_id === r.id).map((m) => ({ id: m.id, title: m.title })),
    items: items.filter((i) => i.dispensation_id === r.id).map((i) => ({ id: i.id, title: i.title, meetingId: i.meeting_id, meetingDate: i.meeting_date, matterId: i.matter_id })),
  }));
}

export async function findDispensation(trx: Trx, dispensationId: string): Promise<DispensationRecord> {
  const [row] = await listDispensations(trx, { id: dispensationId });
  if (!row) throw new NotFoundError();
  return row;
}

/** Whether a dispensation is granted and runs on `day`. */
export const currentOn = (d: Pick<DispensationRecord, 'status' | 'grantedFrom' | 'grantedUntil'>, day: string) => d.status === 'granted' && d.grantedFrom !== null && d.grantedUntil !== null && d.grantedFrom <= day && day <= d.grantedUntil;

/** Whether it covers an agenda item: the item itself, or the item's matter. */
export const coversItem = (d: Pick<DispensationRecord, 'matters' | 'items'>, item: { id: string; matter_id: string | null }) =>
  d.items.some((i) => i.id === item.id) || (item.matter_id !== null && d.matters.some((m) => m.id === item.matter_id));

/**
 * The Clerk records the decision: granted or refused, by the council's resolution (one
 * recorded in Concord, or a reference to it) or by the Clerk where the council has delegated
 * it; a grant states its period, at most four years (s.33(3)). The member is told by email,
 * and a grant queues the reminder before it ends.
 */
export async function decideDispensation(
  trx: Trx,
  by: Principal,
  council: Council,
  dispensation: DispensationRecord,
  input: DispensationDecisionInput,
  options: { today: string; textFor: RecipientTranslator },
): Promise<void> {
  if (dispensation.status !== 'requested') throw new DomainError('dispensation_decided', 'dispensations.error.decided', {}, { status: 409 });
  const problems: FieldProblem[] = [];
  if (input.decidedBy === 'clerk' && !isDelegated(council.settings)) problems.push({ field: 'decidedBy', key: delegationUnrecorded(council.settings) ? 'dispensations.error.delegationUnrecorded' : 'dispensations.error.notDelegated' });
  if (input.decidedBy === 'council' || input.resolutionId) problems.push(...(await resolutionProblems(trx, input, 'dispensations.error.resolution')));
  if (input.outcome === 'granted') {
    if (!input.from) problems.push({ field: 'from', key: 'dispensations.error.periodNeeded' });
    if (!input.until) problems.push({ field: 'until', key: 'dispensations.error.periodNeeded' });
    if (input.from && input.until) problems.push(...periodProblems(input.from, input.until, { from: 'from', until: 'until' }));
  }
  if (problems.length) throw new InvalidInputError(problems);
  const granted = input.outcome === 'granted';
  const decided = await trx
    .updateTable('dispensations')
    .set({
      status: input.outcome,
      decided_by_kind: input.decidedBy,
      resolution_id: input.resolutionId,
      decision_reference: input.reference,
      granted_from: granted ? input.from! : null,
      granted_until: granted ? input.until! : null,
      decided_on: options.today,
      decided_by: by.personId,
    })
    .where('id', '=', dispensation.id)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  // Decided by someone else since it was read (a second click, a colleague): one decision stands.
  if (Number(decided.numUpdatedRows) === 0) throw new DomainError('dispensation_decided', 'dispensations.error.decided', {}, { status: 409 });
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: `dispensation.${input.outcome}`,
    entityType: 'dispensation',
    entityId: dispensation.id,
    data: { personId: dispensation.personId, decidedBy: input.decidedBy, resolutionId: input.resolutionId, reference: input.reference, ...(granted ? { from: input.from, until: input.until } : {}) },
  });
  const member = await trx.selectFrom('people').select(['id', 'email']).where('id', '=', dispensation.personId).executeTakeFirstOrThrow();
  const t = options.textFor(member);
  const vars: Vars = granted ? { from: { date: input.from! }, until: { date: input.until! } } : {};
  await queueEmail(trx, council.id, {
    to: member,
    subject: t(`dispensations.email.${input.outcome}.subject`),
    body: t(`dispensations.email.${input.outcome}.body`, vars),
    link: options.textFor.link(`/declarations/dispensations/${dispensation.id}`),
  });
  if (granted) {
    const remindOn = addDays(input.until!, -REMIND_DAYS_BEFORE);
    const runAt = remindOn > options.today ? londonInstant(remindOn, council.settings.officeHours?.opens ?? '09:00') : undefined;
    await enqueueJob(trx, remindOfDispensationEnd, { councilId: council.id, payload: { dispensationId: dispensation.id, until: input.until! }, runAt });
  }
}

/**
 * Before a dispensation ends (28 days, or at once if granted for less): the member and the
 * Clerk are reminded, so a new one can be asked for and decided in time. Sent once for each
 * end date; nothing is sent for a dispensation no longer granted to that date.
 */
export const remindOfDispensationEnd = defineJob({
  kind: 'dispensation.remind_end',
  payload: z.object({ dispensationId: z.string(), until: z.string() }),
  async run(trx, { dispensationId, until }, ctx) {
    const row = await trx.selectFrom('dispensations').select(['id', 'person_id', 'status', 'granted_until', 'reminded_on']).where('id', '=', dispensationId).forUpdate().executeTakeFirst();
    if (!row || row.status !== 'granted' || row.granted_until !== until || row.reminded_on === until) return;
    const { council, textFor } = await councilForJob(trx, ctx);
    const member = await trx.selectFrom('people').select(['id', 'email', 'name']).where('id', '=', row.person_id).executeTakeFirstOrThrow();
    for (const to of [member, ...(await activeClerks(trx))]) {
      const t = textFor(to);
      const vars = { name: member.name, until: { date: until } };
      await queueEmail(trx, council.id, { to, subject: t('dispensations.email.ending.subject', vars), body: t('dispensations.email.ending.body', vars), link: textFor.link(`/declarations/dispensations/${row.id}`) });
    }
    await trx.updateTable('dispensations').set({ reminded_on: until }).where('id', '=', row.id).execute();
  },
});

/** The public register of dispensations granted that have not ended (s.33; the council's transparency). */
export async function publicDispensations(trx: Trx, today: string) {
  const granted = (await listDispensations(trx, { status: 'granted' })).filter((d) => d.grantedUntil !== null && d.grantedUntil >= today);
  const sensitive = await sensitiveMattersOf(trx, granted.map((d) => d.personId));
  return granted.map((d) => {
    // The register of interests gives a sensitive interest's matters to nobody (s.32); naming
    // them here, beside the councillor's name, would tell what the interest is about.
    const hidden = sensitive.get(d.personId) ?? new Set<string>();
    const matters = d.matters.filter((m) => !hidden.has(m.id));
    const items = d.items.filter((i) => i.matterId === null || !hidden.has(i.matterId));
    return {
      id: d.id,
      councillor: d.personName,
      ground: d.ground,
      covers: d.covers,
      from: d.grantedFrom!,
      until: d.grantedUntil!,
      decidedBy: d.decidedBy!,
      reference: d.reference,
      matters: matters.map((m) => m.title),
      items: items.map((i) => ({ title: i.title, meetingDate: i.meetingDate })),
      detailsWithheld: matters.length < d.matters.length || items.length < d.items.length,
    };
  });
}

/** The matters of each person's sensitive interests, ended or not: what no public page may tie to them. */
async function sensitiveMattersOf(trx: Trx, personIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (personIds.length === 0) return out;
  const rows = await trx
    .selectFrom('interests as i')
    .innerJoin('interest_matters as im', 'im.interest_id', 'i.id')
    .select(['i.person_id', 'im.matter_id'])
    .where('i.sensitive', '=', true)
    .where('i.person_id', 'in', [...new Set(personIds)])
    .execute();
  for (const r of rows) out.set(r.person_id, (out.get(r.person_id) ?? new Set<string>()).add(r.matter_id));
  return out;
}

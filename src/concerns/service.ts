import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { CONCERN_ABOUT, ENTRY_KINDS, PROCEDURES, type ConcernAbout, type Stage } from '../db/schema-concerns.js';
import { audit } from '../audit/audit.js';
import { londonDate, type Principal } from '../policy/principal.js';
import type { ConcernCaseResource } from '../policy/rules.js';
import type { ConcernTimeLimits } from '../protocol/types.js';
import { DomainError, InvalidInputError, NotFoundError } from '../web/errors.js';
import { isoDate, optionalText, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { inRecipientsLanguages, queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { clerkConcernRecipients } from '../messages/service.js';
import { addWorkingDays, londonInstant, workingCalendar } from '../enquiries/working-days.js';

/** The time limits a council uses where it has set none: the ACAS guide's "about five working days" for each step. */
export const DEFAULT_TIME_LIMITS: ConcernTimeLimits = { informalReviewDays: 10, meetingDays: 5, outcomeDays: 5, appealDays: 5 };

export function timeLimits(council: Pick<Council, 'settings'>): ConcernTimeLimits {
  return { ...DEFAULT_TIME_LIMITS, ...council.settings.concernTimeLimits };
}

export const concernInput = z.object({
  aboutKind: labelled(z.enum(CONCERN_ABOUT.filter((k) => k !== 'employment') as ['councillor', 'officer', 'relationship'], 'validation.choose').describe('Who or what the concern is about'), 'concerns.field.aboutKind', { blankIsMissing: true }),
  aboutPersonId: labelled(z.union([z.literal(''), z.uuid('validation.invalid')]).default('').describe('The councillor or officer it is about; may be blank for the working relationship'), 'concerns.field.aboutPerson'),
  statement: labelled(requiredText(10000).describe('What happened, in the raiser’s words'), 'concerns.field.statement'),
});
export type ConcernInput = z.infer<typeof concernInput>;

export const passOnInput = z.object({
  officerId: labelled(z.uuid('validation.choose').describe('The officer who approached the councillor'), 'concerns.field.officer', { blankIsMissing: true }),
  summary: labelled(requiredText(5000).describe('What the officer raised about their own employment or budget'), 'concerns.field.summary'),
});
export type PassOnInput = z.infer<typeof passOnInput>;

export const entryInput = z.object({
  kind: labelled(z.enum(ENTRY_KINDS, 'validation.choose'), 'concerns.field.entryKind', { blankIsMissing: true }),
  occurredOn: labelled(isoDate.describe('When it happened'), 'concerns.field.occurredOn', { blankIsMissing: true }),
  contactId: labelled(z.union([z.literal(''), z.uuid('validation.invalid')]).default('').describe('For mediation or advice: the external contact asked'), 'concerns.field.contact'),
  body: labelled(requiredText(10000), 'concerns.field.body'),
});
export type EntryInput = z.infer<typeof entryInput>;

export const escalateInput = z.object({
  procedure: labelled(z.enum(PROCEDURES, 'validation.choose').describe('grievance (an officer’s) or disciplinary (about an employee)'), 'concerns.field.procedure', { blankIsMissing: true }),
});

export const stageInput = z.object({
  stage: labelled(z.enum(['meeting', 'appeal'], 'validation.choose'), 'concerns.field.stage', { blankIsMissing: true }),
  doneOn: labelled(isoDate.describe('The day it took place'), 'concerns.field.doneOn', { blankIsMissing: true }),
  companion: labelled(optionalText(200).describe('Who accompanied the employee (a colleague or a trade union representative), if anyone'), 'concerns.field.companion'),
  note: labelled(optionalText(5000), 'concerns.field.note'),
  panelIds: labelled(z.array(z.uuid('validation.invalid')).default([]).describe('Who heard it; for an appeal, no one involved before'), 'concerns.field.panel'),
});
export type StageInput = z.infer<typeof stageInput>;

export const decisionInput = z.object({
  decidedBy: labelled(z.enum(['committee', 'alone'], 'validation.choose').describe('"committee": a resolution of the personnel committee; "alone": one person’s decision, which the protocol refuses'), 'concerns.field.decidedBy', { blankIsMissing: true }),
  resolutionId: labelled(z.union([z.literal(''), z.uuid('validation.invalid')]).default('').describe('The committee’s resolution'), 'concerns.field.resolution'),
  outcome: labelled(requiredText(10000).describe('The written outcome, as the employee is told it'), 'concerns.field.outcome'),
});
export type DecisionInput = z.infer<typeof decisionInput>;

export const closeInput = z.object({ outcome: labelled(requiredText(10000).describe('The agreed outcome, as the person who raised it is told it'), 'concerns.field.outcome') });

interface Handler {
  id: string;
  name: string;
  email: string;
  office: string;
}

const activeClerks = (trx: Trx) => trx.selectFrom('people').select(['id', 'name', 'email']).where('role', '=', 'clerk').where('active', '=', true).execute();

/**
 * Where a concern goes, by the council's protocol: to the Clerk (I1.8, L5.4, B10.2.1); where it
 * concerns the Clerk, or the Clerk raises it, to the people the template names (Brackley: the
 * Mayor and the Chair of Finance). Never to the person it is about, nor back to its raiser.
 */
export async function routeConcern(trx: Trx, council: Pick<Council, 'settings'>, raisedBy: { id: string; role: string }, aboutPersonId: string | null, today: string): Promise<{ concernsClerk: boolean; handlers: Handler[] }> {
  const about = aboutPersonId ? await trx.selectFrom('people').select(['id', 'role']).where('id', '=', aboutPersonId).executeTakeFirst() : undefined;
  const concernsClerk = about?.role === 'clerk' || raisedBy.role === 'clerk';
  const all: Handler[] = concernsClerk
    ? (await clerkConcernRecipients(trx, council.settings.concernsAboutClerkGoTo ?? ['chair'], today)).map((r) => ({ ...r, office: r.office }))
    : (await activeClerks(trx)).map((c) => ({ ...c, office: 'roles.clerk' }));
  return { concernsClerk, handlers: all.filter((h) => h.id !== raisedBy.id && h.id !== aboutPersonId) };
}

/** Who to contact outside Concord when the routing leaves no one: the council's external contacts for advice and conduct. */
export function outsideContacts(trx: Trx) {
  return trx.selectFrom('external_contacts').select(['id', 'kind', 'name', 'organisation', 'email', 'phone']).where('kind', 'in', ['monitoring_officer', 'independent_person', 'county_association', 'ombudsman']).orderBy('kind').orderBy('name').execute();
}

/** People a concern may be about: councillors and officers of this council, the raiser apart. */
export function peopleToName(trx: Trx, by: Principal) {
  return trx.selectFrom('people').select(['id', 'name', 'role']).where('active', '=', true).where('id', '!=', by.personId).orderBy('role').orderBy('name').execute();
}

/** The committee that holds personnel matters: the one the template names, or the one marked as holding them. */
export async function personnelCommittee(trx: Trx, council: Pick<Council, 'settings'>) {
  const named = council.settings.personnelCommittee;
  const committees = await trx.selectFrom('committees').select(['id', 'name', 'holds_personnel']).orderBy('name').execute();
  const committee = committees.find((c) => c.name === named) ?? committees.find((c) => c.holds_personnel);
  if (!committee) return undefined;
  const members = await trx.selectFrom('committee_members').select('person_id').where('committee_id', '=', committee.id).execute();
  return { id: committee.id, name: committee.name, memberIds: members.map((m) => m.person_id) };
}

/** The reminder of a stage falling due: on its due day, at the office's opening. */
export const stageReminder = defineJob({
  kind: 'concern.stage_reminder',
  payload: z.object({ caseId: z.string(), stage: z.string() }),
  async run(trx, { caseId, stage }, { job, clock, translate, address }) {
    const council = await trx.selectFrom('councils').select(['id', 'name', 'slug', 'terminology', 'nation', 'settings']).where('id', '=', job.councilId).executeTakeFirstOrThrow();
    // Locked, and marked once sent: a retry or a second runner sends nothing more.
    const row = await trx.selectFrom('concern_stages').select(['id', 'due_on', 'done_on', 'reminded_at']).where('case_id', '=', caseId).where('stage', '=', stage as Stage).forUpdate().executeTakeFirst();
    const kase = await trx.selectFrom('concern_cases').select(['id', 'status', 'link']).where('id', '=', caseId).executeTakeFirst();
    if (!row || !kase || row.done_on !== null || row.reminded_at !== null || kase.status === 'closed') return;
    const now = clock();
    await trx.updateTable('concern_stages').set({ reminded_at: now }).where('id', '=', row.id).execute();
    const handlers = await caseHandlers(trx, caseId);
    const textFor = await inRecipientsLanguages(trx, council, (locale) => translate(council, locale), address(council));
    for (const h of handlers) {
      const t = textFor(h);
      // The email says only that something is due, and where: nothing of the case itself.
      await queueEmail(trx, council.id, { to: h, subject: t('concerns.email.reminder.subject'), body: t('concerns.email.reminder.body', { stage: t(`concerns.stage.${stage}`), link: kase.link }) });
    }
    await audit(trx, { councilId: council.id, actorId: null, action: 'concern_case.reminded', entityType: 'concern_case', entityId: caseId, data: { stage, dueOn: row.due_on, to: handlers.map((h) => h.id) } });
  },
});

function caseHandlers(trx: Trx, caseId: string) {
  return trx.selectFrom('concern_handlers as h').innerJoin('people as p', 'p.id', 'h.person_id').select(['p.id', 'p.name', 'p.email', 'h.office']).where('h.case_id', '=', caseId).orderBy('p.name').execute();
}

/** Set when a stage is due, and queue its one reminder for that morning. */
async function stageDue(trx: Trx, council: Pick<Council, 'id' | 'nation' | 'settings'>, caseId: string, stage: Stage, dueOn: string) {
  await trx
    .insertInto('concern_stages')
    .values({ council_id: council.id, case_id: caseId, stage, due_on: dueOn, done_on: null, reminded_at: null })
    .onConflict((oc) => oc.columns(['council_id', 'case_id', 'stage']).doUpdateSet({ due_on: dueOn }))
    .execute();
  const opens = council.settings.officeHours?.opens ?? '09:00';
  await enqueueJob(trx, stageReminder, { councilId: council.id, payload: { caseId, stage }, runAt: londonInstant(dueOn, opens) });
}

async function stageDone(trx: Trx, caseId: string, stage: Stage, doneOn: string, extra: { note: string; companion: string; panelIds: string[] }) {
  const updated = await trx.updateTable('concern_stages').set({ done_on: doneOn, note: extra.note, companion: extra.companion, panel_ids: extra.panelIds }).where('case_id', '=', caseId).where('stage', '=', stage).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new DomainError('stage_not_due', 'concerns.error.stageNotDue', {}, { field: 'stage' });
}

async function tellHandlers(trx: Trx, council: Pick<Council, 'id' | 'name'>, handlers: readonly { id: string; email: string }[], link: string, textFor: RecipientTranslator, key: 'new' | 'formal') {
  for (const h of handlers) {
    const t = textFor(h);
    // No case details in the email beyond its link: the case is read in Concord, where access is decided and logged.
    await queueEmail(trx, council.id, { to: h, subject: t(`concerns.email.${key}.subject`), body: t(`concerns.email.${key}.body`, { link }) });
  }
}

interface RaiseOptions {
  raisedBy: { id: string; role: string };
  aboutKind: ConcernAbout;
  aboutPersonId: string | null;
  statement: string;
  passedOnBy?: string;
}

async function openCase(trx: Trx, council: Council, actor: Principal, o: RaiseOptions, now: Date, textFor: RecipientTranslator, linkFor: (id: string) => string) {
  const today = londonDate(now);
  const { concernsClerk, handlers } = await routeConcern(trx, council, o.raisedBy, o.aboutPersonId, today);
  if (handlers.length === 0) throw new DomainError('no_one_to_handle', 'concerns.error.noHandlers', {}, { field: 'aboutPersonId' });
  const row = await trx
    .insertInto('concern_cases')
    .values({
      council_id: council.id,
      raised_by: o.raisedBy.id,
      about_kind: o.aboutKind,
      about_person_id: o.aboutPersonId,
      statement: o.statement,
      concerns_clerk: concernsClerk,
      passed_on_by: o.passedOnBy ?? null,
      procedure: null,
      personnel_committee_id: null,
      outcome: null,
      decided_by_resolution_id: null,
      raised_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const link = linkFor(row.id);
  await trx.updateTable('concern_cases').set({ link }).where('id', '=', row.id).execute();
  await trx.insertInto('concern_handlers').values(handlers.map((h) => ({ council_id: council.id, case_id: row.id, person_id: h.id, office: h.office }))).execute();
  await stageDue(trx, council, row.id, 'informal_review', addWorkingDays(today, timeLimits(council).informalReviewDays, workingCalendar(council)));
  await tellHandlers(trx, council, handlers, link, textFor, 'new');
  // The access log holds who did what, never what the case says.
  await audit(trx, { councilId: council.id, actorId: actor.personId, action: o.passedOnBy ? 'concern_case.passed_on' : 'concern_case.raised', entityType: 'concern_case', entityId: row.id, data: { handlers: handlers.map((h) => h.id), concernsClerk } });
  return { id: row.id, handlers };
}

/** Raise a concern: checked, routed by the protocol, and its handlers told by email with a link. */
export async function raiseConcern(trx: Trx, council: Council, by: Principal, input: ConcernInput, now: Date, textFor: RecipientTranslator, linkFor: (id: string) => string) {
  const aboutPersonId = input.aboutPersonId === '' ? null : input.aboutPersonId;
  if (input.aboutKind !== 'relationship' && !aboutPersonId) throw new InvalidInputError([{ field: 'aboutPersonId', key: 'concerns.error.aboutWhom' }]);
  if (aboutPersonId) {
    const about = await trx.selectFrom('people').select(['id', 'role']).where('id', '=', aboutPersonId).executeTakeFirst();
    if (!about || about.id === by.personId) throw new InvalidInputError([{ field: 'aboutPersonId', key: 'concerns.error.aboutWhom' }]);
    const councillor = about.role === 'councillor';
    if ((input.aboutKind === 'councillor' && !councillor) || (input.aboutKind === 'officer' && councillor)) throw new InvalidInputError([{ field: 'aboutPersonId', key: `concerns.error.notA.${input.aboutKind}` }]);
  }
  return openCase(trx, council, by, { raisedBy: { id: by.personId, role: by.role }, aboutKind: input.aboutKind, aboutPersonId, statement: input.statement }, now, textFor, linkFor);
}

/** Officers a councillor may have been approached by. */
export function listOfficers(trx: Trx) {
  return trx.selectFrom('people').select(['id', 'name', 'role']).where('role', 'in', ['clerk', 'officer']).where('active', '=', true).orderBy('name').execute();
}

/**
 * I3.4: a councillor approached by an officer about the officer's own employment or budget
 * passes it into the procedure. The case is the officer's (they raised it); the officer is
 * told where it went, and the councillor keeps nothing of it.
 */
export async function passOn(trx: Trx, council: Council, by: Principal, input: PassOnInput, now: Date, textFor: RecipientTranslator, linkFor: (id: string) => string) {
  const officer = await trx.selectFrom('people').select(['id', 'name', 'email', 'role']).where('id', '=', input.officerId).where('role', 'in', ['clerk', 'officer']).executeTakeFirst();
  if (!officer) throw new InvalidInputError([{ field: 'officerId', key: 'concerns.error.notOfficer' }]);
  const opened = await openCase(trx, council, by, { raisedBy: { id: officer.id, role: officer.role }, aboutKind: 'employment', aboutPersonId: null, statement: input.summary, passedOnBy: by.personId }, now, textFor, linkFor);
  const t = textFor(officer);
  const to = opened.handlers.map((h) => `${h.name} (${t(h.office)})`).join(', ');
  await queueEmail(trx, council.id, { to: officer, subject: t('concerns.email.passedOn.subject'), body: t('concerns.email.passedOn.body', { councillor: by.name, to, link: linkFor(opened.id) }) });
  return { ...opened, officerName: officer.name };
}

/** One case with what the rules need to decide on it. */
export async function loadCase(trx: Trx, id: string) {
  const c = await trx
    .selectFrom('concern_cases as c')
    .innerJoin('people as r', 'r.id', 'c.raised_by')
    .leftJoin('people as a', 'a.id', 'c.about_person_id')
    .leftJoin('people as pb', 'pb.id', 'c.passed_on_by')
    .leftJoin('committees as pc', 'pc.id', 'c.personnel_committee_id')
    .select(['c.id', 'c.raised_by', 'c.about_kind', 'c.about_person_id', 'c.statement', 'c.concerns_clerk', 'c.status', 'c.procedure', 'c.personnel_committee_id', 'c.outcome', 'c.raised_at', 'c.formal_at', 'c.closed_at', 'c.link', 'r.name as raised_by_name', 'a.name as about_name', 'pb.name as passed_on_by_name', 'pc.name as committee_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!c) throw new NotFoundError();
  const handlers = await caseHandlers(trx, id);
  const members = c.personnel_committee_id ? await trx.selectFrom('committee_members').select('person_id').where('committee_id', '=', c.personnel_committee_id).execute() : [];
  const told = c.about_person_id ? await trx.selectFrom('concern_disclosures').select('id').where('case_id', '=', id).where('person_id', '=', c.about_person_id).limit(1).executeTakeFirst() : undefined;
  const resource: ConcernCaseResource = {
    kind: 'concern_case',
    raisedBy: c.raised_by,
    handlerIds: handlers.map((h) => h.id),
    committeeMemberIds: c.status === 'informal' ? [] : members.map((m) => m.person_id),
    aboutPersonId: c.about_person_id,
    formal: c.status !== 'informal' && c.procedure !== null,
    aboutPersonTold: !!told,
  };
  return { ...c, handlers, resource };
}
export type LoadedCase = Awaited<ReturnType<typeof loadCase>>;

/** The handlers' record and the stages, for those who may read them. */
export async function caseRecord(trx: Trx, id: string) {
  const entries = await trx
    .selectFrom('concern_entries as e')
    .innerJoin('people as p', 'p.id', 'e.author_id')
    .leftJoin('external_contacts as x', 'x.id', 'e.contact_id')
    .select(['e.id', 'e.kind', 'e.body', 'e.occurred_on', 'e.created_at', 'p.name as author_name', 'x.name as contact_name', 'x.organisation as contact_organisation'])
    .where('e.case_id', '=', id)
    .orderBy('e.created_at')
    .execute();
  const stages = await trx.selectFrom('concern_stages').select(['stage', 'due_on', 'done_on', 'note', 'companion', 'panel_ids', 'reminded_at']).where('case_id', '=', id).orderBy('due_on').execute();
  return { entries, stages };
}

/** What is due next: the earliest stage not yet done. */
export function dueNext(stages: readonly { stage: Stage; due_on: string; done_on: string | null }[]) {
  return [...stages].filter((s) => s.done_on === null).sort((a, b) => a.due_on.localeCompare(b.due_on))[0];
}

/** The access log of a case: every opening, change and refusal, from the audit log. */
export function accessLog(trx: Trx, id: string) {
  return trx
    .selectFrom('audit_log as a')
    .leftJoin('people as p', 'p.id', 'a.actor_id')
    .select(['a.seq', 'a.at', 'a.action', 'p.name as actor_name'])
    .where('a.entity_type', '=', 'concern_case')
    .where('a.entity_id', '=', id)
    .orderBy('a.seq')
    .execute();
}

/** Write one line of the access log. */
export function logAccess(trx: Trx, councilId: string, by: Principal | undefined, id: string, action: 'viewed' | 'read_told' | 'refused') {
  return audit(trx, { councilId, actorId: by?.personId ?? null, action: `concern_case.${action}`, entityType: 'concern_case', entityId: id, data: {} });
}

/**
 * The cases this person may see: those they raised, those they handle, and formal cases before
 * the committee they sit on. Nothing else is counted or listed, anywhere.
 */
export async function listMine(trx: Trx, by: Principal) {
  return trx
    .selectFrom('concern_cases as c')
    .innerJoin('people as r', 'r.id', 'c.raised_by')
    .select(['c.id', 'c.status', 'c.procedure', 'c.about_kind', 'c.raised_at', 'c.raised_by', 'r.name as raised_by_name'])
    .where('c.about_person_id', 'is distinct from', by.personId)
    .where((eb) =>
      eb.or([
        eb('c.raised_by', '=', by.personId),
        eb.exists(eb.selectFrom('concern_handlers as h').select('h.case_id').whereRef('h.case_id', '=', 'c.id').where('h.person_id', '=', by.personId)),
        eb.and([
          eb('c.status', '!=', 'informal'),
          eb.exists(eb.selectFrom('committee_members as m').select('m.person_id').whereRef('m.committee_id', '=', 'c.personnel_committee_id').where('m.person_id', '=', by.personId)),
        ]),
      ]),
    )
    .orderBy('c.raised_at', 'desc')
    .limit(500)
    .execute();
}

export async function addEntry(trx: Trx, council: Council, by: Principal, kase: LoadedCase, input: EntryInput, now: Date) {
  if (kase.status === 'closed') throw new DomainError('case_closed', 'concerns.error.closed');
  if (input.occurredOn > londonDate(now)) throw new InvalidInputError([{ field: 'occurredOn', key: 'concerns.error.future' }]);
  let contactId: string | null = null;
  if (input.contactId !== '') {
    const contact = await trx.selectFrom('external_contacts').select('id').where('id', '=', input.contactId).executeTakeFirst();
    if (!contact) throw new InvalidInputError([{ field: 'contactId', key: 'validation.invalid' }]);
    contactId = contact.id;
  }
  if ((input.kind === 'mediation' || input.kind === 'advice') && !contactId) throw new InvalidInputError([{ field: 'contactId', key: 'concerns.error.contactNeeded' }]);
  await trx.insertInto('concern_entries').values({ council_id: council.id, case_id: kase.id, kind: input.kind, contact_id: contactId, body: input.body, author_id: by.personId, occurred_on: input.occurredOn, created_at: now }).execute();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'concern_case.entry_added', entityType: 'concern_case', entityId: kase.id, data: { kind: input.kind, contactId } });
}

/** Informal resolution agreed: the case closes with the outcome its raiser is told. */
export async function closeInformally(trx: Trx, council: Council, by: Principal, kase: LoadedCase, outcome: string, now: Date) {
  if (kase.status !== 'informal') throw new DomainError('not_informal', 'concerns.error.notInformal');
  await trx.updateTable('concern_cases').set({ status: 'closed', outcome, closed_at: now }).where('id', '=', kase.id).execute();
  await trx.updateTable('concern_stages').set({ done_on: londonDate(now) }).where('case_id', '=', kase.id).where('done_on', 'is', null).execute();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'concern_case.closed', entityType: 'concern_case', entityId: kase.id, data: {} });
}

/**
 * Into a formal procedure (the ACAS Code): the written statement is the one on the case, the
 * meeting falls due within the council's time limit, and the personnel committee's members
 * may now read the case and are told by email with a link.
 */
export async function escalate(trx: Trx, council: Council, by: Principal, kase: LoadedCase, procedure: (typeof PROCEDURES)[number], now: Date, textFor: RecipientTranslator) {
  if (kase.status !== 'informal') throw new DomainError('not_informal', 'concerns.error.notInformal');
  const committee = await personnelCommittee(trx, council);
  if (!committee) throw new DomainError('no_personnel_committee', 'concerns.error.noCommittee', {}, { field: 'procedure' });
  const today = londonDate(now);
  await trx.updateTable('concern_cases').set({ status: 'formal', procedure, personnel_committee_id: committee.id, formal_at: now }).where('id', '=', kase.id).execute();
  await trx.updateTable('concern_stages').set({ done_on: today }).where('case_id', '=', kase.id).where('stage', '=', 'informal_review').where('done_on', 'is', null).execute();
  await trx.insertInto('concern_stages').values({ council_id: council.id, case_id: kase.id, stage: 'written_statement', due_on: today, done_on: today, reminded_at: null }).onConflict((oc) => oc.columns(['council_id', 'case_id', 'stage']).doNothing()).execute();
  await stageDue(trx, council, kase.id, 'meeting', addWorkingDays(today, timeLimits(council).meetingDays, workingCalendar(council)));
  const members = await trx.selectFrom('people').select(['id', 'email']).where('id', 'in', committee.memberIds.length ? committee.memberIds : ['00000000-0000-0000-0000-000000000000']).execute();
  const told = members.filter((m) => m.id !== kase.about_person_id && !kase.handlers.some((h) => h.id === m.id));
  await tellHandlers(trx, council, told, kase.link, textFor, 'formal');
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'concern_case.formal', entityType: 'concern_case', entityId: kase.id, data: { procedure, committeeId: committee.id } });
  return committee;
}

/** A stage held: the meeting (with who accompanied the employee), or the appeal (heard by people not involved before). */
export async function recordStage(trx: Trx, council: Council, by: Principal, kase: LoadedCase, input: StageInput, now: Date) {
  if (kase.status !== 'formal') throw new DomainError('not_formal', 'concerns.error.notFormal');
  if (input.doneOn > londonDate(now)) throw new InvalidInputError([{ field: 'doneOn', key: 'concerns.error.future' }]);
  if (input.stage === 'appeal') {
    const { stages } = await caseRecord(trx, kase.id);
    const involved = new Set([...kase.handlers.map((h) => h.id), kase.raised_by, ...(kase.about_person_id ? [kase.about_person_id] : []), ...stages.flatMap((s) => s.panel_ids)]);
    if (input.panelIds.length === 0) throw new InvalidInputError([{ field: 'panelIds', key: 'concerns.error.panelNeeded' }]);
    if (input.panelIds.some((id) => involved.has(id))) throw new InvalidInputError([{ field: 'panelIds', key: 'concerns.error.panelInvolved' }]);
  }
  await stageDone(trx, kase.id, input.stage, input.doneOn, { note: input.note, companion: input.companion, panelIds: input.panelIds });
  if (input.stage === 'meeting') await stageDue(trx, council, kase.id, 'written_outcome', addWorkingDays(input.doneOn, timeLimits(council).outcomeDays, workingCalendar(council)));
  if (input.stage === 'appeal') await trx.updateTable('concern_cases').set({ status: 'closed', closed_at: now }).where('id', '=', kase.id).execute();
  await audit(trx, { councilId: council.id, actorId: by.personId, action: `concern_case.${input.stage}_held`, entityType: 'concern_case', entityId: kase.id, data: { on: input.doneOn } });
}

/** Resolutions of the personnel committee's meetings, which alone decide a formal case. */
export function committeeResolutions(trx: Trx, committeeId: string | null) {
  return trx
    .selectFrom('resolutions as r')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select(['r.id', 'r.minute_number', 'm.meeting_date'])
    .where('m.committee_id', '=', committeeId ?? '00000000-0000-0000-0000-000000000000')
    .orderBy('m.meeting_date', 'desc')
    .execute();
}

/**
 * The written outcome of a formal case: a resolution of the personnel committee, taken at its
 * meeting. (One person's decision never reaches here: the rule table refuses it, naming the clause.)
 */
export async function recordDecision(trx: Trx, council: Council, by: Principal, kase: LoadedCase, input: DecisionInput, now: Date) {
  if (kase.status !== 'formal') throw new DomainError('not_formal', 'concerns.error.notFormal');
  const resolutions = await committeeResolutions(trx, kase.personnel_committee_id);
  if (!resolutions.some((r) => r.id === input.resolutionId)) throw new InvalidInputError([{ field: 'resolutionId', key: 'concerns.error.resolution', vars: { committee: kase.committee_name ?? '' } }]);
  const today = londonDate(now);
  await trx.updateTable('concern_cases').set({ outcome: input.outcome, decided_by_resolution_id: input.resolutionId }).where('id', '=', kase.id).execute();
  await trx.insertInto('concern_stages').values({ council_id: council.id, case_id: kase.id, stage: 'written_outcome', due_on: today, done_on: today, reminded_at: null }).onConflict((oc) => oc.columns(['council_id', 'case_id', 'stage']).doUpdateSet({ done_on: today })).execute();
  await stageDue(trx, council, kase.id, 'appeal', addWorkingDays(today, timeLimits(council).appealDays, workingCalendar(council)));
  await audit(trx, { councilId: council.id, actorId: by.personId, action: 'concern_case.decided', entityType: 'concern_case', entityId: kase.id, data: { resolutionId: input.resolutionId } });
}

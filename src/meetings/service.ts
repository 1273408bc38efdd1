import { z } from 'zod';
import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { councilNameIn, type Locale, type Translate } from '../i18n/messages.js';
import { councilLanguages } from '../protocol/types.js';
import { DomainError, InvalidInputError, NotFoundError } from '../web/errors.js';
import { id, isoDate, optionalText, requiredText, timeOfDay } from '../web/schemas.js';
import { labelled } from '../web/form.js';
import { agendaDeadline, calendarSettings, countingRules, type CalendarSettings } from '../calendar/settings.js';
import { latestSummonsDate, type ClearDaysAnswer, type CountingRules } from '../calendar/clear-days.js';
import { addDays, daysBetween, longDay } from '../calendar/dates.js';
import { listMourningDays } from '../calendar/mourning.js';
import { enqueueDelivery, inRecipientsLanguages } from '../notifications/delivery.js';
import { standardItemsOf, standardItemTexts } from './standard-items.js';
import { addressedFirst, clausesCarrying, type ClauseIndex } from '../policy/decide.js';
import type { RuleId } from '../protocol/types.js';
import { loadPrincipal } from '../auth/principal.js';
import { interestContextOf, listDocuments } from '../documents/service.js';
import { itemResource, paperAccess, type Refusal } from './visibility.js';

// ---------------------------------------------------------------- input

export const meetingInput = z.object({
  committeeId: labelled(id('meetings.error.body').nullable().default(null).describe('The committee meeting; null for a meeting of the full council'), 'meetings.field.body'),
  kind: labelled(z.enum(['ordinary', 'extraordinary'], 'validation.choose').default('ordinary'), 'meetings.field.kind'),
  meetingDate: labelled(isoDate.describe('The day of the meeting, YYYY-MM-DD'), 'meetings.field.date'),
  startsAt: labelled(timeOfDay.describe('Start time, HH:MM, UK time'), 'meetings.field.startsAt'),
  venue: labelled(requiredText(300), 'meetings.field.venue'),
  shortNoticeReason: labelled(
    optionalText(2000).describe('Only where the law allows a meeting on less than three clear days’ notice (an urgent committee meeting in Wales): why it cannot wait'),
    'meetings.field.shortNoticeReason',
  ),
});
export type MeetingInput = z.infer<typeof meetingInput>;

export const paperInput = z.object({ title: labelled(requiredText(200), 'meetings.paper.title'), body: labelled(requiredText(50_000), 'meetings.paper.body') });

export const agendaRequestInput = z.object({
  title: labelled(requiredText(200), 'meetings.request.title'),
  details: labelled(optionalText(5000), 'meetings.request.details'),
  papers: z.array(paperInput).max(10).default([]).describe('Papers for the item, as text'),
  requestedBy: labelled(id('validation.councillorOnly').optional().describe('The Clerk recording a request for a councillor: whose request it is'), 'meetings.request.requestedBy'),
  urgentReason: labelled(optionalText(2000).describe('The Clerk accepting a late request as urgent: why it cannot wait'), 'meetings.request.urgentReason'),
});
export type AgendaRequestInput = z.infer<typeof agendaRequestInput>;

export const decisionInput = z
  .object({ decision: labelled(z.enum(['accept', 'reject'], 'validation.choose'), 'meetings.decision.decision'), reason: labelled(optionalText(2000), 'meetings.decision.reason') })
  .refine((d) => d.decision === 'accept' || d.reason !== '', { path: ['reason'], message: 'meetings.error.rejectReason' });

export const itemInput = z
  .object({
    title: labelled(requiredText(200), 'meetings.item.title'),
    details: labelled(optionalText(5000), 'meetings.item.details'),
    confidential: labelled(z.boolean().default(false).describe('Press and public to be excluded for this item'), 'meetings.item.confidential'),
    confidentialReason: labelled(optionalText(2000).describe('The reason the resolution to exclude the public will give'), 'meetings.item.confidentialReason'),
    matterId: labelled(
      id('meetings.error.matterUnknown').nullable().default(null).describe('The council matter the item is about: its papers are withheld from a councillor with a registered pecuniary interest in it'),
      'meetings.item.matter',
    ),
  })
  .refine((i) => !i.confidential || i.confidentialReason !== '', { path: ['confidentialReason'], message: 'meetings.error.confidentialReason' });
export type ItemInput = z.infer<typeof itemInput>;
export const itemMatterInput = z.object({ matterId: labelled(id('meetings.error.matterUnknown').nullable().default(null), 'meetings.item.matter') });

export const commentInput = z.object({ body: labelled(requiredText(5000), 'meetings.comment.body') });
export const rescheduleInput = meetingInput.pick({ meetingDate: true, startsAt: true, venue: true, shortNoticeReason: true });
export const moveInput = z.object({ direction: labelled(z.enum(['up', 'down'], 'validation.choose').describe('Earlier or later on the agenda'), 'meetings.item.direction') });
export const summonsInput = z.object({
  pendingAcknowledged: labelled(
    z.boolean().default(false).describe('The Clerk has been told of the agenda requests still undecided and issues the summons without them'),
    'meetings.summons.pendingAcknowledged',
  ),
});

// ---------------------------------------------------------------- counting

export interface Counting {
  settings: CalendarSettings;
  rules: CountingRules;
}

/** A council's settings for counting days, and its days of mourning. */
export async function loadCounting(trx: Trx, council: Pick<Council, 'nation' | 'settings'>): Promise<Counting> {
  const mourning = await listMourningDays(trx);
  return { settings: calendarSettings(council.settings), rules: countingRules(council, mourning.map((m) => ({ date: m.day, name: m.name }))) };
}

export interface MeetingDates {
  summons: ClearDaysAnswer;
  agendaDeadline: string;
  /** The Clerk is warned from this day until the summons is issued. */
  warnFrom: string;
}

export function meetingDates(meetingDate: string, counting: Counting): MeetingDates {
  const summons = latestSummonsDate(meetingDate, counting.rules);
  return {
    summons,
    agendaDeadline: agendaDeadline(meetingDate, counting.settings, counting.rules),
    warnFrom: addDays(summons.latestIssueDate, -counting.settings.summonsWarningDays),
  };
}

// ---------------------------------------------------------------- meetings

/** A meeting's row as pages use it: the meeting, and its committee's name (none for the full council). */
function meetingRows(trx: Trx) {
  return trx.selectFrom('meetings as m').leftJoin('committees as c', 'c.id', 'm.committee_id').selectAll('m').select('c.name as committee_name');
}

export async function listMeetings(trx: Trx, options: { from?: string; publicOnly?: boolean } = {}) {
  let q = meetingRows(trx).orderBy('m.meeting_date').orderBy('m.starts_at');
  if (options.from) q = q.where('m.meeting_date', '>=', options.from);
  if (options.publicOnly) q = q.where('m.summons_issued_on', 'is not', null);
  return q.execute();
}
export type MeetingRow = Awaited<ReturnType<typeof listMeetings>>[number];

export async function findMeeting(trx: Trx, meetingId: string): Promise<MeetingRow> {
  const row = await meetingRows(trx).where('m.id', '=', meetingId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/** Meetings between two days, each with the ids of whoever chairs its body (`bodyChairIds`), in one statement. */
export function meetingsWithChairs(trx: Trx, from: string, to: string) {
  return meetingRows(trx)
    .select(bodyChairIds.as('chair_ids'))
    .where('m.meeting_date', '>=', from)
    .where('m.meeting_date', '<=', to)
    .orderBy('m.meeting_date')
    .orderBy('m.starts_at')
    .execute();
}

/** The body's name as pages show it: the committee's, or the council's own. */
export function bodyName(m: Pick<MeetingRow, 'committee_name'>, t: Translate): string {
  return m.committee_name ?? t('meetings.fullCouncil');
}

/** The next meeting of the same body after this one, for a request too late for it. */
export async function nextMeetingOfBody(trx: Trx, meeting: Pick<MeetingRow, 'id' | 'committee_id' | 'meeting_date'>) {
  let q = trx.selectFrom('meetings').select(['id', 'meeting_date', 'starts_at', 'venue']).where('meeting_date', '>', meeting.meeting_date).where('id', '<>', meeting.id);
  q = meeting.committee_id ? q.where('committee_id', '=', meeting.committee_id) : q.where('committee_id', 'is', null);
  return q.orderBy('meeting_date').limit(1).executeTakeFirst();
}

/** The body's members: the committee's, or every councillor in term on the day of the meeting. */
export async function bodyMembers(trx: Trx, meeting: Pick<MeetingRow, 'committee_id' | 'meeting_date'>) {
  if (meeting.committee_id) {
    return trx
      .selectFrom('committee_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select(['p.id', 'p.name', 'p.email'])
      .where('cm.committee_id', '=', meeting.committee_id)
      .where('p.active', '=', true)
      .orderBy('p.name')
      .execute();
  }
  return trx
    .selectFrom('people')
    .select(['id', 'name', 'email'])
    .where('role', '=', 'councillor')
    .where('active', '=', true)
    .where((eb) => eb.or([eb('term_starts', 'is', null), eb('term_starts', '<=', meeting.meeting_date)]))
    .where((eb) => eb.or([eb('term_ends', 'is', null), eb('term_ends', '>=', meeting.meeting_date)]))
    .orderBy('name')
    .execute();
}

/**
 * The members of each body as they are today: a committee's members, or every councillor in
 * term for the full council. Who may read an item taken in private (and its papers, minute
 * and resolution) is decided on these, loaded once for a page that shows many bodies.
 */
export async function bodyMembership(trx: Trx, today: string): Promise<(committeeId: string | null) => readonly string[]> {
  const [councillors, places] = await Promise.all([
    trx
      .selectFrom('people')
      .select('id')
      .where('role', '=', 'councillor')
      .where('active', '=', true)
      .where((eb) => eb.or([eb('term_starts', 'is', null), eb('term_starts', '<=', today)]))
      .where((eb) => eb.or([eb('term_ends', 'is', null), eb('term_ends', '>=', today)]))
      .execute(),
    trx.selectFrom('committee_members as cm').innerJoin('people as p', 'p.id', 'cm.person_id').select(['cm.committee_id', 'p.id']).where('p.active', '=', true).execute(),
  ]);
  const council = councillors.map((c) => c.id);
  const committees = new Map<string, string[]>();
  for (const place of places) committees.set(place.committee_id, [...(committees.get(place.committee_id) ?? []), place.id]);
  return (committeeId) => (committeeId === null ? council : (committees.get(committeeId) ?? []));
}

/**
 * Who chairs a meeting's body: the committee's chair and vice-chair, or the council's (active).
 * A column of a query over `meetings as m` left-joined to `committees as c`, so that a list of
 * meetings needs no further statement for each one's chairs; `bodyChairs` reads it for one.
 */
export const bodyChairIds = sql<string[]>`case when m.committee_id is not null
  then array_remove(array[c.chair_id::text, c.vice_chair_id::text], null)
  else array(select p.id::text from people p where p.council_office in ('chair', 'vice_chair') and p.active) end`;

export async function bodyChairs(trx: Trx, meeting: Pick<MeetingRow, 'id'>): Promise<string[]> {
  const row = await trx
    .selectFrom('meetings as m')
    .leftJoin('committees as c', 'c.id', 'm.committee_id')
    .select(bodyChairIds.as('chair_ids'))
    .where('m.id', '=', meeting.id)
    .executeTakeFirst();
  return row?.chair_ids ?? [];
}

/**
 * Whether a meeting may be held on this day, as scheduled today. Not in the past; not so soon
 * that the summons cannot go out three clear days before it (LGA 1972 Sch. 12 para 10(2)(b),
 * or para 26(2)(b) in Wales, for extraordinary meetings as for ordinary ones), except where
 * the law allows less: an urgent meeting of a committee of a council in Wales, at least a day
 * ahead, with the reason it cannot wait. Returns the reason to keep, or null.
 */
export function checkMeetingNotice(
  council: Pick<Council, 'nation'>,
  meeting: { committeeId: string | null; meetingDate: string; shortNoticeReason: string },
  today: string,
  counting: Counting,
): string | null {
  if (meeting.meetingDate < today) {
    throw new InvalidInputError([{ field: 'meetingDate', key: 'meetings.error.pastDate', vars: { date: { day: meeting.meetingDate } } }]);
  }
  const { summons } = meetingDates(meeting.meetingDate, counting);
  if (today <= summons.latestIssueDate) return null;
  const shortNoticeAllowed = council.nation === 'wales' && meeting.committeeId !== null && meeting.meetingDate > today;
  if (shortNoticeAllowed && meeting.shortNoticeReason !== '') return meeting.shortNoticeReason;
  throw new InvalidInputError([
    {
      field: 'meetingDate',
      // Each message names the paragraph of Sch. 12 that applies in the council's nation.
      key: shortNoticeAllowed ? 'meetings.error.tooCloseUnlessUrgent' : council.nation === 'wales' ? 'meetings.error.tooClose.wales' : 'meetings.error.tooClose.england',
      vars: { date: { day: summons.latestIssueDate }, meeting: { day: meeting.meetingDate } },
    },
  ]);
}

/**
 * The council's languages, its usual one first, as what it writes for a meeting in each (its
 * standard business, the action report) is ordered: the order its bilingual summons follows.
 */
export function councilLanguagesInOrder(council: Pick<Council, 'nation' | 'settings'>): Locale[] {
  const languages = councilLanguages(council);
  const preferred = council.settings.defaultLocale;
  const first = preferred && languages.includes(preferred) ? preferred : languages[0]!;
  return [first, ...languages.filter((l) => l !== first)];
}

/** A meeting that has taken place keeps only its record: attendance, declarations, minutes, resolutions. */
export function checkNotHeld(meeting: Pick<MeetingRow, 'meeting_date'>, today: string, field = 'agenda'): void {
  if (meeting.meeting_date < today) throw new InvalidInputError([{ field, key: 'meetings.error.meetingHeld', vars: { date: { day: meeting.meeting_date } } }]);
}

export async function scheduleMeeting(
  trx: Trx,
  by: Principal,
  council: Pick<Council, 'nation' | 'settings'>,
  input: MeetingInput,
  options: { today: string; counting: Counting; translations: readonly Translate[] },
) {
  if (input.committeeId) {
    const committee = await trx.selectFrom('committees').select('id').where('id', '=', input.committeeId).executeTakeFirst();
    if (!committee) throw new InvalidInputError([{ field: 'committeeId', key: 'meetings.error.body' }]);
  }
  const shortNoticeReason = checkMeetingNotice(council, input, options.today, options.counting);
  const row = await trx
    .insertInto('meetings')
    .values({
      council_id: by.councilId,
      committee_id: input.committeeId,
      kind: input.kind,
      meeting_date: input.meetingDate,
      starts_at: input.startsAt,
      venue: input.venue,
      created_by: by.personId,
      short_notice_reason: shortNoticeReason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The agenda starts with the council's standard business, in the council's own languages.
  const standard = await standardItemTexts(trx, standardItemsOf(council.settings), { committee_id: input.committeeId, meeting_date: input.meetingDate }, options.translations);
  for (const [index, item] of standard.entries()) {
    await trx
      .insertInto('agenda_items')
      .values({ council_id: by.councilId, meeting_id: row.id, position: index + 1, title: item.title, details: item.details, confidential: false, confidential_reason: '', request_id: null, matter_id: null })
      .execute();
  }
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'meeting.scheduled',
    entityType: 'meeting',
    entityId: row.id,
    data: { ...input, shortNoticeReason: shortNoticeReason ?? undefined, standardItems: standard.length },
  });
  return row.id;
}

/**
 * Move a meeting. Before the summons is issued this is free; after, the summons must be
 * issued again for the new date, so the agenda is marked as changed since issue.
 */
export async function rescheduleMeeting(
  trx: Trx,
  by: Principal,
  council: Pick<Council, 'nation'>,
  meeting: MeetingRow,
  input: z.infer<typeof rescheduleInput>,
  options: { today: string; counting: Counting },
) {
  checkNotHeld(meeting, options.today, 'meetingDate');
  const shortNoticeReason = checkMeetingNotice(council, { ...input, committeeId: meeting.committee_id }, options.today, options.counting);
  await trx
    .updateTable('meetings')
    .set({ meeting_date: input.meetingDate, starts_at: input.startsAt, venue: input.venue, short_notice_reason: shortNoticeReason, agenda_changed_since_issue: meeting.summons_issued_on !== null })
    .where('id', '=', meeting.id)
    .execute();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'meeting.rescheduled',
    entityType: 'meeting',
    entityId: meeting.id,
    data: { from: { date: meeting.meeting_date, startsAt: meeting.starts_at, venue: meeting.venue }, to: input },
  });
}

// ---------------------------------------------------------------- agenda

export async function listItems(trx: Trx, meetingId: string) {
  return trx
    .selectFrom('agenda_items as i')
    .leftJoin('matters as mt', 'mt.id', 'i.matter_id')
    .selectAll('i')
    .select('mt.title as matter_title')
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .execute();
}
export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

/**
 * A meeting's papers, in the order they were added: text written in Concord (a request's, or
 * the action report), or a document from the library, which keeps its own title.
 */
export async function listPapers(trx: Trx, meetingId: string) {
  return trx
    .selectFrom('agenda_papers as p')
    .leftJoin('documents as d', 'd.id', 'p.document_id')
    .select(['p.id', 'p.meeting_id', 'p.agenda_item_id', 'p.request_id', 'p.document_id', 'p.created_by', 'p.created_at'])
    .select((eb) => eb.fn.coalesce('d.title', 'p.title').as('title'))
    .where('p.meeting_id', '=', meetingId)
    .orderBy('p.created_at')
    .orderBy('title')
    .execute();
}
export type PaperRow = Awaited<ReturnType<typeof listPapers>>[number];

/**
 * Whether the agenda may change today. Before issue, always; after issue, only while the
 * summons could still be issued again in time (three clear days), and then it must be.
 */
export function checkAgendaEditable(meeting: MeetingRow, today: string, counting: Counting): void {
  checkNotHeld(meeting, today);
  if (meeting.summons_issued_on === null) return;
  const { summons } = meetingDates(meeting.meeting_date, counting);
  // A meeting called at short notice was never inside three clear days: it may change until the day.
  if (today > summons.latestIssueDate && meeting.short_notice_reason === null) {
    throw new InvalidInputError([{ field: 'agenda', key: 'meetings.error.agendaLocked', vars: { date: { day: summons.latestIssueDate } } }]);
  }
}

/**
 * An item's matter must be one of the council's own: looked up through the council's
 * transaction, where row-level security hides every other council's matters.
 */
async function checkMatter(trx: Trx, matterId: string | null): Promise<void> {
  if (matterId === null) return;
  const found = await trx.selectFrom('matters').select('id').where('id', '=', matterId).executeTakeFirst();
  if (!found) throw new InvalidInputError([{ field: 'matterId', key: 'meetings.error.matterUnknown' }]);
}

async function appendItem(trx: Trx, meeting: MeetingRow, values: { title: string; details: string; confidential: boolean; confidentialReason: string; requestId: string | null; matterId?: string | null }) {
  const last = await trx.selectFrom('agenda_items').select((eb) => eb.fn.max('position').as('n')).where('meeting_id', '=', meeting.id).executeTakeFirst();
  const position = Number(last?.n ?? 0) + 1;
  const item = await trx
    .insertInto('agenda_items')
    .values({
      council_id: meeting.council_id,
      meeting_id: meeting.id,
      position,
      title: values.title,
      details: values.details,
      confidential: values.confidential,
      confidential_reason: values.confidentialReason,
      request_id: values.requestId,
      matter_id: values.matterId ?? null,
    })
    .returning(['id', 'position'])
    .executeTakeFirstOrThrow();
  if (meeting.summons_issued_on !== null) await trx.updateTable('meetings').set({ agenda_changed_since_issue: true }).where('id', '=', meeting.id).execute();
  return item;
}

export async function addItem(trx: Trx, by: Principal, meeting: MeetingRow, input: ItemInput, today: string, counting: Counting) {
  checkAgendaEditable(meeting, today, counting);
  await checkMatter(trx, input.matterId);
  const item = await appendItem(trx, meeting, { ...input, requestId: null });
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'agenda_item.added',
    entityType: 'meeting',
    entityId: meeting.id,
    data: { position: item.position, title: input.title, confidential: input.confidential, confidentialReason: input.confidentialReason || undefined, matterId: input.matterId ?? undefined },
  });
  return item;
}

/** The Clerk sets (or clears) the matter an item is about; its papers follow the interest rule from then on. */
export async function setItemMatter(trx: Trx, by: Principal, meeting: MeetingRow, itemId: string, matterId: string | null, today: string) {
  checkNotHeld(meeting, today, `matterId-${itemId}`);
  const item = await trx.selectFrom('agenda_items').select(['id', 'position', 'matter_id']).where('id', '=', itemId).where('meeting_id', '=', meeting.id).executeTakeFirst();
  if (!item) throw new NotFoundError();
  await checkMatter(trx, matterId);
  await trx.updateTable('agenda_items').set({ matter_id: matterId }).where('id', '=', item.id).execute();
  // The item's papers from the library are about its matter too, so the library bars them as the agenda does.
  if (matterId) {
    const documents = await trx.selectFrom('agenda_papers').select('document_id').where('agenda_item_id', '=', item.id).where('document_id', 'is not', null).execute();
    for (const { document_id } of documents) {
      if (document_id) await trx.insertInto('document_matters').values({ council_id: by.councilId, document_id, matter_id: matterId }).onConflict((oc) => oc.columns(['council_id', 'document_id', 'matter_id']).doNothing()).execute();
    }
  }
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agenda_item.matter_set', entityType: 'meeting', entityId: meeting.id, data: { position: item.position, from: item.matter_id, to: matterId } });
}

/** Until the summons is issued, the Clerk keeps the agenda's order: an item moves one place up or down. */
export async function moveItem(trx: Trx, by: Principal, meeting: MeetingRow, itemId: string, direction: 'up' | 'down', today: string) {
  checkAgendaOpen(meeting, today);
  const items = await listItems(trx, meeting.id);
  const at = items.findIndex((i) => i.id === itemId);
  if (at < 0) throw new NotFoundError();
  const other = items[direction === 'up' ? at - 1 : at + 1];
  if (!other) return;
  const item = items[at]!;
  // Positions are unique in a meeting: park the item outside the list while the other takes its place.
  await trx.updateTable('agenda_items').set({ position: -1 }).where('id', '=', item.id).execute();
  await trx.updateTable('agenda_items').set({ position: item.position }).where('id', '=', other.id).execute();
  await trx.updateTable('agenda_items').set({ position: other.position }).where('id', '=', item.id).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agenda_item.moved', entityType: 'meeting', entityId: meeting.id, data: { title: item.title, from: item.position, to: other.position } });
}

/**
 * Until the summons is issued, the Clerk may take an item off the agenda. An item from a
 * councillor's request sends the request back to be decided, with its papers kept.
 */
export async function removeItem(trx: Trx, by: Principal, meeting: MeetingRow, itemId: string, today: string) {
  checkAgendaOpen(meeting, today);
  const items = await listItems(trx, meeting.id);
  const item = items.find((i) => i.id === itemId);
  if (!item) throw new NotFoundError();
  if (item.request_id) {
    await trx.updateTable('agenda_papers').set({ agenda_item_id: null }).where('agenda_item_id', '=', item.id).where('request_id', '=', item.request_id).execute();
    await trx.updateTable('agenda_requests').set({ status: 'pending', decided_by: null, decided_at: null }).where('id', '=', item.request_id).execute();
  }
  await trx.deleteFrom('agenda_items').where('id', '=', item.id).execute();
  // Close the gap, one item at a time upwards, so that no two items ever share a place.
  for (const later of items.filter((i) => i.position > item.position)) {
    await trx.updateTable('agenda_items').set({ position: later.position - 1 }).where('id', '=', later.id).execute();
  }
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agenda_item.removed', entityType: 'meeting', entityId: meeting.id, data: { title: item.title, position: item.position, requestId: item.request_id ?? undefined } });
}

/** The agenda's order and its items are the Clerk's until the summons states them. */
function checkAgendaOpen(meeting: MeetingRow, today: string): void {
  checkNotHeld(meeting, today);
  if (meeting.summons_issued_on !== null) throw new InvalidInputError([{ field: 'agenda', key: 'meetings.error.agendaIssued', vars: { date: { day: meeting.summons_issued_on } } }]);
}

// ---------------------------------------------------------------- agenda requests

export async function listRequests(trx: Trx, meetingId: string) {
  return trx
    .selectFrom('agenda_requests as r')
    .innerJoin('people as p', 'p.id', 'r.requested_by')
    .selectAll('r')
    .select('p.name as requester_name')
    .where('r.meeting_id', '=', meetingId)
    .orderBy('r.number')
    .execute();
}

export async function findRequest(trx: Trx, requestId: string) {
  const row = await trx.selectFrom('agenda_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Record an agenda request, numbered in the order received. The caller has asked the rule
 * table (the notice period) first. A request the Clerk accepts as urgent goes straight onto
 * the agenda, and the reason is kept in the audit log.
 */
export async function createRequest(trx: Trx, by: Principal, meeting: MeetingRow, input: AgendaRequestInput, options: { late: boolean; today: string; now: Date; counting: Counting }) {
  let requesterId = by.personId;
  if (input.requestedBy && input.requestedBy !== by.personId) {
    const councillor = await trx.selectFrom('people').select('id').where('id', '=', input.requestedBy).where('role', '=', 'councillor').where('active', '=', true).executeTakeFirst();
    if (!councillor) throw new InvalidInputError([{ field: 'requestedBy', key: 'validation.councillorOnly' }]);
    requesterId = councillor.id;
  }
  // A late request reaches here only when the notice rule let it through: the Clerk's, with the reason it is urgent.
  const urgent = options.late && input.urgentReason !== '';
  if (urgent) checkAgendaEditable(meeting, options.today, options.counting);
  // Serialise numbering per council: two requests at once cannot take the same number.
  await trx.selectFrom('councils').select('id').where('id', '=', by.councilId).forUpdate().execute();
  const last = await trx.selectFrom('agenda_requests').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const request = await trx
    .insertInto('agenda_requests')
    .values({
      council_id: by.councilId,
      number,
      meeting_id: meeting.id,
      requested_by: requesterId,
      recorded_by: by.personId,
      title: input.title,
      details: input.details,
      status: urgent ? 'accepted' : 'pending',
      urgent_reason: urgent ? input.urgentReason : null,
      decided_by: urgent ? by.personId : null,
      decided_at: urgent ? options.now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  let itemId: string | null = null;
  if (urgent) {
    const item = await appendItem(trx, meeting, { title: input.title, details: input.details, confidential: false, confidentialReason: '', requestId: request.id });
    itemId = item.id;
  }
  for (const paper of input.papers) {
    await trx
      .insertInto('agenda_papers')
      .values({ council_id: by.councilId, meeting_id: meeting.id, request_id: request.id, agenda_item_id: itemId, title: paper.title, body: paper.body, created_by: by.personId })
      .execute();
  }
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: urgent ? 'agenda_request.accepted_urgent' : 'agenda_request.received',
    entityType: 'agenda_request',
    entityId: request.id,
    data: { number, meetingId: meeting.id, requestedBy: requesterId, title: input.title, papers: input.papers.length, ...(urgent ? { late: true, urgentReason: input.urgentReason } : {}) },
  });
  return request;
}

/** The Clerk accepts a request onto the agenda, or rejects it with the reason recorded. */
export async function decideRequest(trx: Trx, by: Principal, request: Awaited<ReturnType<typeof findRequest>>, input: z.infer<typeof decisionInput>, options: { today: string; now: Date; counting: Counting }) {
  if (request.status !== 'pending') throw new InvalidInputError([{ field: 'decision', key: 'meetings.error.alreadyDecided' }]);
  const meeting = await findMeeting(trx, request.meeting_id);
  if (input.decision === 'accept') {
    checkAgendaEditable(meeting, options.today, options.counting);
    const item = await appendItem(trx, meeting, { title: request.title, details: request.details, confidential: false, confidentialReason: '', requestId: request.id });
    await trx.updateTable('agenda_papers').set({ agenda_item_id: item.id }).where('request_id', '=', request.id).execute();
  }
  await trx
    .updateTable('agenda_requests')
    .set({ status: input.decision === 'accept' ? 'accepted' : 'rejected', decided_by: by.personId, decided_at: options.now, decision_reason: input.reason })
    .where('id', '=', request.id)
    .execute();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: input.decision === 'accept' ? 'agenda_request.accepted' : 'agenda_request.rejected',
    entityType: 'agenda_request',
    entityId: request.id,
    data: { number: request.number, reason: input.reason || undefined },
  });
}

// ---------------------------------------------------------------- comments (L2.4)

export async function listComments(trx: Trx, meetingId: string) {
  return trx
    .selectFrom('agenda_comments as c')
    .innerJoin('people as p', 'p.id', 'c.author_id')
    .select(['c.id', 'c.body', 'c.created_at', 'p.name as author_name'])
    .where('c.meeting_id', '=', meetingId)
    .orderBy('c.created_at')
    .execute();
}

export async function addComment(trx: Trx, by: Principal, meeting: MeetingRow, body: string) {
  await trx.insertInto('agenda_comments').values({ council_id: by.councilId, meeting_id: meeting.id, author_id: by.personId, body }).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agenda.commented', entityType: 'meeting', entityId: meeting.id, data: {} });
}

// ---------------------------------------------------------------- the summons

/** Whether a member gets the summons electronically: Wales by default, England only with consent. */
export async function summonsChannels(trx: Trx, council: Pick<Council, 'nation'>, personIds: readonly string[]): Promise<Map<string, 'email' | 'post'>> {
  const prefs = personIds.length ? await trx.selectFrom('summons_preferences').select(['person_id', 'electronic']).where('person_id', 'in', personIds).execute() : [];
  const channels = new Map<string, 'email' | 'post'>();
  for (const id of personIds) {
    const pref = prefs.find((p) => p.person_id === id);
    const electronic = pref ? pref.electronic : council.nation === 'wales';
    channels.set(id, electronic ? 'email' : 'post');
  }
  return channels;
}

export async function setSummonsPreference(trx: Trx, by: Principal, electronic: boolean, now: Date) {
  await trx
    .insertInto('summons_preferences')
    .values({ council_id: by.councilId, person_id: by.personId, electronic })
    .onConflict((oc) => oc.columns(['council_id', 'person_id']).doUpdateSet({ electronic, updated_at: now }))
    .execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'summons.preference', entityType: 'person', entityId: by.personId, data: { electronic } });
}

/**
 * Issue (or issue again) the summons: refused after the latest date the law allows, until
 * the meeting is re-scheduled. Each member's message goes to the outbox: by email with
 * links where they receive it electronically, otherwise for the Clerk to deliver on paper.
 */
export async function issueSummons(
  trx: Trx,
  by: Principal,
  council: Council,
  meeting: MeetingRow,
  options: {
    today: string;
    now: Date;
    clauses: ClauseIndex;
    /** The council's clauses in a language: a paper withheld from a member is explained in the summons' own. */
    clausesIn: (locale: Locale) => Promise<ClauseIndex>;
    counting: Counting;
    translate: (locale: Locale) => Translate;
    link: (path: string) => string;
    pendingAcknowledged?: boolean;
  },
) {
  const { today } = options;
  checkNotHeld(meeting, today, 'summons');
  const { summons } = meetingDates(meeting.meeting_date, options.counting);
  // A meeting accepted at short notice (where the law allows it) has its summons as soon as it can.
  if (today > summons.latestIssueDate && meeting.short_notice_reason === null) {
    throw new DomainError('summons_too_late', 'meetings.error.summonsTooLate', { date: { day: summons.latestIssueDate }, meeting: { day: meeting.meeting_date } }, { status: 409, field: 'summons' });
  }
  if (meeting.summons_issued_on !== null && !meeting.agenda_changed_since_issue) {
    throw new InvalidInputError([{ field: 'agenda', key: 'meetings.error.alreadyIssued' }]);
  }
  const items = await listItems(trx, meeting.id);
  if (items.length === 0) throw new InvalidInputError([{ field: 'agenda', key: 'meetings.error.noItems' }]);
  // Business not on the summons cannot be decided: the Clerk decides each request first, or says they know.
  const pending = await trx.selectFrom('agenda_requests').select('number').where('meeting_id', '=', meeting.id).where('status', '=', 'pending').orderBy('number').execute();
  if (pending.length > 0 && !options.pendingAcknowledged) {
    throw new InvalidInputError([{ field: 'pendingAcknowledged', key: 'meetings.error.pendingRequests', vars: { numbers: pending.map((p) => p.number).join(', ') } }]);
  }
  const members = await bodyMembers(trx, meeting);
  const channels = await summonsChannels(trx, council, members.map((m) => m.id));
  const count = meeting.summons_issue_count + 1;
  // On record as issued first: its papers go out with it, so each member's list is decided as
  // the meeting page decides it from now on (a dispensation from the meeting's day counts).
  await trx
    .updateTable('meetings')
    .set({ summons_issued_on: today, summons_issued_at: options.now, summons_issue_count: count, agenda_changed_since_issue: false })
    .where('id', '=', meeting.id)
    .execute();
  const papersOf = await summonsPapers(trx, { ...meeting, summons_issued_on: today }, items, options.clauses, today);
  // Each member's summons in their own language; where the council sends it bilingually,
  // Welsh and English in one message, Welsh first. A letter carries no links: its papers are
  // printed or enclosed with it (the pack, src/meetings/postal.ts).
  const write = async (t: Translate, channel: 'email' | 'post', papers: SummonsPaper[], member: Principal | undefined) => {
    // The council's clauses in this language (held by the clause index cache once read).
    const index = await options.clausesIn(t.locale);
    const body = bodyName(meeting, t);
    const when = `${longDay(meeting.meeting_date, t.locale)}, ${meeting.starts_at}`;
    const subject = t('meetings.summons.subject', { body, date: { day: meeting.meeting_date } });
    const agendaLines = items.map((i) => `${i.position}. ${i.confidential ? t('meetings.item.confidentialPublicTitle', { title: i.title }) : i.title}`);
    // A paper withheld from the member names the clause that withholds it, as their meeting page does.
    const paperLines = papers.map((p) =>
      p.access === 'withheld'
        ? `- ${t('meetings.paper.withheld', { title: p.paper.title })} ${member ? refusedUnder(t, index, p.refusal.ruleId, member) : ''}`.trimEnd()
        : channel === 'email'
          ? `- ${p.paper.title}: ${options.link(`/meetings/${meeting.id}/papers/${p.paper.id}`)}`
          : `- ${p.paper.title}`,
    );
    const text = [
      t('meetings.summons.greeting'),
      t('meetings.summons.lead', { body, when, venue: meeting.venue }),
      '',
      ...agendaLines,
      '',
      ...(paperLines.length ? [t(channel === 'email' ? 'meetings.summons.papers' : 'meetings.summons.papersEnclosed'), ...paperLines, ''] : []),
      ...(channel === 'email' ? [t('meetings.summons.link', { url: options.link(`/meetings/${meeting.id}`) }), ''] : []),
      by.name,
      t('roles.clerk'),
      councilNameIn(t, council),
    ].join('\n');
    return { subject, text };
  };
  const bilingual = council.settings.bilingualSummons === true && councilLanguages(council).includes('cy');
  const inBoth = async (channel: 'email' | 'post', papers: SummonsPaper[], member: Principal | undefined) => {
    const both = [await write(options.translate('cy'), channel, papers, member), await write(options.translate('en'), channel, papers, member)];
    return { subject: both.map((x) => x.subject).join(' / '), text: both.map((x) => x.text).join('\n\n— — —\n\n') };
  };
  const textFor = await inRecipientsLanguages(trx, council, options.translate, options.link(''));
  for (const m of members) {
    const channel = channels.get(m.id) ?? 'post';
    // Everything of theirs the rules read, as when they sign in.
    const principal = await loadPrincipal(trx, m.id);
    const papers = principal ? await papersOf(principal) : [];
    const { subject, text } = bilingual ? await inBoth(channel, papers, principal) : await write(textFor(m), channel, papers, principal);
    const row = await trx
      .insertInto('outbox_messages')
      .values({ council_id: council.id, recipient_id: m.id, recipient_email: m.email, channel, subject, body: text, meeting_id: meeting.id })
      .returning(['id', 'channel'])
      .executeTakeFirstOrThrow();
    if (row.channel === 'email') await enqueueDelivery(trx, council.id, row.id);
  }
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: count > 1 ? 'summons.reissued' : 'summons.issued',
    entityType: 'meeting',
    entityId: meeting.id,
    data: { issuedOn: today, latestIssueDate: summons.latestIssueDate, reading: summons.reading, items: items.length, recipients: members.length, byPost: [...channels.values()].filter((c) => c === 'post').length },
  });
  return { recipients: members.length, latestIssueDate: summons.latestIssueDate };
}

/**
 * Why something is refused to a reader, in `t`'s language: the clause their own page would cite
 * first, from the council's clauses in that language; nothing where no clause carries the rule.
 */
export function refusedUnder(t: Translate, clauses: ClauseIndex, ruleId: RuleId, reader: Principal): string {
  const clause = addressedFirst(clausesCarrying(clauses, ruleId), reader)[0];
  return clause ? t('refused.underClause', { number: clause.number, protocol: clause.protocol, text: clause.text }) : '';
}

/** A paper as one member gets it with the summons: to open, or withheld from them for a registered interest, with the refusal. */
export type SummonsPaper = { paper: PaperRow; item: ItemRow } & ({ access: 'open' } | { access: 'withheld'; refusal: Refusal });

/**
 * Which papers of the meeting each member gets with its summons (the message and the printed
 * letter), decided for that member as the meeting page decides them: one withheld for their
 * interest is named as withheld; one not theirs at all (an item in private, a confidential
 * paper not issued to them) and one whose request is not on the agenda are not named.
 */
export async function summonsPapers(trx: Trx, meeting: MeetingRow, items: readonly ItemRow[], clauses: ClauseIndex, today: string): Promise<(member: Principal) => Promise<SummonsPaper[]>> {
  const papers = await listPapers(trx, meeting.id);
  const byId = new Map(items.map((i) => [i.id, i]));
  const documentIds = papers.flatMap((p) => (p.document_id ? [p.document_id] : []));
  const documents = new Map((await listDocuments(trx, { ids: documentIds })).map((d) => [d.id, d]));
  const memberIds = (await bodyMembership(trx, today))(meeting.committee_id);
  return async (member) => {
    if (papers.length === 0) return [];
    // Their registered interests and the dispensations that lift them, as the meeting page reads them.
    const interests = await interestContextOf(trx, member.personId, today);
    const out: SummonsPaper[] = [];
    for (const paper of papers) {
      const item = paper.agenda_item_id ? byId.get(paper.agenda_item_id) : undefined;
      const document = paper.document_id ? documents.get(paper.document_id) : undefined;
      if (!item || (paper.document_id && !document)) continue;
      const answer = paperAccess(member, clauses, today, itemResource(item, memberIds, meeting), interests, document);
      if (answer.access === 'open') out.push({ paper, item, access: 'open' });
      else if (answer.access === 'withheld') out.push({ paper, item, access: 'withheld', refusal: answer.refusal });
    }
    return out;
  };
}

export async function listOutbox(trx: Trx, meetingId: string) {
  return trx.selectFrom('outbox_messages').select(['id', 'recipient_email', 'channel', 'subject', 'created_at', 'sent_at']).where('meeting_id', '=', meetingId).orderBy('created_at').execute();
}

// ---------------------------------------------------------------- minutes

export const minutesInput = z.object({ minutes: z.record(z.string(), z.string().max(20_000, 'validation.tooLong')).describe('Minute text by agenda item id') });
export const approveInput = z.object({ approvedAt: labelled(id('meetings.error.approvedAt'), 'meetings.minutes.approvedAtLabel') });

export async function saveMinutes(trx: Trx, by: Principal, meeting: MeetingRow, minutes: Record<string, string>, today: string) {
  if (meeting.minutes_status === 'approved') throw new InvalidInputError([{ field: 'minutes', key: 'meetings.error.minutesLocked' }]);
  if (meeting.meeting_date > today) throw new InvalidInputError([{ field: 'minutes', key: 'meetings.error.minutesBeforeMeeting' }]);
  const items = await listItems(trx, meeting.id);
  for (const item of items) {
    const text = minutes[item.id];
    if (text !== undefined) await trx.updateTable('agenda_items').set({ minute: text.trim() }).where('id', '=', item.id).execute();
  }
  await trx.updateTable('meetings').set({ minutes_status: 'draft' }).where('id', '=', meeting.id).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'minutes.drafted', entityType: 'meeting', entityId: meeting.id, data: {} });
}

/** Minutes are approved at a later meeting of the same body that has taken place; then they are locked. */
export async function approveMinutes(trx: Trx, by: Principal, meeting: MeetingRow, atMeetingId: string, today: string) {
  if (meeting.minutes_status !== 'draft') throw new InvalidInputError([{ field: 'approvedAt', key: 'meetings.error.noDraftMinutes' }]);
  const at = await trx.selectFrom('meetings').selectAll().where('id', '=', atMeetingId).executeTakeFirst();
  if (!at || at.committee_id !== meeting.committee_id || at.meeting_date <= meeting.meeting_date || at.meeting_date > today) {
    throw new InvalidInputError([{ field: 'approvedAt', key: 'meetings.error.approvedAt' }]);
  }
  await trx.updateTable('meetings').set({ minutes_status: 'approved', minutes_approved_at: at.id, minutes_approved_on: at.meeting_date }).where('id', '=', meeting.id).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'minutes.approved', entityType: 'meeting', entityId: meeting.id, data: { approvedAt: at.id, approvedOn: at.meeting_date } });
}

/** Later meetings of the same body that have taken place: where minutes can be approved. */
export async function approvalMeetings(trx: Trx, meeting: MeetingRow, today: string) {
  let q = trx.selectFrom('meetings').select(['id', 'meeting_date']).where('meeting_date', '>', meeting.meeting_date).where('meeting_date', '<=', today);
  q = meeting.committee_id ? q.where('committee_id', '=', meeting.committee_id) : q.where('committee_id', 'is', null);
  return q.orderBy('meeting_date').execute();
}

// ---------------------------------------------------------------- helpers

export { longDay };

export function daysUntil(today: string, date: string): number {
  return daysBetween(today, date);
}

import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import type { Principal } from '../policy/principal.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../calendar/dates.js';
import { londonDate, londonInstant } from '../calendar/london.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { activeClerks, councilForJob, queueEmail } from '../notifications/delivery.js';
import { DomainError, InvalidInputError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { chosenId, id, optionalText } from '../web/schemas.js';
import { coversItem, currentOn, findDispensation, listDispensations } from './dispensations.js';

/** The kinds of interest a member declares; "none" confirms before the meeting that they have none in an item. */
export const KINDS = ['pecuniary', 'other_registrable', 'non_registrable'] as const;
export const BEFORE_KINDS = [...KINDS, 'none'] as const;
/** A disclosable pecuniary interest declared at a meeting and not in the register is registered within 28 days (s.31(3)). */
export const REGISTER_WITHIN_DAYS = 28;
/** The member and the Clerk are reminded this many days before that date. */
export const CHASE_DAYS_BEFORE = 7;

export const beforeInput = z.object({
  declarations: labelled(
    z
      .array(z.object({ itemId: id('validation.invalid'), kind: z.enum(BEFORE_KINDS, 'validation.choose'), details: optionalText(1000) }))
      // Sending nothing would be answered as sent, with nothing sent.
      .min(1, 'meetingDeclarations.error.nothing')
      .max(200)
      .describe('For each item: an interest of one kind, or "none"; items left out are not changed'),
    'meetingDeclarations.field.kind',
  ),
});
export type BeforeInput = z.infer<typeof beforeInput>;

export const recordInput = z.object({
  personId: labelled(chosenId('validation.invalid').describe('The member who declared'), 'meetingDeclarations.field.person'),
  itemId: labelled(chosenId('validation.invalid').describe('The agenda item'), 'meetingDeclarations.field.item'),
  kind: labelled(z.enum(KINDS, 'validation.choose'), 'meetingDeclarations.field.kind', { blankIsMissing: true }),
  details: labelled(optionalText(1000).describe('The interest, as declared; for a sensitive interest, nothing more than that there is one'), 'meetingDeclarations.field.details'),
  leftRoom: labelled(z.boolean().default(false), 'meetingDeclarations.field.leftRoom'),
  tookNoPart: labelled(z.boolean().default(false), 'meetingDeclarations.field.tookNoPart'),
  dispensationId: labelled(id('validation.invalid').nullable().default(null).describe('A dispensation of the member’s, current on the day and covering the item'), 'meetingDeclarations.field.dispensation'),
});
export type RecordInput = z.infer<typeof recordInput>;

interface MeetingLike {
  id: string;
  committee_id: string | null;
  meeting_date: string;
}

async function meetingItem(trx: Trx, meeting: MeetingLike, itemId: string, field: string) {
  const item = await trx.selectFrom('agenda_items').select(['id', 'title', 'position', 'matter_id']).where('id', '=', itemId).where('meeting_id', '=', meeting.id).executeTakeFirst();
  if (!item) throw new InvalidInputError([{ field, key: 'meetingDeclarations.error.item' }]);
  return item;
}

/** The matters of a person's current registered interests on a day, with the kind of each. */
async function registeredMatters(trx: Trx, personId: string, day: string) {
  const rows = await trx
    .selectFrom('interest_matters as im')
    .innerJoin('interests as i', 'i.id', 'im.interest_id')
    .innerJoin('matters as m', 'm.id', 'im.matter_id')
    .select(['im.matter_id', 'm.title', 'i.kind'])
    .where('i.person_id', '=', personId)
    .where('i.superseded_on', 'is', null)
    .where('i.registered_on', '<=', day)
    .where((eb) => eb.or([eb('i.ended_on', 'is', null), eb('i.ended_on', '>', day)]))
    .execute();
  return rows;
}

/**
 * What a member sees before a meeting: each item, whether it touches a matter in their
 * register (and which interest's kind), what they have declared or confirmed, and the
 * dispensations of theirs that cover it on the day.
 */
export async function itemsForMember(trx: Trx, meeting: MeetingLike, personId: string, today: string) {
  const [items, registered, before, dispensations] = await Promise.all([
    trx.selectFrom('agenda_items as a').leftJoin('matters as m', 'm.id', 'a.matter_id').select(['a.id', 'a.position', 'a.title', 'a.matter_id', 'm.title as matter_title', 'a.confidential']).where('a.meeting_id', '=', meeting.id).orderBy('a.position').execute(),
    registeredMatters(trx, personId, today),
    trx.selectFrom('meeting_declarations').select(['agenda_item_id', 'kind', 'details']).where('meeting_id', '=', meeting.id).where('person_id', '=', personId).where('stage', '=', 'before').execute(),
    listDispensations(trx, { personId }),
  ]);
  return items.map((item) => {
    const touching = registered.filter((r) => r.matter_id === item.matter_id);
    const mine = before.find((b) => b.agenda_item_id === item.id);
    return {
      id: item.id,
      position: item.position,
      title: item.title,
      matterTitle: item.matter_title,
      touches: touching.length > 0,
      pecuniary: touching.some((r) => r.kind === 'pecuniary'),
      declared: mine ? { kind: mine.kind, details: mine.details } : null,
      dispensations: dispensations.filter((d) => currentOn(d, meeting.meeting_date) && coversItem(d, item)).map((d) => ({ id: d.id, covers: d.covers, until: d.grantedUntil! })),
    };
  });
}

/**
 * Declarations before a meeting close once it has met: those made at it are the Clerk's to
 * record. The routes ask this before they read what was sent, so a member declaring for a
 * meeting that has met is told so, whatever they sent.
 */
export function checkNotMet(meeting: Pick<MeetingLike, 'meeting_date'>, today: string): void {
  if (meeting.meeting_date < today) throw new DomainError('meeting_met', 'meetingDeclarations.error.met', {}, { field: 'declarations' });
}

/** A member's declarations before the meeting: one per item, replaced when sent again. Closed once the meeting has met. */
export async function declareBefore(trx: Trx, by: Principal, meeting: MeetingLike, input: BeforeInput, today: string): Promise<number> {
  checkNotMet(meeting, today);
  let saved = 0;
  for (const entry of input.declarations) {
    await meetingItem(trx, meeting, entry.itemId, 'declarations');
    await trx
      .insertInto('meeting_declarations')
      .values({ council_id: by.councilId, meeting_id: meeting.id, agenda_item_id: entry.itemId, person_id: by.personId, stage: 'before', kind: entry.kind, details: entry.kind === 'none' ? '' : entry.details, dispensation_id: null, register_by: null, chase_sent_on: null, recorded_by: by.personId })
      .onConflict((oc) => oc.columns(['council_id', 'agenda_item_id', 'person_id', 'stage']).doUpdateSet({ kind: entry.kind, details: entry.kind === 'none' ? '' : entry.details }))
      .execute();
    saved++;
  }
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'declaration.before', entityType: 'meeting', entityId: meeting.id, data: { items: input.declarations.map((d) => ({ itemId: d.itemId, kind: d.kind })) } });
  return saved;
}

/** Whether the member's register, on `day`, holds a pecuniary interest in the item's matter. */
async function inRegister(trx: Trx, personId: string, matterId: string | null, day: string): Promise<boolean> {
  if (!matterId) return false;
  return (await registeredMatters(trx, personId, day)).some((r) => r.kind === 'pecuniary' && r.matter_id === matterId);
}

/** Registered since the meeting: a pecuniary interest in the item's matter, or any pecuniary interest registered on or after the meeting's day. */
async function registeredSince(trx: Trx, personId: string, matterId: string | null, meetingDate: string, today: string): Promise<boolean> {
  if (await inRegister(trx, personId, matterId, today)) return true;
  const since = await trx.selectFrom('interests').select('id').where('person_id', '=', personId).where('kind', '=', 'pecuniary').where('registered_on', '>=', meetingDate).executeTakeFirst();
  return since !== undefined;
}

/**
 * The Clerk records a declaration made at the meeting. The member must be one of the body's;
 * a dispensation relied on must be theirs, granted, current on the day of the meeting and
 * covering the item or its matter (s.31(4)). A disclosable pecuniary interest not in their
 * register must be registered within 28 days (s.31(3)): the date is kept, and a reminder queued.
 */
export async function recordDeclaration(trx: Trx, by: Principal, council: Council, meeting: MeetingLike & { members: readonly { id: string }[] }, input: RecordInput, today: string): Promise<{ id: string; registerBy: string | null }> {
  if (meeting.meeting_date > today) throw new DomainError('meeting_not_held', 'meetingDeclarations.error.notYet', {}, { field: 'itemId' });
  if (!meeting.members.some((m) => m.id === input.personId)) throw new InvalidInputError([{ field: 'personId', key: 'meetingDeclarations.error.notMember' }]);
  const item = await meetingItem(trx, meeting, input.itemId, 'itemId');
  if (input.dispensationId) {
    const dispensation = await findDispensation(trx, input.dispensationId).catch(() => undefined);
    if (!dispensation || dispensation.personId !== input.personId || !currentOn(dispensation, meeting.meeting_date) || !coversItem(dispensation, item)) {
      throw new InvalidInputError([{ field: 'dispensationId', key: 'meetingDeclarations.error.dispensation' }]);
    }
  }
  const registerBy = input.kind === 'pecuniary' && !(await inRegister(trx, input.personId, item.matter_id, meeting.meeting_date)) ? addDays(meeting.meeting_date, REGISTER_WITHIN_DAYS) : null;
  const values = { kind: input.kind, details: input.details, left_room: input.leftRoom, took_no_part: input.tookNoPart, dispensation_id: input.dispensationId, register_by: registerBy, recorded_by: by.personId };
  const row = await trx
    .insertInto('meeting_declarations')
    .values({ council_id: by.councilId, meeting_id: meeting.id, agenda_item_id: item.id, person_id: input.personId, stage: 'meeting', chase_sent_on: null, ...values })
    .onConflict((oc) => oc.columns(['council_id', 'agenda_item_id', 'person_id', 'stage']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'declaration.recorded',
    entityType: 'meeting_declaration',
    entityId: row.id,
    data: { meetingId: meeting.id, itemId: item.id, personId: input.personId, kind: input.kind, leftRoom: input.leftRoom, tookNoPart: input.tookNoPart, dispensationId: input.dispensationId, registerBy },
  });
  if (registerBy) {
    const remindOn = addDays(registerBy, -CHASE_DAYS_BEFORE);
    const runAt = remindOn > today ? londonInstant(remindOn, council.settings.officeHours?.opens ?? '09:00') : undefined;
    await enqueueJob(trx, chaseRegistration, { councilId: council.id, payload: { declarationId: row.id, registerBy }, runAt });
  }
  return { id: row.id, registerBy };
}

/**
 * A week before the 28 days are up (s.31(3)): unless the member has registered the interest,
 * they and the Clerk are reminded of the date. Sent once.
 */
export const chaseRegistration = defineJob({
  kind: 'declaration.register_chase',
  payload: z.object({ declarationId: z.string(), registerBy: z.string() }),
  async run(trx, { declarationId, registerBy }, ctx) {
    const row = await trx
      .selectFrom('meeting_declarations as d')
      .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
      .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
      .select(['d.id', 'd.person_id', 'd.register_by', 'd.chase_sent_on', 'd.meeting_id', 'm.meeting_date', 'a.title', 'a.matter_id'])
      .where('d.id', '=', declarationId)
      .forUpdate('d')
      .executeTakeFirst();
    if (!row || row.register_by !== registerBy || row.chase_sent_on !== null) return;
    const today = londonDate(ctx.clock());
    if (await registeredSince(trx, row.person_id, row.matter_id, row.meeting_date, today)) return;
    const { council, textFor } = await councilForJob(trx, ctx);
    const member = await trx.selectFrom('people').select(['id', 'email', 'name']).where('id', '=', row.person_id).executeTakeFirstOrThrow();
    const clerks = await activeClerks(trx);
    for (const to of [member, ...clerks]) {
      const t = textFor(to);
      const vars = { name: member.name, item: row.title, meeting: { date: row.meeting_date }, by: { date: registerBy } };
      await queueEmail(trx, council.id, { to, subject: t('meetingDeclarations.email.chase.subject', vars), body: t('meetingDeclarations.email.chase.body', vars), link: textFor.link(to.id === member.id ? '/interests/new' : '/declarations') });
    }
    await trx.updateTable('meeting_declarations').set({ chase_sent_on: today }).where('id', '=', row.id).execute();
  },
});

/** Pecuniary interests declared at meetings and still to be registered; of one member, or everyone's (the Clerk). */
export async function registrationsDue(trx: Trx, today: string, personId?: string) {
  let q = trx
    .selectFrom('meeting_declarations as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(['d.id', 'd.person_id', 'p.name', 'd.register_by', 'm.id as meeting_id', 'm.meeting_date', 'a.title', 'a.matter_id'])
    .where('d.register_by', 'is not', null)
    .orderBy('d.register_by');
  if (personId) q = q.where('d.person_id', '=', personId);
  const out = [];
  for (const r of await q.execute()) {
    if (await registeredSince(trx, r.person_id, r.matter_id, r.meeting_date, today)) continue;
    out.push({ id: r.id, personId: r.person_id, name: r.name, registerBy: r.register_by!, overdue: r.register_by! < today, meetingId: r.meeting_id, meetingDate: r.meeting_date, itemTitle: r.title });
  }
  return out;
}

import { sql } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../calendar/dates.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { councilForJob, queueEmail } from '../notifications/delivery.js';
import { londonDate, type Principal } from '../policy/principal.js';
import { REGISTER_WITHIN_DAYS } from '../interests/service.js';
import { reminderTime } from '../training/calendar.js';
import { dueFor, listRequirements } from '../training/service.js';
import { InvalidInputError } from '../web/errors.js';

/** Days from the start of a term within which each item of the checklist is due. */
export const WITHIN_DAYS = REGISTER_WITHIN_DAYS;

export type ItemState = 'done' | 'todo' | 'overdue' | 'elsewhere' | 'info';
export interface ChecklistItem {
  key: string;
  state: ItemState;
  dueOn: string | null;
  /** Where the councillor does it. */
  path: string;
  /** Words to show beside it (a group's name, the training still to do). */
  detail?: string;
}

/**
 * Items kept by other capabilities that this checklist cannot yet compute (acknowledging
 * the protocol and the code of conduct). Each is shown as a link to where it is done; a
 * capability that records it can give it a `check` here, and the checklist will show its
 * state and remind before its date like the others.
 */
export interface ExternalCheck {
  key: string;
  path: string;
  check?: (trx: Trx, personId: string, since: string) => Promise<boolean>;
}
export const EXTERNAL_CHECKS: ExternalCheck[] = [
  { key: 'protocol', path: '/protocol' },
  { key: 'conduct', path: '/protocol' },
];

const stateOf = (done: boolean, dueOn: string, today: string): ItemState => (done ? 'done' : dueOn < today ? 'overdue' : 'todo');

/** A councillor's checklist for the first 28 days of their term, computed from the records. */
export async function checklist(trx: Trx, personId: string, today: string): Promise<{ termStarts: string; items: ChecklistItem[] } | undefined> {
  const person = await trx.selectFrom('people').select(['id', 'name', 'role', 'term_starts', 'term_ends', 'created_at']).where('id', '=', personId).executeTakeFirst();
  if (!person || person.role !== 'councillor' || !person.term_starts) return undefined;
  const start = person.term_starts;
  const due = addDays(start, WITHIN_DAYS);
  const [interest, nil, summons, requirements, met, held, group] = await Promise.all([
    trx.selectFrom('interests').select('id').where('person_id', '=', personId).where('registered_on', '>=', start).executeTakeFirst(),
    trx.selectFrom('interest_nil_returns').select('id').where('person_id', '=', personId).where('returned_on', '>=', start).executeTakeFirst(),
    trx.selectFrom('summons_preferences').select('electronic').where('person_id', '=', personId).executeTakeFirst(),
    listRequirements(trx),
    trx.selectFrom('training_records').select(['person_id', 'requirement_id']).where('person_id', '=', personId).where('requirement_id', 'is not', null).execute(),
    trx.selectFrom('equipment_loans').select(['id', 'acknowledged_at']).where('person_id', '=', personId).where('returned_on', 'is', null).execute(),
    trx.selectFrom('group_members as m').innerJoin('political_groups as g', 'g.id', 'm.group_id').select('g.name').where('m.person_id', '=', personId).executeTakeFirst(),
  ]);
  const training = dueFor(person, requirements.filter((r) => r.applies_to === 'new_councillors'), new Set(met.map((m) => `${m.person_id}:${m.requirement_id}`)), today);
  const items: ChecklistItem[] = [
    { key: 'interests', state: stateOf(!!interest || !!nil, due, today), dueOn: due, path: '/interests' },
    { key: 'summons', state: stateOf(summons?.electronic === true, due, today), dueOn: due, path: '/account' },
  ];
  for (const ext of EXTERNAL_CHECKS) {
    items.push(ext.check ? { key: ext.key, state: stateOf(await ext.check(trx, personId, start), due, today), dueOn: due, path: ext.path } : { key: ext.key, state: 'elsewhere', dueOn: due, path: ext.path });
  }
  if (training.length) {
    const last = training.map((d) => d.dueOn).sort().at(-1)!;
    items.push({ key: 'training', state: stateOf(training.every((d) => d.done), last, today), dueOn: last, path: '/training', detail: training.filter((d) => !d.done).map((d) => d.course).join('; ') });
  }
  items.push({ key: 'equipment', state: held.length === 0 ? 'info' : stateOf(held.every((h) => h.acknowledged_at), due, today), dueOn: held.length ? due : null, path: '/equipment' });
  items.push({ key: 'group', state: 'info', dueOn: null, path: '/', detail: group?.name });
  return { termStarts: start, items };
}

/** Councillors in term, each with their checklist's progress: the newest terms first. */
export async function everyonesProgress(trx: Trx, today: string) {
  const councillors = await trx.selectFrom('people').select(['id', 'name', 'term_starts', 'term_ends']).where('role', '=', 'councillor').where('active', '=', true).orderBy('term_starts', 'desc').orderBy('name').execute();
  const rows = [];
  for (const c of councillors.filter((p) => p.term_starts && p.term_starts <= today && (!p.term_ends || p.term_ends >= today))) {
    const list = await checklist(trx, c.id, today);
    if (!list) continue;
    const counted = list.items.filter((i) => i.state !== 'info' && i.state !== 'elsewhere');
    rows.push({ id: c.id, name: c.name, termStarts: list.termStarts, done: counted.filter((i) => i.state === 'done').length, total: counted.length, overdue: counted.filter((i) => i.state === 'overdue').map((i) => i.key) });
  }
  return rows;
}

/** A nil return: the councillor has no interest to register. Refused once they have a current interest. */
export async function makeNilReturn(trx: Trx, by: Principal, today: string) {
  const current = await trx.selectFrom('interests').select('id').where('person_id', '=', by.personId).where('superseded_on', 'is', null).where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)])).executeTakeFirst();
  if (current) throw new InvalidInputError([{ field: 'form', key: 'induction.error.hasInterests' }]);
  const row = await trx.insertInto('interest_nil_returns').values({ council_id: by.councilId, person_id: by.personId, returned_on: today, recorded_by: by.personId }).returning(['id', 'returned_on']).executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'interest.nil_return', entityType: 'person', entityId: by.personId, data: { returnedOn: today } });
  return row;
}

/** Queue a reminder before each date still to be met; each is sent once (see the job). */
export async function scheduleInductionReminders(trx: Trx, council: Council, personId: string, now: Date): Promise<number> {
  const today = londonDate(now);
  const list = await checklist(trx, personId, today);
  let queued = 0;
  for (const item of list?.items ?? []) {
    if ((item.state !== 'todo' && item.state !== 'elsewhere') || !item.dueOn) continue;
    const runAt = reminderTime(council, item.dueOn, now, today);
    if (!runAt) continue;
    await enqueueJob(trx, remindOfInduction, { councilId: council.id, payload: { personId, item: item.key, dueOn: item.dueOn }, runAt });
    queued++;
  }
  return queued;
}

export const remindOfInduction = defineJob({
  kind: 'induction.remind',
  payload: z.object({ personId: z.string(), item: z.string(), dueOn: z.string() }),
  async run(trx, { personId, item, dueOn }, ctx) {
    const list = await checklist(trx, personId, londonDate(ctx.clock()));
    const now = list?.items.find((i) => i.key === item);
    if (!now || now.state === 'done') return;
    const claimed = await sql<{ item: string }>`
      insert into induction_reminders (council_id, person_id, item, due_on, sent_at)
      values (${ctx.job.councilId}, ${personId}, ${item}, ${dueOn}, ${ctx.clock().toISOString()})
      on conflict do nothing returning item`.execute(trx);
    if (claimed.rows.length === 0) return;
    const { council, textFor } = await councilForJob(trx, ctx);
    const person = await trx.selectFrom('people').select(['id', 'email']).where('id', '=', personId).executeTakeFirstOrThrow();
    const t = textFor(person);
    const vars = { item: t(`induction.item.${item}`), due: { date: dueOn } };
    await queueEmail(trx, council.id, { to: person, subject: t('induction.reminder.subject', vars), body: t('induction.reminder.body', vars), link: textFor.link('/induction') });
  },
});

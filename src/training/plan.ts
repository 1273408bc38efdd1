import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { activeClerks, councilForJob, queueEmail } from '../notifications/delivery.js';
import { londonInstant } from '../enquiries/working-days.js';
import type { Principal } from '../policy/principal.js';
import { InvalidInputError } from '../web/errors.js';
import { labelled } from '../web/form.js';
import { chosenId } from '../web/schemas.js';
import { everyonesTraining, requestsOf } from './service.js';

/**
 * A community council's training plan (Local Government and Elections (Wales) Act 2021,
 * s.67): made from the records and what is due, adopted by resolution of the council, and
 * made anew within three months of each ordinary election.
 */
export const PLAN_MONTHS_AFTER_ELECTION = 3;

export const adoptPlanInput = z.object({
  resolutionId: labelled(chosenId('training.error.resolution').describe('The recorded resolution of the council adopting the plan'), 'training.field.resolution', { blankIsMissing: true }),
});

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const mostCommon = (values: readonly (string | null)[]): string | null => {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]?.[0] ?? null;
};

/** The ordinary elections the plan follows: the day most councillors' terms began, and the day most end. */
export async function elections(trx: Trx, today: string) {
  const councillors = await trx.selectFrom('people').select(['term_starts', 'term_ends']).where('role', '=', 'councillor').where('active', '=', true).execute();
  const inTerm = councillors.filter((c) => (!c.term_starts || c.term_starts <= today) && (!c.term_ends || c.term_ends >= today));
  return { last: mostCommon(inTerm.map((c) => c.term_starts)), next: mostCommon(inTerm.map((c) => c.term_ends)) };
}

/** The plan as it would be adopted today: each person's completed courses, what is due, and what they asked for. */
export async function draftPlan(trx: Trx, today: string) {
  const people = await everyonesTraining(trx, today);
  const requests = await requestsOf(trx, undefined, 'open');
  return people.map((p) => ({
    name: p.name,
    role: p.role,
    hours: p.hours,
    outstanding: p.due.filter((d) => !d.done).map((d) => ({ course: d.course, dueOn: d.dueOn, overdue: d.overdue })),
    requested: requests.filter((r) => r.person_id === p.id).map((r) => r.course),
  }));
}
export type PlanContent = Awaited<ReturnType<typeof draftPlan>>;

export function latestPlan(trx: Trx) {
  return trx
    .selectFrom('training_plans as p')
    .innerJoin('resolutions as r', 'r.id', 'p.resolution_id')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .select(['p.id', 'p.adopted_on', 'p.next_election_on', 'p.content', 'r.minute_number', 'm.meeting_date', 'r.id as resolution_id'])
    .orderBy('p.adopted_on', 'desc')
    .orderBy('p.created_at', 'desc')
    .executeTakeFirst();
}

/**
 * Where the council stands: a plan adopted before the last ordinary election is out of date,
 * and a new one is due within three months of that election.
 */
export function planStatus(plan: { adopted_on: string } | undefined, election: { last: string | null; next: string | null }, today: string) {
  const deadlineAfterLast = election.last ? addMonths(election.last, PLAN_MONTHS_AFTER_ELECTION) : null;
  const current = !!plan && (!election.last || plan.adopted_on >= election.last);
  return {
    current,
    deadline: current ? null : deadlineAfterLast,
    late: !current && !!deadlineAfterLast && today > deadlineAfterLast,
    nextDeadline: election.next ? addMonths(election.next, PLAN_MONTHS_AFTER_ELECTION) : null,
  };
}

/** Adopt the plan as drafted today, citing the resolution; the Clerk is reminded when the next ordinary election comes. */
export async function adoptPlan(trx: Trx, council: Council, by: Principal, resolutionId: string, today: string) {
  const resolution = await trx.selectFrom('resolutions as r').innerJoin('meetings as m', 'm.id', 'r.meeting_id').select(['r.id', 'm.meeting_date']).where('r.id', '=', resolutionId).executeTakeFirst();
  if (!resolution) throw new InvalidInputError([{ field: 'resolutionId', key: 'training.error.resolution' }]);
  const election = await elections(trx, today);
  const content = await draftPlan(trx, today);
  const row = await trx
    .insertInto('training_plans')
    .values({ council_id: by.councilId, resolution_id: resolution.id, adopted_on: resolution.meeting_date, next_election_on: election.next, content: JSON.stringify(content), recorded_by: by.personId })
    .returning(['id', 'adopted_on', 'next_election_on'])
    .executeTakeFirstOrThrow();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'training.plan_adopted', entityType: 'training_plan', entityId: row.id, data: { resolutionId, nextElection: election.next } });
  if (election.next && election.next > today) {
    await enqueueJob(trx, remindOfPlanReview, { councilId: by.councilId, payload: { planId: row.id }, runAt: londonInstant(election.next, council.settings.officeHours?.opens ?? '09:00') });
  }
  return row;
}

/** On the day of the ordinary election: the Clerk is told the date by which a new plan must be adopted. Sent once. */
export const remindOfPlanReview = defineJob({
  kind: 'training.plan_review',
  payload: z.object({ planId: z.string() }),
  async run(trx, { planId }, ctx) {
    const plan = await trx.selectFrom('training_plans').select(['id', 'next_election_on', 'reminded_at']).where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!plan || plan.reminded_at || !plan.next_election_on) return;
    const { council, textFor } = await councilForJob(trx, ctx);
    const clerks = await activeClerks(trx);
    const vars = { election: { date: plan.next_election_on }, deadline: { date: addMonths(plan.next_election_on, PLAN_MONTHS_AFTER_ELECTION) } };
    for (const c of clerks) {
      const t = textFor(c);
      await queueEmail(trx, council.id, { to: c, subject: t('training.plan.reminder.subject', vars), body: t('training.plan.reminder.body', vars), link: textFor.link('/training/plan') });
    }
    await trx.updateTable('training_plans').set({ reminded_at: ctx.clock() }).where('id', '=', plan.id).execute();
  },
});

import type { Trx } from '../db/database.js';
import type { Nation, TemplateSettings } from '../protocol/types.js';
import { addDays } from '../calendar/dates.js';
import { addWorkingDays, londonInstant, workingCalendar } from '../enquiries/working-days.js';
import { DEFAULT_TIME_LIMITS } from './service.js';

/**
 * One informal concern in progress: the Assistant Clerk's concern about the way a councillor
 * spoke to them, with the Clerk's conversation and the advice sought from the independent
 * adviser, the councillor told in the Clerk's words what is said (with the dates), and the
 * review of informal resolution still to come. No email: demo data sends none.
 */
export async function seedDemoConcern(trx: Trx, council: { id: string; nation: Nation; settings: Partial<TemplateSettings> }, id: (key: string) => string, today: string): Promise<void> {
  const clerk = await trx.selectFrom('people').select('id').where('role', '=', 'clerk').executeTakeFirst();
  if (!clerk) return;
  const raisedOn = addDays(today, -4);
  const kase = await trx
    .insertInto('concern_cases')
    .values({
      council_id: council.id,
      raised_by: id('officer'),
      about_kind: 'councillor',
      about_person_id: id('market'),
      statement: 'At the end of the planning meeting a councillor criticised my minutes loudly in front of members of the public. I would like it handled informally if possible.',
      concerns_clerk: false,
      passed_on_by: null,
      procedure: null,
      personnel_committee_id: null,
      outcome: null,
      decided_by_resolution_id: null,
      raised_at: londonInstant(raisedOn, '10:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('concern_cases').set({ link: `/concerns/${kase.id}` }).where('id', '=', kase.id).execute();
  await trx.insertInto('concern_handlers').values({ council_id: council.id, case_id: kase.id, person_id: clerk.id, office: 'roles.clerk' }).execute();
  const adviser = await trx.selectFrom('external_contacts').select('id').where('kind', '=', 'independent_person').executeTakeFirst();
  await trx
    .insertInto('concern_entries')
    .values([
      { council_id: council.id, case_id: kase.id, kind: 'conversation', contact_id: null, body: 'Spoke with the officer; they would like an apology and an agreed way to raise comments on draft minutes.', author_id: clerk.id, occurred_on: addDays(raisedOn, 1), created_at: londonInstant(addDays(raisedOn, 1), '11:00') },
      { council_id: council.id, case_id: kase.id, kind: 'advice', contact_id: adviser?.id ?? null, body: 'Asked the independent adviser how other councils agree comments on draft minutes.', author_id: clerk.id, occurred_on: addDays(raisedOn, 2), created_at: londonInstant(addDays(raisedOn, 2), '14:00') },
    ])
    .execute();
  await trx
    .insertInto('concern_disclosures')
    .values({
      council_id: council.id,
      case_id: kase.id,
      person_id: id('market'),
      summary: 'It is said that at the end of the planning meeting you criticised the draft minutes loudly in front of members of the public. I would like to agree with you a way to raise comments on draft minutes with the officers.',
      share_dates: true,
      outcome: null,
      raiser_name: null,
      disclosed_by: clerk.id,
      disclosed_at: londonInstant(addDays(raisedOn, 2), '15:00'),
    })
    .execute();
  const limits = { ...DEFAULT_TIME_LIMITS, ...council.settings.concernTimeLimits };
  const dueOn = addWorkingDays(raisedOn, limits.informalReviewDays, workingCalendar(council));
  await trx.insertInto('concern_stages').values({ council_id: council.id, case_id: kase.id, stage: 'informal_review', due_on: dueOn, done_on: null, reminded_at: null }).execute();
}

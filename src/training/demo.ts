import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';

/**
 * Training the demo council requires, and its records: every councillor but one has done the
 * code of conduct course, so one is overdue; the Clerk holds the qualification; a councillor
 * has asked for planning training.
 */
export async function seedDemoTraining(trx: Trx, councilId: string, id: (key: string) => string, today: string): Promise<void> {
  const requirement = (course: string, appliesTo: 'councillors' | 'new_councillors' | 'clerk', withinDays: number) =>
    trx.insertInto('training_requirements').values({ council_id: councilId, course, applies_to: appliesTo, within_days: withinDays }).returning('id').executeTakeFirstOrThrow();
  const conduct = await requirement('Code of conduct', 'councillors', 180);
  await requirement('New councillors’ induction', 'new_councillors', 60);
  const qualification = await requirement('Certificate in Local Council Administration', 'clerk', 730);
  const record = (person: string, course: string, provider: string, daysAgo: number, hours: number, requirementId: string | null) =>
    trx
      .insertInto('training_records')
      .values({ council_id: councilId, person_id: id(person), course, provider, completed_on: addDays(today, -daysAgo), hours, certificate_document_id: null, requirement_id: requirementId, recorded_by: id('clerk') })
      .execute();
  // Owen Hughes has not done the code of conduct course: his is the overdue one.
  for (const [i, key] of ['chair', 'vice', 'riverside', 'market'].entries()) await record(key, 'Code of conduct', 'County association of local councils', 900 - i * 10, 3, conduct.id);
  await record('clerk', 'Certificate in Local Council Administration', 'Society of Local Council Clerks', 1200, 60, qualification.id);
  await record('riverside', 'Chairing skills', 'County association of local councils', 200, 2.5, null);
  await trx
    .insertInto('training_requests')
    .values({ council_id: councilId, person_id: id('market'), course: 'Planning applications for councillors', reason: 'Our planning committee sees more applications each year.', created_at: new Date(`${addDays(today, -4)}T10:00:00Z`) })
    .execute();
}

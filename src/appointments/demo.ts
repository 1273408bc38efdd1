import type { Trx } from '../db/database.js';

/** An open vacancy for an Assistant Clerk on last month's resolution, with a panel of two councillors, two candidates and a score. */
export async function seedDemoAppointments(trx: Trx, councilId: string, id: (key: string) => string): Promise<void> {
  const resolution = await trx.selectFrom('resolutions').select('id').orderBy('recorded_at', 'desc').executeTakeFirst();
  if (!resolution) return;
  const appointment = await trx.insertInto('appointments').values({ council_id: councilId, title: 'Assistant Clerk (part-time)', resolution_id: resolution.id, decided_on: null, created_by: id('clerk') }).returning('id').executeTakeFirstOrThrow();
  for (const key of ['chair', 'vice']) await trx.insertInto('appointment_panel').values({ council_id: councilId, appointment_id: appointment.id, person_id: id(key) }).execute();
  const candidate = (name: string) => trx.insertInto('appointment_candidates').values({ council_id: councilId, appointment_id: appointment.id, name, paper_document_id: null }).returning('id').executeTakeFirstOrThrow();
  const first = await candidate('Candidate A');
  await candidate('Candidate B');
  await trx.insertInto('appointment_scores').values({ council_id: councilId, candidate_id: first.id, scorer_id: id('chair'), score: 7, comment: 'Strong on minutes and agendas.' }).execute();
}

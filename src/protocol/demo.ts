import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import type { DemoContext } from '../capabilities/capability.js';
import { addDays } from '../calendar/dates.js';
import { versionInForce } from './versions.js';

/** Demo people who have not yet acknowledged the version in force, so the Clerk's list has names on it. */
const NOT_YET_ACKNOWLEDGED = new Set(['market', 'independent', 'former']);

/**
 * The demo council's protocol as a council keeps it: the version in force (for Ilminster, approved
 * in 2012 and reviewed in 2016) with a review date long past, acknowledged by most people; and a
 * draft version, with one clause reworded and one added, waiting for the council's approval.
 */
export async function seedDemoProtocol(trx: Trx, { council, id, today }: DemoContext): Promise<void> {
  const inForce = await versionInForce(trx, today);
  if (!inForce || !inForce.approved_on) return;
  // The review the council set when it last looked at the protocol, a year on, has not happened.
  await trx.updateTable('protocol_versions').set({ in_force_from: inForce.approved_on, review_due_on: addDays(inForce.approved_on, 365) }).where('id', '=', inForce.id).execute();

  const people = await trx.selectFrom('people').select(['id', 'email']).execute();
  const acknowledging = ['clerk', 'officer', 'chair', 'vice', 'riverside'].filter((key) => !NOT_YET_ACKNOWLEDGED.has(key)).map(id);
  const at = new Date(`${addDays(today, -20)}T10:00:00Z`);
  const known = new Set(people.map((p) => p.id));
  const rows = acknowledging.filter((personId) => known.has(personId)).map((personId) => ({ council_id: council.id, version_id: inForce.id, person_id: personId, acknowledged_at: at }));
  if (rows.length) await trx.insertInto('protocol_acknowledgements').values(rows).execute();

  const versions = await trx.selectFrom('protocol_versions').select('version').execute();
  const next = String(Math.max(0, ...versions.map((v) => Number.parseInt(v.version, 10)).filter(Number.isFinite)) + 1);
  const draft = await trx
    .insertInto('protocol_versions')
    .values({ council_id: council.id, version: next, title: inForce.title, title_cy: inForce.title_cy, status: 'draft', is_current: false, drafted_by: id('clerk'), based_on: inForce.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into protocol_clauses (council_id, version_id, position, number, heading, body, summary, kind, rules, heading_cy, body_cy, summary_cy)
    select council_id, ${draft.id}, position, number, heading, body, summary, kind, rules, heading_cy, body_cy, summary_cy
    from protocol_clauses where version_id = ${inForce.id}`.execute(trx);
  const last = await trx.selectFrom('protocol_clauses').select(['id', 'position', 'body']).where('version_id', '=', draft.id).orderBy('position', 'desc').executeTakeFirst();
  if (last) {
    await trx
      .updateTable('protocol_clauses')
      .set({ body: `${last.body} The council reviews this protocol every year.`, heading_cy: null, body_cy: null, summary_cy: null })
      .where('id', '=', last.id)
      .execute();
  }
  await trx
    .insertInto('protocol_clauses')
    .values({
      council_id: council.id,
      version_id: draft.id,
      position: (last?.position ?? -1) + 1,
      number: 'A1',
      heading: 'Acknowledging the protocol',
      body: 'Every councillor and officer acknowledges the protocol in force when they take up their role, and again whenever the council approves a new version.',
      summary: 'Councillors and officers acknowledge the protocol in force.',
      kind: 'recorded',
      rules: ['code-of-conduct'],
    })
    .execute();
}

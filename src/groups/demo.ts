import type { Trx } from '../db/database.js';
import type { DemoContext } from '../capabilities/capability.js';
import { addDays } from '../calendar/dates.js';

/**
 * Two groups' business with the officers: the Riverside Group's request for a briefing,
 * declined as the officers' right; the Market Ward Independents' request for a written report,
 * accepted and answered; and the notice of that report in the Riverside Group's list. And an
 * officer's report to the council with the officer's recommendation, in two versions, with a
 * councillor's view beside it.
 */
export async function seedDemoGroupWork(trx: Trx, { council, id, today }: DemoContext): Promise<void> {
  const groups = await trx.selectFrom('political_groups').select(['id', 'name']).orderBy('name').execute();
  const riverside = groups.find((g) => g.name === 'Riverside Group');
  const market = groups.find((g) => g.name === 'Market Ward Independents');
  if (!riverside || !market) return;
  const clauses = await trx
    .selectFrom('protocol_clauses as c')
    .innerJoin('protocol_versions as v', 'v.id', 'c.version_id')
    .where('v.is_current', '=', true)
    .where((eb) => eb(eb.val('groups-cannot-require'), '=', eb.fn.any('c.rules')))
    .select(['c.number', 'c.addresses'])
    .orderBy('c.position')
    .execute();
  // As an officer declining in Concord would cite it; the model protocol's clause where the council has none.
  const clause = clauses.find((c) => c.addresses.length && !c.addresses.includes('chair')) ?? clauses.find((c) => !c.addresses.includes('chair')) ?? clauses[0];
  const at = (daysAgo: number, hour: number) => new Date(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00Z`);

  await trx
    .insertInto('group_requests')
    .values({
      council_id: council.id,
      group_id: riverside.id,
      requested_by: id('chair'),
      kind: 'briefing',
      subject: 'The riverside path and the flood defences',
      details: 'A briefing for the group before the consultation closes.',
      status: 'declined',
      decided_by: id('clerk'),
      decided_at: at(5, 11),
      decline_clause: clause?.number ?? '22',
      created_at: at(6, 9),
    })
    .execute();

  const accepted = await trx
    .insertInto('group_requests')
    .values({
      council_id: council.id,
      group_id: market.id,
      requested_by: id('vice'),
      kind: 'written_report',
      subject: 'Market stall charges',
      details: 'How the charges compare with neighbouring towns, and what the choices are.',
      status: 'accepted',
      decided_by: id('clerk'),
      decided_at: at(8, 10),
      assigned_to: id('officer'),
      due_on: addDays(today, -3),
      created_at: at(9, 14),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const report = await trx
    .insertInto('group_reports')
    .values({
      council_id: council.id,
      group_id: market.id,
      request_id: accepted.id,
      author_id: id('officer'),
      kind: 'report',
      subject: 'Market stall charges',
      facts: 'The council charges £18 a day for a stall. Two neighbouring towns charge £15 and £22. Income from stalls last year was £9,400, against costs of £7,900.',
      options:
        'Keeping the charge as it is keeps income steady. Lowering it to £15 may bring more traders but would cut income unless more than 20% more stalls are let. Raising it to £22 would cover the costs with room to spare, with some risk of losing regular traders.',
      neutrality_confirmed: true,
      shared_in_full: council.settings.groupReportsToAllGroups ?? false,
      issued_at: at(3, 15),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('group_notices').values({ council_id: council.id, report_id: report.id, group_id: riverside.id, created_at: at(3, 15) }).execute();

  const item = await trx.selectFrom('agenda_items').select('id').orderBy('position').executeTakeFirst();
  const first = {
    title: 'Resurfacing the play area',
    body: 'Three contractors quoted for resurfacing the play area on the recreation ground: £14,200, £15,900 and £18,400. The cheapest does not include new edging, which the safety inspection asked for.',
    recommendation: 'Accept the quote of £15,900, which includes the edging the safety inspection asked for.',
  };
  const second = { ...first, recommendation: `${first.recommendation} Ask for the work to be done in the school holidays.` };
  const officerReport = await trx
    .insertInto('officer_reports')
    .values({ council_id: council.id, author_id: id('clerk'), agenda_item_id: item?.id ?? null, ...second, version: 2, issued_at: at(10, 9), updated_at: at(9, 16) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('officer_report_versions')
    .values([
      { council_id: council.id, report_id: officerReport.id, version: 1, ...first, changed_by: id('clerk'), changed_at: at(10, 9) },
      { council_id: council.id, report_id: officerReport.id, version: 2, ...second, changed_by: id('clerk'), changed_at: at(9, 16) },
    ])
    .execute();
  await trx
    .insertInto('officer_report_views')
    .values({ council_id: council.id, report_id: officerReport.id, councillor_id: id('independent'), body: 'I would rather take the cheapest quote and add the edging next year.', created_at: at(8, 12) })
    .execute();
}

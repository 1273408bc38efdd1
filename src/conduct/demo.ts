import type { Trx } from '../db/database.js';
import type { Nation } from '../protocol/types.js';
import { addDays } from '../calendar/dates.js';
import { londonInstant } from '../enquiries/working-days.js';
import { FIRST_CODE } from './service.js';

/**
 * Most people have acknowledged the code (two councillors have not yet, so the Clerk's list
 * has names), and one complaint about a councillor was referred last month.
 */
export async function seedDemoConduct(trx: Trx, council: { id: string; nation: Nation }, id: (key: string) => string, today: string): Promise<void> {
  const at = londonInstant(addDays(today, -60), '10:00');
  for (const key of ['clerk', 'officer', 'chair', 'vice', 'riverside']) {
    await trx.insertInto('conduct_acknowledgements').values({ council_id: council.id, person_id: id(key), code_version: FIRST_CODE, nolan: false, acknowledged_at: at }).execute();
  }
  const to = council.nation === 'wales' ? 'ombudsman' : 'monitoring_officer';
  const contact = await trx.selectFrom('external_contacts').select('id').where('kind', '=', to).executeTakeFirst();
  await trx
    .insertInto('conduct_referrals')
    .values({
      council_id: council.id,
      councillor_id: id('independent'),
      complainant: 'A resident of the parish',
      complaint: 'Says the councillor spoke about a planning application for a neighbour’s land without declaring an interest.',
      occurred_on: addDays(today, -40),
      referred_to: to,
      contact_id: contact?.id ?? null,
      referred_by: id('clerk'),
      referred_at: londonInstant(addDays(today, -35), '11:00'),
    })
    .execute();
}

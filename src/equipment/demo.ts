import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';

/** Three items: a tablet issued to a councillor (acknowledged), one still held by a former councillor, and a laptop in the office. */
export async function seedDemoEquipment(trx: Trx, councilId: string, id: (key: string) => string, today: string): Promise<void> {
  const item = (name: string, assetNumber: string) => trx.insertInto('equipment_items').values({ council_id: councilId, name, asset_number: assetNumber, condition: 'Good' }).returning('id').executeTakeFirstOrThrow();
  const tablet = await item('Tablet computer', 'TC-0101');
  const old = await item('Tablet computer', 'TC-0042');
  await item('Laptop', 'LT-0007');
  const loan = (itemId: string, person: string, issuedOn: string, acknowledged: boolean) =>
    trx
      .insertInto('equipment_loans')
      .values({ council_id: councilId, item_id: itemId, person_id: id(person), issued_on: issuedOn, issued_condition: 'Good', issued_by: id('clerk'), acknowledged_at: acknowledged ? new Date(`${issuedOn}T10:00:00Z`) : null, returned_on: null, returned_condition: null })
      .execute();
  await loan(tablet.id, 'chair', addDays(today, -300), true);
  await loan(old.id, 'former', '2019-06-01', true);
}

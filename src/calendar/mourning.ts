import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { isoDate, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';

/** A day of public thanksgiving or mourning the council adds to Concord's own list. */
export const mourningInput = z.object({ day: labelled(isoDate, 'calendar.mourning.day'), name: labelled(requiredText(200), 'calendar.mourning.name') });

export function listMourningDays(trx: Trx) {
  return trx.selectFrom('mourning_days').select(['id', 'day', 'name']).orderBy('day').execute();
}

export async function addMourningDay(trx: Trx, by: Principal, input: z.infer<typeof mourningInput>) {
  await trx
    .insertInto('mourning_days')
    .values({ council_id: by.councilId, day: input.day, name: input.name })
    .onConflict((oc) => oc.columns(['council_id', 'day']).doUpdateSet({ name: input.name }))
    .execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'mourning_day.added', entityType: 'council', entityId: by.councilId, data: input });
}

export async function removeMourningDay(trx: Trx, by: Principal, id: string) {
  const row = await trx.deleteFrom('mourning_days').where('id', '=', id).returning(['day', 'name']).executeTakeFirst();
  if (row) await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'mourning_day.removed', entityType: 'council', entityId: by.councilId, data: row });
}

import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** Actions agreed at meetings that the person recorded or decided on. */
export async function decisionsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const actions = await trx
    .selectFrom('agreed_actions')
    .select(['id', 'meeting_id', 'description', 'recorded_by', 'recorded_at', 'status', 'decided_by', 'decided_at', 'decision_reason'])
    .where('council_id', '=', councilId)
    .where((eb) => eb.or([eb('recorded_by', '=', personId), eb('decided_by', '=', personId)]))
    .orderBy('recorded_at')
    .execute();
  return [personalSection('decisions.agreedActions', actions)];
}

import type { Trx } from '../db/database.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { listOfficers } from '../tasks/service.js';

/** Officers other than the Clerk: those the Clerk may ask to record resolutions. */
export async function recorderCandidates(trx: Trx) {
  return (await listOfficers(trx)).filter((o) => o.role === 'officer');
}

/** The Clerk asks these officers to record resolutions as well (or stops asking); anyone else named is left out. */
export async function setRecorders(trx: Trx, by: Principal, chosen: readonly string[]): Promise<void> {
  const officers = new Set((await recorderCandidates(trx)).map((o) => o.id));
  const recorders = chosen.filter((id) => officers.has(id));
  const council = await trx.selectFrom('councils').select('settings').where('id', '=', by.councilId).forUpdate().executeTakeFirstOrThrow();
  await trx.updateTable('councils').set({ settings: JSON.stringify({ ...council.settings, decisionRecorders: recorders }) }).where('id', '=', by.councilId).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'decisions.recorders_set', entityType: 'council', entityId: by.councilId, data: { recorders } });
}

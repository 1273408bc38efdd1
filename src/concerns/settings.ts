import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { ConcernTimeLimits } from '../protocol/types.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { labelled } from '../web/form.js';

/** The time limits, in the order the stages come. */
export const TIME_LIMIT_FIELDS = ['informalReviewDays', 'meetingDays', 'outcomeDays', 'appealDays'] as const satisfies readonly (keyof ConcernTimeLimits)[];

/** Whole working days, from 1 to 90: a limit of none would be due at once, and one over a quarter is no limit at all. */
const days = (label: string, doc: string) => labelled(z.number('concerns.settings.error.days').int('concerns.settings.error.days').min(1, 'concerns.settings.error.days').max(90, 'concerns.settings.error.days').describe(doc), label);

export const timeLimitsInput = z.object({
  informalReviewDays: days('concerns.settings.informalReviewDays', 'Working days from raising a concern to reviewing how informal resolution is going'),
  meetingDays: days('concerns.settings.meetingDays', 'Working days from the written statement to the meeting'),
  outcomeDays: days('concerns.settings.outcomeDays', 'Working days from the meeting to the written outcome'),
  appealDays: days('concerns.settings.appealDays', 'Working days from the written outcome to appeal in writing'),
});

/**
 * Save the council's time limits. Stages already under way keep the dates they were given;
 * each stage started from now on is dated, and reminded, by the new limits.
 */
export async function saveTimeLimits(trx: Trx, by: Principal, input: ConcernTimeLimits) {
  const current = await trx.selectFrom('councils').select('settings').where('id', '=', by.councilId).executeTakeFirstOrThrow();
  await trx.updateTable('councils').set({ settings: JSON.stringify({ ...current.settings, concernTimeLimits: input }) }).where('id', '=', by.councilId).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'council.concern_time_limits', entityType: 'council', entityId: by.councilId, data: { ...input } });
}

import type { FastifyRequest } from 'fastify';
import type { Trx } from '../db/database.js';
import { addDays } from '../calendar/dates.js';
import { meetingsChairedBy } from '../meetings/home.js';
import { bodyName } from '../meetings/service.js';

/** A chair records a meeting's agreed actions while it is fresh: the last four weeks' meetings are asked about. */
const RECORD_WITHIN_DAYS = 28;

/**
 * A chair's actions to record: the meetings they chaired in the last weeks for which no
 * agreed action has been recorded yet. Each leads to the page where the chair records them.
 */
export async function actionsToRecord(trx: Trx, req: FastifyRequest) {
  // Asked of the rules, as the page that records them asks: the chair of the body, in term.
  const held = (await meetingsChairedBy(trx, req.user().personId, addDays(req.today, -RECORD_WITHIN_DAYS), addDays(req.today, -1))).filter((m) =>
    req.allows('agreed_action.record', undefined, { meetingChairIds: m.chairIds }),
  );
  if (!held.length) return undefined;
  const recorded = await trx.selectFrom('agreed_actions').select('meeting_id').distinct().where('meeting_id', 'in', held.map((m) => m.id)).execute();
  const done = new Set(recorded.map((r) => r.meeting_id));
  const waiting = held.filter((m) => !done.has(m.id)).map((m) => ({ id: m.id, body: bodyName(m, req.t), meetingDate: m.meeting_date }));
  return waiting.length ? waiting.reverse() : undefined;
}

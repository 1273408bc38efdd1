import { sql } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { TemplateSettings } from '../protocol/types.js';
import { audit } from '../audit/audit.js';
import { addDays } from '../calendar/dates.js';
import { londonInstant } from '../enquiries/working-days.js';
import { defineJob, enqueueJob } from '../jobs/queue.js';
import { londonDate } from '../policy/principal.js';
import { labelled } from '../web/form.js';
import { chosenId, requiredText } from '../web/schemas.js';
import { addCalendarMonths } from './deadline.js';

/** The kinds of record Concord removes when their period has passed, each kept for whole months. */
export const RETENTION_KINDS = ['messages', 'contactReports', 'enquiries', 'concerns', 'trainingRecords'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export type RetentionPeriods = Record<RetentionKind, number>;

/**
 * Defaults drawn from the retention schedules councils use (NALC's Legal Topic Note 40 and
 * SLCC guidance): correspondence two years; enquiries two years after they were answered;
 * grievance and disciplinary cases six years after they were closed; training records six
 * years after the course, once the person has left. Each is a council setting it may change.
 */
export const DEFAULT_RETENTION: RetentionPeriods = { messages: 24, contactReports: 24, enquiries: 24, concerns: 72, trainingRecords: 72 };

export function retentionPeriods(settings: Pick<TemplateSettings, 'retention'>): RetentionPeriods {
  const own = settings.retention ?? {};
  return Object.fromEntries(RETENTION_KINDS.map((k) => [k, Number.isInteger(own[k]) && own[k]! > 0 ? own[k]! : DEFAULT_RETENTION[k]])) as RetentionPeriods;
}

const months = (label: string) => labelled(z.int('validation.number').min(1, 'validation.number').max(1200, 'validation.number'), label);
export const periodsInput = z.object(Object.fromEntries(RETENTION_KINDS.map((k) => [k, months(`privacy.retention.kind.${k}`)])) as Record<RetentionKind, z.ZodInt>);

export const holdInput = z.object({
  kind: labelled(z.enum(RETENTION_KINDS, 'validation.choose'), 'privacy.retention.field.kind', { blankIsMissing: true }),
  recordId: labelled(chosenId(), 'privacy.retention.field.record', { blankIsMissing: true }),
  reason: labelled(requiredText(500).describe('Why the record is kept past its period, e.g. a claim is pending'), 'privacy.retention.field.reason'),
});

/** A record with the day its period runs out. */
export interface Expiring {
  kind: RetentionKind;
  id: string;
  /** What the Clerk is shown: a reference, a subject, a date; not the record's content. */
  label: string;
  /** The day the period runs from. */
  from: string;
  removeOn: string;
  hold: { id: string; reason: string } | null;
}

const day = (at: Date | string | null) => (at ? londonDate(new Date(at)) : null);

/** Every record of a kind that has begun its period, with the day it runs from. */
async function candidates(trx: Trx, kind: RetentionKind, today: string): Promise<{ id: string; label: string; from: string }[]> {
  switch (kind) {
    case 'messages':
      return (await trx.selectFrom('staff_messages').select(['id', 'subject', 'sent_at']).execute()).map((r) => ({ id: r.id, label: r.subject, from: day(r.sent_at)! }));
    case 'contactReports':
      return (await trx.selectFrom('contact_reports').select(['id', 'occurred_on', 'channel']).execute()).map((r) => ({ id: r.id, label: r.occurred_on, from: r.occurred_on }));
    case 'enquiries':
      return (await trx.selectFrom('enquiries').select(['id', 'reference', 'answered_at']).where('status', '!=', 'open').where('answered_at', 'is not', null).execute()).map((r) => ({ id: r.id, label: r.reference, from: day(r.answered_at)! }));
    case 'concerns':
      return (await trx.selectFrom('concern_cases').select(['id', 'raised_at', 'closed_at']).where('status', '=', 'closed').where('closed_at', 'is not', null).execute()).map((r) => ({ id: r.id, label: day(r.raised_at)!, from: day(r.closed_at)! }));
    case 'trainingRecords': {
      // Kept while the person serves: the period runs from the course, or the end of their term if later, once they have left.
      const rows = await trx
        .selectFrom('training_records as r')
        .innerJoin('people as p', 'p.id', 'r.person_id')
        .select(['r.id', 'r.course', 'r.completed_on', 'p.name', 'p.active', 'p.term_ends'])
        .where((eb) => eb.or([eb('p.active', '=', false), eb('p.term_ends', '<', today)]))
        .execute();
      return rows.map((r) => ({ id: r.id, label: `${r.course} – ${r.name}`, from: r.term_ends && r.term_ends > r.completed_on ? r.term_ends : r.completed_on }));
    }
  }
}

/** Records whose period runs out on or before `until`, soonest first, with any hold on them. */
export async function expiringBy(trx: Trx, periods: RetentionPeriods, today: string, until: string): Promise<Expiring[]> {
  const holds = await trx.selectFrom('retention_holds').select(['id', 'record_kind', 'record_id', 'reason']).execute();
  const holdOf = new Map(holds.map((h) => [`${h.record_kind}:${h.record_id}`, { id: h.id, reason: h.reason }]));
  const out: Expiring[] = [];
  for (const kind of RETENTION_KINDS) {
    for (const c of await candidates(trx, kind, today)) {
      const removeOn = addCalendarMonths(c.from, periods[kind]);
      if (removeOn <= until) out.push({ kind, ...c, removeOn, hold: holdOf.get(`${kind}:${c.id}`) ?? null });
    }
  }
  return out.sort((a, b) => a.removeOn.localeCompare(b.removeOn) || a.kind.localeCompare(b.kind));
}

const TABLE: Record<RetentionKind, 'staff_messages' | 'contact_reports' | 'enquiries' | 'concern_cases' | 'training_records'> = {
  messages: 'staff_messages',
  contactReports: 'contact_reports',
  enquiries: 'enquiries',
  concerns: 'concern_cases',
  trainingRecords: 'training_records',
};

/**
 * Remove what is past its period and not held. The audit log records that a record of a kind
 * was removed, by its id, and nothing of what it said; the log itself is never touched, so
 * its chain still verifies.
 */
export async function removeExpired(trx: Trx, councilId: string, periods: RetentionPeriods, today: string): Promise<Expiring[]> {
  const due = (await expiringBy(trx, periods, today, addDays(today, -1))).filter((r) => !r.hold);
  for (const record of due) {
    await trx.deleteFrom(TABLE[record.kind]).where('id', '=', record.id).execute();
    await audit(trx, { councilId, actorId: null, action: 'privacy.record_removed', entityType: TABLE[record.kind], entityId: record.id, data: { kind: record.kind, periodMonths: periods[record.kind], removeOn: record.removeOn } });
  }
  return due;
}

/** The night's sweep runs at this time, London. */
const SWEEP_AT = '02:30';

/** Each night: remove what is past its period, then queue the next night's sweep. */
export const sweepRetention = defineJob({
  kind: 'privacy.retention_sweep',
  payload: z.object({}),
  async run(trx, _payload, ctx) {
    const now = ctx.clock();
    const today = londonDate(now);
    const council = await trx.selectFrom('councils').select(['id', 'settings']).where('id', '=', ctx.job.councilId).executeTakeFirstOrThrow();
    await removeExpired(trx, council.id, retentionPeriods(council.settings), today);
    await enqueueJob(trx, sweepRetention, { councilId: council.id, payload: {}, runAt: londonInstant(addDays(today, 1), SWEEP_AT) });
  },
});

/** Queue the nightly sweep for each council that has none waiting (on start, and for a council new since). */
export async function ensureRetentionSweeps(trx: Trx, councilIds: readonly string[], now: Date): Promise<void> {
  for (const councilId of councilIds) {
    // Two processes starting together queue one sweep between them, not one each.
    await sql`select pg_advisory_xact_lock(hashtext(${`retention-sweep:${councilId}`}))`.execute(trx);
    // A sweep that used up its tries is not waiting: it never runs again, so another is queued.
    const waiting = await trx
      .selectFrom('jobs')
      .select('id')
      .where('council_id', '=', councilId)
      .where('kind', '=', sweepRetention.kind)
      .where('done_at', 'is', null)
      .whereRef('attempts', '<', 'max_attempts')
      .executeTakeFirst();
    if (!waiting) await enqueueJob(trx, sweepRetention, { councilId, payload: {}, runAt: londonInstant(addDays(londonDate(now), 1), SWEEP_AT) });
  }
}


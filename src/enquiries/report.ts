import type { Trx } from '../db/database.js';
import type { Council, CouncilOffice } from '../db/schema.js';
import { addDays } from '../calendar/dates.js';
import { londonDate } from '../policy/principal.js';
import { workingCalendar, workingDaysBetween, type WorkingCalendar } from './working-days.js';

/** Working days by which a group's median may differ from the council's before it is flagged, unless the council sets its own. */
export const DEFAULT_MARGIN_DAYS = 2;
/** The widest margin a council may set: beyond it, a month's difference would pass unflagged. */
export const MAX_MARGIN_DAYS = 20;

/**
 * The council's margin for the report. It is a setting, changed on the council profile and
 * audited there, so the figures are always flagged by the same measure and not by one
 * chosen for the occasion.
 */
export function reportMarginDays(council: Pick<Council, 'settings'>): number {
  const days = council.settings.equalTreatmentMarginDays;
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_MARGIN_DAYS ? days : DEFAULT_MARGIN_DAYS;
}

/** One enquiry as the report reads it. Office and groups are the councillor's now, not when they wrote. */
export interface ReportEnquiry {
  councillorId: string;
  councillorName: string;
  office: CouncilOffice | null;
  groups: readonly string[];
  receivedOn: string;
  dueOn: string;
  answeredOn: string | null;
}

export interface Figures {
  /** Enquiries received in the period. */
  received: number;
  answered: number;
  /** Answered by the due date. */
  onTime: number;
  /** Answered after the due date, or still unanswered after it. */
  late: number;
  /** Response times in working days, of answered enquiries; null when none was answered. */
  median: number | null;
  p90: number | null;
  /** onTime / (onTime + late); null when no enquiry has yet fallen due or been answered. */
  onTimeShare: number | null;
}

export interface ReportRow extends Figures {
  key: string;
  label: string;
  /** The median differs from the council's by more than the margin. */
  flagged: boolean;
}

export interface EqualTreatmentReport {
  from: string;
  to: string;
  margin: number;
  overall: Figures;
  byCouncillor: ReportRow[];
  byOffice: ReportRow[];
  byGroup: ReportRow[];
}

/**
 * Median: the middle value, or the mean of the two middle values, of the sorted values.
 * Returns null for no values.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Percentile by the nearest-rank method: the smallest value with at least p% of the values
 * at or below it, i.e. the value at rank ⌈p/100 × n⌉ (1-based) in ascending order. It is
 * always one of the values (no interpolation). Returns null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}

/**
 * The figures for a set of enquiries, as at `today`. Response time is the number of working
 * days after the day an enquiry was received up to the day it was first answered. An
 * enquiry is on time when first answered on or before its due date; late when answered
 * after it, or unanswered once it has passed; an unanswered enquiry not yet due is neither.
 */
export function figures(rows: readonly ReportEnquiry[], today: string, cal: WorkingCalendar): Figures {
  const times: number[] = [];
  let onTime = 0;
  let late = 0;
  for (const r of rows) {
    if (r.answeredOn) {
      times.push(workingDaysBetween(r.receivedOn, r.answeredOn, cal));
      if (r.answeredOn <= r.dueOn) onTime += 1;
      else late += 1;
    } else if (r.dueOn < today) late += 1;
  }
  return {
    received: rows.length,
    answered: times.length,
    onTime,
    late,
    median: median(times),
    p90: percentile(times, 90),
    onTimeShare: onTime + late === 0 ? null : onTime / (onTime + late),
  };
}

/** Group enquiries by key, work out each group's figures, and flag those beyond the margin. */
function breakdown(
  rows: readonly ReportEnquiry[],
  keysOf: (r: ReportEnquiry) => { key: string; label: string }[],
  overall: Figures,
  margin: number,
  today: string,
  cal: WorkingCalendar,
): ReportRow[] {
  const groups = new Map<string, { label: string; rows: ReportEnquiry[] }>();
  for (const r of rows) {
    for (const k of keysOf(r)) {
      const g = groups.get(k.key) ?? { label: k.label, rows: [] };
      g.rows.push(r);
      groups.set(k.key, g);
    }
  }
  return [...groups.entries()]
    .map(([key, g]) => {
      const f = figures(g.rows, today, cal);
      const flagged = f.median !== null && overall.median !== null && Math.abs(f.median - overall.median) > margin;
      return { key, label: g.label, ...f, flagged };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The report from loaded enquiries. `labels` names offices and the absence of a group. */
export function buildReport(
  rows: readonly ReportEnquiry[],
  options: { from: string; to: string; margin: number; today: string; cal: WorkingCalendar; officeLabel: (office: CouncilOffice | null) => string; noGroupLabel: string },
): EqualTreatmentReport {
  const { today, cal, margin } = options;
  const inPeriod = rows.filter((r) => r.receivedOn >= options.from && r.receivedOn <= options.to);
  const overall = figures(inPeriod, today, cal);
  return {
    from: options.from,
    to: options.to,
    margin,
    overall,
    byCouncillor: breakdown(inPeriod, (r) => [{ key: r.councillorId, label: r.councillorName }], overall, margin, today, cal),
    byOffice: breakdown(inPeriod, (r) => [{ key: r.office ?? 'none', label: options.officeLabel(r.office) }], overall, margin, today, cal),
    byGroup: breakdown(inPeriod, (r) => (r.groups.length ? r.groups.map((g) => ({ key: g, label: g })) : [{ key: 'none', label: options.noGroupLabel }]), overall, margin, today, cal),
  };
}

/** Load the council's enquiries received in the period, with each councillor's office and groups. */
export async function loadReportEnquiries(trx: Trx, from: string, to: string): Promise<ReportEnquiry[]> {
  const rows = await trx
    .selectFrom('enquiries as e')
    .innerJoin('people as p', 'p.id', 'e.councillor_id')
    .select(['e.councillor_id', 'p.name', 'p.council_office', 'e.received_at', 'e.due_on', 'e.answered_at'])
        // A day either side in UTC, then exactly by London date below.
    .where('e.received_at', '>=', new Date(`${addDays(from, -1)}T00:00:00Z`))
    .where('e.received_at', '<', new Date(`${addDays(to, 2)}T00:00:00Z`))
    .orderBy('e.received_at')
    .execute();
  const members = await trx
    .selectFrom('group_members as m')
    .innerJoin('political_groups as g', 'g.id', 'm.group_id')
    .select(['m.person_id', 'g.name'])
    .execute();
  const groupsOf = new Map<string, string[]>();
  for (const m of members) groupsOf.set(m.person_id, [...(groupsOf.get(m.person_id) ?? []), m.name]);
  return rows
    .map((r) => ({
      councillorId: r.councillor_id,
      councillorName: r.name,
      office: r.council_office,
      groups: groupsOf.get(r.councillor_id) ?? [],
      receivedOn: londonDate(new Date(r.received_at)),
      dueOn: r.due_on,
      answeredOn: r.answered_at ? londonDate(new Date(r.answered_at)) : null,
    }))
    .filter((r) => r.receivedOn >= from && r.receivedOn <= to);
}

export async function equalTreatmentReport(
  trx: Trx,
  council: Council,
  options: { from: string; to: string; margin: number; now: Date; officeLabel: (office: CouncilOffice | null) => string; noGroupLabel: string },
): Promise<EqualTreatmentReport> {
  const rows = await loadReportEnquiries(trx, options.from, options.to);
  return buildReport(rows, { ...options, today: londonDate(options.now), cal: workingCalendar(council) });
}

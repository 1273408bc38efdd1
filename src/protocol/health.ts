import type { Trx } from '../db/database.js';
import type { Council, CouncilOffice } from '../db/schema.js';
import { addDays } from '../calendar/dates.js';
import { londonDate } from '../policy/principal.js';
import { equalTreatmentReport, reportMarginDays, type Figures, type ReportRow } from '../enquiries/report.js';
import { everyonesTraining } from '../training/service.js';
import { fullRegister } from '../interests/service.js';
import { acknowledgers } from './versions.js';

/**
 * The protocol health report (SPEC R16): how the protocol worked over a period, for the council
 * and for its review. Counts, never cases: the records behind each figure are on the pages that
 * already decide who may read them, and the report only links there.
 */

/** Fewer concerns than this in the period and the figures could point to a case: they are not shown. */
export const CONCERNS_SHOWN_FROM = 3;
/** Days after a refused instruction within which an enquiry or agenda request by the same person counts as the path taken instead. */
export const INSTEAD_WITHIN_DAYS = 14;
/** Rules whose refusals are instructions to officers, and papers withheld for an interest. */
const INSTRUCTION_RULE = 'no-individual-instruction';
const INTEREST_RULE = 'pecuniary-interest-documents';

export interface ClauseCount {
  clauses: string;
  count: number;
}

export interface HealthReport {
  from: string;
  to: string;
  acknowledgements: { version: string; inForceFrom: string | null; acknowledged: number; expected: number }[];
  enquiries: { margin: number; overall: Figures; byOffice: ReportRow[]; byGroup: ReportRow[] };
  instructions: { refused: number; byClause: ClauseCount[]; instead: { enquiry: number; agendaRequest: number; none: number } };
  interestPapers: { refused: number; byClause: ClauseCount[] };
  messages: { sent: number; heldOutsideHours: number; urgentOutsideHours: number };
  groups: { requests: { pending: number; accepted: number; declined: number }; reports: number; notices: number };
  /** Null when fewer than CONCERNS_SHOWN_FROM were raised in the period. */
  /** Withheld when fewer than three; a stage of one or two is null ("fewer than three"). */
  concerns: { raised: number; informal: number | null; formal: number | null; closed: number | null } | null;
  /** As at the report's end (or today, if sooner): these are states, not events. */
  training: { peopleOverdue: number; itemsOverdue: number };
  register: { councillors: number; overdue: number };
}

/** A wide UTC window around the period; rows are then kept by their London date. */
const window = (from: string, to: string) => ({ start: new Date(`${addDays(from, -1)}T00:00:00Z`), end: new Date(`${addDays(to, 2)}T00:00:00Z`) });
const inPeriod = (at: Date | string, from: string, to: string) => {
  const day = londonDate(new Date(at));
  return day >= from && day <= to;
};

function countByClause(rows: readonly { clauses: string }[]): ClauseCount[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.clauses, (counts.get(r.clauses) ?? 0) + 1);
  return [...counts.entries()].map(([clauses, count]) => ({ clauses, count })).sort((a, b) => b.count - a.count || a.clauses.localeCompare(b.clauses, 'en', { numeric: true }));
}

async function refusals(trx: Trx, ruleId: string, from: string, to: string) {
  const { start, end } = window(from, to);
  const rows = await trx
    .selectFrom('audit_log')
    .select(['actor_id', 'at', 'data'])
    .where('action', '=', 'access.refused')
    .where('entity_id', '=', ruleId)
    .where('at', '>=', start)
    .where('at', '<', end)
    .execute();
  return rows
    .filter((r) => inPeriod(r.at, from, to))
    .map((r) => ({ actorId: r.actor_id, at: new Date(r.at), clauses: ((r.data ?? {}) as { clauses?: string[] }).clauses?.join(', ') ?? '' }));
}

/** The refused instructions of the period, newest first, with who was refused and what they did next: the records behind the figures. */
export async function refusedInstructions(trx: Trx, from: string, to: string) {
  const refused = await refusals(trx, INSTRUCTION_RULE, from, to);
  const people = [...new Set(refused.map((r) => r.actorId).filter((x): x is string => !!x))];
  const names = people.length ? await trx.selectFrom('people').select(['id', 'name']).where('id', 'in', people).execute() : [];
  const rows = [];
  for (const r of refused.sort((a, b) => b.at.getTime() - a.at.getTime())) {
    const next = await pathsTaken(trx, [r]);
    rows.push({ at: r.at, person: names.find((n) => n.id === r.actorId)?.name ?? '', clauses: r.clauses, next: next.enquiry ? ('enquiry' as const) : next.agendaRequest ? ('agendaRequest' as const) : ('none' as const) });
  }
  return rows;
}

/** After a refused instruction, what the same person did next, where Concord holds it: an enquiry, or an item asked for. */
async function pathsTaken(trx: Trx, refused: readonly { actorId: string | null; at: Date }[]) {
  const people = [...new Set(refused.map((r) => r.actorId).filter((id): id is string => !!id))];
  const [enquiries, requests] = people.length
    ? await Promise.all([
        trx.selectFrom('enquiries').select(['councillor_id as person', 'received_at as at']).where('councillor_id', 'in', people).execute(),
        trx.selectFrom('agenda_requests').select(['requested_by as person', 'received_at as at']).where('requested_by', 'in', people).execute(),
      ])
    : [[], []];
  const within = (r: { actorId: string | null; at: Date }) => (x: { person: string; at: unknown }) => {
    const t = new Date(x.at as string).getTime();
    return x.person === r.actorId && t >= r.at.getTime() && t <= r.at.getTime() + INSTEAD_WITHIN_DAYS * 86_400_000;
  };
  const instead = { enquiry: 0, agendaRequest: 0, none: 0 };
  for (const r of refused) {
    if (enquiries.some(within(r))) instead.enquiry += 1;
    else if (requests.some(within(r))) instead.agendaRequest += 1;
    else instead.none += 1;
  }
  return instead;
}

async function acknowledgementsByVersion(trx: Trx, from: string, to: string) {
  const versions = await trx
    .selectFrom('protocol_versions')
    .select(['id', 'version', 'in_force_from', 'approved_on'])
    .where('status', '=', 'approved')
    .execute();
  const dated = versions
    .map((v) => ({ ...v, starts: v.in_force_from ?? v.approved_on }))
    .sort((a, b) => String(a.starts ?? '').localeCompare(String(b.starts ?? '')));
  // A version is in the period if it was in force on some day of it: it began by the end, and the next one did not begin by the start.
  const shown = dated.filter((v, i) => v.starts !== null && v.starts <= to && !(dated[i + 1]?.starts && dated[i + 1]!.starts! <= from));
  const expected = (await acknowledgers(trx, to)).map((p) => p.id);
  const rows = shown.length ? await trx.selectFrom('protocol_acknowledgements').select(['version_id', 'person_id']).where('version_id', 'in', shown.map((v) => v.id)).execute() : [];
  return shown.map((v) => ({
    version: v.version,
    inForceFrom: v.starts,
    acknowledged: rows.filter((r) => r.version_id === v.id && expected.includes(r.person_id)).length,
    expected: expected.length,
  }));
}

async function messageFigures(trx: Trx, from: string, to: string) {
  const { start, end } = window(from, to);
  const rows = (await trx.selectFrom('staff_messages').select(['sent_at', 'urgent', 'out_of_hours']).where('sent_at', '>=', start).where('sent_at', '<', end).execute()).filter((m) => inPeriod(m.sent_at, from, to));
  return {
    sent: rows.length,
    heldOutsideHours: rows.filter((m) => m.out_of_hours && !m.urgent).length,
    urgentOutsideHours: rows.filter((m) => m.out_of_hours && m.urgent).length,
  };
}

async function groupFigures(trx: Trx, from: string, to: string) {
  const { start, end } = window(from, to);
  const [requests, reports, notices] = await Promise.all([
    trx.selectFrom('group_requests').select(['status', 'created_at as at']).where('created_at', '>=', start).where('created_at', '<', end).execute(),
    trx.selectFrom('group_reports').select(['issued_at as at']).where('issued_at', '>=', start).where('issued_at', '<', end).execute(),
    trx.selectFrom('group_notices').select(['created_at as at']).where('created_at', '>=', start).where('created_at', '<', end).execute(),
  ]);
  const kept = requests.filter((r) => inPeriod(r.at, from, to));
  return {
    requests: { pending: kept.filter((r) => r.status === 'pending').length, accepted: kept.filter((r) => r.status === 'accepted').length, declined: kept.filter((r) => r.status === 'declined').length },
    reports: reports.filter((r) => inPeriod(r.at, from, to)).length,
    notices: notices.filter((r) => inPeriod(r.at, from, to)).length,
  };
}

/** Concerns raised in the period by where they stand now; withheld entirely when so few that a count could name a case. */
async function concernFigures(trx: Trx, from: string, to: string) {
  const { start, end } = window(from, to);
  const rows = (await trx.selectFrom('concern_cases').select(['status', 'raised_at']).where('raised_at', '>=', start).where('raised_at', '<', end).execute()).filter((c) => inPeriod(c.raised_at, from, to));
  if (rows.length < CONCERNS_SHOWN_FROM) return null;
  // Each stage is held to the same rule as the total: one or two cases in a stage are shown
  // as "fewer than three", never as a number someone could match to a case they know of.
  const stage = (status: string): number | null => {
    const n = rows.filter((c) => c.status === status).length;
    return n > 0 && n < CONCERNS_SHOWN_FROM ? null : n;
  };
  return { raised: rows.length, informal: stage('informal'), formal: stage('formal'), closed: stage('closed') };
}

export async function healthReport(
  trx: Trx,
  council: Council,
  options: { from: string; to: string; now: Date; officeLabel: (office: CouncilOffice | null) => string; noGroupLabel: string },
): Promise<HealthReport> {
  const { from, to } = options;
  const today = londonDate(options.now);
  // Overdue training and registration are states: read as at the end of the period, or today if that is sooner.
  const asAt = to < today ? to : today;
  const margin = reportMarginDays(council);
  const equal = await equalTreatmentReport(trx, council, { from, to, margin, now: options.now, officeLabel: options.officeLabel, noGroupLabel: options.noGroupLabel });
  const instructionRefusals = await refusals(trx, INSTRUCTION_RULE, from, to);
  const interestRefusals = await refusals(trx, INTEREST_RULE, from, to);
  const training = await everyonesTraining(trx, asAt);
  const register = await fullRegister(trx, asAt);
  return {
    from,
    to,
    acknowledgements: await acknowledgementsByVersion(trx, from, to),
    enquiries: { margin, overall: equal.overall, byOffice: equal.byOffice, byGroup: equal.byGroup },
    instructions: { refused: instructionRefusals.length, byClause: countByClause(instructionRefusals), instead: await pathsTaken(trx, instructionRefusals) },
    interestPapers: { refused: interestRefusals.length, byClause: countByClause(interestRefusals) },
    messages: await messageFigures(trx, from, to),
    groups: await groupFigures(trx, from, to),
    concerns: await concernFigures(trx, from, to),
    training: { peopleOverdue: training.filter((p) => p.overdue.length > 0).length, itemsOverdue: training.reduce((n, p) => n + p.overdue.length, 0) },
    register: { councillors: register.length, overdue: register.filter((c) => c.overdue).length },
  };
}

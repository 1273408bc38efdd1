import type { Trx } from '../db/database.js';
import { londonDate } from '../policy/principal.js';
import { NotFoundError } from '../web/errors.js';
import type { Translate } from '../i18n/messages.js';
import { longDate } from '../web/render.js';
import type { PdfBlock } from '../web/pdf.js';

/** A body that makes decisions: the full council, or one of its committees. */
export type Body = { kind: 'council' } | { kind: 'committee'; id: string; name: string };

/** "council" or a committee's id, as the report's address carries it. */
export async function findBody(trx: Trx, key: string): Promise<Body> {
  if (key === 'council') return { kind: 'council' };
  if (!/^[0-9a-f-]{36}$/i.test(key)) throw new NotFoundError();
  const c = await trx.selectFrom('committees').select(['id', 'name']).where('id', '=', key).executeTakeFirst();
  if (!c) throw new NotFoundError();
  return { kind: 'committee', id: c.id, name: c.name };
}

export interface ReportAction {
  id: string;
  reference: number;
  title: string;
  officerName: string;
  minuteNumber: string;
  meetingDate: string;
  resolutionText: string;
  dueOn: string | null;
  status: 'open' | 'in_progress' | 'done';
  doneOn: string | null;
  overdue: boolean;
  latestNote: string | null;
}

export interface ActionReport {
  body: Body;
  today: string;
  /** The body's most recent meeting up to today: "done since" counts from its date. */
  lastMeeting: { id: string; date: string } | null;
  /** The body's next meeting from today, whose agenda the report can go on. */
  nextMeeting: { id: string; date: string; summonsIssued: boolean } | null;
  open: ReportAction[];
  doneSinceLastMeeting: ReportAction[];
  overdueCount: number;
}

/**
 * Progress on the actions from a body's resolutions, for the body itself (Ilminster 2.4):
 * what is still open (overdue first), and what was done since it last met. Actions done
 * before that meeting were reported to it already and are left out.
 */
export async function actionReport(trx: Trx, body: Body, today: string): Promise<ActionReport> {
  let meetings = trx.selectFrom('meetings').select(['id', 'meeting_date', 'summons_issued_on']);
  meetings = body.kind === 'committee' ? meetings.where('committee_id', '=', body.id) : meetings.where('committee_id', 'is', null);
  const last = await meetings.where('meeting_date', '<=', today).orderBy('meeting_date', 'desc').limit(1).executeTakeFirst();
  const next = await meetings.where('meeting_date', '>', today).orderBy('meeting_date').limit(1).executeTakeFirst();

  let q = trx
    .selectFrom('officer_tasks as t')
    .innerJoin('resolutions as r', 'r.id', 't.resolution_id')
    .innerJoin('meetings as m', 'm.id', 'r.meeting_id')
    .innerJoin('people as p', 'p.id', 't.assigned_to')
    .select((eb) => [
      't.id',
      't.reference',
      't.title',
      't.status',
      't.due_on',
      't.done_at',
      'p.name as officer_name',
      'r.minute_number',
      'r.text as resolution_text',
      'm.meeting_date',
      eb.selectFrom('task_notes as n').select('n.body').whereRef('n.task_id', '=', 't.id').orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(1).as('latest_note'),
    ]);
  q = body.kind === 'committee' ? q.where('m.committee_id', '=', body.id) : q.where('m.committee_id', 'is', null);
  const rows = await q.orderBy('t.due_on').orderBy('t.reference').execute();

  const actions: ReportAction[] = rows.map((r) => {
    const doneOn = r.done_at ? londonDate(new Date(r.done_at)) : null;
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      officerName: r.officer_name,
      minuteNumber: r.minute_number,
      meetingDate: r.meeting_date,
      resolutionText: r.resolution_text,
      dueOn: r.due_on,
      status: r.status,
      doneOn,
      overdue: r.status !== 'done' && r.due_on !== null && r.due_on < today,
      latestNote: r.latest_note ?? null,
    };
  });
  const open = actions.filter((a) => a.status !== 'done').sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const since = last?.meeting_date;
  const doneSinceLastMeeting = actions.filter((a) => a.status === 'done' && a.doneOn !== null && (since === undefined || a.doneOn >= since));
  return {
    body,
    today,
    lastMeeting: last ? { id: last.id, date: last.meeting_date } : null,
    nextMeeting: next ? { id: next.id, date: next.meeting_date, summonsIssued: next.summons_issued_on !== null } : null,
    open,
    doneSinceLastMeeting,
    overdueCount: open.filter((a) => a.overdue).length,
  };
}

/** The body's name as the report shows it. */
export function bodyTitle(body: Body, t: Translate): string {
  return body.kind === 'committee' ? body.name : t('meetings.fullCouncil');
}

/**
 * The report in the order the page shows it: since when, then the open actions and those done
 * since the last meeting, each with what it came from and where it stands. The printable PDF
 * and the paper that goes with the agenda item are both made from it, so the three never say
 * different things.
 */
export function reportSections(report: ActionReport, t: Translate): { since: string; sections: { heading: string; empty: string; actions: { line: string; details: string[] }[] }[] } {
  const describe = (a: ReportAction) => ({
    line: t('report.actions.line', { reference: a.reference, title: a.title }),
    details: [
      t('report.actions.from', { minute: a.minuteNumber, date: longDate(a.meetingDate, t.locale), officer: a.officerName }),
      a.status === 'done' && a.doneOn
        ? t('report.actions.doneOn', { date: longDate(a.doneOn, t.locale) })
        : [t(`tasks.status.${a.status}`), a.dueOn ? t('report.actions.dueOn', { date: longDate(a.dueOn, t.locale) }) : '', a.overdue ? t('report.actions.overdue') : ''].filter(Boolean).join('. '),
      ...(a.latestNote ? [t('report.actions.latest', { note: a.latestNote })] : []),
    ],
  });
  return {
    since: report.lastMeeting ? t('report.actions.since', { date: longDate(report.lastMeeting.date, t.locale) }) : t('report.actions.noMeetingYet'),
    sections: [
      { heading: t.plural('report.actions.openHeading', report.open.length, { overdue: report.overdueCount }), empty: t('report.actions.noneOpen'), actions: report.open.map(describe) },
      { heading: t.plural('report.actions.doneHeading', report.doneSinceLastMeeting.length), empty: t('report.actions.noneDone'), actions: report.doneSinceLastMeeting.map(describe) },
    ],
  };
}

/** The report as plain text, for the paper that goes with the agenda item. */
export function reportText(report: ActionReport, t: Translate): string {
  const { since, sections } = reportSections(report, t);
  const parts = [since];
  for (const section of sections) {
    parts.push(`\n${section.heading}\n`);
    if (!section.actions.length) parts.push(section.empty);
    for (const action of section.actions) parts.push(`\n${action.line}`, ...action.details);
  }
  return parts.join('\n').trim();
}

/** The report as the blocks of its PDF: a heading for each part, its actions a list. */
export function reportBlocks(report: ActionReport, t: Translate): PdfBlock[] {
  const { since, sections } = reportSections(report, t);
  const blocks: PdfBlock[] = [{ kind: 'paragraph', text: `${t('report.actions.asAt', { date: longDate(report.today, t.locale) })}. ${since}` }];
  for (const section of sections) {
    blocks.push({ kind: 'heading', level: 2, text: section.heading });
    blocks.push(section.actions.length ? { kind: 'list', items: section.actions.map((a) => ({ text: a.line, details: a.details })) } : { kind: 'paragraph', text: section.empty });
  }
  return blocks;
}

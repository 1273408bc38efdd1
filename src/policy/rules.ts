import type { RuleId } from '../protocol/types.js';
import type { Vars } from '../i18n/messages.js';
import type { Action } from './actions.js';
import type { ActionDeclaration } from '../capabilities/capability.js';
import { inTerm, type Principal } from './principal.js';

/** What a rule is asked about: who, doing what, to what, when. */
export interface Request {
  principal: Principal;
  action: Action;
  /** The thing acted on, where it matters (e.g. the officer a task is for). */
  resource?: PersonResource | { kind: 'council' } | DocumentResource | ContactReportResource | AgendaItemResource | ConcernCaseResource | GroupResource | OfficerReportResource | SelectionPanelResource;
  /** Facts about the principal that some rules need, loaded fresh by the service for this request. */
  context?: RuleContext;
  /** Today's date in Europe/London, "YYYY-MM-DD". */
  today: string;
}

/** A person acted on: the officer a task is for. */
export interface PersonResource {
  kind: 'person';
  role: 'clerk' | 'officer' | 'councillor';
  id: string;
}

/** A document as the rules see it: its classification, the matters it concerns, and who a confidential paper was issued to. */
export interface DocumentResource {
  kind: 'document';
  classification: 'public' | 'internal' | 'confidential';
  matterIds: readonly string[];
  recipientIds: readonly string[];
  /** The days of the meetings that have it among their papers, once their summonses are issued. */
  meetingDates: readonly string[];
}

/**
 * An agenda item as the rules see it (src/meetings): whether it is taken in private, who the
 * body's members are, and the matter it is about. What the item says, its papers, its minute
 * and the resolution made on it are all decided on this.
 */
export interface AgendaItemResource {
  kind: 'agenda_item';
  /** Press and public excluded for it (Public Bodies (Admission to Meetings) Act 1960, s.1(2)). */
  private: boolean;
  /** The members of the body that meets: the committee's, or every councillor for the full council. */
  memberIds: readonly string[];
  /** The matter the item is about, if the Clerk has said. */
  matterIds: readonly string[];
  /** The days of the meetings whose papers these are, once issued; none where only its privacy is asked about. */
  meetingDates: readonly string[];
}

/** A staff member's report of contact through a personal account: who made it and who it went to (src/messages). */
export interface ContactReportResource {
  kind: 'contact_report';
  reporterId: string;
  recipientIds: readonly string[];
}

/**
 * A concern, grievance or disciplinary case as the rules see it (src/concerns): who raised it,
 * who handles it, and, once it is formal, the members of the committee that holds personnel
 * matters. The person it concerns is named so that no rule can let them in by accident.
 */
export interface ConcernCaseResource {
  kind: 'concern_case';
  raisedBy: string;
  handlerIds: readonly string[];
  /** Members of the personnel committee: empty while the case is informal. */
  committeeMemberIds: readonly string[];
  aboutPersonId: string | null;
  formal: boolean;
  /** Whether a handler has told the person concerned of the case (and so they may read what they were told). */
  aboutPersonTold: boolean;
}

/** A political group as the rules see it (src/groups): its leader, and who may ask for work on its behalf. */
export interface GroupResource {
  kind: 'group';
  id: string;
  leaderId: string | null;
  requestsBy: 'leader' | 'members';
  /** For a report to the group: whether every group was given it in full. */
  sharedInFull?: boolean;
}

/** An officer's report to the council or a committee (src/groups): whose recommendation it is. */
export interface OfficerReportResource {
  kind: 'officer_report';
  authorId: string;
}

/** A staff appointment's selection panel (src/appointments): the councillors the council named to it. */
export interface SelectionPanelResource {
  kind: 'selection_panel';
  memberIds: readonly string[];
}

export interface RuleContext {
  /**
   * For deciding a formal case: whether the decision is a resolution of the committee that
   * holds personnel matters, rather than one person's (B10.1.2, L5.2).
   */
  byCommitteeResolution?: boolean;
  /**
   * The matters in which the principal has a registered pecuniary interest today. Loaded
   * from the register on every request that needs it, so a newly declared interest
   * applies at once, also to sessions already open.
   */
  pecuniaryMatterIds?: ReadonlySet<string>;
  /**
   * The matters the dispensations granted to the principal cover (Localism Act 2011 s.33), with
   * each one's period: its matters, and those of the agenda items it names. Only those not yet
   * ended need be given. Absent, nothing is dispensed; see `dispensationLifts`.
   */
  dispensations?: readonly DispensedMatter[];
  /**
   * The matters the dispensations the principal has asked for, and that are not yet decided,
   * would cover: so that a refusal for an interest tells them their request is waiting rather
   * than advising them to make one. Lifts nothing.
   */
  dispensationsAsked?: readonly AskedDispensation[];
  /** The last day ("YYYY-MM-DD") an agenda request for the meeting asked about may be received. */
  agendaDeadline?: string;
  /** Why a late agenda request is urgent, as the Clerk records it when accepting it. */
  urgentReason?: string;
  /** Whether the Clerk has asked this officer to record resolutions too. */
  delegatedRecorder?: boolean;
  /** Who chairs the meeting asked about: the committee's chair and vice-chair, or the council's. */
  meetingChairIds?: readonly string[];
  /** The members of the body a meeting is of: the committee's, or every councillor in term for the full council. */
  bodyMemberIds?: readonly string[];
}

/** A matter a granted dispensation covers, from its first day to its last ("YYYY-MM-DD"). */
export interface DispensedMatter {
  matterId: string;
  from: string;
  until: string;
}

/** A matter a dispensation asked for and not yet decided would cover: the request, and the day it was made ("YYYY-MM-DD"). */
export interface AskedDispensation {
  matterId: string;
  dispensationId: string;
  requestedOn: string;
}

/**
 * Whether a dispensation lifts the bar a registered pecuniary interest in `matterId` puts on a
 * paper: one covering the matter in force today, or on the day of a meeting still to come whose
 * summons has gone out with the paper among its papers. A dispensation lets the member take part
 * in that meeting's business, so it lets them read its papers beforehand, even when it starts on
 * the meeting's day. A meeting already held counts for nothing: its papers are judged on today.
 */
export function dispensationLifts(r: Request, matterId: string, meetingDates: readonly string[]): boolean {
  const days = [r.today, ...meetingDates.filter((day) => day > r.today)];
  return (r.context?.dispensations ?? []).some((d) => d.matterId === matterId && days.some((day) => d.from <= day && day <= d.until));
}

/**
 * The matters of a paper (its own, or its item's) that bar it to the principal: a registered
 * pecuniary interest in each, and no dispensation lifting it (`dispensationLifts`). Without the
 * interests in the context, every matter bars. What the interest rules refuse on, and what their
 * advice looks at.
 */
export function barringMatters(r: Request, matterIds: readonly string[], meetingDates: readonly string[]): string[] {
  const held = r.context?.pecuniaryMatterIds;
  return matterIds.filter((id) => (held ? held.has(id) : true) && !dispensationLifts(r, id, meetingDates));
}

/**
 * What a councillor refused a paper for a registered interest is told to do, where it is not
 * the usual advice to ask for a dispensation: they have asked already, for every matter that
 * bars the paper, and wait for the decision. Names the request (the latest, where several are
 * waiting), when it was made, and links to it in place of asking again.
 */
export function dispensationWaiting(r: Request, matterIds: readonly string[], meetingDates: readonly string[]): Advice | undefined {
  const asked = r.context?.dispensationsAsked ?? [];
  const barring = barringMatters(r, matterIds, meetingDates);
  // A matter with no request waiting still wants one: then asking is the advice.
  if (barring.length === 0 || !barring.every((id) => asked.some((a) => a.matterId === id))) return undefined;
  const latest = asked.filter((a) => barring.includes(a.matterId)).reduce((a, b) => (b.requestedOn > a.requestedOn ? b : a));
  return {
    key: 'refused.alt.interest_conflict.waiting',
    vars: { asked: { date: latest.requestedOn } },
    instead: [
      { path: '/interests', labelKey: 'refused.instead.interests' },
      { path: `/declarations/dispensations/${latest.dispensationId}`, labelKey: 'refused.instead.dispensationAsked' },
    ],
  };
}

/** A page a refusal offers instead of what it refused, and the catalogue key of its link. */
export interface InsteadLink {
  path: string;
  labelKey: string;
}

/**
 * What a refused person can do, where their own circumstances make it other than the
 * catalogue's `refused.alt.<errorId>`: a message key and its values, and the pages offered
 * instead (in place of the usual ones, where given).
 */
export interface Advice {
  key: string;
  vars?: Vars;
  instead?: readonly InsteadLink[];
}

/**
 * One row of the protocol's rule table. A rule only ever refuses: it names the actions
 * it governs and the condition under which it forbids them. `decide` permits whatever no
 * active rule forbids, so each refusal has exactly the clause(s) that cause it.
 */
export interface Rule {
  id: RuleId;
  /** Stable machine id of the refusal, sent to API clients. */
  errorId: string;
  /** The actions this rule governs, or every action. */
  actions: readonly Action[] | 'all';
  /**
   * Does this rule forbid the request? A rule may read a councillor's office or group only
   * if it says so in `readsOfficeOrGroup`: every other rule sees all councillors as equal
   * (the equal-rights clauses), which `decide` guarantees by hiding those fields.
   */
  forbids(request: Request): boolean;
  /** Where it refuses: advice particular to this request, if the usual advice would be wrong for it. */
  advice?(request: Request): Advice | undefined;
  readsOfficeOrGroup?: true;
  /**
   * Rules that guard access itself apply in every council. Where a council's protocol has
   * no clause carrying such a rule, the refusal cites Concord's model protocol instead.
   */
  baseline: boolean;
}

export const isCouncillor = (r: Request): boolean => r.principal.role === 'councillor';
export const isOfficerOtherThanClerk = (r: Request): boolean => r.principal.role === 'officer';
export const isNotClerk = (r: Request): boolean => r.principal.role !== 'clerk';

/**
 * The rules every council has, whatever capability an action belongs to: access ends with
 * the term of office; administration belongs to the officers; the Clerk directs the staff.
 * Which actions are administration is declared with each action (`ActionDeclaration`).
 */
export function baselineRules(declared: Readonly<Partial<Record<Action, ActionDeclaration>>>): Rule[] {
  const entries = Object.entries(declared) as [Action, ActionDeclaration][];
  const administration = entries.filter(([, d]) => d.administration).map(([a]) => a);
  const clerkOnly = entries.filter(([, d]) => d.administration === 'clerk').map(([a]) => a);
  return [
    { id: 'term-of-office', errorId: 'term_of_office', actions: 'all', baseline: true, forbids: (r) => !inTerm(r.principal, r.today) },
    { id: 'no-day-to-day-running', errorId: 'day_to_day_running', actions: administration, baseline: true, forbids: isCouncillor },
    // Other officers work under the Clerk's direction: they do not change the council's set-up.
    { id: 'clerk-manages-staff', errorId: 'clerk_manages_staff', actions: clerkOnly, baseline: true, forbids: isOfficerOtherThanClerk },
  ];
}

/** The rule table, indexed by action once, so a check walks only the rows that govern it, in table order. */
export interface RuleTable {
  readonly rules: readonly Rule[];
  readonly actions: readonly Action[];
  rulesFor(action: Action): readonly Rule[];
}

export function ruleTable(actions: readonly Action[], rules: readonly Rule[]): RuleTable {
  const byAction = new Map<Action, readonly Rule[]>(actions.map((action) => [action, rules.filter((r) => r.actions === 'all' || r.actions.includes(action))]));
  return { rules, actions, rulesFor: (action) => byAction.get(action) ?? [] };
}

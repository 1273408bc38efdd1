import type { RuleId } from '../protocol/types.js';
import type { Action } from './actions.js';
import { inTerm, type Principal } from './principal.js';

/** What a rule is asked about: who, doing what, to what, when. */
export interface Request {
  principal: Principal;
  action: Action;
  /** The thing acted on, where it matters (e.g. the officer a task is for). */
  resource?: { kind: 'person'; role: 'clerk' | 'officer' | 'councillor'; id: string } | { kind: 'council' };
  /** Today's date in Europe/London, "YYYY-MM-DD". */
  today: string;
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
  readsOfficeOrGroup?: true;
  /**
   * Rules that guard access itself apply in every council. Where a council's protocol has
   * no clause carrying such a rule, the refusal cites Concord's model protocol instead.
   */
  baseline: boolean;
}

const isCouncillor = (r: Request) => r.principal.role === 'councillor';
const isOfficerOtherThanClerk = (r: Request) => r.principal.role === 'officer';

/** The council's administration, which belongs to its officers. */
const ADMINISTRATION: readonly Action[] = [
  'council.configure',
  'people.manage',
  'staff.manage',
  'committees.manage',
  'groups.manage',
  'contacts.manage',
  'officer_task.update',
  'audit.view',
];

export const RULES: readonly Rule[] = [
  {
    id: 'term-of-office',
    errorId: 'term_of_office',
    actions: 'all',
    baseline: true,
    forbids: (r) => !inTerm(r.principal, r.today),
  },
  {
    id: 'no-individual-instruction',
    errorId: 'individual_instruction',
    actions: ['officer_task.create'],
    baseline: true,
    // Office and group are deliberately not read: a chair, mayor or group leader is
    // refused exactly as any other councillor is.
    forbids: isCouncillor,
  },
  {
    id: 'no-day-to-day-running',
    errorId: 'day_to_day_running',
    actions: ADMINISTRATION,
    baseline: true,
    forbids: isCouncillor,
  },
  {
    id: 'clerk-manages-staff',
    errorId: 'clerk_manages_staff',
    // Other officers work under the Clerk's direction: they take tasks, they do not
    // hand them to colleagues, and they do not change the council's set-up.
    actions: ['staff.manage', 'people.manage', 'council.configure', 'committees.manage', 'groups.manage', 'contacts.manage', 'audit.view'],
    baseline: true,
    forbids: isOfficerOtherThanClerk,
  },
  {
    id: 'clerk-manages-staff',
    errorId: 'clerk_manages_staff',
    actions: ['officer_task.create'],
    baseline: true,
    forbids: (r) =>
      isOfficerOtherThanClerk(r) && r.resource?.kind === 'person' && r.resource.id !== r.principal.personId,
  },
];

/** Rule ids that some row of the table applies today; the protocol page marks the others as not yet applied. */
export const APPLIED_RULE_IDS: ReadonlySet<RuleId> = new Set<RuleId>([...RULES.map((r) => r.id), 'equal-rights']);

import type { RuleId } from '../protocol/types.js';
import type { Action } from './actions.js';
import { inTerm, type Principal } from './principal.js';

/** What a rule is asked about: who, doing what, to what, when. */
export interface Request {
  principal: Principal;
  action: Action;
  /** The thing acted on, where it matters (e.g. the officer a task is for). */
  resource?: { kind: 'person'; role: 'clerk' | 'officer' | 'councillor'; id: string } | { kind: 'council' } | DocumentResource | ContactReportResource;
  /** Facts about the principal that some rules need, loaded fresh by the service for this request. */
  context?: RuleContext;
  /** Today's date in Europe/London, "YYYY-MM-DD". */
  today: string;
}

/** A document as the rules see it: its classification, the matters it concerns, and who a confidential paper was issued to. */
export interface DocumentResource {
  kind: 'document';
  classification: 'public' | 'internal' | 'confidential';
  matterIds: readonly string[];
  recipientIds: readonly string[];
}

/** A staff member's report of contact through a personal account: who made it and who it went to (src/messages). */
export interface ContactReportResource {
  kind: 'contact_report';
  reporterId: string;
  recipientIds: readonly string[];
}

export interface RuleContext {
  /**
   * The matters in which the principal has a registered pecuniary interest today. Loaded
   * from the register on every request that needs it, so a newly declared interest
   * applies at once, also to sessions already open.
   */
  pecuniaryMatterIds?: ReadonlySet<string>;
  /** The last day ("YYYY-MM-DD") an agenda request for the meeting asked about may be received. */
  agendaDeadline?: string;
  /** Why a late agenda request is urgent, as the Clerk records it when accepting it. */
  urgentReason?: string;
  /** Whether the Clerk has asked this officer to record resolutions too. */
  delegatedRecorder?: boolean;
  /** Who chairs the meeting asked about: the committee's chair and vice-chair, or the council's. */
  meetingChairIds?: readonly string[];
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
  'resolution.record',
  'agreed_action.confirm',
  'audit.view',
  'document.upload',
  'document.issue',
  'document.oversee',
  'interest.manage',
  'meetings.manage',
  'agenda_request.decide',
  'enquiry.reply',
  'report.equal_treatment',
  'outbox.view',
  'bulletin.publish',
  'bulletin.receipts',
];

/**
 * An agenda request after the council's deadline is refused, unless the Clerk accepts it as
 * urgent and records why. Fails open only where there is no deadline to apply.
 */
function lateAgendaRequest(r: Request): boolean {
  const deadline = r.context?.agendaDeadline;
  if (!deadline || r.today <= deadline) return false;
  return !(r.principal.role === 'clerk' && (r.context?.urgentReason ?? '').trim() !== '');
}

const isDocument = (r: Request): DocumentResource | undefined => (r.resource?.kind === 'document' ? r.resource : undefined);

/**
 * A councillor may not see a document about a matter in which they have a registered
 * pecuniary interest. Fails closed: a councillor's request about a document with matters,
 * made without their interests loaded, is refused rather than waved through.
 */
function touchesPecuniaryInterest(r: Request): boolean {
  const doc = isDocument(r);
  if (r.principal.role !== 'councillor' || !doc || doc.matterIds.length === 0) return false;
  const held = r.context?.pecuniaryMatterIds;
  if (!held) return true;
  return doc.matterIds.some((id) => held.has(id));
}

export const RULES: readonly Rule[] = [
  {
    id: 'term-of-office',
    errorId: 'term_of_office',
    actions: 'all',
    baseline: true,
    forbids: (r) => !inTerm(r.principal, r.today),
  },
  {
    // Baseline: every council's standing orders set a notice period for agenda items; where
    // its protocol has no clause saying so, the refusal cites the model protocol's.
    id: 'agenda-notice',
    errorId: 'late_agenda_request',
    actions: ['agenda_request.create'],
    baseline: true,
    forbids: lateAgendaRequest,
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
    actions: ['staff.manage', 'people.manage', 'council.configure', 'committees.manage', 'groups.manage', 'contacts.manage', 'audit.view', 'document.issue', 'document.oversee', 'interest.manage', 'outbox.view', 'report.equal_treatment'],
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
  {
    // An officer keeps the progress of their own actions; the Clerk, who directs the staff, any.
    id: 'clerk-manages-staff',
    errorId: 'clerk_manages_staff',
    actions: ['officer_task.update'],
    baseline: true,
    forbids: (r) => isOfficerOtherThanClerk(r) && r.resource?.kind === 'person' && r.resource.id !== r.principal.personId,
  },
  {
    // The council's decisions are recorded by its proper officer, the Clerk, or an officer the Clerk asks.
    id: 'decisions-are-instructions',
    errorId: 'records_decisions',
    actions: ['resolution.record'],
    baseline: true,
    forbids: (r) => isOfficerOtherThanClerk(r) && r.context?.delegatedRecorder !== true,
  },
  {
    // A chair's note of the actions a meeting agreed becomes an instruction only once the Clerk confirms it.
    id: 'decisions-are-instructions',
    errorId: 'clerk_confirms_actions',
    actions: ['agreed_action.confirm'],
    baseline: true,
    forbids: isOfficerOtherThanClerk,
  },
  {
    // Only the chair (or vice-chair) of the body that met passes on the actions it agreed.
    // Chairing is read from the meeting, not from the principal's office: fails closed
    // when the meeting's chairs were not loaded.
    id: 'decisions-are-instructions',
    errorId: 'chair_records_actions',
    actions: ['agreed_action.record'],
    baseline: true,
    forbids: (r) => !(r.context?.meetingChairIds ?? []).includes(r.principal.personId),
  },
  {
    // Not baseline: the bar comes from the council's own protocol (Ilminster 2.6), not from statute.
    id: 'pecuniary-interest-documents',
    errorId: 'interest_conflict',
    actions: ['document.read'],
    baseline: false,
    forbids: touchesPecuniaryInterest,
  },
  {
    // A confidential paper is for its named recipients (and the Clerk who issues it) alone.
    id: 'confidential-papers',
    errorId: 'confidential_paper',
    actions: ['document.read'],
    baseline: true,
    forbids: (r) => {
      const doc = isDocument(r);
      return !!doc && doc.classification === 'confidential' && r.principal.role !== 'clerk' && !doc.recipientIds.includes(r.principal.personId);
    },
  },
  {
    // Only the Clerk puts a confidential paper into the library, to issue it.
    id: 'confidential-papers',
    errorId: 'confidential_paper',
    actions: ['document.upload'],
    baseline: true,
    forbids: (r) => isDocument(r)?.classification === 'confidential' && r.principal.role !== 'clerk',
  },
  {
    // Officers' declarations are made to the Clerk and seen by the Clerk alone.
    id: 'officer-interests',
    errorId: 'officer_interests',
    actions: ['officer_interest.view'],
    baseline: true,
    forbids: (r) => r.principal.role !== 'clerk',
  },
  {
    // Declarations to the Clerk are for officers; councillors use the register of interests.
    id: 'officer-interests',
    errorId: 'officer_interests',
    actions: ['officer_interest.declare'],
    baseline: true,
    forbids: isCouncillor,
  },
  {
    // The register of councillors' interests is not where officers declare theirs.
    id: 'officer-interests',
    errorId: 'officer_interests',
    actions: ['interest.register'],
    baseline: true,
    forbids: isOfficerOtherThanClerk,
  },
  {
    // Official channels (Brackley 8): the staff inbox is where messages to staff arrive;
    // councillors write to staff, and see what they sent, but have no staff inbox.
    id: 'official-channels',
    errorId: 'staff_inbox',
    actions: ['staff_message.read'],
    baseline: true,
    forbids: isCouncillor,
  },
  {
    // A report of contact through a personal account is staff's, about councillors.
    id: 'official-channels',
    errorId: 'contact_report_by_staff',
    actions: ['contact_report.create'],
    baseline: true,
    forbids: isCouncillor,
  },
  {
    // A report is read by the person who made it and the people it went to, no one else.
    id: 'official-channels',
    errorId: 'contact_report_private',
    actions: ['contact_report.view'],
    baseline: true,
    forbids: (r) => r.resource?.kind === 'contact_report' && r.resource.reporterId !== r.principal.personId && !r.resource.recipientIds.includes(r.principal.personId),
  },
  {
    // Urgent messages sent out of hours, with their reasons, are the Clerk's to review.
    id: 'official-channels',
    errorId: 'urgent_messages_clerk',
    actions: ['urgent_messages.view'],
    baseline: true,
    forbids: (r) => r.principal.role !== 'clerk',
  },
];

/** Rule ids that some row of the table applies today; the protocol page marks the others as not yet applied. */
// 'document-inspection' is a permission (routed, not enforced): the document library is where it applies.
// 'information-to-councillors' is routed the same way: bulletins (src/bulletins) are where it applies.
export const APPLIED_RULE_IDS: ReadonlySet<RuleId> = new Set<RuleId>([...RULES.map((r) => r.id), 'equal-rights', 'document-inspection', 'timely-responses', 'information-to-councillors']);

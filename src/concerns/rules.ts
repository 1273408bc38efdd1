import { isCouncillor, type Request, type Rule } from '../policy/rules.js';

/** The case, when the action is about one. */
const caseOf = (r: Request) => (r.resource?.kind === 'concern_case' ? r.resource : undefined);

/** The person a case is about is never one of the people handling or deciding it. */
const isAbout = (r: Request) => caseOf(r)?.aboutPersonId === r.principal.personId;

const handles = (r: Request) => !!caseOf(r)?.handlerIds.includes(r.principal.personId) && !isAbout(r);

/**
 * Who may read a case at all: the person who raised it, its handlers, and once formal the
 * members of the committee that holds personnel matters. Never the person it is about.
 */
function mayRead(r: Request): boolean {
  const c = caseOf(r);
  if (!c || isAbout(r)) return false;
  const me = r.principal.personId;
  return c.raisedBy === me || c.handlerIds.includes(me) || (c.formal && c.committeeMemberIds.includes(me));
}

/** Concerns, grievance and discipline (I1.8, L5.4, B10.1–10.2, I3.4). Every row is baseline: a case stays private in every council. */
export const concernRules: readonly Rule[] = [
  {
    id: 'concerns-routing',
    errorId: 'concern_private',
    actions: ['concern.view'],
    baseline: true,
    forbids: (r) => !mayRead(r),
  },
  {
    // One person deciding a grievance, a performance or a line-management matter is refused,
    // whoever they are (the Chair of the Council first among them): asked before whether the
    // person handles the case, so that the refusal names the clause that forbids it.
    id: 'personnel-committee-decides',
    errorId: 'personnel_committee_decides',
    actions: ['concern.decide'],
    baseline: true,
    forbids: (r) => !!caseOf(r)?.formal && r.context?.byCommitteeResolution !== true,
  },
  {
    id: 'concerns-routing',
    errorId: 'concern_handlers_only',
    actions: ['concern.handle', 'concern.decide'],
    baseline: true,
    forbids: (r) => !handles(r),
  },
  {
    // The person a case is about reads only what a handler chose to tell them, and only once told.
    id: 'concerns-routing',
    errorId: 'concern_disclosed_only',
    actions: ['concern.read_disclosed'],
    baseline: true,
    forbids: (r) => !(isAbout(r) && caseOf(r)!.aboutPersonTold),
  },
  {
    // An officer raises their own employment matters through the procedure; a councillor
    // approached about one passes it there.
    id: 'officer-employment-procedures',
    errorId: 'pass_on_by_councillors',
    actions: ['concern.pass_on'],
    baseline: true,
    forbids: (r) => !isCouncillor(r),
  },
];

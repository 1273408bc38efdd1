import { isCouncillor, type Request, type Rule } from '../policy/rules.js';

const group = (r: Request) => (r.resource?.kind === 'group' ? r.resource : undefined);

/** Whether the person may ask for work on behalf of the group: a member (or its leader alone, where the council says so). */
const asksForTheGroup = (r: Request): boolean => {
  const g = group(r);
  if (!g || r.principal.role !== 'councillor' || !r.principal.groupIds.includes(g.id)) return false;
  return g.requestsBy === 'members' || g.leaderId === r.principal.personId;
};

/**
 * Political groups and officers' professional advice. The group rules read group membership
 * and office, as their clauses do; each is baseline, so a council whose protocol is silent is
 * still kept to Concord's model protocol, and told so.
 */
export const groupRules: readonly Rule[] = [
  {
    // A group asks through its members (or its leader, as the council allows); no one asks for another group.
    id: 'groups-cannot-require',
    errorId: 'group_request_own_group',
    actions: ['group_request.create'],
    baseline: true,
    readsOfficeOrGroup: true,
    forbids: (r) => !asksForTheGroup(r),
  },
  {
    // Work for a political group is party-political work, which a chair or vice-chair may not
    // ask an officer for; another member of the group asks instead.
    id: 'groups-cannot-require',
    errorId: 'group_request_by_chair',
    actions: ['group_request.create'],
    baseline: true,
    readsOfficeOrGroup: true,
    forbids: (r) => r.principal.role === 'councillor' && r.principal.chairOf.length > 0,
  },
  {
    // A group's own requests and reports are its members' and the officers'; other groups get the notices.
    id: 'group-reports-all-told',
    errorId: 'group_papers_own_group',
    actions: ['group_papers.view'],
    baseline: true,
    readsOfficeOrGroup: true,
    forbids: (r) => {
      const g = group(r);
      return isCouncillor(r) && !!g && !r.principal.groupIds.includes(g.id) && !g.sharedInFull;
    },
  },
  {
    // The recommendation is the officer's own: no councillor writes or revises it.
    id: 'officer-advice-own',
    errorId: 'recommendation_officers_own',
    actions: ['officer_report.write'],
    baseline: true,
    forbids: isCouncillor,
  },
  {
    // Only its author changes a recommendation, so its history is the author's alone.
    id: 'officer-advice-own',
    errorId: 'recommendation_authors_own',
    actions: ['officer_report.write'],
    baseline: true,
    forbids: (r) => r.resource?.kind === 'officer_report' && r.resource.authorId !== r.principal.personId,
  },
  {
    // Concord carries no request to change an officer's recommendation: views are recorded beside it.
    id: 'officer-advice-own',
    errorId: 'recommendation_change_request',
    actions: ['officer_report.request_change'],
    baseline: true,
    forbids: () => true,
  },
  {
    // The views beside a report are councillors', each under their own name.
    id: 'officer-advice-own',
    errorId: 'views_are_councillors',
    actions: ['officer_report.record_view'],
    baseline: true,
    forbids: (r) => !isCouncillor(r),
  },
];

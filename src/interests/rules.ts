import { isCouncillor, isNotClerk, isOfficerOtherThanClerk, type Rule } from '../policy/rules.js';

export const interestRules: readonly Rule[] = [
  {
    // Officers' declarations are made to the Clerk and seen by the Clerk alone.
    id: 'officer-interests',
    errorId: 'officer_interests',
    actions: ['officer_interest.view'],
    baseline: true,
    forbids: isNotClerk,
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
];

import { isOfficerOtherThanClerk, type Rule } from '../policy/rules.js';

export const decisionRules: readonly Rule[] = [
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
];

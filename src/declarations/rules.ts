import { isCouncillor, type Rule } from '../policy/rules.js';

export const declarationRules: readonly Rule[] = [
  {
    // A dispensation releases a member from s.31(4): it is asked for by a councillor, for themselves.
    id: 'declarations-at-meetings',
    errorId: 'dispensation_members_only',
    actions: ['dispensation.request'],
    baseline: true,
    forbids: (r) => !isCouncillor(r),
  },
  {
    // Declarations before a meeting are made by the members of the body that meets, each for themselves.
    id: 'declarations-at-meetings',
    errorId: 'declaration_not_member',
    actions: ['declaration.make'],
    baseline: true,
    forbids: (r) => !isCouncillor(r) || !(r.context?.bodyMemberIds ?? []).includes(r.principal.personId),
  },
];

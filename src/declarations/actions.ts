import type { RuleContext } from '../policy/rules.js';

/** Declarations (src/declarations): declarations of interest at meetings, and dispensations. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'dispensation.request': [];
    'dispensation.decide': [];
    /** The members of the body that meets: only they declare before the meeting. */
    'declaration.make': [resource: undefined, context: Required<Pick<RuleContext, 'bodyMemberIds'>>];
    'declaration.record': [];
  }
}

export const declarationActions = {
  'dispensation.request': { doc: 'A councillor asks the proper officer, in writing, for a dispensation (Localism Act 2011 s.33).' },
  'dispensation.decide': { doc: 'Record the decision on a dispensation (by the council’s resolution, or the Clerk’s under delegation), and read every request.', administration: 'clerk' },
  'declaration.make': { doc: 'A member of the body declares an interest in an item before its meeting, or confirms they have none.' },
  'declaration.record': { doc: 'Record the declarations made at a meeting: who, on which item, what kind, whether they left, the dispensation relied on.', administration: 'officers' },
} as const;

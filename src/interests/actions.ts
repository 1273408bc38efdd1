/** Interests (src/interests): the register of councillors' interests and officers' declarations. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'interest.register': [];
    'interest.manage': [];
    'officer_interest.declare': [];
    'officer_interest.view': [];
  }
}

export const interestActions = {
  'interest.register': { doc: 'A councillor registers or updates their own interests.' },
  'interest.manage': { doc: 'Record interests on a councillor’s behalf, and see the full register with sensitive entries.', administration: 'clerk' },
  'officer_interest.declare': { doc: 'An officer declares an interest relating to their work to the Clerk.' },
  'officer_interest.view': { doc: 'Read officers’ declarations of interest.' },
} as const;

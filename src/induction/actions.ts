/** A councillor's first 28 days (src/induction): the checklist, the nil return, and the Clerk's view of everyone's progress. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'induction.view': [];
    'induction.oversee': [];
  }
}

export const inductionActions = {
  'induction.view': { doc: 'See your own checklist for the first 28 days of your term.' },
  'induction.oversee': { doc: 'Every new councillor’s progress through the checklist, and its reminders: the Clerk’s.', administration: 'clerk' },
} as const;

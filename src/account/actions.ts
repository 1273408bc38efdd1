/** A person's own account (src/account). */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'account.two_step': [];
  }
}

/**
 * Two-step sign-in is offered to everyone who may sign in, not only the Clerk and officers:
 * a councillor's account opens confidential papers too, and a safeguard someone chooses for
 * their own account takes nothing from anyone. It is still an action of the rule table, so a
 * council that wants it narrower says so in a rule, and the term-of-office rule applies.
 */
export const accountActions = {
  'account.two_step': { doc: 'Turn two-step sign-in (a code from an authenticator app) on or off for your own account.' },
} as const;

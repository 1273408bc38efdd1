/** Accounts (src/auth): the Clerk's part in people's sign-in. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'person.invite': [];
    'person.sessions.revoke': [];
    'person.two_step.reset': [];
  }
}

export const authActions = {
  'person.invite': { doc: 'Email a person a one-time link to set their own password and sign in.', administration: 'clerk' },
  'person.sessions.revoke': { doc: 'Sign a person out of Concord on every device.', administration: 'clerk' },
  'person.two_step.reset': { doc: 'Turn off two-step sign-in for a person who has lost their phone and recovery codes.', administration: 'clerk' },
} as const;

/** Accounts (src/auth): the Clerk's part in people's sign-in. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'person.invite': [];
    'person.sessions.revoke': [];
  }
}

export const authActions = {
  'person.invite': { doc: 'Email a person a one-time link to set their own password and sign in.', administration: 'clerk' },
  'person.sessions.revoke': { doc: 'Sign a person out of Concord on every device.', administration: 'clerk' },
} as const;

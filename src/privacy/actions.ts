/** Data protection (src/privacy): subject access requests, and a person's download of their own data. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'privacy.manage': [];
    'privacy.export_own': [];
  }
}

export const privacyActions = {
  'privacy.manage': { doc: 'Record subject access requests, extend them, export a person’s data and mark the response sent: the Clerk’s, as the council’s data protection contact.', administration: 'clerk' },
  'privacy.export_own': { doc: 'Download what Concord holds about you (leaving out what the Clerk must review first).' },
} as const;

/** The council's protocol (src/protocol), and the access every page needs. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    /** Any request within a council: the term of office is checked here. */
    'council.view': [];
    'protocol.read': [];
    /** Read the council's audit log. */
    'audit.view': [];
  }
}

export const protocolActions = {
  'council.view': { doc: 'Use Concord in this council at all.' },
  'protocol.read': { doc: 'Read the council’s protocol.' },
  'audit.view': { doc: 'Read the council’s audit log.', administration: 'clerk' },
} as const;

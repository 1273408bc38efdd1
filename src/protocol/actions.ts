/** The council's protocol (src/protocol), and the access every page needs. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    /** Any request within a council: the term of office is checked here. */
    'council.view': [];
    'protocol.read': [];
    /** Read the council's audit log. */
    'audit.view': [];
    /** Draft a new version of the protocol, record its approval by a resolution, and record a review. */
    'protocol.draft': [];
    /** Acknowledge the version of the protocol in force. */
    'protocol.acknowledge': [];
    /** See who has and has not acknowledged the version in force, and remind them. */
    'protocol.acknowledgements': [];
    /** See how Concord applies each clause (the public see the protocol as adopted). */
    'protocol.applied': [];
    /** The protocol health report: how the protocol worked over a period, for the council's review. */
    'protocol.healthReport': [];
  }
}

export const protocolActions = {
  'council.view': { doc: 'Use Concord in this council at all.' },
  'protocol.read': { doc: 'Read the council’s protocol.' },
  'audit.view': { doc: 'Read the council’s audit log.', administration: 'clerk' },
  'protocol.draft': { doc: 'Draft a new version of the protocol, record the resolution approving it, and record its review.', administration: 'clerk' },
  'protocol.acknowledge': { doc: 'Acknowledge the version of the protocol in force.' },
  'protocol.acknowledgements': { doc: 'See who has and has not acknowledged the protocol in force, and remind them.', administration: 'clerk' },
  'protocol.applied': { doc: 'See how Concord applies each clause of the protocol.' },
  'protocol.healthReport': { doc: 'Read the protocol health report: acknowledgements, enquiries, refusals, messages, groups, concerns and overdue returns over a period.' },
} as const;

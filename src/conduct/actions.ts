/** The code of conduct (src/conduct): acknowledgements, and complaints referred outside the council. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'conduct.acknowledge': [];
    'conduct.oversee': [];
    'conduct.refer': [];
  }
}

export const conductActions = {
  'conduct.acknowledge': { doc: 'Acknowledge the code of conduct in force (and the Nolan principles where the protocol names them).' },
  'conduct.oversee': { doc: 'See who has not acknowledged the code in force, and record a new code.', administration: 'clerk' },
  'conduct.refer': { doc: 'Refer a complaint about a councillor’s conduct to the Monitoring Officer (England) or the Ombudsman (Wales), with its pack.', administration: 'clerk' },
} as const;

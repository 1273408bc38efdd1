/** The Clerk's council set-up (src/setup): the council, its people, committees, groups and contacts. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'council.configure': [];
    'people.view': [];
    'people.manage': [];
    'staff.manage': [];
    'committees.manage': [];
    'groups.manage': [];
    'contacts.view': [];
    'contacts.manage': [];
  }
}

export const setupActions = {
  'council.configure': { doc: 'Change the council’s profile and settings.', administration: 'clerk' },
  'people.view': { doc: 'See the council’s people.' },
  'people.manage': { doc: 'Add or change councillors, their terms and offices.', administration: 'clerk' },
  'staff.manage': { doc: 'Add or change officers: their roles, job titles and who they answer to.', administration: 'clerk' },
  'committees.manage': { doc: 'Add or change committees, their members and chairs.', administration: 'clerk' },
  'groups.manage': { doc: 'Add or change political groups and their members.', administration: 'clerk' },
  'contacts.view': { doc: 'See the council’s external contacts.' },
  'contacts.manage': { doc: 'Add or change external contacts (Monitoring Officer, independent person …).', administration: 'clerk' },
} as const;

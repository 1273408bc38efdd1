/** Notifications (src/notifications): the outbox of emails and letters. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'outbox.view': [];
  }
}

export const notificationActions = {
  'outbox.view': { doc: 'Read the outbox of emails and letters, and whether each went.', administration: 'clerk' },
} as const;

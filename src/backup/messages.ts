/** The Clerk's reminder about backups (src/backup). */
export const backupMessages = {
  'backup.stale.title': 'No recent backup',
  'backup.stale.never': 'This council has not been backed up yet.',
  'backup.stale.since': 'The last backup of this council was made on {date}.',
  'backup.stale.advice':
    'Concord backs itself up each day while it runs, into the backups folder beside its data. Leave it running for a few minutes, or run “npx concord backup” while it is stopped, and keep a copy of the folder on another disk.',
} as const;

/**
 * Everything a person can ask Concord to do that a rule may refuse. Routes name one of
 * these when they call `decide`; a new capability adds its actions here.
 */
export const ACTIONS = [
  'council.view',
  'council.configure',
  'people.view',
  /** Add or change councillors, their terms and offices. */
  'people.manage',
  /** Add or change officers: their roles, job titles and who they answer to. */
  'staff.manage',
  'committees.manage',
  'groups.manage',
  'contacts.view',
  'contacts.manage',
  'protocol.read',
  /** Give an officer a piece of work. */
  'officer_task.create',
  'officer_task.view',
  /** Report progress on, or close, an officer's task. */
  'officer_task.update',
  'audit.view',
] as const;
export type Action = (typeof ACTIONS)[number];

import type { PersonSubject } from '../policy/actions.js';

/** Officers' tasks (src/tasks): actions under resolutions, with progress notes. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    /** Give an officer a piece of work; the resource is the officer it is for. */
    'officer_task.create': PersonSubject;
    'officer_task.view': [];
    /** Report progress on, or close, an officer's task; the resource is the task's officer. */
    'officer_task.update': PersonSubject;
  }
}

export const taskActions = {
  'officer_task.create': { doc: 'Give an officer a piece of work, under a resolution.' },
  'officer_task.view': { doc: 'See officers’ tasks.' },
  'officer_task.update': { doc: 'Report progress on, or close, an officer’s task.', administration: 'officers' },
} as const;

import type { PersonSubject } from '../policy/actions.js';

/** Training (src/training): records, what each role must complete, requests, and the training plan. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'training.view': [];
    'training.view_person': PersonSubject;
    'training.request': [];
    'training.record': [];
    'training.manage': [];
  }
}

export const trainingActions = {
  'training.view': { doc: 'See your own training record, what is due, and the council’s training plan.' },
  'training.view_person': { doc: 'See one person’s training record: your own, or anyone’s for the Clerk.' },
  'training.request': { doc: 'Ask the Clerk for training or a development opportunity.' },
  'training.record': { doc: 'Record a course someone has completed, with its certificate: the officers’ work.', administration: 'officers' },
  'training.manage': { doc: 'Everyone’s training and what is overdue, required training, requests and the training plan: the Clerk’s.', administration: 'clerk' },
} as const;

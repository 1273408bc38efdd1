import type { PersonResource, Request, Rule } from '../policy/rules.js';

const personOf = (r: Request): PersonResource | undefined => (r.resource?.kind === 'person' ? r.resource : undefined);

export const trainingRules: readonly Rule[] = [
  {
    // A training record is personal: its owner sees it, and the Clerk who keeps the records.
    // Baseline, so a council whose protocol is silent on training still keeps records private.
    id: 'training-records',
    errorId: 'training_records',
    actions: ['training.view_person'],
    baseline: true,
    forbids: (r) => {
      const person = personOf(r);
      return r.principal.role !== 'clerk' && (!person || person.id !== r.principal.personId);
    },
  },
];

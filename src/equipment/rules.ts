import type { Rule } from '../policy/rules.js';

export const equipmentRules: readonly Rule[] = [
  {
    // The acknowledgement is the holder's own undertaking: no one gives it for them.
    id: 'equipment-for-council-use',
    errorId: 'equipment_for_council_use',
    actions: ['equipment.acknowledge'],
    baseline: true,
    forbids: (r) => r.resource?.kind !== 'person' || r.resource.id !== r.principal.personId,
  },
];

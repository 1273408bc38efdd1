import type { PersonSubject } from '../policy/actions.js';

/** Equipment (src/equipment): the register of what the council issues, to whom, and its return. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'equipment.view': [];
    'equipment.manage': [];
    'equipment.acknowledge': PersonSubject;
  }
}

export const equipmentActions = {
  'equipment.view': { doc: 'See the council equipment you hold.' },
  'equipment.manage': { doc: 'Keep the equipment register: add items, issue them, record their return: the officers’ work.', administration: 'officers' },
  'equipment.acknowledge': { doc: 'Acknowledge that equipment issued to you is for your council role only: the holder alone.' },
} as const;

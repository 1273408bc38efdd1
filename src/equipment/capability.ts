import { defineCapability } from '../capabilities/capability.js';
import { equipmentActions } from './actions.js';
import { seedDemoEquipment } from './demo.js';
import { equipmentMessages } from './messages.js';
import { equipmentMessagesCy } from './messages.cy.js';
import { equipmentRoutes } from './routes.js';
import { equipmentRules } from './rules.js';
import { remindToReturn } from './service.js';
import { equipmentPersonalData } from './personal-data.js';

/** The equipment register: issue, acknowledgement for council use only, return, and what leavers hold (SPEC R14). */
export const equipment = defineCapability({
  id: 'equipment',
  personalData: equipmentPersonalData,
  routes: [equipmentRoutes],
  actions: equipmentActions,
  rules: equipmentRules,
  messages: equipmentMessages, welsh: equipmentMessagesCy,
  jobs: [remindToReturn],
  navigation: [{ path: '/equipment', labelKey: 'nav.equipment', action: 'equipment.view', section: 'equipment', group: 'business', order: 70 }],
  appliedAt: {
    'equipment-for-council-use': { path: '/equipment', labelKey: 'rule.equipment-for-council-use', action: 'equipment.view' },
  },
  demo: { seed: (trx, { council, id, today }) => seedDemoEquipment(trx, council.id, id, today) },
});

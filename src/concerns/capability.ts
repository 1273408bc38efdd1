import { defineCapability } from '../capabilities/capability.js';
import { concernActions } from './actions.js';
import { concernApiRoutes } from './api-routes.js';
import { seedDemoConcern } from './demo.js';
import { concernMessages } from './messages.js';
import { concernMessagesCy } from './messages.cy.js';
import { concernRoutes } from './routes.js';
import { concernRules } from './rules.js';
import { concernSettingsRoutes } from './settings-routes.js';
import { concernToldRoutes } from './told-routes.js';
import { DEFAULT_TIME_LIMITS, stageReminder } from './service.js';
import { concernsPersonalData } from './personal-data.js';

/** When things go wrong: concerns, grievance and discipline, seen only by the people handling them. */
export const concerns = defineCapability({
  id: 'concerns',
  personalData: concernsPersonalData,
  routes: [concernRoutes, concernApiRoutes, concernToldRoutes, concernSettingsRoutes],
  actions: concernActions,
  rules: concernRules,
  messages: concernMessages, welsh: concernMessagesCy,
  jobs: [stageReminder],
  navigation: [{ path: '/concerns', labelKey: 'nav.concerns', action: 'concern.raise', section: 'concerns', group: 'business', order: 60 }],
  appliedAt: {
    'concerns-routing': { path: '/concerns/new', labelKey: 'rule.concerns-routing', action: 'concern.raise' },
    'personnel-committee-decides': { path: '/concerns', labelKey: 'rule.personnel-committee-decides', action: 'concern.raise' },
    'independent-advice': { path: '/concerns', labelKey: 'rule.independent-advice', action: 'concern.raise' },
    'officer-employment-procedures': { path: '/concerns/pass-on', labelKey: 'rule.officer-employment-procedures', action: 'concern.pass_on' },
  },
  settings: { concernTimeLimits: DEFAULT_TIME_LIMITS },
  demo: { after: ['setup'], seed: (trx, { council, id, today }) => seedDemoConcern(trx, council, id, today) },
});

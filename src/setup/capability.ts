import { defineCapability } from '../capabilities/capability.js';
import { setupActions } from './actions.js';
import { setupMessages } from './messages.js';
import { setupMessagesCy } from './messages.cy.js';
import { setupRoutes } from './routes.js';
import { setupPersonalData } from './personal-data.js';

/** The Clerk's council set-up: profile and settings, people, committees, groups, contacts. */
export const setup = defineCapability({
  id: 'setup',
  personalData: setupPersonalData,
  routes: [setupRoutes],
  actions: setupActions,
  messages: setupMessages, welsh: setupMessagesCy,
  navigation: [{ path: '/setup', labelKey: 'nav.council', action: 'council.configure', section: 'setup', group: 'setup', order: 10 }],
  homePanels: [{ roles: ['clerk'], template: 'setup/views/_home.njk', order: 90, action: 'council.configure' }],
  appliedAt: {
    'no-day-to-day-running': { path: '/setup', labelKey: 'rule.no-day-to-day-running', action: 'council.configure' },
    'clerk-manages-staff': { path: '/setup/people', labelKey: 'rule.clerk-manages-staff', action: 'staff.manage' },
  },
});

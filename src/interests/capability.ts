import { defineCapability } from '../capabilities/capability.js';
import { interestActions } from './actions.js';
import { interestMessages } from './messages.js';
import { interestMessagesCy } from './messages.cy.js';
import { interestRoutes } from './routes.js';
import { interestRules } from './rules.js';
import { interestsPersonalData } from './personal-data.js';

/** The register of councillors' interests, and officers' declarations to the Clerk. */
export const interests = defineCapability({
  id: 'interests',
  personalData: interestsPersonalData,
  routes: [interestRoutes],
  actions: interestActions,
  rules: interestRules,
  messages: interestMessages, welsh: interestMessagesCy,
  navigation: [{ path: '/interests', labelKey: 'nav.interests', action: 'council.view', section: 'interests', group: 'business', order: 30 }],
  appliedAt: {
    'officer-interests': { path: '/interests/declarations/new', labelKey: 'rule.officer-interests', action: 'officer_interest.declare' },
  },
});

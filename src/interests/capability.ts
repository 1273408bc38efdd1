import { defineCapability } from '../capabilities/capability.js';
import { interestActions } from './actions.js';
import { interestMessages } from './messages.js';
import { interestMessagesCy } from './messages.cy.js';
import { interestRoutes } from './routes.js';
import { interestRules } from './rules.js';
import { fullRegister } from './service.js';
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
  homePanels: [
    {
      // The Clerk's day: councillors past the 28 days to register, until they do.
      roles: ['clerk'],
      template: 'interests/views/_home-overdue.njk',
      order: 24,
      action: 'interest.manage',
      async load(trx, req) {
        const overdue = (await fullRegister(trx, req.today)).filter((c) => c.overdue && c.firstRegisteredOn === null);
        return overdue.length ? overdue.map((c) => ({ id: c.id, name: c.name })) : undefined;
      },
    },
  ],
  publicPages: [{ path: '/interests/register', titleKey: 'interests.register.title', descriptionKey: 'interests.register.description', order: 40 }],
  appliedAt: {
    'officer-interests': { path: '/interests/declarations/new', labelKey: 'rule.officer-interests', action: 'officer_interest.declare' },
  },
});

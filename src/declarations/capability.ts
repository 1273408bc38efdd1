import { defineCapability } from '../capabilities/capability.js';
import { declarationActions } from './actions.js';
import { declarationMessages } from './messages.js';
import { declarationMessagesCy } from './messages.cy.js';
import { dispensationRoutes } from './dispensation-routes.js';
import { meetingDeclarationRoutes } from './meeting-routes.js';
import { declarationRules } from './rules.js';
import { countRequested, remindOfDispensationEnd } from './dispensations.js';
import { chaseRegistration, registrationsDue } from './service.js';
import { declarationsPersonalData } from './personal-data.js';
import { seedDemoDeclarations } from './demo.js';

/**
 * Declarations of interest at meetings and dispensations (Localism Act 2011 ss.31–33): a
 * member's declarations before a meeting, the Clerk's record of those made at it, the 28 days
 * to register a pecuniary interest declared there, and dispensations asked for, decided and
 * published, which also let a member have the papers of an item they cover.
 */
export const declarations = defineCapability({
  id: 'declarations',
  personalData: declarationsPersonalData,
  routes: [dispensationRoutes, meetingDeclarationRoutes],
  actions: declarationActions,
  rules: declarationRules,
  messages: declarationMessages,
  welsh: declarationMessagesCy,
  jobs: [remindOfDispensationEnd, chaseRegistration],
  settings: { dispensationsDelegated: false },
  publicPages: [{ path: '/declarations/dispensations/public', titleKey: 'dispensations.public.title', descriptionKey: 'dispensations.public.description', order: 50 }],
  navigation: [{ path: '/declarations', labelKey: 'nav.declarations', action: 'council.view', section: 'declarations', group: 'business', order: 35 }],
  homePanels: [
    {
      // The Clerk's day: requests waiting for a decision, and interests declared at meetings still to be registered.
      roles: ['clerk'],
      template: 'declarations/views/_home-clerk.njk',
      order: 25,
      action: 'dispensation.decide',
      async load(trx, req) {
        const requests = await countRequested(trx);
        const due = await registrationsDue(trx, req.today);
        return requests || due.length ? { requests, due: due.length } : undefined;
      },
    },
  ],
  appliedAt: {
    'declarations-at-meetings': { path: '/declarations', labelKey: 'rule.declarations-at-meetings', action: 'council.view' },
  },
  demo: { after: ['meetings', 'documents'], seed: (trx, { council, id, today }) => seedDemoDeclarations(trx, council.id, id, today) },
});

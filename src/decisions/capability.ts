import { defineCapability } from '../capabilities/capability.js';
import { decisionActions } from './actions.js';
import { countPendingAgreedActions } from './agreed.js';
import { actionsToRecord } from './home.js';
import { seedDemoDecisions } from './demo.js';
import { decisionMessages } from './messages.js';
import { decisionMessagesCy } from './messages.cy.js';
import { agreedRoutes } from './agreed-routes.js';
import { reportRoutes } from './report-routes.js';
import { resolutionRoutes } from './resolution-routes.js';
import { decisionRules } from './rules.js';
import { decisionsPersonalData } from './personal-data.js';

/** Decisions are the only instructions: resolutions, the chair's agreed actions, action reports. */
export const decisions = defineCapability({
  id: 'decisions',
  personalData: decisionsPersonalData,
  routes: [resolutionRoutes, agreedRoutes, reportRoutes],
  actions: decisionActions,
  rules: decisionRules,
  messages: decisionMessages, welsh: decisionMessagesCy,
  navigation: [{ path: '/decisions', labelKey: 'nav.decisions', action: 'resolution.view', section: 'decisions', group: 'meetings', order: 20 }],
  homePanels: [
    { roles: ['clerk'], template: 'decisions/views/_home-pending.njk', order: 20, load: (trx) => countPendingAgreedActions(trx) },
    // Whoever chaired a meeting records what it agreed: read from the meetings, not from an office.
    { roles: ['councillor'], template: 'decisions/views/_home-to-record.njk', order: 6, load: actionsToRecord },
  ],
  appliedAt: {
    'decisions-are-instructions': { path: '/decisions', labelKey: 'rule.decisions-are-instructions', action: 'resolution.view' },
  },
  demo: { after: ['meetings'], seed: (trx, { council, id, today, t }) => seedDemoDecisions(trx, council.id, id, today, t) },
});

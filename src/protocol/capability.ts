import { defineCapability } from '../capabilities/capability.js';
import { protocolActions } from './actions.js';
import { protocolMessages } from './messages.js';
import { protocolMessagesCy } from './messages.cy.js';
import { protocolRoutes } from './routes.js';
import { protocolVersionRoutes } from './version-routes.js';
import { protocolCompareRoutes } from './compare-routes.js';
import { protocolHealthRoutes } from './health-routes.js';
import { protocolImportRoutes } from './import-routes.js';
import { protocolRules } from './rules.js';
import { draftVersion, remindOfReview, remindToAcknowledge, versionInForce, versionToAcknowledge } from './versions.js';
import { seedDemoProtocol } from './demo.js';
import { protocolPersonalData } from './personal-data.js';

/** The council's protocol, clause by clause, with where each clause takes effect, and its versions. */
export const protocol = defineCapability({
  id: 'protocol',
  personalData: protocolPersonalData,
  routes: [protocolRoutes, protocolVersionRoutes, protocolCompareRoutes, protocolHealthRoutes, protocolImportRoutes],
  actions: protocolActions,
  rules: protocolRules,
  messages: protocolMessages, welsh: protocolMessagesCy,
  jobs: [remindOfReview, remindToAcknowledge],
  publicPages: [{ path: '/protocol', titleKey: 'protocol.public.title', descriptionKey: 'protocol.public.description', order: 60 }],
  navigation: [{ path: '/protocol', labelKey: 'nav.protocol', action: 'protocol.read', section: 'protocol', order: 1 }],
  homePanels: [
    {
      // Everyone acknowledges the version in force: asked on the first page after signing in.
      roles: ['clerk', 'officer', 'councillor'],
      template: 'protocol/views/_acknowledge-panel.njk',
      order: 0,
      action: 'protocol.acknowledge',
      load: async (trx, req) => {
        const version = await versionToAcknowledge(trx, req.today, req.user().personId);
        return version ? { version } : undefined;
      },
    },
    {
      roles: ['clerk'],
      template: 'protocol/views/_review-panel.njk',
      order: 5,
      action: 'protocol.draft',
      load: async (trx, req) => {
        const version = await versionInForce(trx, req.today);
        const draft = await draftVersion(trx);
        const overdue = Boolean(version?.review_due_on && version.review_due_on < req.today);
        if (!overdue && !draft) return undefined;
        return { version, overdue, draft };
      },
    },
  ],
  appliedAt: {
    'term-of-office': { path: '/', labelKey: 'rule.term-of-office', action: 'council.view' },
  },
  demo: { after: ['decisions'], seed: seedDemoProtocol },
});

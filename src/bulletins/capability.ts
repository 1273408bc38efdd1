import { defineCapability } from '../capabilities/capability.js';
import { bulletinActions } from './actions.js';
import { seedDemoBulletins } from './demo.js';
import { bulletinMessages } from './messages.js';
import { bulletinMessagesCy } from './messages.cy.js';
import { bulletinRoutes } from './routes.js';
import { countUnread } from './service.js';
import { bulletinsPersonalData } from './personal-data.js';

/** Bulletins from the officers to councillors, with read receipts and an archive. */
export const bulletins = defineCapability({
  id: 'bulletins',
  personalData: bulletinsPersonalData,
  routes: [bulletinRoutes],
  actions: bulletinActions,
  messages: bulletinMessages, welsh: bulletinMessagesCy,
  navigation: [{ path: '/bulletins', labelKey: 'nav.bulletins', action: 'bulletin.view', section: 'bulletins', group: 'business', order: 20 }],
  homePanels: [{ roles: ['councillor'], template: 'bulletins/views/_home-unread.njk', order: 20, load: (trx, req) => countUnread(trx, req.user().personId) }],
  appliedAt: {
    'information-to-councillors': { path: '/bulletins', labelKey: 'rule.information-to-councillors', action: 'bulletin.view' },
  },
  demo: { seed: (trx, { council, id, today }) => seedDemoBulletins(trx, council.id, id, today) },
});

import { defineCapability } from '../capabilities/capability.js';
import { privacyActions } from './actions.js';
import { seedDemoSubjectAccess } from './demo.js';
import { privacyMessages } from './messages.js';
import { privacyMessagesCy } from './messages.cy.js';
import { privacyPersonalData } from './personal-data.js';
import { remindOfSubjectAccess } from './reminders.js';
import { retentionRoutes } from './retention-routes.js';
import { DEFAULT_RETENTION, sweepRetention } from './retention.js';
import { privacyRoutes } from './routes.js';

/** Data protection (SPEC R18): subject access requests with their deadlines, the export of a person's data, and retention periods with a nightly sweep. */
export const privacy = defineCapability({
  id: 'privacy',
  routes: [privacyRoutes, retentionRoutes],
  actions: privacyActions,
  messages: privacyMessages,
  welsh: privacyMessagesCy,
  jobs: [remindOfSubjectAccess, sweepRetention],
  settings: { retention: DEFAULT_RETENTION },
  navigation: [{ path: '/privacy', labelKey: 'nav.privacy', action: 'privacy.manage', section: 'privacy', group: 'setup', order: 80 }],
  personalData: privacyPersonalData,
  demo: { seed: (trx, { council, id, today }) => seedDemoSubjectAccess(trx, council.id, id, today, council.nation) },
});

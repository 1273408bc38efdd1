import { defineCapability } from '../capabilities/capability.js';
import { privacyActions } from './actions.js';
import { seedDemoSubjectAccess } from './demo.js';
import { privacyMessages } from './messages.js';
import { privacyMessagesCy } from './messages.cy.js';
import { privacyPersonalData } from './personal-data.js';
import { remindOfSubjectAccess } from './reminders.js';
import { privacyRoutes } from './routes.js';

/** Data protection (SPEC R18): subject access requests with their deadlines, and the export of a person's data. */
export const privacy = defineCapability({
  id: 'privacy',
  routes: [privacyRoutes],
  actions: privacyActions,
  messages: privacyMessages,
  welsh: privacyMessagesCy,
  jobs: [remindOfSubjectAccess],
  navigation: [{ path: '/privacy', labelKey: 'nav.privacy', action: 'privacy.manage', section: 'privacy', group: 'setup', order: 80 }],
  personalData: privacyPersonalData,
  demo: { seed: (trx, { council, id, today }) => seedDemoSubjectAccess(trx, council.id, id, today) },
});

import { defineCapability } from '../capabilities/capability.js';
import { conductActions } from './actions.js';
import { seedDemoConduct } from './demo.js';
import { conductMessages } from './messages.js';
import { conductMessagesCy } from './messages.cy.js';
import { conductRoutes } from './routes.js';
import { FIRST_CODE } from './service.js';
import { conductPersonalData } from './personal-data.js';

/** The code of conduct: acknowledgements, and complaints about councillors referred outside the council. */
export const conduct = defineCapability({
  id: 'conduct',
  personalData: conductPersonalData,
  routes: [conductRoutes],
  actions: conductActions,
  messages: conductMessages, welsh: conductMessagesCy,
  navigation: [{ path: '/conduct', labelKey: 'nav.conduct', action: 'conduct.acknowledge', section: 'conduct', group: 'business', order: 70 }],
  appliedAt: {
    'code-of-conduct': { path: '/conduct', labelKey: 'rule.code-of-conduct', action: 'conduct.acknowledge' },
  },
  settings: { codeOfConductVersion: FIRST_CODE },
  demo: { after: ['setup'], seed: (trx, { council, id, today }) => seedDemoConduct(trx, council, id, today) },
});

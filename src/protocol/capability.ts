import { defineCapability } from '../capabilities/capability.js';
import { protocolActions } from './actions.js';
import { protocolMessages } from './messages.js';
import { protocolMessagesCy } from './messages.cy.js';
import { protocolRoutes } from './routes.js';

/** The council's protocol, clause by clause, with where each clause takes effect. */
export const protocol = defineCapability({
  id: 'protocol',
  routes: [protocolRoutes],
  actions: protocolActions,
  messages: protocolMessages, welsh: protocolMessagesCy,
  navigation: [{ path: '/protocol', labelKey: 'nav.protocol', action: 'protocol.read', section: 'protocol', order: 1 }],
  appliedAt: {
    'term-of-office': { path: '/', labelKey: 'rule.term-of-office', action: 'council.view' },
  },
});

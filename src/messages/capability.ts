import { defineCapability } from '../capabilities/capability.js';
import { staffMessageActions } from './actions.js';
import { seedDemoMessages } from './demo.js';
import { staffMessageMessages } from './messages.js';
import { staffMessageMessagesCy } from './messages.cy.js';
import { messageRoutes } from './routes.js';
import { staffMessageRules } from './rules.js';
import { deliverHeldMessage } from './service.js';
import { heldAndUrgent } from './home.js';
import { messagesPersonalData } from './personal-data.js';

/** Official channels: messages to staff in office hours, urgent messages, contact reports. */
export const messages = defineCapability({
  id: 'messages',
  personalData: messagesPersonalData,
  routes: [messageRoutes],
  actions: staffMessageActions,
  rules: staffMessageRules,
  messages: staffMessageMessages, welsh: staffMessageMessagesCy,
  jobs: [deliverHeldMessage],
  navigation: [
    { path: '/messages', labelKey: 'nav.messages', action: 'staff_message.send', section: 'messages', group: 'business', order: 40 },
    { path: '/messages/inbox', labelKey: 'nav.inbox', action: 'staff_message.read', section: 'inbox', group: 'staff', order: 10 },
    { path: '/messages/urgent', labelKey: 'nav.urgent', action: 'urgent_messages.view', section: 'urgent', group: 'staff', order: 20 },
  ],
  // The Clerk's day: urgent messages to read, and those waiting for the office to open.
  homePanels: [{ roles: ['clerk'], template: 'messages/views/_home-clerk.njk', order: 22, action: 'urgent_messages.view', load: heldAndUrgent }],
  appliedAt: {
    'official-channels': { path: '/messages', labelKey: 'rule.official-channels', action: 'staff_message.send' },
  },
  settings: { officeHours: { days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' } },
  demo: { seed: (trx, { council, id, today }) => seedDemoMessages(trx, council, id, today) },
});

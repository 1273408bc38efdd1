import { defineCapability } from '../capabilities/capability.js';
import { notificationActions } from './actions.js';
import { deliverOutbox } from './delivery.js';
import { notificationMessages } from './messages.js';
import { notificationMessagesCy } from './messages.cy.js';
import { outboxRoutes } from './routes.js';
import { notificationsPersonalData } from './personal-data.js';

/** Email and letters: the outbox, and delivery by SMTP or to .eml files. */
export const notifications = defineCapability({
  id: 'notifications',
  personalData: notificationsPersonalData,
  routes: [outboxRoutes],
  actions: notificationActions,
  messages: notificationMessages, welsh: notificationMessagesCy,
  jobs: [deliverOutbox],
  navigation: [{ path: '/outbox', labelKey: 'nav.outbox', action: 'outbox.view', section: 'outbox', group: 'staff', order: 30 }],
});

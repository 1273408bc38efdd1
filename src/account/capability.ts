import { defineCapability } from '../capabilities/capability.js';
import { accountMessages } from './messages.js';
import { accountMessagesCy } from './messages.cy.js';
import { accountRoutes } from './routes.js';

/** A person's own account: their details and the language they read Concord in. */
export const account = defineCapability({ id: 'account', routes: [accountRoutes], messages: accountMessages, welsh: accountMessagesCy });

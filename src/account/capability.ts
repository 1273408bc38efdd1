import { defineCapability } from '../capabilities/capability.js';
import { accountActions } from './actions.js';
import { accountMessages } from './messages.js';
import { accountMessagesCy } from './messages.cy.js';
import { accountRoutes } from './routes.js';
import { twoStepRoutes } from './two-step-routes.js';

/** A person's own account: their details, the language they read Concord in, and two-step sign-in. */
export const account = defineCapability({ id: 'account', routes: [accountRoutes, twoStepRoutes], actions: accountActions, messages: accountMessages, welsh: accountMessagesCy });

import { defineCapability } from '../capabilities/capability.js';
import { accountRoutes } from './account-routes.js';
import { authActions } from './actions.js';
import { authMessages } from './messages.js';
import { authMessagesCy } from './messages.cy.js';
import { authRoutes } from './routes.js';

/** Signing in and out; accounts by invitation, password resets, and signing a person out everywhere. */
export const auth = defineCapability({ id: 'auth', routes: [authRoutes, accountRoutes], actions: authActions, messages: authMessages, welsh: authMessagesCy });

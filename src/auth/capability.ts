import { defineCapability } from '../capabilities/capability.js';
import { authMessages } from './messages.js';
import { authMessagesCy } from './messages.cy.js';
import { authRoutes } from './routes.js';

/** Signing in and out. */
export const auth = defineCapability({ id: 'auth', routes: [authRoutes], messages: authMessages, welsh: authMessagesCy });

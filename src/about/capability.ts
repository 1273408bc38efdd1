import { defineCapability } from '../capabilities/capability.js';
import { aboutMessages } from './messages.js';
import { aboutMessagesCy } from './messages.cy.js';
import { aboutRoutes } from './routes.js';

/** Pages about the service itself: the accessibility statement. */
export const about = defineCapability({ id: 'about', routes: [aboutRoutes], messages: aboutMessages, welsh: aboutMessagesCy });

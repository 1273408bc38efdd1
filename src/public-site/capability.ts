import { defineCapability } from '../capabilities/capability.js';
import { publicMessages } from './messages.js';
import { publicMessagesCy } from './messages.cy.js';
import { publicHomeRoutes } from './routes.js';

/**
 * The council's public information: a home, open to everyone, listing every capability's
 * public pages (the meetings calendar, agendas, approved minutes, the register of interests,
 * the protocol …). The pages themselves belong to their capabilities; this lists them.
 */
export const publicInformation = defineCapability({ id: 'public-site', routes: [publicHomeRoutes], messages: publicMessages, welsh: publicMessagesCy });

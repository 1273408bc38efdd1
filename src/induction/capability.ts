import { defineCapability } from '../capabilities/capability.js';
import { inductionActions } from './actions.js';
import { inductionMessages } from './messages.js';
import { inductionMessagesCy } from './messages.cy.js';
import { inductionRoutes } from './routes.js';
import { checklist, remindOfInduction } from './service.js';
import { inductionPersonalData } from './personal-data.js';

/** Days after a term begins during which the checklist stays on the councillor's home page. */
const HOME_PANEL_DAYS = 90;

/** A councillor's first 28 days: the checklist, the nil return, reminders, and the Clerk's view of progress. */
export const induction = defineCapability({
  id: 'induction',
  personalData: inductionPersonalData,
  routes: [inductionRoutes],
  actions: inductionActions,
  messages: inductionMessages, welsh: inductionMessagesCy,
  jobs: [remindOfInduction],
  navigation: [{ path: '/induction/everyone', labelKey: 'nav.induction', action: 'induction.oversee', section: 'induction', group: 'business', order: 80 }],
  homePanels: [
    {
      roles: ['councillor'],
      template: 'induction/views/_home.njk',
      order: 15,
      action: 'induction.view',
      async load(trx, req) {
        const me = req.user();
        if (!me.termStarts) return undefined;
        const started = new Date(`${me.termStarts}T00:00:00Z`).getTime();
        if (new Date(`${req.today}T00:00:00Z`).getTime() - started > HOME_PANEL_DAYS * 86_400_000) return undefined;
        return checklist(trx, me.personId, req.today);
      },
    },
  ],
});

import { defineCapability } from '../capabilities/capability.js';
import { homeMessages } from './messages.js';
import { homeMessagesCy } from './messages.cy.js';
import { homeRoutes } from './routes.js';

/** The home page for each role, built from every capability's panels. */
export const home = defineCapability({
  id: 'home',
  routes: [homeRoutes],
  messages: homeMessages, welsh: homeMessagesCy,
  navigation: [{ path: '/', labelKey: 'nav.home', action: 'council.view', section: 'home', order: 0 }],
  homePanels: [
    {
      // A councillor's offices, committees and group: what the rules may and may not read.
      roles: ['councillor'],
      template: 'home/views/_summary.njk',
      order: 10,
      async load(trx, req) {
        const me = req.user();
        const committees = await trx
          .selectFrom('committee_members as m')
          .innerJoin('committees as c', 'c.id', 'm.committee_id')
          .select(['c.name', 'c.chair_id'])
          .where('m.person_id', '=', me.personId)
          .orderBy('c.name')
          .execute();
        const group = await trx
          .selectFrom('group_members as m')
          .innerJoin('political_groups as g', 'g.id', 'm.group_id')
          .select(['g.name', 'g.leader_id'])
          .where('m.person_id', '=', me.personId)
          .executeTakeFirst();
        return { committees, group, office: me.councilOffice, termEnds: me.termEnds };
      },
    },
  ],
});

import { defineCapability } from '../capabilities/capability.js';
import { groupActions } from './actions.js';
import { officerReportRoutes } from './advice-routes.js';
import { seedDemoGroupWork } from './demo.js';
import { groupMessages } from './messages.js';
import { groupMessagesCy } from './messages.cy.js';
import { groupApiRoutes } from './api-routes.js';
import { groupWorkRoutes } from './routes.js';
import { groupRules } from './rules.js';
import { listNotices } from './service.js';
import { groupsPersonalData } from './personal-data.js';

/**
 * Political groups and officers' professional advice: groups' requests to the officers, the
 * reports given to them and the notices to every other group; officers' reports with their
 * own recommendations and councillors' views beside them.
 */
export const groups = defineCapability({
  id: 'groups',
  personalData: groupsPersonalData,
  routes: [groupWorkRoutes, groupApiRoutes, officerReportRoutes],
  actions: groupActions,
  rules: groupRules,
  messages: groupMessages, welsh: groupMessagesCy,
  navigation: [
    { path: '/groups', labelKey: 'nav.groupWork', action: 'group_notice.view', section: 'groups', group: 'business', order: 50 },
    { path: '/officer-reports', labelKey: 'nav.officerReports', action: 'officer_report.view', section: 'officer-reports', group: 'meetings', order: 40 },
  ],
  homePanels: [
    {
      // A group member's inbox of notices: what other groups were given, and how to ask for the same.
      roles: ['councillor'],
      template: 'groups/views/_home-notices.njk',
      order: 25,
      load: async (trx, req) => {
        const groupIds = req.user().groupIds;
        return groupIds.length ? listNotices(trx, groupIds, 5) : undefined;
      },
    },
  ],
  appliedAt: {
    'groups-cannot-require': { path: '/groups', labelKey: 'rule.groups-cannot-require', action: 'group_notice.view' },
    'group-reports-neutral': { path: '/groups', labelKey: 'rule.group-reports-neutral', action: 'group_notice.view' },
    'group-reports-all-told': { path: '/groups', labelKey: 'rule.group-reports-all-told', action: 'group_notice.view' },
    'officer-advice-own': { path: '/officer-reports', labelKey: 'rule.officer-advice-own', action: 'officer_report.view' },
  },
  settings: { groupRequestsBy: 'members', groupReportsToAllGroups: false },
  demo: { after: ['meetings'], seed: (trx, ctx) => seedDemoGroupWork(trx, ctx) },
});

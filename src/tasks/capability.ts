import { defineCapability } from '../capabilities/capability.js';
import { taskActions } from './actions.js';
import { taskMessages } from './messages.js';
import { taskMessagesCy } from './messages.cy.js';
import { taskRoutes } from './routes.js';
import { taskRules } from './rules.js';
import { tasksPersonalData } from './personal-data.js';

/** Officers' tasks: the actions under resolutions, with their progress. */
export const tasks = defineCapability({
  id: 'tasks',
  personalData: tasksPersonalData,
  routes: [taskRoutes],
  actions: taskActions,
  rules: taskRules,
  messages: taskMessages, welsh: taskMessagesCy,
  navigation: [{ path: '/tasks', labelKey: 'nav.tasks', action: 'officer_task.view', section: 'tasks', group: 'meetings', order: 30 }],
  homePanels: [
    {
      roles: ['clerk', 'officer'],
      template: 'home/views/_tasks.njk',
      order: 10,
      load: (trx, req) =>
        trx
          .selectFrom('officer_tasks')
          .select(['id', 'reference', 'title', 'due_on', 'status'])
          .where('assigned_to', '=', req.user().personId)
          .where('status', '!=', 'done')
          .orderBy('due_on', (ob) => ob.asc().nullsLast())
          .execute(),
    },
  ],
  appliedAt: {
    'no-individual-instruction': { path: '/tasks/new', labelKey: 'rule.no-individual-instruction', action: 'officer_task.create' },
    'equal-rights': { path: '/tasks', labelKey: 'rule.equal-rights', action: 'officer_task.view' },
  },
});

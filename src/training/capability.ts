import { defineCapability } from '../capabilities/capability.js';
import { trainingActions } from './actions.js';
import { seedDemoTraining } from './demo.js';
import { trainingMessages } from './messages.js';
import { trainingMessagesCy } from './messages.cy.js';
import { remindOfPlanReview } from './plan.js';
import { remindOfTraining } from './reminders.js';
import { trainingRoutes } from './routes.js';
import { trainingRules } from './rules.js';
import { trainingDueOf } from './service.js';
import { trainingPersonalData } from './personal-data.js';

/** Training records, required training with reminders, requests to the Clerk, and the training plan (SPEC R13). */
export const training = defineCapability({
  id: 'training',
  personalData: trainingPersonalData,
  routes: [trainingRoutes],
  actions: trainingActions,
  rules: trainingRules,
  messages: trainingMessages, welsh: trainingMessagesCy,
  jobs: [remindOfTraining, remindOfPlanReview],
  navigation: [{ path: '/training', labelKey: 'nav.training', action: 'training.view', section: 'training', group: 'business', order: 60 }],
  homePanels: [
    {
      roles: ['councillor', 'officer', 'clerk'],
      template: 'training/views/_home.njk',
      order: 45,
      action: 'training.view',
      async load(trx, req) {
        const due = await trainingDueOf(trx, req.user().personId, req.today);
        return { overdue: due.filter((d) => d.overdue).length, upcoming: due.filter((d) => !d.done && !d.overdue).length };
      },
    },
  ],
  appliedAt: {
    'training-records': { path: '/training', labelKey: 'rule.training-records', action: 'training.view' },
  },
  demo: { seed: (trx, { council, id, today }) => seedDemoTraining(trx, council.id, id, today) },
});

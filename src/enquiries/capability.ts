import { defineCapability } from '../capabilities/capability.js';
import { enquiryActions } from './actions.js';
import { seedDemoEnquiries } from './demo.js';
import { escalateToClerk, remindOfficers } from './followups.js';
import { enquiryMessages } from './messages.js';
import { enquiryMessagesCy } from './messages.cy.js';
import { DEFAULT_MARGIN_DAYS } from './report.js';
import { enquiryRoutes } from './routes.js';
import { DEFAULT_RESPONSE_DAYS, escalatedEnquiries } from './service.js';
import { enquiriesPersonalData } from './personal-data.js';

/** Councillors' enquiries to the officers, on time, and the equal-treatment report. */
export const enquiries = defineCapability({
  id: 'enquiries',
  personalData: enquiriesPersonalData,
  routes: [enquiryRoutes],
  actions: enquiryActions,
  messages: enquiryMessages, welsh: enquiryMessagesCy,
  jobs: [remindOfficers, escalateToClerk],
  navigation: [{ path: '/enquiries', labelKey: 'nav.enquiries', action: 'enquiry.view', section: 'enquiries', group: 'business', order: 10 }],
  homePanels: [{ roles: ['clerk'], template: 'enquiries/views/_escalated.njk', order: 30, load: (trx) => escalatedEnquiries(trx) }],
  appliedAt: {
    'timely-responses': { path: '/enquiries', labelKey: 'rule.timely-responses', action: 'enquiry.view' },
  },
  settings: { enquiryResponseDays: DEFAULT_RESPONSE_DAYS, equalTreatmentMarginDays: DEFAULT_MARGIN_DAYS },
  demo: { seed: (trx, { council, id, today }) => seedDemoEnquiries(trx, council, id, today) },
});

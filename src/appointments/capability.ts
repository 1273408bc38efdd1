import { defineCapability } from '../capabilities/capability.js';
import { appointmentActions } from './actions.js';
import { seedDemoAppointments } from './demo.js';
import { appointmentMessages } from './messages.js';
import { appointmentMessagesCy } from './messages.cy.js';
import { appointmentRoutes } from './routes.js';
import { appointmentRules } from './rules.js';
import { DEFAULT_RETENTION_MONTHS } from './service.js';
import { appointmentsPersonalData } from './personal-data.js';

/** Staff appointments: a vacancy by resolution, its selection panel, candidates for the panel alone (SPEC R15). */
export const appointments = defineCapability({
  id: 'appointments',
  personalData: appointmentsPersonalData,
  routes: [appointmentRoutes],
  actions: appointmentActions,
  rules: appointmentRules,
  messages: appointmentMessages, welsh: appointmentMessagesCy,
  navigation: [{ path: '/appointments', labelKey: 'nav.appointments', action: 'appointment.view', section: 'appointments', group: 'staff', order: 40 }],
  appliedAt: {
    'selection-panel': { path: '/appointments', labelKey: 'rule.selection-panel', action: 'appointment.view' },
  },
  settings: { appointmentRetentionMonths: DEFAULT_RETENTION_MONTHS },
  demo: { after: ['decisions'], seed: (trx, { council, id }) => seedDemoAppointments(trx, council.id, id) },
});

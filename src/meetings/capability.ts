import { defineCapability } from '../capabilities/capability.js';
import { meetingActions } from './actions.js';
import { attendanceRoutes } from './attendance-routes.js';
import { calendarMessages } from '../calendar/messages.js';
import { seedDemoMeetings } from './demo.js';
import { meetingMessages } from './messages.js';
import { meetingMessagesCy } from './messages.cy.js';
import { calendarMessagesCy } from '../calendar/messages.cy.js';
import { meetingRoutes } from './routes.js';
import { meetingRules } from './rules.js';

/** Meetings: schedule, agenda, agenda requests, the summons, papers, attendance, minutes, feeds. */
export const meetings = defineCapability({
  id: 'meetings',
  routes: [meetingRoutes, attendanceRoutes],
  actions: meetingActions,
  rules: meetingRules,
  // Clear days and bank holidays (src/calendar) are the meetings' arithmetic.
  messages: { ...meetingMessages, ...calendarMessages },
  welsh: { ...meetingMessagesCy, ...calendarMessagesCy },
  navigation: [{ path: '/meetings', labelKey: 'nav.meetings', action: 'meetings.view', section: 'meetings', group: 'meetings', order: 10 }],
  appliedAt: {
    'agenda-notice': { path: '/meetings', labelKey: 'rule.agenda-notice', action: 'meetings.view' },
  },
  settings: { agendaNoticeUnit: 'clear-days', clearDaysReading: 'nalc', saturdaysCount: true, summonsWarningDays: 3 },
  demo: { after: ['documents'], seed: (trx, { council, id, today }) => seedDemoMeetings(trx, council.id, id, today) },
});

import { defineCapability } from '../capabilities/capability.js';
import { meetingActions } from './actions.js';
import { agendaRoutes } from './agenda-routes.js';
import { attendanceRoutes } from './attendance-routes.js';
import { feedRoutes } from './feed-routes.js';
import { minutesRoutes } from './minutes-routes.js';
import { paperRoutes } from './paper-routes.js';
import { publicRoutes } from './public-routes.js';
import { requestRoutes } from './request-routes.js';
import { scheduleRoutes } from './schedule-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { summonsRoutes } from './summons-routes.js';
import { postRoutes } from './post-routes.js';
import { calendarMessages } from '../calendar/messages.js';
import { seedDemoMeetings } from './demo.js';
import { meetingMessages } from './messages.js';
import { meetingMessagesCy } from './messages.cy.js';
import { calendarMessagesCy } from '../calendar/messages.cy.js';
import { meetingRules } from './rules.js';
import { clerkMeetingsToday, meetingsToPrepare } from './home.js';
import { meetingsPersonalData } from './personal-data.js';

/** Meetings: schedule, agenda, agenda requests, the summons, papers, attendance, minutes, feeds. */
export const meetings = defineCapability({
  id: 'meetings',
  personalData: meetingsPersonalData,
  // One plugin per part of a meeting's life: the schedule, its agenda, requests for items, the
  // summons (and its letters), papers, attendance, minutes, the public agenda, calendar feeds, and the settings.
  routes: [scheduleRoutes, agendaRoutes, requestRoutes, summonsRoutes, postRoutes, paperRoutes, attendanceRoutes, minutesRoutes, publicRoutes, feedRoutes, settingsRoutes],
  actions: meetingActions,
  rules: meetingRules,
  // Clear days and bank holidays (src/calendar) are the meetings' arithmetic.
  messages: { ...meetingMessages, ...calendarMessages },
  welsh: { ...meetingMessagesCy, ...calendarMessagesCy },
  homePanels: [
    // The Clerk's day starts with the meetings: requests to decide, summonses falling due.
    { roles: ['clerk'], template: 'meetings/views/_home-clerk.njk', order: 7, action: 'agenda_request.decide', load: clerkMeetingsToday },
    // A chair's drafts to read before the summons: chairing is read from the meetings.
    { roles: ['councillor'], template: 'meetings/views/_home-chair.njk', order: 5, load: meetingsToPrepare },
  ],
  navigation: [{ path: '/meetings', labelKey: 'nav.meetings', action: 'meetings.view', section: 'meetings', group: 'meetings', order: 10 }],
  // What anyone may read without signing in, listed on the public home.
  publicPages: [
    { path: '/meetings/public', titleKey: 'meetings.public.calendar', descriptionKey: 'meetings.public.calendar.description', order: 10 },
    { path: '/meetings/public.ics', titleKey: 'meetings.public.feed', descriptionKey: 'meetings.public.feed.description', order: 20 },
    { path: '/meetings/past', titleKey: 'meetings.past.title', descriptionKey: 'meetings.past.description', order: 30 },
  ],
  appliedAt: {
    'agenda-notice': { path: '/meetings', labelKey: 'rule.agenda-notice', action: 'meetings.view' },
  },
  settings: { agendaNoticeUnit: 'clear-days', clearDaysReading: 'nalc', saturdaysCount: true, summonsWarningDays: 3 },
  demo: { after: ['documents'], seed: (trx, { council, id, today }) => seedDemoMeetings(trx, council.id, id, today) },
});

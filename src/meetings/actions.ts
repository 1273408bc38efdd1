import type { RuleContext } from '../policy/rules.js';

/** Meetings (src/meetings): meetings, agendas, agenda requests, the summons, minutes. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'meetings.view': [];
    'meetings.manage': [];
    /** The meeting's deadline for requests (and the Clerk's reason, for a late one accepted as urgent). */
    'agenda_request.create': [resource?: undefined, context?: Pick<RuleContext, 'agendaDeadline' | 'urgentReason'>];
    'agenda_request.decide': [];
  }
}

export const meetingActions = {
  'meetings.view': { doc: 'See the council’s meetings and issued agendas.' },
  'meetings.manage': { doc: 'Schedule meetings, keep agendas, issue the summons, record minutes: the officers’ work.', administration: 'officers' },
  'agenda_request.create': { doc: 'Ask for an item on a meeting’s agenda, with papers.' },
  'agenda_request.decide': { doc: 'Accept or reject an agenda request (the Clerk decides).', administration: 'officers' },
} as const;

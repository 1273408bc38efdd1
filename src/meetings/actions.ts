import type { AgendaItemResource, RuleContext } from '../policy/rules.js';
import type { InterestContext } from '../policy/actions.js';

/** Meetings (src/meetings): meetings, agendas, agenda requests, the summons, papers, minutes. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'meetings.view': [];
    'meetings.manage': [];
    /** Who chairs the body is read from the meeting, never from the person's office. */
    'meeting.read_draft': [resource: undefined, context: Required<Pick<RuleContext, 'meetingChairIds'>>];
    /** The item: taken in private or not, the body's members, its matter. */
    'agenda_item.read_private': [resource: AgendaItemResource];
    /** The item the paper is for, and the reader's registered interests. */
    'agenda_paper.read': [resource: AgendaItemResource, context: InterestContext];
    /** The meeting's deadline for requests (and the Clerk's reason, for a late one accepted as urgent). */
    'agenda_request.create': [resource?: undefined, context?: Pick<RuleContext, 'agendaDeadline' | 'urgentReason'>];
    'agenda_request.record_for': [];
    'agenda_request.decide': [];
  }
}

export const meetingActions = {
  'meetings.view': { doc: 'See the council’s meetings and issued agendas.' },
  'meetings.manage': { doc: 'Schedule meetings, keep agendas, issue the summons, record minutes: the officers’ work.', administration: 'officers' },
  'meeting.read_draft': { doc: 'See an agenda before its summons is issued, and comment on it: those who prepare it, and the chair of the body.' },
  'agenda_item.read_private': { doc: 'Read what an item taken in private says: its details, its minute and the resolution made on it.' },
  'agenda_paper.read': { doc: 'Open a paper for an agenda item.' },
  'agenda_request.create': { doc: 'Ask for an item on a meeting’s agenda, with papers.' },
  'agenda_request.record_for': { doc: 'Record an agenda request for a councillor, or accept a late one as urgent (the Clerk).', administration: 'clerk' },
  'agenda_request.decide': { doc: 'Accept or reject an agenda request (the Clerk decides).', administration: 'officers' },
} as const;

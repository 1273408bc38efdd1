import type { Translate } from '../i18n/messages.js';
import { mayReadItem, type Reader } from '../meetings/visibility.js';
import { citation, type ResolutionRow } from './service.js';

/**
 * A resolution as this reader sees it: on the decisions page, the resolution's own page, the
 * meeting page and the API alike. One made on an item taken in private is decided as the
 * item is (`agenda_item.read_private`): the body's members and the officers read it; anyone
 * else sees that it exists, not what it says.
 */
export function presentResolution(reader: Reader, r: ResolutionRow, memberIds: readonly string[], t: Translate) {
  const readable = mayReadItem(reader, { confidential: r.confidential, matter_id: null }, memberIds);
  return {
    id: r.id,
    minuteNumber: r.minute_number,
    citation: citation(r, t),
    /** What it says: null when it is not for this reader. */
    text: readable ? r.text : null,
    confidential: r.confidential,
    meetingId: r.meeting_id,
    meetingDate: r.meeting_date,
    committeeId: r.committee_id,
    committeeName: r.committee_name,
    agendaItemId: r.agenda_item_id,
    itemTitle: r.item_title,
    actionCount: Number(r.action_count ?? 0),
  };
}
export type ResolutionView = ReturnType<typeof presentResolution>;

/** The API's view of one. */
export function apiResolution(r: ResolutionView) {
  return {
    id: r.id,
    minuteNumber: r.minuteNumber,
    text: r.text,
    meetingId: r.meetingId,
    meetingDate: r.meetingDate,
    body: r.committeeName ?? 'council',
    agendaItemId: r.agendaItemId,
    actionCount: r.actionCount,
  };
}

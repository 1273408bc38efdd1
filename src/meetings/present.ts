import type { Translate } from '../i18n/messages.js';
import type { DocumentRecord } from '../documents/service.js';
import { bodyName, meetingDates, type Counting, type ItemRow, type MeetingRow, type PaperRow } from './service.js';
import { itemResource, may, mayReadDraft, mayReadItem, readerPaperAccess, type Reader, type Refusal } from './visibility.js';

/*
 * One presenter per resource: what a meeting (with its agenda), its minutes and its papers
 * show a reader, built from one decision each. The pages and the API both take what these
 * return, so they cannot disagree, and no template is handed text its reader may not read.
 */

/** A meeting's facts: the same for everyone who may see the meeting. */
export function presentMeeting(m: MeetingRow, counting: Counting, t: Translate) {
  const dates = meetingDates(m.meeting_date, counting);
  return {
    id: m.id,
    body: bodyName(m, t),
    committeeId: m.committee_id,
    kind: m.kind,
    meetingDate: m.meeting_date,
    startsAt: m.starts_at,
    venue: m.venue,
    agendaDeadline: dates.agendaDeadline,
    summonsDue: dates.summons.latestIssueDate,
    summonsIssuedOn: m.summons_issued_on,
    agendaChangedSinceIssue: m.agenda_changed_since_issue,
    minutesStatus: m.minutes_status,
  };
}

export interface PaperView {
  id: string;
  title: string;
  /** The library document the paper is, if it is one. */
  documentId: string | null;
  access: 'open' | 'withheld';
  /** Why it is withheld from this reader (a registered interest), with the clause. */
  refusal?: Refusal;
}

export interface ItemView {
  id: string;
  number: number;
  title: string;
  confidential: boolean;
  confidentialReason: string;
  /** Whether this reader may read what the item says: false only for an item taken in private. */
  readable: boolean;
  /** What it says: null when it says nothing, or when it is not for this reader. */
  details: string | null;
  minute: string | null;
  /** The matter it is about, for those who prepare the agenda. */
  matter: { id: string; title: string } | null;
  /** Its papers this reader opens or is told are withheld; a paper not theirs is not listed. */
  papers: PaperView[];
}

export interface MeetingPapers {
  papers: readonly PaperRow[];
  /** The library documents among them, by id. */
  documents: ReadonlyMap<string, DocumentRecord>;
}

/** An item of `meeting` for this reader, with its papers if given. */
function presentItem(reader: Reader, item: ItemRow, memberIds: readonly string[], meeting: MeetingRow | null, papers: MeetingPapers | undefined, showMatter: boolean): ItemView {
  const readable = mayReadItem(reader, item, memberIds);
  const resource = itemResource(item, memberIds, meeting);
  const itemPapers: PaperView[] = [];
  if (readable && papers) {
    for (const paper of papers.papers.filter((p) => p.agenda_item_id === item.id)) {
      const document = paper.document_id ? papers.documents.get(paper.document_id) : undefined;
      if (paper.document_id && !document) continue;
      const answer = readerPaperAccess(reader, resource, document);
      if (answer?.access === 'open') itemPapers.push({ id: paper.id, title: paper.title, documentId: paper.document_id, access: 'open' });
      else if (answer?.access === 'withheld') itemPapers.push({ id: paper.id, title: paper.title, documentId: paper.document_id, access: 'withheld', refusal: answer.refusal });
    }
  }
  return {
    id: item.id,
    number: item.position,
    title: item.title,
    confidential: item.confidential,
    confidentialReason: item.confidential_reason,
    readable,
    details: readable && item.details ? item.details : null,
    minute: readable && item.minute ? item.minute : null,
    matter: showMatter && item.matter_id ? { id: item.matter_id, title: item.matter_title ?? '' } : null,
    papers: itemPapers,
  };
}

export interface AgendaView {
  /** Whether the reader sees the agenda at all: once issued, or as a draft to those who prepare it and the chair. */
  visible: boolean;
  issued: boolean;
  /** Whether the reader sees the draft (and the chair's comments on it). */
  draftReadable: boolean;
  items: ItemView[];
}

/** A meeting's agenda as this reader sees it: the meeting page, the API and the public agenda. */
export function presentAgenda(reader: Reader, input: { meeting: MeetingRow; items: readonly ItemRow[]; memberIds: readonly string[]; chairIds: readonly string[]; papers?: MeetingPapers }): AgendaView {
  const issued = input.meeting.summons_issued_on !== null;
  const draftReadable = mayReadDraft(reader, input.chairIds);
  const visible = issued || draftReadable;
  const showMatter = may(reader, 'meetings.manage');
  return { visible, issued, draftReadable, items: visible ? input.items.map((item) => presentItem(reader, item, input.memberIds, input.meeting, input.papers, showMatter)) : [] };
}

/** A meeting's minutes as this reader sees them: the minutes page and the API. */
export function presentMinutes(reader: Reader, input: { items: readonly ItemRow[]; memberIds: readonly string[] }): ItemView[] {
  return input.items.map((item) => presentItem(reader, item, input.memberIds, null, undefined, false));
}

/** An item for the API: what it says is null where this reader may not read it. */
export function apiItem(item: ItemView, withMatter: boolean) {
  return {
    number: item.number,
    title: item.title,
    details: item.readable ? (item.details ?? '') : null,
    confidential: item.confidential,
    confidentialReason: item.confidentialReason,
    ...(withMatter ? { matterId: item.matter?.id ?? null } : {}),
  };
}

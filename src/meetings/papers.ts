import type { Trx } from '../db/database.js';
import type { Classification } from '../db/schema-documents.js';
import { audit } from '../audit/audit.js';
import { loadCouncillors } from '../auth/principal.js';
import type { Principal } from '../policy/principal.js';
import type { ClauseIndex } from '../policy/decide.js';
import { InvalidInputError } from '../web/errors.js';
import { interestContextOf, listDocuments, type DocumentRecord } from '../documents/service.js';
import { bodyMembership, listItems, listMeetings, listPapers, type ItemRow, type MeetingRow, type PaperRow } from './service.js';
import { itemResource, paperAccess, type Refusal } from './visibility.js';
import type { InterestContext } from '../policy/actions.js';

/*
 * Meeting papers, one model: a paper belongs to a meeting and, once its item is on the agenda,
 * to that item (`agenda_papers`). It is text written in Concord (with an agenda request, or the
 * action report), or a document of the library (`document_id`): its file, its classification
 * and its recipients. Every place that shows or sends papers decides them with `paperAccess`.
 */

/** Make a library document an agenda item's paper. An item taken in private takes only confidential papers. */
export async function attachDocument(trx: Trx, by: Principal, itemId: string, document: { id: string; title: string; classification: Classification }): Promise<void> {
  const item = await trx.selectFrom('agenda_items').select(['id', 'meeting_id', 'position', 'confidential', 'matter_id']).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new InvalidInputError([{ field: 'agendaItemId', key: 'documents.error.itemUnknown' }]);
  if (item.confidential && document.classification !== 'confidential') throw new InvalidInputError([{ field: 'agendaItemId', key: 'meetings.error.privatePaper' }]);
  await trx
    .insertInto('agenda_papers')
    .values({ council_id: by.councilId, meeting_id: item.meeting_id, agenda_item_id: item.id, request_id: null, title: document.title, body: '', document_id: document.id, created_by: by.personId })
    .execute();
  // A paper for an item is about the item's matter: the library bars it as the agenda does.
  if (item.matter_id) await trx.insertInto('document_matters').values({ council_id: by.councilId, document_id: document.id, matter_id: item.matter_id }).onConflict((oc) => oc.columns(['council_id', 'document_id', 'matter_id']).doNothing()).execute();
  await audit(trx, { councilId: by.councilId, actorId: by.personId, action: 'agenda_paper.attached', entityType: 'meeting', entityId: item.meeting_id, data: { position: item.position, documentId: document.id } });
}

/** The items of meetings from today on, which an uploaded document can be a paper for. */
export async function itemsToAttachTo(trx: Trx, today: string) {
  const meetings = await listMeetings(trx, { from: today });
  const out: { meeting: MeetingRow; item: ItemRow }[] = [];
  for (const meeting of meetings) for (const item of await listItems(trx, meeting.id)) out.push({ meeting, item });
  return out;
}

export interface MemberPaper {
  paperId: string;
  documentId: string | null;
  access: 'receives' | 'withheld' | 'not_issued';
  refusal?: Refusal;
}

export interface PaperDistribution {
  meeting: MeetingRow;
  papers: { paper: PaperRow; item: ItemRow }[];
  members: { id: string; name: string; papers: MemberPaper[] }[];
}

/**
 * Which member of each body gets which paper of its meetings, decided for each of them as they
 * would be asked (their registered interests, the item's privacy, the document's recipients).
 * `forPerson` keeps to the meetings whose summons (and so papers) has gone to that member.
 */
export async function paperDistribution(trx: Trx, clauses: ClauseIndex, today: string, options: { forPerson?: string } = {}): Promise<PaperDistribution[]> {
  const membership = await bodyMembership(trx, today);
  // Each with their offices and groups, so that a refusal cites the clauses in the order their own page would.
  const people = await loadCouncillors(trx);
  const interests = new Map<string, InterestContext>();
  const out: PaperDistribution[] = [];
  for (const meeting of await listMeetings(trx)) {
    const memberIds = membership(meeting.committee_id);
    if (options.forPerson && (meeting.summons_issued_on === null || !memberIds.includes(options.forPerson))) continue;
    const items = new Map((await listItems(trx, meeting.id)).map((i) => [i.id, i]));
    const papers = (await listPapers(trx, meeting.id)).flatMap((paper) => {
      const item = paper.agenda_item_id ? items.get(paper.agenda_item_id) : undefined;
      return item ? [{ paper, item }] : [];
    });
    if (papers.length === 0) continue;
    const documentIds = papers.flatMap((p) => (p.paper.document_id ? [p.paper.document_id] : []));
    const documents = new Map<string, DocumentRecord>((await listDocuments(trx, { ids: documentIds })).map((d) => [d.id, d]));
    const members: PaperDistribution['members'] = [];
    for (const id of memberIds) {
      const principal = people.get(id);
      if (!principal || (options.forPerson && id !== options.forPerson)) continue;
      if (!interests.has(id)) interests.set(id, await interestContextOf(trx, id, today));
      const access = papers.map(({ paper, item }): MemberPaper => {
        const document = paper.document_id ? documents.get(paper.document_id) : undefined;
        const answer = paperAccess(principal, clauses, today, itemResource(item, memberIds, meeting), interests.get(id)!, document);
        return answer.access === 'open' ? { paperId: paper.id, documentId: paper.document_id, access: 'receives' } : { paperId: paper.id, documentId: paper.document_id, access: answer.access, refusal: answer.refusal };
      });
      members.push({ id, name: principal.name, papers: access });
    }
    members.sort((a, b) => a.name.localeCompare(b.name));
    out.push({ meeting, papers, members });
  }
  return out;
}

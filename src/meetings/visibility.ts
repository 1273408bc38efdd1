import type { FastifyRequest } from 'fastify';
import type { Trx } from '../db/database.js';
import { decide, type ClauseIndex, type Decision } from '../policy/decide.js';
import type { Action, InterestContext, Subject } from '../policy/actions.js';
import type { Principal } from '../policy/principal.js';
import type { AgendaItemResource } from '../policy/rules.js';
import { resourceOf, ruleContextFor, type DocumentRecord } from '../documents/service.js';
import type { MeetingRow } from './service.js';

export type Refusal = Extract<Decision, { allowed: false }>;

/**
 * Who is reading a meeting, its minutes or its resolutions, as the rules see them: signed in
 * or not (the public agenda), with the matters of their registered pecuniary interests read
 * from the register for this request. Every presenter decides with one of these, so the page
 * and the API of a thing cannot disagree about what a person may see of it.
 */
export interface Reader {
  principal: Principal | undefined;
  clauses: ClauseIndex;
  today: string;
  pecuniaryMatterIds: ReadonlySet<string>;
  /** The matters their dispensations not yet ended cover, with each one's period (src/declarations). */
  dispensations?: InterestContext['dispensations'];
  /** The matters of the dispensations they have asked for and wait for: what a refusal advises them. */
  dispensationsAsked?: InterestContext['dispensationsAsked'];
}

/** The reader this request is: its person (if any) and their interests, read in `trx`. */
export async function readerFor(trx: Trx, req: FastifyRequest): Promise<Reader> {
  const principal = req.principal;
  const context = principal ? await ruleContextFor(trx, principal, req.today) : { pecuniaryMatterIds: new Set<string>() };
  return { principal, clauses: req.clauses!, today: req.today, pecuniaryMatterIds: context.pecuniaryMatterIds, dispensations: context.dispensations, dispensationsAsked: context.dispensationsAsked };
}

/** The rule table's answer for this reader; the signed-out public is allowed nothing the rules govern. */
export function decision<A extends Action>(reader: Reader, action: A, ...[resource, context]: Subject<A>): Decision | undefined {
  return reader.principal ? decide(reader.principal, action, reader.clauses, reader.today, resource, context) : undefined;
}

export function may<A extends Action>(reader: Reader, action: A, ...subject: Subject<A>): boolean {
  return decision(reader, action, ...subject)?.allowed === true;
}

/**
 * An agenda item of `meeting`, as the rules see it. Its meeting's day counts for a dispensation
 * only once the summons, and with it the papers, has gone out: a draft agenda lifts no bar.
 */
export function itemResource(item: { confidential: boolean; matter_id: string | null }, memberIds: readonly string[], meeting: Pick<MeetingRow, 'meeting_date' | 'summons_issued_on'> | null): AgendaItemResource {
  const meetingDates = meeting?.summons_issued_on ? [meeting.meeting_date] : [];
  return { kind: 'agenda_item', private: item.confidential, memberIds, matterIds: item.matter_id ? [item.matter_id] : [], meetingDates };
}

/**
 * An item's paper that is a library document is judged on the days of every meeting that holds
 * the document, as the library judges it, so the paper on any agenda and the document agree.
 */
export function asPaperOf(item: AgendaItemResource, document: DocumentRecord | undefined): AgendaItemResource {
  return document ? { ...item, meetingDates: [...item.meetingDates, ...document.meetingDates] } : item;
}

/** Whether the reader may see what an item says (its details, minute, resolution): always, unless it is taken in private. */
export function mayReadItem(reader: Reader, item: { confidential: boolean; matter_id: string | null }, memberIds: readonly string[]): boolean {
  return !item.confidential || may(reader, 'agenda_item.read_private', itemResource(item, memberIds, null));
}

/** Whether the reader sees the agenda before the summons is issued: those who prepare it, and the body's chair. */
export function mayReadDraft(reader: Reader, chairIds: readonly string[]): boolean {
  return may(reader, 'meeting.read_draft', undefined, { meetingChairIds: chairIds });
}

/**
 * What a person gets of one paper: it opens; it is withheld from them, and they are told
 * under which clause (a registered interest); or it is not theirs at all (an item taken in
 * private, or a confidential document not issued to them), and they are not told of it. A
 * paper that is a document of the library must be allowed as the item's paper and as the
 * document: the library and the agenda decide it alike.
 */
export type PaperAccess = { access: 'open' } | { access: 'withheld'; refusal: Refusal } | { access: 'not_issued'; refusal: Refusal };

export function paperAccess(principal: Principal, clauses: ClauseIndex, today: string, item: AgendaItemResource, context: InterestContext, document?: DocumentRecord): PaperAccess {
  const paper = asPaperOf(item, document);
  const decideBoth = (interests: InterestContext): Decision => {
    const answer = decide(principal, 'agenda_paper.read', clauses, today, paper, interests);
    return answer.allowed && document ? decide(principal, 'document.read', clauses, today, resourceOf(document), interests) : answer;
  };
  // Whether it is theirs at all, their interests aside: an item in private or a confidential
  // paper not issued to them is not mentioned, whatever else would also bar it.
  const regardless = decideBoth({ pecuniaryMatterIds: new Set() });
  if (!regardless.allowed) return { access: 'not_issued', refusal: regardless };
  const answer = decideBoth(context);
  if (answer.allowed) return { access: 'open' };
  // Advice the item's refusal gives (a request waiting for its matter) must hold for the
  // document too: a paper about other matters stays withheld for those, and there the library
  // gives the usual advice, so the meeting's page gives it as well.
  const asDocument = answer.advice && document ? decide(principal, 'document.read', clauses, today, resourceOf(document), context) : undefined;
  if (asDocument && !asDocument.allowed && !asDocument.advice) {
    const { advice: _kept, ...usual } = answer;
    return { access: 'withheld', refusal: usual };
  }
  return { access: 'withheld', refusal: answer };
}

/** What the rules read of a reader's interests and dispensations. */
export const interestsOf = (reader: Reader): InterestContext => ({ pecuniaryMatterIds: reader.pecuniaryMatterIds, dispensations: reader.dispensations, dispensationsAsked: reader.dispensationsAsked });

/** The same, for this reader; the public opens no papers. */
export function readerPaperAccess(reader: Reader, item: AgendaItemResource, document?: DocumentRecord): PaperAccess | undefined {
  return reader.principal ? paperAccess(reader.principal, reader.clauses, reader.today, item, interestsOf(reader), document) : undefined;
}

import type { Trx } from '../db/database.js';
import type { DeclarationKind } from '../db/schema-declarations.js';
import type { AskedDispensation, DispensedMatter } from '../policy/rules.js';

/**
 * What other capabilities read of declarations and dispensations: the rule context for
 * papers and documents, and the declarations a meeting's minutes record. Imports no other
 * capability, so any may import it.
 */

/**
 * The matters the dispensations granted to a person cover (Localism Act 2011 s.33), each with
 * its dispensation's period: the matters each names, and the matters of the agenda items it
 * names. Those already ended are left out. Read on every request that decides a paper or
 * document, with the register; the rules say on which day a period must hold
 * (`dispensationLifts`). Read with them, in the same statements, the matters of the requests
 * still waiting for a decision: a refusal tells the member theirs is waiting.
 */
export async function dispensedMatters(trx: Trx, personId: string, today: string): Promise<{ granted: DispensedMatter[]; asked: AskedDispensation[] }> {
  const theirs = trx
    .selectFrom('dispensations')
    .select(['id', 'status', 'requested_on', 'granted_from', 'granted_until'])
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('status', '=', 'requested'), eb.and([eb('status', '=', 'granted'), eb('granted_until', '>=', today)])]));
  const [named, ofItems] = await Promise.all([
    trx
      .selectFrom('dispensation_matters as dm')
      .innerJoin(theirs.as('x'), 'x.id', 'dm.dispensation_id')
      .select(['dm.matter_id', 'x.id', 'x.status', 'x.requested_on', 'x.granted_from', 'x.granted_until'])
      .execute(),
    trx
      .selectFrom('dispensation_items as di')
      .innerJoin(theirs.as('x'), 'x.id', 'di.dispensation_id')
      .innerJoin('agenda_items as a', 'a.id', 'di.agenda_item_id')
      .select(['a.matter_id', 'x.id', 'x.status', 'x.requested_on', 'x.granted_from', 'x.granted_until'])
      .where('a.matter_id', 'is not', null)
      .execute(),
  ]);
  const rows = [...named, ...ofItems];
  return {
    granted: rows.filter((r) => r.status === 'granted').map((r) => ({ matterId: r.matter_id!, from: r.granted_from!, until: r.granted_until! })),
    asked: rows.filter((r) => r.status === 'requested').map((r) => ({ matterId: r.matter_id!, dispensationId: r.id, requestedOn: r.requested_on })),
  };
}

export interface MeetingDeclaration {
  id: string;
  personId: string;
  personName: string;
  itemId: string;
  itemPosition: number;
  itemTitle: string;
  stage: 'before' | 'meeting';
  kind: DeclarationKind;
  details: string;
  leftRoom: boolean;
  tookNoPart: boolean;
  dispensationId: string | null;
  dispensationUntil: string | null;
  dispensationCovers: 'speaking' | 'voting' | 'both' | null;
  registerBy: string | null;
}

/** A meeting's declarations, in agenda order then by member; those made at it, or those sent before it. */
export async function meetingDeclarations(trx: Trx, meetingId: string, stage: 'before' | 'meeting'): Promise<MeetingDeclaration[]> {
  const rows = await trx
    .selectFrom('meeting_declarations as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .leftJoin('dispensations as x', 'x.id', 'd.dispensation_id')
    .select(['d.id', 'd.person_id', 'p.name', 'd.agenda_item_id', 'a.position', 'a.title', 'd.stage', 'd.kind', 'd.details', 'd.left_room', 'd.took_no_part', 'd.dispensation_id', 'x.granted_until', 'x.covers', 'd.register_by'])
    .where('d.meeting_id', '=', meetingId)
    .where('d.stage', '=', stage)
    .orderBy('a.position')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.name,
    itemId: r.agenda_item_id,
    itemPosition: r.position,
    itemTitle: r.title,
    stage: r.stage,
    kind: r.kind,
    details: r.details,
    leftRoom: r.left_room,
    tookNoPart: r.took_no_part,
    dispensationId: r.dispensation_id,
    dispensationUntil: r.granted_until,
    dispensationCovers: r.covers,
    registerBy: r.register_by,
  }));
}

/** A declaration of interest made at the meeting, as its minutes record it. */
export interface MinutedDeclaration {
  member: string;
  item: number;
  itemTitle: string;
  kind: DeclarationKind;
  details: string;
  leftRoom: boolean;
  tookNoPart: boolean;
  dispensation: boolean;
}

/** The declarations of interest made at the meeting, as its minutes record them: the minutes page and its PDFs, and the public list. */
export async function minutedDeclarations(trx: Trx, meetingId: string): Promise<MinutedDeclaration[]> {
  return (await meetingDeclarations(trx, meetingId, 'meeting')).map((d) => ({ member: d.personName, item: d.itemPosition, itemTitle: d.itemTitle, kind: d.kind, details: d.details, leftRoom: d.leftRoom, tookNoPart: d.tookNoPart, dispensation: d.dispensationId !== null }));
}

import { barringMatters, dispensationWaiting, type DocumentResource, type Request, type Rule } from '../policy/rules.js';

const isDocument = (r: Request): DocumentResource | undefined => (r.resource?.kind === 'document' ? r.resource : undefined);

/**
 * A councillor may not see a document about a matter in which they have a registered
 * pecuniary interest. Fails closed: a councillor's request about a document with matters,
 * made without their interests loaded, is refused rather than waved through. A dispensation
 * covering the matter (src/declarations) lifts the bar for that matter, when it is in force
 * today or on the day of a meeting still to come, its summons out, that has the document among
 * its papers. A document's matters include those of the items it is a paper for: so the
 * library and the meeting's page answer alike.
 */
function touchesPecuniaryInterest(r: Request): boolean {
  const doc = isDocument(r);
  if (r.principal.role !== 'councillor' || !doc || doc.matterIds.length === 0) return false;
  return barringMatters(r, doc.matterIds, doc.meetingDates).length > 0;
}

export const documentRules: readonly Rule[] = [
  {
    // A confidential paper is for its named recipients (and the Clerk who issues it) alone.
    // First, so that to anyone else it is not theirs at all, whatever their interests: a list
    // leaves it out rather than naming it as withheld.
    id: 'confidential-papers',
    errorId: 'confidential_paper',
    actions: ['document.read'],
    baseline: true,
    forbids: (r) => {
      const doc = isDocument(r);
      return !!doc && doc.classification === 'confidential' && r.principal.role !== 'clerk' && !doc.recipientIds.includes(r.principal.personId);
    },
  },
  {
    // Not baseline: the bar comes from the council's own protocol (Ilminster 2.6), not from statute.
    id: 'pecuniary-interest-documents',
    errorId: 'interest_conflict',
    actions: ['document.read'],
    baseline: false,
    forbids: touchesPecuniaryInterest,
    advice: (r) => {
      const doc = isDocument(r);
      return doc && dispensationWaiting(r, doc.matterIds, doc.meetingDates);
    },
  },
  {
    // Only the Clerk puts a confidential paper into the library, to issue it.
    id: 'confidential-papers',
    errorId: 'confidential_paper',
    actions: ['document.upload'],
    baseline: true,
    forbids: (r) => isDocument(r)?.classification === 'confidential' && r.principal.role !== 'clerk',
  },
];

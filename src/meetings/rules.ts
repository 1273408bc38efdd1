import { barringMatters, dispensationWaiting, isCouncillor, type AgendaItemResource, type Request, type Rule } from '../policy/rules.js';

/**
 * An agenda request after the council's deadline is refused, unless the Clerk accepts it as
 * urgent and records why. Fails open only where there is no deadline to apply.
 */
function lateAgendaRequest(r: Request): boolean {
  const deadline = r.context?.agendaDeadline;
  if (!deadline || r.today <= deadline) return false;
  return !(r.principal.role === 'clerk' && (r.context?.urgentReason ?? '').trim() !== '');
}

const agendaItem = (r: Request): AgendaItemResource | undefined => (r.resource?.kind === 'agenda_item' ? r.resource : undefined);

/**
 * An item taken in private is for the body's members and the council's officers: another
 * councillor sees that it is there, in general terms, and not what it says. Fails closed: a
 * councillor asking without the item is refused.
 */
export function outsideAPrivateItem(r: Request): boolean {
  if (!isCouncillor(r)) return false;
  const item = agendaItem(r);
  if (!item) return true;
  return item.private && !item.memberIds.includes(r.principal.personId);
}

/**
 * A councillor may not see the papers of an item about a matter in which they have a
 * registered pecuniary interest, unless a dispensation covers the matter (or the item) today
 * or on the day of a meeting still to come that holds the paper (`dispensationLifts`). Fails closed: without their interests loaded, refused.
 */
function interestInTheItem(r: Request): boolean {
  const item = agendaItem(r);
  if (!isCouncillor(r) || !item || item.matterIds.length === 0) return false;
  return barringMatters(r, item.matterIds, item.meetingDates).length > 0;
}

export const meetingRules: readonly Rule[] = [
  {
    // Baseline: every council's standing orders set a notice period for agenda items; where
    // its protocol has no clause saying so, the refusal cites the model protocol's.
    id: 'agenda-notice',
    errorId: 'late_agenda_request',
    actions: ['agenda_request.create'],
    baseline: true,
    forbids: lateAgendaRequest,
  },
  {
    // Preparing the agenda is the officers' work; the body's chair (read from the meeting,
    // not from office) agrees it with them. Anyone else sees the agenda once it is issued.
    id: 'no-day-to-day-running',
    errorId: 'draft_agenda',
    actions: ['meeting.read_draft'],
    baseline: true,
    forbids: (r) => isCouncillor(r) && !(r.context?.meetingChairIds ?? []).includes(r.principal.personId),
  },
  {
    // What an item taken in private says, its minute and its resolution: the body's members and the officers.
    id: 'confidential-papers',
    errorId: 'private_item',
    actions: ['agenda_item.read_private'],
    baseline: true,
    forbids: outsideAPrivateItem,
  },
  {
    // Its papers likewise; checked before the interest bar, so an outsider learns nothing of the item's matter.
    id: 'confidential-papers',
    errorId: 'confidential_paper',
    actions: ['agenda_paper.read'],
    baseline: true,
    forbids: outsideAPrivateItem,
  },
  {
    // Not baseline: the bar comes from the council's own protocol (Ilminster 2.6), as for documents.
    id: 'pecuniary-interest-documents',
    errorId: 'interest_conflict',
    actions: ['agenda_paper.read'],
    baseline: false,
    forbids: interestInTheItem,
    advice: (r) => {
      const item = agendaItem(r);
      return item && dispensationWaiting(r, item.matterIds, item.meetingDates);
    },
  },
];

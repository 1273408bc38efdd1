import { isCouncillor, isNotClerk, type Rule } from '../policy/rules.js';

/** Official channels (Brackley 8). */
export const staffMessageRules: readonly Rule[] = [
  {
    // The staff inbox is where messages to staff arrive; councillors write to staff, and see
    // what they sent, but have no staff inbox.
    id: 'official-channels',
    errorId: 'staff_inbox',
    actions: ['staff_message.read'],
    baseline: true,
    forbids: isCouncillor,
  },
  {
    // A report of contact through a personal account is staff's, about councillors.
    id: 'official-channels',
    errorId: 'contact_report_by_staff',
    actions: ['contact_report.create'],
    baseline: true,
    forbids: isCouncillor,
  },
  {
    // A report is read by the person who made it and the people it went to, no one else.
    id: 'official-channels',
    errorId: 'contact_report_private',
    actions: ['contact_report.view'],
    baseline: true,
    forbids: (r) => r.resource?.kind === 'contact_report' && r.resource.reporterId !== r.principal.personId && !r.resource.recipientIds.includes(r.principal.personId),
  },
  {
    // Urgent messages sent out of hours, with their reasons, are the Clerk's to review.
    id: 'official-channels',
    errorId: 'urgent_messages_clerk',
    actions: ['urgent_messages.view'],
    baseline: true,
    forbids: isNotClerk,
  },
];

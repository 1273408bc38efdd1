import type { Action } from '../policy/actions.js';
import type { RuleId } from './types.js';

/**
 * Where in Concord each rule is applied, so the protocol page can link a clause to the
 * place it takes effect. A rule without an entry is not applied yet, and the page says so.
 */
export interface AppliedAt {
  path: string;
  labelKey: string;
  /** What it takes to use that place: the link is shown only to those the rules allow. */
  action: Action;
}

export const APPLIED_AT: Partial<Record<RuleId, AppliedAt>> = {
  'term-of-office': { path: '/', labelKey: 'rule.term-of-office', action: 'council.view' },
  'no-individual-instruction': { path: '/tasks/new', labelKey: 'rule.no-individual-instruction', action: 'officer_task.create' },
  'no-day-to-day-running': { path: '/setup', labelKey: 'rule.no-day-to-day-running', action: 'council.configure' },
  'clerk-manages-staff': { path: '/setup/people', labelKey: 'rule.clerk-manages-staff', action: 'staff.manage' },
  'decisions-are-instructions': { path: '/decisions', labelKey: 'rule.decisions-are-instructions', action: 'resolution.view' },
  'equal-rights': { path: '/tasks', labelKey: 'rule.equal-rights', action: 'officer_task.view' },
  'agenda-notice': { path: '/meetings', labelKey: 'rule.agenda-notice', action: 'meetings.view' },
  'document-inspection': { path: '/documents', labelKey: 'rule.document-inspection', action: 'document.list' },
  'pecuniary-interest-documents': { path: '/documents', labelKey: 'rule.pecuniary-interest-documents', action: 'document.list' },
  'confidential-papers': { path: '/documents', labelKey: 'rule.confidential-papers', action: 'document.list' },
  'officer-interests': { path: '/interests/declarations/new', labelKey: 'rule.officer-interests', action: 'officer_interest.declare' },
  'timely-responses': { path: '/enquiries', labelKey: 'rule.timely-responses', action: 'enquiry.view' },
  'information-to-councillors': { path: '/bulletins', labelKey: 'rule.information-to-councillors', action: 'bulletin.view' },
  'official-channels': { path: '/messages', labelKey: 'rule.official-channels', action: 'staff_message.send' },
};

import type { RuleId } from './types.js';

/**
 * Where in Concord each rule is applied, so the protocol page can link a clause to the
 * place it takes effect. A rule without an entry is not applied yet, and the page says so.
 */
export const APPLIED_AT: Partial<Record<RuleId, { path: string; labelKey: string }>> = {
  'term-of-office': { path: '/sign-in', labelKey: 'rule.term-of-office' },
  'no-individual-instruction': { path: '/tasks/new', labelKey: 'rule.no-individual-instruction' },
  'no-day-to-day-running': { path: '/setup', labelKey: 'rule.no-day-to-day-running' },
  'clerk-manages-staff': { path: '/setup/people', labelKey: 'rule.clerk-manages-staff' },
  'equal-rights': { path: '/tasks', labelKey: 'rule.equal-rights' },
};

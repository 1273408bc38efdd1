import { isOfficerOtherThanClerk, type Rule } from '../policy/rules.js';

/**
 * Who reads the protocol health report. It is the council's own account of how the protocol
 * worked, prepared by the Clerk for the council's review and led there by the Chair of the
 * council; other councillors see it when it comes to the council as a paper, not as a live
 * view of the officers' work. Other officers work under the Clerk's direction.
 */
export const protocolRules: readonly Rule[] = [
  {
    id: 'no-day-to-day-running',
    errorId: 'health_report_chair',
    actions: ['protocol.healthReport'],
    baseline: true,
    // Reads the council office deliberately: the Chair of the council, and no other office or group.
    readsOfficeOrGroup: true,
    forbids: (r) => r.principal.role === 'councillor' && r.principal.councilOffice !== 'chair',
  },
  {
    id: 'clerk-manages-staff',
    errorId: 'clerk_manages_staff',
    actions: ['protocol.healthReport'],
    baseline: true,
    forbids: isOfficerOtherThanClerk,
  },
];

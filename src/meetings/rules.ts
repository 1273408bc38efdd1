import type { Request, Rule } from '../policy/rules.js';

/**
 * An agenda request after the council's deadline is refused, unless the Clerk accepts it as
 * urgent and records why. Fails open only where there is no deadline to apply.
 */
function lateAgendaRequest(r: Request): boolean {
  const deadline = r.context?.agendaDeadline;
  if (!deadline || r.today <= deadline) return false;
  return !(r.principal.role === 'clerk' && (r.context?.urgentReason ?? '').trim() !== '');
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
];

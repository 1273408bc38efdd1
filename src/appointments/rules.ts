import type { Rule, SelectionPanelResource } from '../policy/rules.js';

export const appointmentRules: readonly Rule[] = [
  {
    // Only the panel the council appointed (and the Clerk who runs the process) take part in
    // choosing staff: fails closed when the panel is not given.
    id: 'selection-panel',
    errorId: 'selection_panel',
    actions: ['appointment.candidates', 'appointment.score'],
    baseline: true,
    forbids: (r) => {
      const panel: SelectionPanelResource | undefined = r.resource?.kind === 'selection_panel' ? r.resource : undefined;
      return r.principal.role !== 'clerk' && (!panel || !panel.memberIds.includes(r.principal.personId));
    },
  },
];

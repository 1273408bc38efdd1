import type { SelectionPanelResource } from '../policy/rules.js';

/** Staff appointments (src/appointments): vacancies by resolution, the selection panel, candidates and scores. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'appointment.view': [];
    'appointment.manage': [];
    'appointment.candidates': [resource: SelectionPanelResource];
    'appointment.score': [resource: SelectionPanelResource];
  }
}

export const appointmentActions = {
  'appointment.view': { doc: 'See the council’s staff vacancies, the resolution behind each and its selection panel.' },
  'appointment.manage': { doc: 'Open a vacancy on a resolution, name its panel, add candidates, record the outcome: the Clerk’s.', administration: 'clerk' },
  'appointment.candidates': { doc: 'See an appointment’s candidates, their papers and the panel’s scores: its panel and the Clerk.' },
  'appointment.score': { doc: 'Score and comment on a candidate: the selection panel’s members and the Clerk.' },
} as const;

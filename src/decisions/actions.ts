import type { RuleContext } from '../policy/rules.js';

/** Decisions (src/decisions): resolutions recorded by meeting, the chair's agreed actions, action reports. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'resolution.view': [];
    /** Whether the Clerk has asked this officer to record resolutions too is read by the rule. */
    'resolution.record': [resource: undefined, context: Required<Pick<RuleContext, 'delegatedRecorder'>>];
    /** Who chairs the meeting is read from the meeting, never from the person's office. */
    'agreed_action.record': [resource: undefined, context: Required<Pick<RuleContext, 'meetingChairIds'>>];
    'agreed_action.confirm': [];
    'action_report.view': [];
  }
}

export const decisionActions = {
  'resolution.view': { doc: 'See the resolutions recorded at meetings, and the actions from them.' },
  'resolution.record': { doc: 'Record a resolution a meeting made: the Clerk, or an officer the Clerk asks to.', administration: 'officers' },
  'agreed_action.record': { doc: 'The chair of a meeting records the actions it agreed, for the Clerk to confirm.' },
  'agreed_action.confirm': { doc: 'Confirm a chair’s record of agreed actions against the minutes, or decline it.', administration: 'officers' },
  'action_report.view': { doc: 'See a body’s report on the actions from its decisions.' },
} as const;

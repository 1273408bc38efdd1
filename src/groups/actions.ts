import type { GroupResource, OfficerReportResource } from '../policy/rules.js';

/** Political groups' requests and reports, and officers' reports with recommendations (src/groups). */
declare module '../policy/actions.js' {
  interface ActionContracts {
    /** Ask the officers, for a group, for a briefing, a written report or an officer's attendance. */
    'group_request.create': [resource: GroupResource];
    /** See a group's requests and the reports it was given: the group's own members, and the officers. */
    'group_papers.view': [resource?: GroupResource];
    /** Accept or decline a group's request. */
    'group_request.decide': [];
    /** Give a group a report or advice, in its fixed shape. */
    'group_report.issue': [];
    /** Read the notices that another group was given a report. */
    'group_notice.view': [];
    /** Write or revise an officer's report with its recommendation; the resource is the report, once written. */
    'officer_report.write': [resource?: OfficerReportResource];
    /** Read officers' reports and the views recorded beside them. */
    'officer_report.view': [];
    /** Ask, through Concord, for an officer's recommendation to be changed. */
    'officer_report.request_change': [];
    /** Record a councillor's own view beside an officer's report. */
    'officer_report.record_view': [];
  }
}

export const groupActions = {
  'group_request.create': { doc: 'Ask the officers, for one’s own political group, for a briefing, a written report or an officer’s attendance.' },
  'group_papers.view': { doc: 'See a political group’s requests and the reports given to it: its members and the officers.' },
  'group_request.decide': { doc: 'Accept a group’s request (who does it, by when), or decline it as the officer’s right.', administration: 'officers' },
  'group_report.issue': { doc: 'Give a group a report or advice: the facts and an appraisal of the options, no recommendation.', administration: 'officers' },
  'group_notice.view': { doc: 'Read the notices that a report or advice was given to another group.' },
  'officer_report.write': { doc: 'Write or revise an officer’s report to the council or a committee, with the officer’s recommendation.' },
  'officer_report.view': { doc: 'Read officers’ reports, their recommendations and versions, and councillors’ views.' },
  'officer_report.request_change': { doc: 'Ask for an officer’s recommendation to be changed (refused: it is the officer’s own).' },
  'officer_report.record_view': { doc: 'Record one’s own view beside an officer’s report, under one’s name.' },
} as const;

import type { ConcernCaseResource, RuleContext } from '../policy/rules.js';

export type ConcernCaseSubject = [resource: ConcernCaseResource];
export type ConcernDecisionSubject = [resource: ConcernCaseResource, context: Required<Pick<RuleContext, 'byCommitteeResolution'>>];

/** Concerns, grievance and discipline (src/concerns). */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'concern.raise': [];
    'concern.view': ConcernCaseSubject;
    'concern.handle': ConcernCaseSubject;
    'concern.decide': ConcernDecisionSubject;
    'concern.pass_on': [];
    'concern.read_disclosed': ConcernCaseSubject;
  }
}

export const concernActions = {
  'concern.raise': { doc: 'Raise a concern about a councillor, an officer or the working relationship, and follow the ones one raised.' },
  'concern.view': { doc: 'Read a case: the person who raised it (their statement and the outcome), its handlers, and once formal the personnel committee’s members.' },
  'concern.handle': { doc: 'Work a case: record conversations, advice and agreed outcomes, its stages, escalation, tell the person concerned, and read its access log. Its handlers only.' },
  'concern.decide': { doc: 'Record the decision on a formal grievance or disciplinary case: a resolution of the personnel committee, never one person’s.' },
  'concern.read_disclosed': { doc: 'The person a case is about reads what its handlers told them, once told, and the dates they were given: nothing else of the case.' },
  'concern.pass_on': { doc: 'A councillor passes an officer’s approach about their own employment or budget into the procedure.' },
} as const;

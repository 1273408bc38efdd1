import type { ContactReportResource, DocumentResource, PersonResource, RuleContext } from './rules.js';

/**
 * Every action a rule may refuse, with what deciding it needs: the arguments after the action
 * in `req.authorize(action, …)`, `req.allows(action, …)` and `decide(…)`. Each capability adds
 * its own actions to this interface (declaration merging) in its `actions.ts`, and declares
 * them at run time in its capability definition, so the rule table knows every action.
 *
 * A contract is a tuple: `[]` for an action about nothing in particular, or the resource and
 * the rule context the action's rules read. A route that forgets to load the context an
 * action needs does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the capabilities
export interface ActionContracts {}

export type Action = keyof ActionContracts;

/** Actions that need nothing but the person: a route may name them in `config.authorize`. */
export type PlainAction = { [A in Action]: [] extends ActionContracts[A] ? A : never }[Action];

/** The arguments after the action, for an action's contract. */
export type Subject<A extends Action> = ActionContracts[A];

/** Contracts shared by several capabilities. */
export type PersonSubject = [resource?: PersonResource];
export type DocumentSubject = [resource: DocumentResource, context: InterestContext];
/** A person's registered pecuniary interests, the matters their dispensations cover, and those they have asked for. */
export type InterestContext = Required<Pick<RuleContext, 'pecuniaryMatterIds'>> & Pick<RuleContext, 'dispensations' | 'dispensationsAsked'>;
export type ContactReportSubject = [resource?: ContactReportResource];

import type { Addressee, RuleId } from '../protocol/types.js';
import type { Action } from './actions.js';
import type { Principal } from './principal.js';
import type { Advice, Request, RuleTable } from './rules.js';

/** A clause as a refusal cites it. */
export interface ClauseRef {
  /** The protocol's name, e.g. "Ilminster Town Council protocol". */
  protocol: string;
  number: string;
  heading: string;
  /** The clause's one-line summary, in the council's words. */
  text: string;
  /** The language of `heading` and `text`: English where a Welsh page cites a clause kept only in English. */
  lang: 'en' | 'cy';
  /** Whom the clause speaks to; absent or empty for everyone. */
  addresses?: readonly Addressee[];
  /** A clause of Concord's model protocol, cited for a safeguard the council has not adopted. */
  baseline?: true;
}

/** Where a council's protocol gives force to each rule. Built once per protocol version. */
export interface ClauseIndex {
  byRule: ReadonlyMap<RuleId, readonly ClauseRef[]>;
  /** Used for baseline rules the council's protocol does not carry. */
  fallback: ReadonlyMap<RuleId, readonly ClauseRef[]>;
  /** The rule table, built from the capabilities (src/capabilities). */
  table: RuleTable;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; errorId: string; ruleId: RuleId; clauses: readonly ClauseRef[]; advice?: Advice };

/**
 * The clauses that carry a rule in this council's protocol, or, where it has none, the model
 * protocol's: what a message about that rule cites (a form error, a help line).
 */
export function clausesCarrying(clauses: ClauseIndex, ruleId: RuleId): readonly ClauseRef[] {
  return clauses.byRule.get(ruleId) ?? clauses.fallback.get(ruleId) ?? [];
}

/**
 * Whether a rule is part of this council's protocol, as `decide` reads it: carried by one of its
 * clauses, or a baseline rule the model protocol gives every council. What a page says the
 * protocol does (a paper withheld for an interest) it says only where the rule applies.
 */
export function ruleInForce(clauses: ClauseIndex, ruleId: RuleId): boolean {
  if ((clauses.byRule.get(ruleId)?.length ?? 0) > 0) return true;
  return (clauses.fallback.get(ruleId)?.length ?? 0) > 0 && clauses.table.rules.some((rule) => rule.id === ruleId && rule.baseline);
}

const ALLOW: Decision = Object.freeze({ allowed: true });

/**
 * The single decision point: may `principal` do `action` (to `resource`) today?
 * Allows, or refuses with the first rule that forbids it and the clause(s) of the
 * council's protocol that carry that rule.
 */
export function decide(
  principal: Principal,
  action: Action,
  clauses: ClauseIndex,
  today: string,
  resource?: Request['resource'],
  context?: Request['context'],
): Decision {
  const equalised = equalise(principal);
  for (const rule of clauses.table.rulesFor(action)) {
    const cited = clauses.byRule.get(rule.id) ?? (rule.baseline ? clauses.fallback.get(rule.id) : undefined);
    if (!cited || cited.length === 0) continue; // the rule is not part of this council's protocol
    const request: Request = { principal: rule.readsOfficeOrGroup ? principal : equalised, action, today, resource, context };
    if (rule.forbids(request)) {
      const advice = rule.advice?.(request);
      return { allowed: false, errorId: rule.errorId, ruleId: rule.id, clauses: addressedFirst(cited, principal), ...(advice ? { advice } : {}) };
    }
  }
  return ALLOW;
}

/** Who a person is, as clauses address people: most particular first, "councillor" last. */
export function addresseesOf(p: Principal): readonly Addressee[] {
  if (p.role !== 'councillor') return ['officer'];
  const who: Addressee[] = [];
  if (p.chairOf.length > 0) who.push('chair');
  if (p.leaderOf.length > 0) who.push('leader');
  if (p.groupIds.length > 0) who.push('group');
  who.push('councillor');
  return who;
}

/**
 * The clauses a refusal cites, the one that addresses the person refused first: a councillor
 * who chairs nothing is cited a clause for every councillor, a committee chair the chairs'
 * clause. A clause that speaks to the person's most particular position ranks first (of two,
 * the one that speaks to fewer kinds of people); a clause for every councillor, or for
 * everyone, comes next, in the protocol's order; a clause for other people comes last.
 */
export function addressedFirst(clauses: readonly ClauseRef[], p: Principal): readonly ClauseRef[] {
  if (clauses.length < 2) return clauses;
  const who = addresseesOf(p);
  const general = who.length - 1;
  const rank = (c: ClauseRef): [number, number] => {
    if (!c.addresses || c.addresses.length === 0) return [general, 0];
    const matches = c.addresses.map((a) => who.indexOf(a)).filter((i) => i >= 0);
    if (matches.length === 0) return [who.length, 0];
    const best = Math.min(...matches);
    return best === general ? [general, 0] : [best, c.addresses.length];
  };
  return clauses
    .map((clause, i) => ({ clause, i, rank: rank(clause) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.i - b.i)
    .map((x) => x.clause);
}

/**
 * Councillors' equal rights, made structural: unless a rule declares that it reads office
 * or group (and so must carry a clause that says why), it sees every councillor the same.
 */
function equalise(p: Principal): Principal {
  if (p.role !== 'councillor') return p;
  return { ...p, councilOffice: null, chairOf: [], leaderOf: [], groupIds: [] };
}

import type { FastifyRequest } from 'fastify';
import type { RuleId } from '../protocol/types.js';
import { clausesCarrying } from '../policy/decide.js';

/**
 * A message followed by the clause that gives it force in this council ("… (clause 2.2 of
 * the Ilminster Town Council protocol)"). A form error the protocol causes says so, as a
 * refusal does; where the council's protocol has no such clause, the model protocol's.
 */
export function citeRule(req: FastifyRequest, ruleId: RuleId, message: string): string {
  const clause = req.clauses ? clausesCarrying(req.clauses, ruleId)[0] : undefined;
  if (!clause) return message;
  return req.t('decisions.underClause', { message, number: clause.number, protocol: clause.protocol });
}

import type { Trx } from '../db/database.js';
import type { ProtocolClause, ProtocolVersion } from '../db/schema.js';
import type { AppliedAt } from '../capabilities/capability.js';
import type { RuleId } from './types.js';

export interface ProtocolView {
  current: ProtocolVersion | undefined;
  history: ProtocolVersion[];
  clauses: (ProtocolClause & { appliedAt: AppliedAt[]; applied: boolean })[];
}

/** The council's current protocol, clause by clause, with where each clause takes effect. */
export async function currentProtocol(trx: Trx, APPLIED_AT: Readonly<Partial<Record<RuleId, AppliedAt>>>): Promise<ProtocolView> {
  const history = await trx.selectFrom('protocol_versions').selectAll().orderBy('created_at').orderBy('version').execute();
  const current = history.find((v) => v.is_current);
  if (!current) return { current, history, clauses: [] };
  const clauses = await trx.selectFrom('protocol_clauses').selectAll().where('version_id', '=', current.id).orderBy('position').execute();
  return {
    current,
    history,
    clauses: clauses.map((clause) => {
      const appliedAt = clause.rules.flatMap((rule) => APPLIED_AT[rule as RuleId] ?? []);
      // A clause whose rules are all applied somewhere is in force; guidance needs no rule.
      const applied = clause.kind === 'guidance' || (clause.rules.length > 0 && appliedAt.length === clause.rules.length);
      return { ...clause, appliedAt, applied };
    }),
  };
}

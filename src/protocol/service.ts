import type { Trx } from '../db/database.js';
import type { ProtocolClause, ProtocolVersion } from '../db/schema.js';
import type { AppliedAt } from '../capabilities/capability.js';
import type { RuleId } from './types.js';
import type { Locale } from '../i18n/messages.js';

export interface ProtocolView {
  current: ProtocolVersion | undefined;
  history: ProtocolVersion[];
  /** Each clause in the reader's language where the council keeps it, with `lang` saying which. */
  clauses: (ProtocolClause & { appliedAt: AppliedAt[]; applied: boolean; lang: Locale })[];
}

/** The council's current protocol, clause by clause, with where each clause takes effect. */
export async function currentProtocol(trx: Trx, APPLIED_AT: Readonly<Partial<Record<RuleId, AppliedAt>>>, locale: Locale = 'en'): Promise<ProtocolView> {
  const versions = await trx.selectFrom('protocol_versions').selectAll().orderBy('created_at').orderBy('version').execute();
  // The approval record in Welsh where the council keeps it.
  const history = versions.map((v) => (locale === 'cy' ? { ...v, title: v.title_cy ?? v.title, summary: v.summary_cy ?? v.summary } : v));
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
      const welsh = locale === 'cy' && clause.heading_cy && clause.body_cy && clause.summary_cy;
      const words = welsh ? { heading: clause.heading_cy!, body: clause.body_cy!, summary: clause.summary_cy!, lang: 'cy' as const } : { lang: 'en' as const };
      return { ...clause, ...words, appliedAt, applied };
    }),
  };
}

import type { Trx } from '../db/database.js';
import type { ProtocolClause, ProtocolVersion } from '../db/schema.js';
import type { AppliedAt } from '../capabilities/capability.js';
import type { RuleId } from './types.js';
import type { Locale } from '../i18n/messages.js';
import type { ClauseIndex } from '../policy/decide.js';
import { modelClausesInWelsh, modelTemplate } from './templates/index.js';
import { approvalRecord, clausesOf, versionInForce, versionsComing, type ApprovalRow } from './versions.js';

export type PresentedClause = ProtocolClause & { appliedAt: AppliedAt[]; applied: boolean; lang: Locale };

export interface ProtocolView {
  /** The version in force on the day asked about. */
  current: ProtocolVersion | undefined;
  /** The approval record, in the reader's language where the council keeps it. */
  history: ApprovalRow[];
  /** Approved versions that come into force after the day asked about. */
  coming: ProtocolVersion[];
  /** Each clause in the reader's language where the council keeps it, with `lang` saying which. */
  clauses: PresentedClause[];
}

/** A version's title and summary in the reader's language, where the council keeps both. */
function inLanguage<V extends ProtocolVersion>(v: V, locale: Locale): V {
  return locale === 'cy' ? { ...v, title: v.title_cy ?? v.title, summary: v.summary_cy ?? v.summary } : v;
}

/** Clauses as pages show them: in the reader's language where kept, with where each takes effect. */
export function presentClauses(clauses: readonly ProtocolClause[], APPLIED_AT: Readonly<Partial<Record<RuleId, AppliedAt>>>, locale: Locale): PresentedClause[] {
  return clauses.map((clause) => {
    const appliedAt = clause.rules.flatMap((rule) => APPLIED_AT[rule as RuleId] ?? []);
    // A clause whose rules are all applied somewhere is in force; guidance needs no rule.
    const applied = clause.kind === 'guidance' || (clause.rules.length > 0 && appliedAt.length === clause.rules.length);
    const welsh = locale === 'cy' && clause.heading_cy && clause.body_cy && clause.summary_cy;
    const words = welsh ? { heading: clause.heading_cy!, body: clause.body_cy!, summary: clause.summary_cy!, lang: 'cy' as const } : { lang: 'en' as const };
    return { ...clause, ...words, appliedAt, applied };
  });
}

/** The council's protocol in force on `day`, clause by clause, with where each clause takes effect. */
export async function currentProtocol(trx: Trx, APPLIED_AT: Readonly<Partial<Record<RuleId, AppliedAt>>>, locale: Locale, day: string): Promise<ProtocolView> {
  const history = (await approvalRecord(trx)).map((v) => inLanguage(v, locale));
  const inForce = await versionInForce(trx, day);
  const current = inForce ? inLanguage(inForce, locale) : undefined;
  const coming = (await versionsComing(trx, day)).map((v) => inLanguage(v, locale));
  if (!current) return { current, history, coming, clauses: [] };
  return { current, history, coming, clauses: presentClauses(await clausesOf(trx, current.id), APPLIED_AT, locale) };
}

/** A safeguard Concord applies from its model protocol, which the council's own does not carry. */
export interface BaselineClause {
  number: string;
  heading: string;
  text: string;
  lang: Locale;
  rules: RuleId[];
}

/**
 * The model protocol's clauses behind the baseline rules this council's protocol does not
 * carry, with their full text, so the Clerk can propose them when the protocol is reviewed.
 */
export function baselineClausesNotAdopted(index: ClauseIndex, locale: Locale = 'en'): BaselineClause[] {
  const missing = new Set(index.table.rules.filter((r) => r.baseline && !index.byRule.get(r.id)?.length).map((r) => r.id));
  return modelTemplate.clauses
    .filter((c) => c.rules.some((r) => missing.has(r)))
    .map((c) => {
      const welsh = locale === 'cy' ? modelClausesInWelsh[c.number] : undefined;
      return { number: c.number, heading: welsh?.heading ?? c.heading, text: welsh?.text ?? c.text, lang: welsh ? 'cy' : 'en', rules: c.rules.filter((r) => missing.has(r)) };
    });
}

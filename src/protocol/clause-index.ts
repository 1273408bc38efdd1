import type { Trx } from '../db/database.js';
import type { ClauseIndex, ClauseRef } from '../policy/decide.js';
import type { RuleTable } from '../policy/rules.js';
import type { RuleId } from './types.js';
import type { ProtocolTemplate } from './types.js';

/** The protocol's name as refusals cite it: "Ilminster Town Council protocol". */
export function protocolName(councilName: string): string {
  return `${councilName} protocol`;
}

/** Index a protocol's clauses by the rules they carry. */
export function indexClauses(
  protocol: string,
  clauses: readonly { number: string; heading: string; summary: string; rules: readonly string[] }[],
): Map<RuleId, ClauseRef[]> {
  const byRule = new Map<RuleId, ClauseRef[]>();
  for (const clause of clauses) {
    for (const rule of clause.rules) {
      const list = byRule.get(rule as RuleId) ?? [];
      list.push({ protocol, number: clause.number, heading: clause.heading, text: clause.summary });
      byRule.set(rule as RuleId, list);
    }
  }
  return byRule;
}

/**
 * Loads and caches each council's clause index, so most requests need no query for it.
 * The process that changes a protocol or a council's name drops the entry at once.
 */
export class ClauseIndexCache {
  /** Kept briefly, so a change made by another process (another server on the same database) shows soon. */
  private readonly maxAgeMs = 30_000;
  private readonly cache = new Map<string, { at: number; index: ClauseIndex }>();
  private readonly fallback: ReadonlyMap<RuleId, readonly ClauseRef[]>;

  constructor(
    model: ProtocolTemplate,
    private readonly table: RuleTable,
  ) {
    this.fallback = indexClauses('Concord model protocol', model.clauses);
  }

  async get(trx: Trx, councilId: string, councilName: string): Promise<ClauseIndex> {
    const cached = this.cache.get(councilId);
    if (cached && Date.now() - cached.at < this.maxAgeMs) return cached.index;
    const clauses = await trx
      .selectFrom('protocol_clauses as c')
      .innerJoin('protocol_versions as v', 'v.id', 'c.version_id')
      .where('v.is_current', '=', true)
      .select(['c.number', 'c.heading', 'c.summary', 'c.rules'])
      .orderBy('c.position')
      .execute();
    const index: ClauseIndex = { byRule: indexClauses(protocolName(councilName), clauses), fallback: this.fallback, table: this.table };
    this.cache.set(councilId, { at: Date.now(), index });
    return index;
  }

  invalidate(councilId: string): void {
    this.cache.delete(councilId);
  }
}

import type { Trx } from '../db/database.js';
import type { ClauseIndex, ClauseRef } from '../policy/decide.js';
import type { RuleTable } from '../policy/rules.js';
import type { Locale } from '../i18n/messages.js';
import type { Addressee, RuleId } from './types.js';
import type { ProtocolTemplate } from './types.js';
import { versionInForceId } from './in-force.js';

/** The protocol's name as refusals cite it: "Ilminster Town Council protocol" / "Protocol Cyngor Tref Crucywel". */
export function protocolName(councilName: string, locale: Locale = 'en'): string {
  return locale === 'cy' ? `Protocol ${councilName}` : `${councilName} protocol`;
}

/** A clause as it is stored: in English, and in Welsh where the council keeps both. */
export interface IndexableClause {
  number: string;
  heading: string;
  summary: string;
  rules: readonly string[];
  heading_cy?: string | null;
  summary_cy?: string | null;
  addresses?: readonly string[] | null;
}

/** Index a protocol's clauses by the rules they carry, in one language (English where a clause has no Welsh). */
export function indexClauses(protocol: string, clauses: readonly IndexableClause[], locale: Locale = 'en', baseline = false): Map<RuleId, ClauseRef[]> {
  const byRule = new Map<RuleId, ClauseRef[]>();
  for (const clause of clauses) {
    const welsh = locale === 'cy' && clause.heading_cy && clause.summary_cy;
    const ref: ClauseRef = welsh
      ? { protocol, number: clause.number, heading: clause.heading_cy!, text: clause.summary_cy!, lang: 'cy' }
      : { protocol, number: clause.number, heading: clause.heading, text: clause.summary, lang: 'en' };
    if (clause.addresses?.length) ref.addresses = clause.addresses as Addressee[];
    if (baseline) ref.baseline = true;
    for (const rule of clause.rules) {
      const list = byRule.get(rule as RuleId) ?? [];
      list.push(ref);
      byRule.set(rule as RuleId, list);
    }
  }
  return byRule;
}

/** How refusals name Concord's model protocol, cited for a safeguard a council's own protocol lacks. */
export const MODEL_PROTOCOL: Record<Locale, string> = { en: 'Concord model protocol', cy: 'protocol enghreifftiol Concord' };

/**
 * Loads and caches each council's clause index, so most requests need no query for it.
 * The process that changes a protocol or a council's name drops the entry at once; every
 * other process drops it when the database tells of the change (src/db/changes.ts).
 */
export class ClauseIndexCache {
  /** Kept briefly unless changes are heard as they are made; then long, as a safety net. */
  private maxAgeMs = 30_000;
  private readonly cache = new Map<string, { at: number; index: ClauseIndex }>();
  private readonly fallback: Record<Locale, ReadonlyMap<RuleId, readonly ClauseRef[]>>;

  constructor(
    model: ProtocolTemplate,
    private readonly table: RuleTable,
    /** The model protocol's clauses in Welsh, where Concord has them. */
    modelWelsh: Readonly<Record<string, { heading: string; summary: string }>> = {},
  ) {
    const welsh = model.clauses.map((c) => ({ ...c, heading_cy: modelWelsh[c.number]?.heading, summary_cy: modelWelsh[c.number]?.summary }));
    this.fallback = { en: indexClauses(MODEL_PROTOCOL.en, model.clauses, 'en', true), cy: indexClauses(MODEL_PROTOCOL.cy, welsh, 'cy', true) };
  }

  /**
   * The council's index in a language; `councilName` is its name in that language. With `day`,
   * the clauses are those of the version in force that day; without, of the current version.
   * `read` opens a transaction of the council's, only when the index is not already held: a
   * request for a page needing nothing else from the database then needs no transaction.
   */
  async get(read: <T>(fn: (trx: Trx) => Promise<T>) => Promise<T>, councilId: string, councilName: string, locale: Locale = 'en', day?: string): Promise<ClauseIndex> {
    const key = `${councilId}:${locale}:${day ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < this.maxAgeMs) return cached.index;
    const clauses = await read((trx) => trx
      .selectFrom('protocol_clauses as c')
      .innerJoin('protocol_versions as v', 'v.id', 'c.version_id')
      .where((eb) => (day ? eb('v.id', '=', versionInForceId(day)) : eb('v.is_current', '=', true)))
      .select(['c.number', 'c.heading', 'c.summary', 'c.rules', 'c.heading_cy', 'c.summary_cy', 'c.addresses'])
      .orderBy('c.position')
      .execute());
    const index: ClauseIndex = { byRule: indexClauses(protocolName(councilName, locale), clauses, locale), fallback: this.fallback[locale], table: this.table };
    // Yesterday's index of this council and language is not asked for again: drop it, so
    // the cache holds one day per council and language however long Concord runs.
    const sameCouncilAndLanguage = `${councilId}:${locale}:`;
    for (const old of this.cache.keys()) if (old.startsWith(sameCouncilAndLanguage) && old !== key && old !== sameCouncilAndLanguage) this.cache.delete(old);
    this.cache.set(key, { at: Date.now(), index });
    return index;
  }

  invalidate(councilId: string): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(`${councilId}:`)) this.cache.delete(key);
  }

  /** Every council's index, when changes may have gone unheard. */
  clear(): void {
    this.cache.clear();
  }

  setMaxAge(ms: number): void {
    this.maxAgeMs = ms;
  }
}

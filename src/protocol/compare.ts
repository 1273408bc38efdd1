import { diffWords } from 'diff';
import type { ClauseKind } from './types.js';

/** A clause as any version or template holds it, for comparison. */
export interface ComparableClause {
  number: string;
  heading: string;
  text: string;
  kind: ClauseKind;
  rules: readonly string[];
}

/** A run of words: kept, or only in the earlier text (removed), or only in the later (added). */
export interface WordChange {
  value: string;
  change: 'same' | 'added' | 'removed';
}

export interface ClauseComparison {
  /** What happened to the clause, the most telling first: added, removed, renumbered (perhaps reworded too), changed, unchanged. */
  status: 'added' | 'removed' | 'renumbered' | 'changed' | 'unchanged';
  from: ComparableClause | null;
  to: ComparableClause | null;
  renumbered: boolean;
  /** The heading or text differ. */
  reworded: boolean;
  kindChanged: boolean;
  rulesAdded: string[];
  rulesRemoved: string[];
  /** The text, word by word, marked where it changed (the whole text for an added or removed clause). */
  words: WordChange[];
}

export interface ProtocolComparison {
  clauses: ClauseComparison[];
  /** Rules some clause carries in the later text and none in the earlier: newly in force. */
  rulesAdded: string[];
  /** Rules no clause carries any more: no longer in force. */
  rulesRemoved: string[];
  counts: Record<ClauseComparison['status'], number>;
}

const wordsOf = (c: ComparableClause) => new Set(`${c.heading} ${c.text}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** How alike two clauses' words are: the share of words they have in common (Jaccard), 0 to 1. */
export function similarity(a: ComparableClause, b: ComparableClause): number {
  const x = wordsOf(a);
  const y = wordsOf(b);
  if (x.size === 0 && y.size === 0) return 1;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / (x.size + y.size - common);
}

/** A clause kept under its number needs some words in common; one that moved number needs more. */
const SAME_NUMBER_LIKENESS = 0.2;
const MOVED_LIKENESS = 0.5;

/**
 * Two texts of a protocol compared clause by clause. A clause is matched first by its number
 * (when the words still resemble), then by its words alone, so a renumbered clause is found as
 * renumbered rather than as one removed and one added.
 */
export function compareProtocols(from: readonly ComparableClause[], to: readonly ComparableClause[]): ProtocolComparison {
  const pairs = new Map<number, number>(); // index in `to` -> index in `from`
  const used = new Set<number>();
  to.forEach((clause, j) => {
    const i = from.findIndex((f, k) => !used.has(k) && f.number === clause.number);
    if (i >= 0 && (similarity(from[i]!, clause) >= SAME_NUMBER_LIKENESS || from[i]!.heading === clause.heading)) {
      pairs.set(j, i);
      used.add(i);
    }
  });
  // The rest by their words: the most alike pairs first.
  const candidates: { i: number; j: number; score: number }[] = [];
  to.forEach((clause, j) => {
    if (pairs.has(j)) return;
    from.forEach((f, i) => {
      if (used.has(i)) return;
      const score = similarity(f, clause);
      if (score >= MOVED_LIKENESS) candidates.push({ i, j, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  for (const { i, j } of candidates) {
    if (used.has(i) || pairs.has(j)) continue;
    pairs.set(j, i);
    used.add(i);
  }

  const clauses: ClauseComparison[] = [];
  to.forEach((clause, j) => {
    const i = pairs.get(j);
    // Removed clauses are shown where they stood: before the first later clause matched after them.
    if (i !== undefined) for (const [k, f] of from.entries()) if (k < i && !used.has(k) && !clauses.some((c) => c.from === f)) clauses.push(removed(f));
    clauses.push(i === undefined ? added(clause) : compared(from[i]!, clause));
  });
  for (const [k, f] of from.entries()) if (!used.has(k) && !clauses.some((c) => c.from === f)) clauses.push(removed(f));

  const carried = (list: readonly ComparableClause[]) => new Set(list.flatMap((c) => c.rules));
  const before = carried(from);
  const after = carried(to);
  const counts = { added: 0, removed: 0, renumbered: 0, changed: 0, unchanged: 0 };
  for (const c of clauses) counts[c.status]++;
  return { clauses, rulesAdded: [...after].filter((r) => !before.has(r)).sort(), rulesRemoved: [...before].filter((r) => !after.has(r)).sort(), counts };
}

function added(c: ComparableClause): ClauseComparison {
  return { status: 'added', from: null, to: c, renumbered: false, reworded: false, kindChanged: false, rulesAdded: [...c.rules], rulesRemoved: [], words: [{ value: c.text, change: 'added' }] };
}

function removed(c: ComparableClause): ClauseComparison {
  return { status: 'removed', from: c, to: null, renumbered: false, reworded: false, kindChanged: false, rulesAdded: [], rulesRemoved: [...c.rules], words: [{ value: c.text, change: 'removed' }] };
}

function compared(from: ComparableClause, to: ComparableClause): ClauseComparison {
  const renumbered = from.number !== to.number;
  const reworded = from.heading !== to.heading || from.text !== to.text;
  const kindChanged = from.kind !== to.kind;
  const rulesAdded = to.rules.filter((r) => !from.rules.includes(r));
  const rulesRemoved = from.rules.filter((r) => !to.rules.includes(r));
  const words: WordChange[] = diffWords(from.text, to.text).map((part) => ({ value: part.value, change: part.added ? 'added' : part.removed ? 'removed' : 'same' }));
  const changed = reworded || kindChanged || rulesAdded.length > 0 || rulesRemoved.length > 0;
  return { status: renumbered ? 'renumbered' : changed ? 'changed' : 'unchanged', from, to, renumbered, reworded, kindChanged, rulesAdded, rulesRemoved, words };
}

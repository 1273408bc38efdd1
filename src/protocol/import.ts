import { similarity, type ComparableClause } from './compare.js';
import { templates } from './templates/index.js';
import type { ClauseKind, ProtocolTemplate, RuleId } from './types.js';

/** A clause as read from a council's own text, before the Clerk confirms it. */
export interface ImportedClause {
  number: string;
  heading: string;
  text: string;
}

/** What Concord suggests a clause is, from the most alike clause among the templates. */
export interface SuggestedClause extends ImportedClause {
  kind: ClauseKind;
  rules: RuleId[];
  /** The template clause it resembles most ("ilminster 2.3"), and how alike (0 to 1). */
  likeness: number;
  like: string | null;
}

/** "2.3", "2.3.5a", "10" followed by "." or ")" or a space: a numbered clause. */
const NUMBERED = /^\s*(\d+(?:\.\d+)*[a-z]?)[.)]?\s+(\S.*)$/;
/** "(a)", "a)", "a." at the start of a line: a lettered clause, numbered under the last numbered one. */
const LETTERED = /^\s*\(?([a-z])[).]\s+(\S.*)$/;

/**
 * A protocol's text split into clauses, in the numbered ("2.3"), lettered ("(a)") or unnumbered
 * (paragraphs, numbered P1, P2 …) styles councils use. A clause's first line is its heading when
 * it is short and does not end a sentence; otherwise its first words are.
 */
export function splitClauses(text: string): ImportedClause[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const numbered = lines.some((l) => NUMBERED.test(l));
  const clauses: { number: string; lines: string[] }[] = [];
  if (numbered) {
    let parent = '';
    for (const line of lines) {
      const n = NUMBERED.exec(line);
      const l = n ? undefined : LETTERED.exec(line);
      if (n) {
        parent = n[1]!;
        clauses.push({ number: n[1]!, lines: [n[2]!] });
      } else if (l && parent) {
        clauses.push({ number: `${parent}${l[1]}`, lines: [l[2]!] });
      } else if (clauses.length) {
        clauses.at(-1)!.lines.push(line);
      }
    }
  } else {
    const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    paragraphs.forEach((p, i) => clauses.push({ number: `P${i + 1}`, lines: p.split('\n') }));
  }
  return clauses.map(({ number, lines: raw }) => {
    const parts = raw.map((l) => l.trim()).filter(Boolean);
    const first = parts[0] ?? '';
    const isHeading = parts.length > 1 && first.length <= 80 && !/[.:;]$/.test(first);
    const body = (isHeading ? parts.slice(1) : parts).join(' ');
    const heading = isHeading ? first : body.split(/\s+/).slice(0, 6).join(' ');
    return { number, heading, text: body };
  });
}

const asComparable = (c: ImportedClause): ComparableClause => ({ number: c.number, heading: c.heading, text: c.text, kind: 'guidance', rules: [] });

/** Suggest each clause's kind and rules from the most alike clause among `pool` (every template by default). */
export function suggestRules(clauses: readonly ImportedClause[], pool: readonly ProtocolTemplate[] = templates): SuggestedClause[] {
  const candidates = pool.flatMap((t) => t.clauses.map((c) => ({ template: t.key, clause: c })));
  return clauses.map((clause) => {
    let best: (typeof candidates)[number] | undefined;
    let likeness = 0;
    for (const candidate of candidates) {
      const score = similarity(asComparable(clause), { number: candidate.clause.number, heading: candidate.clause.heading, text: candidate.clause.text, kind: candidate.clause.kind, rules: candidate.clause.rules });
      if (score > likeness) {
        likeness = score;
        best = candidate;
      }
    }
    // Too little in common to suggest anything: the Clerk decides, starting from guidance.
    if (!best || likeness < 0.12) return { ...clause, kind: 'guidance', rules: [], likeness, like: null };
    return { ...clause, kind: best.clause.kind, rules: [...best.clause.rules], likeness, like: `${best.template} ${best.clause.number}` };
  });
}

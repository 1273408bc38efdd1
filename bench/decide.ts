/**
 * The cost of one decision: `decide()` for a councillor over a mix of actions and the six
 * templates' clause indexes. A list page that checks 50 items must stay well under a
 * millisecond of policy work.
 *
 *   node scripts/run-compiled.mjs bench/decide.ts
 */
import { ACTIONS, RULE_TABLE as table } from '../src/capabilities/registry.js';
import { decide, type ClauseIndex } from '../src/policy/decide.js';
import type { Principal } from '../src/policy/principal.js';
import { indexClauses } from '../src/protocol/clause-index.js';
import { modelTemplate, templates } from '../src/protocol/templates/index.js';

const fallback = indexClauses('Concord model protocol', modelTemplate.clauses);
const indexes: ClauseIndex[] = templates.map((t) => ({ byRule: indexClauses(t.council.name, t.clauses), fallback, table }));
const principals: Principal[] = (['councillor', 'officer', 'clerk'] as const).map((role, i) => ({
  personId: `p${i}`,
  councilId: 'c',
  name: role,
  role,
  councilOffice: role === 'councillor' ? 'chair' : null,
  termStarts: role === 'councillor' ? '2023-05-04' : null,
  termEnds: role === 'councillor' ? '2027-05-06' : null,
  chairOf: [],
  leaderOf: [],
  groupIds: [],
}));

const N = 1_000_000;
let refusals = 0;
// Warm up, then measure in three rounds and report the median.
const rounds: number[] = [];
for (let round = 0; round < 4; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const d = decide(principals[i % 3]!, ACTIONS[i % ACTIONS.length]!, indexes[i % indexes.length]!, '2026-11-22');
    if (!d.allowed) refusals++;
  }
  const ns = Number(process.hrtime.bigint() - start) / N;
  if (round > 0) rounds.push(ns);
}
rounds.sort((a, b) => a - b);
const median = rounds[1]!;
console.log(`decide(): ${median.toFixed(0)} ns a check (median of 3 rounds of ${N.toLocaleString('en-GB')}; ${refusals.toLocaleString('en-GB')} refusals seen)`);
console.log(`a list page checking 50 items: ${((median * 50) / 1000).toFixed(1)} µs of policy work`);

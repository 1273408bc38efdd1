import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexClauses } from '../protocol/clause-index.js';
import { templates, modelTemplate } from '../protocol/templates/index.js';
import type { ProtocolTemplate } from '../protocol/types.js';
import { RULE_TABLE as table } from '../capabilities/registry.js';
import { addresseesOf, decide, type ClauseIndex } from './decide.js';
import type { Principal } from './principal.js';

const TODAY = '2026-11-22';
const fallback = indexClauses('Concord model protocol', modelTemplate.clauses, 'en', true);
const indexOf = (t: ProtocolTemplate): ClauseIndex => ({ byRule: indexClauses(`${t.council.name} protocol`, t.clauses), fallback, table });
const person = (over: Partial<Principal>): Principal => ({
  personId: 'p-1', councilId: 'c-1', name: 'A Councillor', role: 'councillor', councilOffice: null,
  termStarts: '2023-05-04', termEnds: '2027-05-06', chairOf: [], leaderOf: [], groupIds: [], ...over,
});
const PEOPLE = {
  councillor: person({}),
  chair: person({ chairOf: ['committee-1'] }),
  leader: person({ leaderOf: ['group-1'], groupIds: ['group-1'] }),
};
const group = { kind: 'group', id: 'group-1', leaderId: 'p-1', requestsBy: 'members' } as const;

/** The first clause cited, for each kind of person, refused a task and (as a chair) a group's request. */
const cited = (t: ProtocolTemplate) => {
  const first = (p: Principal, d: ReturnType<typeof decide>) => (d.allowed ? undefined : `${d.clauses[0]!.baseline ? 'model ' : ''}${d.clauses[0]!.number}`);
  return {
    task: Object.fromEntries(Object.entries(PEOPLE).map(([k, p]) => [k, first(p, decide(p, 'officer_task.create', indexOf(t), TODAY))])),
    chairAsksForGroup: first(PEOPLE.chair, decide({ ...PEOPLE.chair, groupIds: ['group-1'] }, 'group_request.create', indexOf(t), TODAY, group)),
  };
};

describe('the clause a refusal cites first addresses the person refused', () => {
  const expected: Record<string, ReturnType<typeof cited>> = {
    model: { task: { councillor: '7', chair: '11', leader: '7' }, chairAsksForGroup: '11' },
    crickhowell: { task: { councillor: '2.2.4', chair: '2.2.4', leader: '2.2.4' }, chairAsksForGroup: '2.3' },
    mumbles: { task: { councillor: 'P8', chair: 'P8', leader: 'P8' }, chairAsksForGroup: 'P9' },
    brackley: { task: { councillor: '9.2', chair: '5.1', leader: '9.2' }, chairAsksForGroup: '5.1' },
    ilminster: { task: { councillor: '2.3', chair: '2.3', leader: '2.3' }, chairAsksForGroup: 'model 11' },
    ledbury: { task: { councillor: '2.3.5a', chair: '2.3.5a', leader: '4.2' }, chairAsksForGroup: '4.1' },
  };
  for (const t of templates) {
    it(`${t.key}: a councillor, a committee chair and a group leader are each cited their own clause`, () => {
      assert.deepEqual(cited(t), expected[t.key]);
    });
  }

  it('on every template and rule, puts first a clause that addresses the person wherever one does', () => {
    for (const t of templates) {
      const index = indexOf(t);
      for (const [key, p] of Object.entries(PEOPLE)) {
        const who = addresseesOf(p);
        for (const rule of table.rules) {
          if (rule.actions === 'all') continue;
          const carrying = index.byRule.get(rule.id) ?? [];
          if (carrying.length < 2) continue;
          for (const action of rule.actions) {
            const d = decide({ ...p, groupIds: [] }, action, index, TODAY);
            if (d.allowed || d.ruleId !== rule.id) continue;
            const fits = (addresses: readonly string[] | undefined) => !!addresses?.some((a) => who.includes(a as never) && a !== 'councillor');
            if (d.clauses.some((c) => fits(c.addresses))) assert.ok(fits(d.clauses[0]!.addresses), `${t.key} ${action} for a ${key}: ${d.clauses[0]!.number}`);
            // A clause for other people never comes before one for this person or for everyone.
            const forOthers = (c: (typeof d.clauses)[number]) => !!c.addresses?.length && !c.addresses.some((a) => who.includes(a));
            const firstOther = d.clauses.findIndex(forOthers);
            if (firstOther >= 0) assert.ok(d.clauses.slice(firstOther).every(forOthers), `${t.key} ${action} for a ${key}`);
          }
        }
      }
    }
  });

  it('marks a safeguard from the model protocol, which the council has not adopted', () => {
    const ilminster = templates.find((t) => t.key === 'ilminster')!;
    const d = decide(PEOPLE.councillor, 'group_request.create', indexOf(ilminster), TODAY, group);
    assert.equal(!d.allowed && d.clauses[0]!.baseline, true);
    assert.equal(!d.allowed && d.clauses[0]!.protocol, 'Concord model protocol');
  });
});

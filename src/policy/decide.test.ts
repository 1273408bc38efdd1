import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexClauses } from '../protocol/clause-index.js';
import { templates, modelTemplate } from '../protocol/templates/index.js';
import type { ProtocolTemplate } from '../protocol/types.js';
import type { Action } from './actions.js';
import { ACTIONS, RULE_TABLE as table } from '../capabilities/registry.js';
import { decide, type ClauseIndex } from './decide.js';
import type { Principal } from './principal.js';

const TODAY = '2026-11-22';
const fallback = indexClauses('Concord model protocol', modelTemplate.clauses);
const indexOf = (t: ProtocolTemplate): ClauseIndex => ({ byRule: indexClauses(`${t.council.name} protocol`, t.clauses), fallback, table });

const councillor = (over: Partial<Principal> = {}): Principal => ({
  personId: 'p-1',
  councilId: 'c-1',
  name: 'A Councillor',
  role: 'councillor',
  councilOffice: null,
  termStarts: '2023-05-04',
  termEnds: '2027-05-06',
  chairOf: [],
  leaderOf: [],
  groupIds: [],
  ...over,
});
const officer = (over: Partial<Principal> = {}): Principal => ({ ...councillor(), role: 'officer', termStarts: null, termEnds: null, personId: 'o-1', ...over });
const clerk = (): Principal => officer({ role: 'clerk', personId: 'k-1' });

describe('decide: the protocol as rules', () => {
  for (const template of templates) {
    it(`${template.key}: a councillor cannot give an officer a task, and the refusal cites the template's own clause`, () => {
      const decision = decide(councillor(), 'officer_task.create', indexOf(template), TODAY);
      assert.equal(decision.allowed, false);
      if (decision.allowed) return;
      assert.equal(decision.errorId, 'individual_instruction');
      const carrying = template.clauses.filter((c) => c.rules.includes('no-individual-instruction')).map((c) => c.number);
      assert.deepEqual(decision.clauses.map((c) => c.number).sort(), [...carrying].sort());
      // A councillor who holds no office is cited first a clause for every councillor, not the chairs' clause.
      const first = decision.clauses[0]!;
      assert.ok(!first.addresses?.length || first.addresses.includes('councillor'), `${template.key}: ${first.number} addresses ${first.addresses?.join(', ')}`);
      assert.equal(decision.clauses[0]!.protocol, `${template.council.name} protocol`);
    });
  }

  it('cites Ilminster 2.3, Brackley 9.2 and 5.1, Ledbury 2.3.5a and 4.2 for the instruction rule', () => {
    const cite = (key: string) => {
      const d = decide(councillor({ councilOffice: 'chair' }), 'officer_task.create', indexOf(templates.find((t) => t.key === key)!), TODAY);
      return d.allowed ? [] : d.clauses.map((c) => c.number).sort();
    };
    assert.deepEqual(cite('ilminster'), ['2.3']);
    assert.deepEqual(cite('brackley'), ['5.1', '9.2']);
    assert.deepEqual(cite('ledbury'), ['2.3.5a', '4.2']);
  });

  it('lets the Clerk do everything Concord offers, except what is the chair’s of a meeting', () => {
    // A group's requests are asked by its members; views beside a report are councillors'; and
    // no one asks, through Concord, for an officer's recommendation to be changed. A concern is
    // decided on the case itself (without one, refused); passing an officer's approach on is a
    // councillor's; what the person concerned was told is theirs alone, read on the case;
    // equipment is acknowledged by whoever holds it; a councillor asks for their own
    // dispensation, and members of the body declare their own interests (Localism Act 2011 ss.31, 33).
    const chairs: readonly Action[] = [
      'agreed_action.record',
      'group_request.create',
      'officer_report.record_view',
      'officer_report.request_change',
      'concern.view',
      'concern.handle',
      'concern.decide',
      'concern.pass_on',
      'concern.read_disclosed',
      'equipment.acknowledge',
      'dispensation.request',
      'declaration.make',
    ];
    for (const action of ACTIONS.filter((a) => !chairs.includes(a))) assert.deepEqual(decide(clerk(), action, indexOf(modelTemplate), TODAY), { allowed: true }, action);
    const asClerk = decide(clerk(), 'agreed_action.record', indexOf(modelTemplate), TODAY, undefined, { meetingChairIds: ['someone-else'] });
    assert.equal(!asClerk.allowed && asClerk.errorId, 'chair_records_actions');
  });

  it('lets the chair of a meeting record what it agreed, read from the meeting and not from office', () => {
    const index = indexOf(modelTemplate);
    const me = councillor();
    assert.deepEqual(decide(me, 'agreed_action.record', index, TODAY, undefined, { meetingChairIds: [me.personId] }), { allowed: true });
    const notChair = decide(me, 'agreed_action.record', index, TODAY, undefined, { meetingChairIds: ['another'] });
    assert.equal(!notChair.allowed && notChair.errorId, 'chair_records_actions');
    const unloaded = decide(me, 'agreed_action.record', index, TODAY);
    assert.equal(unloaded.allowed, false, 'fails closed without the meeting’s chairs');
  });

  it('keeps the council’s administration from councillors and from officers other than the Clerk', () => {
    const index = indexOf(modelTemplate);
    for (const action of ['council.configure', 'people.manage', 'staff.manage', 'committees.manage'] as Action[]) {
      const c = decide(councillor(), action, index, TODAY);
      assert.equal(!c.allowed && c.errorId, 'day_to_day_running', action);
      const o = decide(officer(), action, index, TODAY);
      assert.equal(!o.allowed && o.errorId, 'clerk_manages_staff', action);
    }
  });

  it('lets an officer take a task for themselves, not hand one to a colleague', () => {
    const index = indexOf(modelTemplate);
    const me = officer();
    assert.equal(decide(me, 'officer_task.create', index, TODAY, { kind: 'person', role: 'officer', id: me.personId }).allowed, true);
    const other = decide(me, 'officer_task.create', index, TODAY, { kind: 'person', role: 'clerk', id: 'k-1' });
    assert.equal(!other.allowed && other.errorId, 'clerk_manages_staff');
  });

  it('ends a councillor’s access the day after the term ends, and before it starts', () => {
    const index = indexOf(templates.find((t) => t.key === 'crickhowell')!);
    const p = councillor({ termEnds: '2026-11-21' });
    for (const action of ACTIONS) {
      const d = decide(p, action, index, TODAY);
      assert.equal(!d.allowed && d.errorId, 'term_of_office', action);
      assert.equal(!d.allowed && d.clauses[0]!.number, '2.1');
    }
    assert.equal(decide(councillor({ termEnds: TODAY }), 'protocol.read', index, TODAY).allowed, true, 'the last day of the term still counts');
    assert.equal(decide(councillor({ termStarts: '2026-11-23' }), 'protocol.read', index, TODAY).allowed, false);
  });

  it('applies a baseline rule the council’s protocol does not carry, citing the model protocol', () => {
    const none: ClauseIndex = { byRule: new Map(), fallback, table };
    const d = decide(councillor(), 'officer_task.create', none, TODAY);
    assert.equal(d.allowed, false);
    assert.equal(!d.allowed && d.clauses[0]!.protocol, 'Concord model protocol');
  });

  it('treats every councillor alike whatever office or group they hold (equal rights, a property over many principals)', () => {
    // A small seeded generator: the same cases on every run, many combinations.
    let seed = 20261122;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const indexes = templates.map(indexOf);
    // Rules that read office or group say so, and carry a clause that says why (the political groups' rules).
    const readingOffice = new Set(table.rules.filter((r) => r.readsOfficeOrGroup).flatMap((r) => (r.actions === 'all' ? [] : r.actions)));
    const equalActions = ACTIONS.filter((a) => !readingOffice.has(a));
    // What is decided is the same; which clause is cited first may differ, as it addresses the person.
    const outcome = (d: ReturnType<typeof decide>) => (d.allowed ? d : { ...d, clauses: d.clauses.map((c) => c.number).sort() });
    for (let i = 0; i < 2000; i++) {
      const index = pick(indexes);
      const action = pick(equalActions);
      const plain = councillor({ termEnds: pick(['2027-05-06', '2026-01-01', null]) });
      const holder: Principal = {
        ...plain,
        councilOffice: pick(['chair', 'vice_chair', null] as const),
        chairOf: next() < 0.5 ? ['committee-1'] : [],
        leaderOf: next() < 0.5 ? ['group-1'] : [],
        groupIds: next() < 0.5 ? ['group-1', 'group-2'] : [],
      };
      assert.deepEqual(outcome(decide(holder, action, index, TODAY)), outcome(decide(plain, action, index, TODAY)), `${action} for ${JSON.stringify(holder)}`);
    }
  });
});

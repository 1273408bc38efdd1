import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareProtocols, type ComparableClause } from './compare.js';
import { findTemplate } from './templates/index.js';

const ilminster = findTemplate('ilminster')!;
const v2: ComparableClause[] = ilminster.clauses.map((c) => ({ number: c.number, heading: c.heading, text: c.text, kind: c.kind, rules: c.rules }));

describe('comparing two versions clause by clause', () => {
  // Version 3: 2.3 renumbered 5.1, 2.4 reworded, 4.2 removed, a clause added, and 2.9 no longer carrying its rule.
  const v3 = v2
    .filter((c) => c.number !== '4.2')
    .map((c) => (c.number === '2.3' ? { ...c, number: '5.1' } : c))
    .map((c) => (c.number === '2.4' ? { ...c, text: c.text.replace('reported back to', 'reported in writing to') } : c))
    .map((c) => (c.number === '2.9' ? { ...c, kind: 'guidance' as const, rules: [] } : c));
  v3.push({ number: 'A1', heading: 'Acknowledging the protocol', text: 'Every councillor and officer acknowledges the protocol in force.', kind: 'recorded', rules: ['code-of-conduct'] });
  const result = compareProtocols(v2, v3);
  const about = (n: string) => result.clauses.find((c) => (c.to ?? c.from)!.number === n)!;

  it('finds the renumbered, reworded, removed and added clauses, and leaves the rest unchanged', () => {
    assert.equal(about('5.1').status, 'renumbered');
    assert.equal(about('5.1').from!.number, '2.3');
    assert.equal(about('5.1').reworded, false);
    assert.equal(about('2.4').status, 'changed');
    assert.equal(about('4.2').status, 'removed');
    assert.equal(about('A1').status, 'added');
    assert.equal(about('2.9').status, 'changed');
    assert.equal(about('2.9').kindChanged, true);
    assert.deepEqual(result.counts, { added: 1, removed: 1, renumbered: 1, changed: 2, unchanged: v2.length - 4 });
  });

  it('marks the words changed', () => {
    const words = about('2.4').words;
    assert.deepEqual(
      words.filter((w) => w.change !== 'same').map((w) => [w.change, w.value.trim()]),
      [
        ['removed', 'back'],
        ['added', 'in writing'],
      ],
    );
    assert.equal(words.filter((w) => w.change !== 'removed').map((w) => w.value).join(''), v3.find((c) => c.number === '2.4')!.text);
    assert.equal(words.filter((w) => w.change !== 'added').map((w) => w.value).join(''), v2.find((c) => c.number === '2.4')!.text);
  });

  it('gives the difference in the rules in force', () => {
    const rule29 = ilminster.clauses.find((c) => c.number === '2.9')!.rules;
    const rule42 = ilminster.clauses.find((c) => c.number === '4.2')!.rules;
    const stillCarried = new Set(v3.flatMap((c) => c.rules));
    assert.deepEqual(result.rulesRemoved, [...new Set([...rule29, ...rule42])].filter((r) => !stillCarried.has(r)).sort());
    assert.deepEqual(result.rulesAdded, ['code-of-conduct'].filter((r) => !v2.some((c) => c.rules.includes(r))));
  });

  it('compares a council’s protocol with another template', () => {
    const model = findTemplate('model')!.clauses.map((c) => ({ number: c.number, heading: c.heading, text: c.text, kind: c.kind, rules: c.rules }));
    const other = compareProtocols(v2, model);
    const total = other.counts.added + other.counts.removed + other.counts.renumbered + other.counts.changed + other.counts.unchanged;
    assert.ok(total >= Math.max(v2.length, model.length));
    console.log(`ilminster → model: ${JSON.stringify(other.counts)}; rules added ${other.rulesAdded.join(', ') || 'none'}; removed ${other.rulesRemoved.join(', ') || 'none'}`);
  });
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_IDS } from '../types.js';
import { findTemplate, templates } from './index.js';

const KEY_RULES = ['no-individual-instruction', 'no-day-to-day-running', 'clerk-manages-staff', 'equal-rights', 'term-of-office'] as const;

describe('protocol templates', () => {
  it('ships the general model and the five seed councils', () => {
    assert.deepEqual(templates.map((t) => t.key), ['model', 'crickhowell', 'mumbles', 'brackley', 'ilminster', 'ledbury']);
  });

  for (const t of templates) {
    it(`${t.key}: numbers are unique, rule ids known, and the foundation's rules all carried`, () => {
      const numbers = t.clauses.map((c) => c.number);
      assert.equal(new Set(numbers).size, numbers.length);
      for (const c of t.clauses) {
        for (const r of c.rules) assert.ok((RULE_IDS as readonly string[]).includes(r), `${c.number}: ${r}`);
        if (c.kind === 'guidance') assert.deepEqual(c.rules, [], `${c.number} is guidance and carries no rule`);
        assert.match(c.summary, /^[a-z].*\.$/, `${c.number}: a summary reads on after "Refused under clause …:"`);
      }
      for (const rule of KEY_RULES) assert.ok(t.clauses.some((c) => c.rules.includes(rule)), `${t.key} carries ${rule}`);
      if (t.settings.personnelCommittee) assert.ok(t.committees.some((c) => c.name === t.settings.personnelCommittee && c.holdsPersonnel));
    });
  }

  it('keeps each council’s own terminology and settings', () => {
    const get = (k: string) => findTemplate(k)!;
    assert.equal(get('mumbles').terminology.clerk, 'Chief Officer');
    assert.equal(get('mumbles').terminology.council, 'Community Council');
    assert.equal(get('mumbles').council.nation, 'wales');
    assert.equal(get('crickhowell').council.nation, 'wales');
    assert.equal(get('crickhowell').settings.clerkIsRfo, true);
    assert.equal(get('brackley').terminology.chair, 'Mayor');
    assert.deepEqual(get('brackley').settings.concernsAboutClerkGoTo, ['chair', 'finance_committee_chair']);
    assert.equal(get('brackley').settings.personnelCommittee, 'Staffing Committee');
    assert.equal(get('ledbury').settings.agendaNoticeDays, 7);
    assert.equal(get('ledbury').settings.personnelCommittee, 'Standing Committee');
    assert.ok(get('ledbury').clauses.some((c) => c.number === '2.3.5a'), 'Ledbury’s second 2.3.5 keeps its own number');
    assert.equal(get('ilminster').council.name, 'Ilminster Town Council');
    assert.deepEqual(get('crickhowell').versions.map((v) => v.version), ['1', '2', '3']);
  });

  // The seeds are reference for facts, not text to copy: no run of eight words is taken over.
  const seedDir = join(import.meta.dirname ?? '', '..', '..', '..', '..', 'shared', 'seeds');
  it('is written in Concord’s own words, not copied from the seed protocols', { skip: existsSync(seedDir) ? false : 'the seed protocols are not beside this checkout' }, () => {
    const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean);
    const shingles = new Set<string>();
    for (const file of readdirSync(seedDir).filter((f) => f.endsWith('.txt'))) {
      const w = words(readFileSync(join(seedDir, file), 'utf8'));
      for (let i = 0; i + 8 <= w.length; i++) shingles.add(w.slice(i, i + 8).join(' '));
    }
    for (const t of templates) {
      for (const c of t.clauses) {
        const w = words(`${c.heading} ${c.text} ${c.summary}`);
        for (let i = 0; i + 8 <= w.length; i++) assert.ok(!shingles.has(w.slice(i, i + 8).join(' ')), `${t.key} ${c.number} copies "${w.slice(i, i + 8).join(' ')}"`);
      }
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProtocolTemplate } from '../types.js';
import { crickhowellWelsh } from './crickhowell.cy.js';
import { crickhowellTemplate } from './crickhowell.js';
import { modelWelsh } from './model.cy.js';
import { modelTemplate } from './model.js';
import { mumblesWelsh } from './mumbles.cy.js';
import { mumblesTemplate } from './mumbles.js';
import type { WelshTemplate } from './welsh.js';

const PAIRS: readonly (readonly [ProtocolTemplate, WelshTemplate])[] = [
  [modelTemplate, modelWelsh],
  [crickhowellTemplate, crickhowellWelsh],
  [mumblesTemplate, mumblesWelsh],
];

/** Welsh mutates a word's first sound (Clerc, Glerc, Chlerc, Nghlerc): a term is found in any of its forms. */
const MUTATIONS: readonly (readonly [string, readonly string[]])[] = [
  ['ll', ['l']],
  ['rh', ['r']],
  ['c', ['g', 'ngh', 'ch']],
  ['p', ['b', 'mh', 'ph']],
  ['t', ['d', 'nh', 'th']],
  ['g', ['', 'ng']],
  ['b', ['f', 'm']],
  ['d', ['dd', 'n']],
  ['m', ['f']],
];
function mentions(welsh: string, term: string): boolean {
  const lower = term.toLowerCase();
  const rule = MUTATIONS.find(([radical]) => lower.startsWith(radical));
  const forms = rule ? [rule[0], ...rule[1]].map((initial) => initial + lower.slice(rule[0].length)) : [lower];
  return forms.some((form) => welsh.toLowerCase().includes(form));
}

describe('Welsh protocol templates', () => {
  for (const [english, welsh] of PAIRS) {
    it(`${english.key}: every clause of the English template has its Welsh, and no other`, () => {
      assert.deepEqual(Object.keys(welsh.clauses).sort(), english.clauses.map((c) => c.number).sort());
    });

    it(`${english.key}: no Welsh field is empty or the same as the English`, () => {
      const differs = (cy: string, en: string, where: string) => {
        assert.ok(cy.trim().length > 0, `${where} is empty`);
        assert.notEqual(cy.trim(), en.trim(), `${where} is the English`);
      };
      differs(welsh.title, english.title, 'title');
      differs(welsh.terminology.clerk, english.terminology.clerk, 'terminology.clerk');
      differs(welsh.terminology.chair, english.terminology.chair, 'terminology.chair');
      differs(welsh.terminology.viceChair, english.terminology.viceChair, 'terminology.viceChair');
      differs(welsh.terminology.council, english.terminology.council, 'terminology.council');
      // The model protocol belongs to no council: its English council name is only an example.
      if (english.key === 'model') assert.equal(welsh.terminology.councilName, '');
      else differs(welsh.terminology.councilName, english.council.name, 'terminology.councilName');
      for (const c of english.clauses) {
        const cy = welsh.clauses[c.number];
        if (!cy) continue; // reported by the test above
        differs(cy.heading, c.heading, `${c.number} heading`);
        differs(cy.text, c.text, `${c.number} text`);
        differs(cy.summary, c.summary, `${c.number} summary`);
      }
    });

    it(`${english.key}: each summary reads on after "Gwrthodwyd o dan gymal …:"`, () => {
      for (const [number, cy] of Object.entries(welsh.clauses)) {
        assert.match(cy.summary, /^\p{Ll}.*\.$/u, `${number}: starts in lower case and ends with a full stop`);
      }
    });

    it(`${english.key}: the Welsh names the offices wherever the English does`, () => {
      const terms = ['clerk', 'chair', 'council'] as const;
      for (const c of english.clauses) {
        const cy = welsh.clauses[c.number];
        if (!cy) continue;
        for (const field of ['heading', 'text', 'summary'] as const) {
          for (const term of terms) {
            if (!c[field].includes(english.terminology[term])) continue;
            assert.ok(mentions(cy[field], welsh.terminology[term]), `${c.number} ${field}: names the ${term} as "${welsh.terminology[term]}"`);
          }
        }
      }
    });

    it(`${english.key}: each approval version has its Welsh summary`, () => {
      if (english.versions.length > 0) assert.ok(welsh.versions, 'the English has an approval record, so the Welsh gives its summaries');
      if (!welsh.versions) return;
      assert.deepEqual(Object.keys(welsh.versions).sort(), english.versions.map((v) => v.version).sort());
      for (const v of english.versions) {
        const cy = welsh.versions[v.version];
        assert.ok(cy && cy.summary.trim().length > 0, `version ${v.version} has a Welsh summary`);
        assert.notEqual(cy.summary.trim(), v.summary.trim(), `version ${v.version} summary is the English`);
      }
    });
  }

  it('uses the Welsh names of the councils and their offices', () => {
    assert.equal(crickhowellWelsh.terminology.councilName, 'Cyngor Tref Crucywel');
    assert.equal(crickhowellWelsh.terminology.clerk, 'Clerc y Dref');
    assert.equal(crickhowellWelsh.terminology.chair, 'Maer');
    assert.equal(mumblesWelsh.terminology.councilName, 'Cyngor Cymuned y Mwmbwls');
    assert.equal(mumblesWelsh.terminology.clerk, 'Prif Swyddog');
  });
});

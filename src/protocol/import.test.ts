import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitClauses, suggestRules } from './import.js';
import { templates } from './templates/index.js';

describe('importing a council’s own protocol text', () => {
  it('splits numbered, lettered and unnumbered styles into clauses', () => {
    const numbered = splitClauses('1. Introduction\nThis protocol guides relations.\n2.3 Councillors acting alone\nNo councillor instructs an officer.\n(a) Not even the chair.\n');
    assert.deepEqual(numbered.map((c) => c.number), ['1', '2.3', '2.3a']);
    assert.equal(numbered[1]!.heading, 'Councillors acting alone');
    assert.equal(numbered[1]!.text, 'No councillor instructs an officer.');
    const unnumbered = splitClauses('Officers serve the whole council.\n\nCouncillors respect the officers’ impartiality.');
    assert.deepEqual(unnumbered.map((c) => c.number), ['P1', 'P2']);
  });

  it('recovers each template’s clauses from its text, renumbered, and suggests their rules from the other templates', () => {
    const lines: string[] = [];
    let clausesRight = 0;
    let rulesRight = 0;
    let kindsRight = 0;
    let total = 0;
    for (const template of templates) {
      // The template rendered as plain text, renumbered 1, 2, 3 …
      const text = template.clauses.map((c, i) => `${i + 1}. ${c.heading}\n${c.text}`).join('\n\n');
      const split = splitClauses(text);
      assert.equal(split.length, template.clauses.length, `${template.key}: every clause is found`);
      // Leave the template out of the pool, so the suggestion is not its own clause found again.
      const suggested = suggestRules(split, templates.filter((t) => t.key !== template.key));
      let right = 0;
      template.clauses.forEach((original, i) => {
        const s = suggested[i]!;
        if (s.text === original.text && s.heading === original.heading) clausesRight++;
        const same = [...s.rules].sort().join() === [...original.rules].sort().join();
        if (same) right++;
        if (s.kind === original.kind) kindsRight++;
      });
      rulesRight += right;
      total += template.clauses.length;
      lines.push(`${template.key}: ${template.clauses.length} clauses; rules suggested exactly for ${right} (${Math.round((100 * right) / template.clauses.length)}%)`);
    }
    console.log(`import accuracy (each template against the others):\n  ${lines.join('\n  ')}\n  clauses recovered word for word: ${clausesRight}/${total}; rules exact: ${rulesRight}/${total} (${Math.round((100 * rulesRight) / total)}%); kind right: ${kindsRight}/${total} (${Math.round((100 * kindsRight) / total)}%)`);
    assert.equal(clausesRight, total, 'every clause’s heading and text come back as written');
  });
});

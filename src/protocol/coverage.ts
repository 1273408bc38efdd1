import { APPLIED_AT } from '../capabilities/registry.js';
import { templates } from './templates/index.js';

/**
 * The clause coverage document (docs/clause-coverage.md): for every template, each clause,
 * its kind, the rules it carries, and whether Concord applies them yet. Generated, and
 * checked by a test, so it cannot drift from the code.
 */
export function clauseCoverage(): string {
  const lines = [
    '# Clause coverage',
    '',
    'Generated from the templates and the rule table by `npm run coverage`; a test fails when this file is out of date.',
    '',
    'Kinds: **enforced** (Concord refuses what the clause forbids, naming it), **routed** (a workflow follows it), **recorded** (Concord keeps the record it asks for), **guidance** (shown where it matters).',
    '"Applied" says whether every rule the clause carries is applied by Concord today; the rest come with later capabilities.',
    '',
  ];
  for (const t of templates) {
    const applied = t.clauses.filter((c) => c.rules.length > 0 && c.rules.every((r) => APPLIED_AT[r]));
    lines.push(`## ${t.council.name} (\`${t.key}\`)`, '', `${t.clauses.length} clauses; ${applied.length} with every rule applied.`, '');
    lines.push('| clause | heading | kind | rules | applied |', '|---|---|---|---|---|');
    for (const c of t.clauses) {
      const rules = c.rules.length ? c.rules.map((r) => `\`${r}\``).join(', ') : '—';
      const state = c.rules.length === 0 ? '—' : c.rules.every((r) => APPLIED_AT[r]) ? 'yes' : c.rules.some((r) => APPLIED_AT[r]) ? 'partly' : 'not yet';
      lines.push(`| ${c.number} | ${c.heading.replace(/\|/g, '\\|')} | ${c.kind} | ${rules} | ${state} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

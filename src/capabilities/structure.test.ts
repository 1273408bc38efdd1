import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { cruise } from 'dependency-cruiser';
import { ACTION_DECLARATIONS, RULE_TABLE } from './registry.js';
import { CAPABILITIES } from './index.js';

const root = join(import.meta.dirname ?? '', '..', '..');
const src = join(root, 'src');

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(name) ? [path] : [];
  });
}
const routeFiles = () => files(src, (n) => /routes?\.ts$|-routes\.ts$|-page\.ts$/.test(n) && !n.endsWith('.test.ts'));

describe('the shape of the tree', () => {
  it('has no import circle at run time, no capability importing another’s routes, and nothing using async_hooks', async () => {
    // The rules are in .dependency-cruiser.cjs, so `npx depcruise src` checks the same by hand.
    const { default: config } = (await import(join(root, '.dependency-cruiser.cjs'))) as { default: { forbidden: unknown[]; options: Record<string, unknown> } };
    const result = await cruise(['src'], { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true } as never);
    const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string; cycle?: unknown[] }[] } };
    const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.deepEqual(violations, []);
  });

  it('lists every capability folder once: a new capability is a folder and one line', () => {
    const folders = readdirSync(src).filter((name) => name !== 'capabilities' && existsSync(join(src, name, 'capability.ts')));
    assert.deepEqual([...CAPABILITIES.map((c) => c.id)].sort(), folders.sort());
    assert.equal(new Set(CAPABILITIES.map((c) => c.id)).size, CAPABILITIES.length);
  });

  it('puts every action some rule governs in the declarations, and every declared action in the table', () => {
    const declared = new Set(Object.keys(ACTION_DECLARATIONS));
    for (const rule of RULE_TABLE.rules) if (rule.actions !== 'all') for (const action of rule.actions) assert.ok(declared.has(action), `${rule.id} governs ${action}, which no capability declares`);
    assert.deepEqual([...RULE_TABLE.actions].sort(), [...declared].sort());
  });

  it('keeps route files thin: none over 400 lines, and none casting a page’s post by hand', () => {
    const long = routeFiles().filter((f) => readFileSync(f, 'utf8').split('\n').length > 400);
    assert.deepEqual(long.map((f) => relative(src, f)), []);
    const casts = files(src, (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
      .filter((f) => relative(src, f) !== join('web', 'form.ts'))
      .filter((f) => readFileSync(f, 'utf8').includes('(req.body ?? {}) as'));
    assert.deepEqual(casts.map((f) => relative(src, f)), []);
  });

  it('asks the rules, not the person’s role, in routes and templates', () => {
    const asking = /\b(me|user|principal|req\.user\(\)|req\.principal)\??\.role\s*(===|!==|==|!=)/;
    const offenders = [...routeFiles(), ...files(src, (n) => n.endsWith('.njk'))].filter((f) => asking.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map((f) => relative(src, f)), []);
  });
});

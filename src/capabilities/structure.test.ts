import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cruise } from 'dependency-cruiser';
import { ACTION_DECLARATIONS, RULE_TABLE } from './registry.js';
import { CAPABILITIES } from './index.js';

const root = join(import.meta.dirname ?? '', '..', '..');
const src = join(root, 'src');

describe('the shape of the tree', () => {
  it('has no import circle at run time, and no capability imports another’s routes', async () => {
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
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { clauseCoverage } from './coverage.js';

describe('docs/clause-coverage.md', () => {
  it('matches the templates and the rule table (run `npm run coverage` after changing either)', () => {
    const committed = readFileSync(new URL('../../docs/clause-coverage.md', import.meta.url), 'utf8');
    assert.equal(committed, clauseCoverage());
  });
});

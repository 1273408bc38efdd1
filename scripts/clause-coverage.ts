// Writes docs/clause-coverage.md from the templates and the rule table.
import { writeFileSync } from 'node:fs';
import { clauseCoverage } from '../src/protocol/coverage.js';

writeFileSync(new URL('../docs/clause-coverage.md', import.meta.url), clauseCoverage());

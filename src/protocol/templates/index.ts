import type { ProtocolTemplate } from '../types.js';
import { brackleyTemplate } from './brackley.js';
import { crickhowellTemplate } from './crickhowell.js';
import { ilminsterTemplate } from './ilminster.js';
import { ledburyTemplate } from './ledbury.js';
import { modelTemplate } from './model.js';
import { mumblesTemplate } from './mumbles.js';
import { crickhowellWelsh } from './crickhowell.cy.js';
import { modelWelsh } from './model.cy.js';
import { mumblesWelsh } from './mumbles.cy.js';

export { brackleyTemplate, crickhowellTemplate, ilminsterTemplate, ledburyTemplate, modelTemplate, mumblesTemplate };

/** Every template Concord ships: the general model first, then the five seed councils. */
export const templates: readonly ProtocolTemplate[] = [
  modelTemplate,
  { ...crickhowellTemplate, welsh: crickhowellWelsh },
  { ...mumblesTemplate, welsh: mumblesWelsh },
  brackleyTemplate,
  ilminsterTemplate,
  ledburyTemplate,
];

/** The template with this key, or undefined. */
export function findTemplate(key: string): ProtocolTemplate | undefined {
  return templates.find((t) => t.key === key);
}

/** The model protocol's clauses in Welsh, cited on Welsh pages for a safeguard a council's protocol lacks. */
export const modelClausesInWelsh = modelWelsh.clauses;

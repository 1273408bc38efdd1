import type { FieldProblem } from './errors.js';

/**
 * Where a request's input holds a NUL character: no text column can store one (PostgreSQL
 * refuses it outright), so it is refused as bad input, naming the field, before anything
 * reads it. Other control characters are stored and shown escaped, like any text.
 */
export function nulCharacterProblems(input: { params?: unknown; query?: unknown; body?: unknown }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (value: unknown, path: string[], depth: number) => {
    if (problems.length >= 10 || depth > 20) return;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        const field = path.join('.') || 'body';
        problems.push({ field, key: 'validation.nulCharacter', vars: { label: field, Label: field } });
      }
      return;
    }
    // A file's bytes are the file's business (src/documents/files.ts checks them); only its name is text.
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return;
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) problems.push({ field: [...path, key.replace(/\u0000/g, '')].join('.'), key: 'validation.nulCharacter', vars: { label: 'name', Label: 'name' } });
      visit(item, [...path, key], depth + 1);
    }
  };
  visit(input.params, [], 0);
  visit(input.query, [], 0);
  visit(input.body, [], 0);
  return problems;
}

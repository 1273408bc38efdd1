import type { FieldProblem } from './errors.js';

/**
 * Where a request's input holds text no database column can store, it is refused as bad
 * input, naming the field, before anything reads it:
 * - a NUL character (PostgreSQL refuses it outright);
 * - half of a UTF-16 surrogate pair on its own (JSON allows "\ud800", but it is not a
 *   character; PostgreSQL's json refuses it, and UTF-8 cannot say it).
 * Other control characters are stored and shown escaped, like any text.
 */
export function unstorableTextProblems(input: { params?: unknown; query?: unknown; body?: unknown }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (value: unknown, path: string[], depth: number) => {
    if (problems.length >= 10 || depth > 20) return;
    if (typeof value === 'string') {
      const key = textProblem(value);
      if (key) {
        const field = path.join('.') || 'body';
        problems.push({ field, key, vars: { label: field, Label: field } });
      }
      return;
    }
    // A file's bytes are the file's business (src/documents/files.ts checks them); only its name is text.
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return;
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) problems.push({ field: [...path, key.replace(/\u0000/g, '').toWellFormed()].join('.'), key: problem, vars: { label: 'name', Label: 'name' } });
      visit(item, [...path, key], depth + 1);
    }
  };
  visit(input.params, [], 0);
  visit(input.query, [], 0);
  visit(input.body, [], 0);
  return problems;
}

function textProblem(text: string): 'validation.nulCharacter' | 'validation.brokenCharacter' | undefined {
  if (text.includes('\u0000')) return 'validation.nulCharacter';
  if (!text.isWellFormed()) return 'validation.brokenCharacter';
  return undefined;
}

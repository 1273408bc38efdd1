import type { Vars } from '../i18n/messages.js';
import type { Decision } from '../policy/decide.js';

/** A refusal by the protocol: shown as a page naming the clause, or 403 JSON. */
export class RefusedError extends Error {
  constructor(readonly decision: Extract<Decision, { allowed: false }>) {
    super(`refused: ${decision.errorId}`);
  }
}

/** Not found, or not this council's: the two look the same from outside. */
export class NotFoundError extends Error {
  constructor() {
    super('not found');
  }
}

export class UnauthenticatedError extends Error {
  constructor() {
    super('unauthenticated');
  }
}

/** Text to be translated at the edge, in the reader's language: a catalogue key and its values. */
export interface Text {
  key: string;
  vars?: Vars;
}

export interface FieldError {
  /** The field's name as the form and the API call it. */
  field: string;
  message: string;
}

/** A field's error as a service states it: in keys, translated where it is shown. */
export interface FieldProblem extends Text {
  field: string;
}

/**
 * Input that fails validation in a service (a rule the schema cannot see, e.g. a taken email).
 * Services give keys (`FieldProblem`); routes and jobs translate them in the reader's language.
 */
export class InvalidInputError extends Error {
  readonly problems: readonly (FieldError | FieldProblem)[];
  constructor(fields: readonly (FieldError | FieldProblem)[]) {
    super(`invalid input: ${fields.map((f) => f.field).join(', ')}`);
    this.problems = fields;
  }

  /** The errors in the reader's words: one a field, several problems with one field joined ("…; …"). */
  fieldsIn(t: (key: string, vars?: Vars) => string): FieldError[] {
    const byField = new Map<string, string[]>();
    for (const p of this.problems) {
      const message = 'key' in p ? capitalise(t(p.key, p.vars)) : p.message;
      byField.set(p.field, [...(byField.get(p.field) ?? []), message]);
    }
    return [...byField].map(([field, messages]) => ({ field, message: messages.join('; ') }));
  }
}

/**
 * Something the service will not do, for a reason of its own domain (not a rule of the
 * protocol, which is a RefusedError): a stable id for API clients, and the message as a key.
 * Answered 400 (or `status`), as a page or as JSON, in the reader's language.
 */
export class DomainError extends Error {
  constructor(
    readonly id: string,
    readonly key: string,
    readonly vars: Vars = {},
    readonly options: { status?: 400 | 404 | 409 | 422; field?: string } = {},
  ) {
    super(`${id}: ${key}`);
  }

  get field(): string | undefined {
    return this.options.field;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

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

export interface FieldError {
  /** The field's name as the form and the API call it. */
  field: string;
  message: string;
}

/** Input that fails validation in a service (a rule the schema cannot see, e.g. a taken email). */
export class InvalidInputError extends Error {
  constructor(readonly fields: readonly FieldError[]) {
    super(`invalid input: ${fields.map((f) => f.field).join(', ')}`);
  }
}

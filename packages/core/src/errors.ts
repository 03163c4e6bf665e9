// One typed error hierarchy for the whole project. Every error a user can cause or an
// operator must act on extends ToolRecError, and callers map errors by class:
// apps/api/src/errors.ts turns each class into a GraphQL extensions.code, the CLI prints
// them (packages/cli/src/main.ts). Anything else is an internal error.

export abstract class ToolRecError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Bad input; `field` names the offending field as the client spelled it ("name",
 * "utterances[2]", "config.alpha", "after"). GraphQL BAD_USER_INPUT. Subclasses name the
 * domain that rejected it (calibration config, KTO batch, file format); they are mapped
 * like this class.
 */
export class ValidationError extends ToolRecError {
  readonly code = "BAD_USER_INPUT";
  constructor(
    readonly field: string,
    message: string,
    readonly details?: readonly FieldProblem[],
  ) {
    super(message);
  }
  static fromFieldErrors(errors: readonly FieldProblem[]): ValidationError {
    const first = errors[0] ?? { field: "input", message: "invalid input" };
    return new ValidationError(first.field, first.message, errors);
  }
}

/** A stale version on an optimistic-concurrency update (GraphQL CONFLICT). */
export class ConflictError extends ToolRecError {
  readonly code = "CONFLICT";
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

export class NotFoundError extends ToolRecError {
  readonly code = "NOT_FOUND";
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/**
 * Something outside the project that the operation needs could not be reached or refused
 * (a model hub, a network). The message says what to do instead; GraphQL UNAVAILABLE.
 */
export class UnavailableError extends ToolRecError {
  readonly code = "UNAVAILABLE";
}

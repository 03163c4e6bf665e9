// One typed error hierarchy for the domain. apps/api maps each class to a GraphQL
// extensions.code in one place (apps/api/src/errors.ts); the CLI prints them.

export abstract class ToolRecError extends Error {
  abstract readonly code: string;
}

/** Bad input; `field` names the offending field (GraphQL BAD_USER_INPUT). */
export class ValidationError extends ToolRecError {
  readonly code = "BAD_USER_INPUT";
  constructor(readonly field: string, message: string, readonly details?: { field: string; message: string }[]) {
    super(message);
  }
  static fromFieldErrors(errors: { field: string; message: string }[]): ValidationError {
    const first = errors[0] ?? { field: "input", message: "invalid input" };
    return new ValidationError(first.field, first.message, errors);
  }
}

/** A stale version on an optimistic-concurrency update (GraphQL CONFLICT). */
export class ConflictError extends ToolRecError {
  readonly code = "CONFLICT";
  constructor(message: string, readonly currentVersion?: number) {
    super(message);
  }
}

export class NotFoundError extends ToolRecError {
  readonly code = "NOT_FOUND";
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} not found`);
  }
}

/** Every error a client can see. The GraphQL formatter maps each to `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller's token used up its requests for now; `retryAfterSeconds` says when to come back. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The database did not answer in time (statement timeout, no free connection). Safe to retry. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One problem with one input value, located by its dotted path (e.g. `input.annualCost.currency`). */
export interface InputProblem {
  path: string;
  message: string;
  /** For problems inside an imported file: where in it (1-based line/column, or a JSON pointer). */
  line?: number;
  column?: number;
  pointer?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(problems: InputProblem[]): DomainError {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return new DomainError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${summary}`, {
      path: problems[0]?.path,
      problems,
    });
  }

  static notFound(what: string, key: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} "${key}" does not exist`, { key });
  }
}

import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isConnectionError, isPoolTimeout } from '../../database/connection-errors';
import { DomainError, ErrorCode } from '../errors';

export interface ErrorLog {
  error(payload: object, message: string): void;
}

/** Codes that GraphQL and Apollo raise themselves for malformed requests; their messages are safe. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** PostgreSQL error classes that can reach a client through a race the service checks could not see. */
const DATABASE_ERROR_CODES: Record<string, { code: ErrorCode; message: string }> = {
  '23505': { code: ErrorCode.CONFLICT, message: 'A record with the same key already exists' },
  '23503': { code: ErrorCode.CONFLICT, message: 'A referenced record does not exist or is still referenced' },
  '23514': { code: ErrorCode.BAD_USER_INPUT, message: 'A value breaks a rule of the catalog' },
  '22001': { code: ErrorCode.BAD_USER_INPUT, message: 'A value is too long' },
  '22003': { code: ErrorCode.BAD_USER_INPUT, message: 'A number is out of range' },
  '22007': { code: ErrorCode.BAD_USER_INPUT, message: 'A date or time is not valid' },
  '22021': { code: ErrorCode.BAD_USER_INPUT, message: 'Text contains a character that cannot be stored' },
  '22P02': { code: ErrorCode.BAD_USER_INPUT, message: 'A value has the wrong format' },
  '22P05': { code: ErrorCode.BAD_USER_INPUT, message: 'Text contains a character that cannot be stored' },
  '57014': {
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'The database did not answer in time (statement timeout); narrow the request or retry',
  },
  '53300': { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The database has no free connection; retry shortly' },
  '40001': { code: ErrorCode.CONFLICT, message: 'A concurrent change interfered; retry the request' },
  '40P01': { code: ErrorCode.CONFLICT, message: 'A concurrent change interfered; retry the request' },
};

/**
 * The one place where errors become GraphQL errors. Clients get a code and a
 * message; never SQL, stack traces or driver messages.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: ErrorLog,
): GraphQLFormattedError {
  const original = unwrap(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  if (isPoolTimeout(original)) {
    return {
      ...base,
      message: 'No database connection became free in time (all are busy); retry shortly',
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  const database = databaseError(original);
  if (database) {
    const details = database.constraint ? { constraint: database.constraint } : {};
    return { ...base, message: database.message, extensions: { code: database.code, ...details } };
  }
  // The database is down, restarting, or ended the session under the request.
  if (isConnectionError(original)) {
    return {
      ...base,
      message: 'The database cannot be reached right now; retry shortly',
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    // Refusals raised before execution (by graphql-js, Apollo or Estate's plugins): details are safe to show.
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...base, extensions: { ...extensions, code } };
  }
  // graphql-js itself refused the request (e.g. a variable of the wrong type) before any resolver ran.
  if (original instanceof GraphQLError && !original.originalError && formatted.path === undefined) {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  log.error({ err: original, path: formatted.path }, 'unexpected error while resolving a GraphQL request');
  return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

function unwrap(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5 && current && typeof current === 'object' && 'originalError' in current; i++) {
    const next = (current as { originalError?: unknown }).originalError;
    if (!next) break;
    current = next;
  }
  return current;
}

function databaseError(error: unknown): { code: ErrorCode; message: string; constraint?: string } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const driverError = ('driverError' in error ? error.driverError : error) as {
    code?: unknown;
    constraint?: unknown;
  };
  if (typeof driverError?.code !== 'string') return undefined;
  const known = DATABASE_ERROR_CODES[driverError.code];
  if (!known) return undefined;
  return typeof driverError.constraint === 'string' ? { ...known, constraint: driverError.constraint } : known;
}

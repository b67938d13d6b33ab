import { DomainError, ErrorCode } from './errors';
import { isUuid } from './validators';

/**
 * Keyset cursor: the sort value of the last row (as PostgreSQL prints it, so it
 * round-trips exactly, microseconds included) plus its id as a tie-breaker.
 * `order` binds a cursor to the ordering it was made for.
 */
export interface Cursor {
  order: string;
  value: string | null;
  id: string;
}

/** The SQL type of a cursor's sort value; a value that would not parse as it is refused. */
export type CursorValueType = 'text' | 'numeric' | 'timestamptz';

const VALUE_FORMATS: Record<CursorValueType, RegExp> = {
  text: /^/, // any text; NUL is refused below
  numeric: /^-?\d{1,20}(\.\d{1,20})?$/,
  // PostgreSQL's text output of timestamptz, e.g. 2026-11-22 01:58:36.123456+00
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/,
};

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, expectedOrder: string, valueType: CursorValueType, path = 'after'): Cursor {
  const invalid = (why: string) =>
    new DomainError(ErrorCode.BAD_USER_INPUT, `${path}: ${why}`, {
      path,
      problems: [{ path, message: why }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor returned by this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    (parsed[1] !== null && typeof parsed[1] !== 'string') ||
    typeof parsed[2] !== 'string'
  ) {
    throw invalid('not a cursor returned by this API');
  }
  const [order, value, id] = parsed as [string, string | null, string];
  if (order !== expectedOrder) {
    throw invalid(`cursor was made for ordering ${order}, not ${expectedOrder}; start again without "after"`);
  }
  if (!isUuid(id) || (value !== null && (value.includes('\u0000') || !VALUE_FORMATS[valueType].test(value)))) {
    throw invalid('not a cursor returned by this API');
  }
  return { order, value, id };
}

import { DomainError, ErrorCode } from './errors';

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

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, expectedOrder: string, path = 'after'): Cursor {
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
  return { order, value, id };
}

/** Socket errors of a database that is down, restarting, or out of reach. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that ended or refused the session: admin_shutdown (pg_terminate_backend,
 * `pg_ctl stop -m fast`), crash_shutdown (another backend crashed, `-m immediate`), cannot_connect_now
 * (starting up, shutting down, in recovery), too_many_connections. Class 08 is added by prefix.
 */
const SESSION_ENDED_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres' own messages for a connection that closed under it. */
const CLOSED_CONNECTION =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable/i;

/**
 * True when `error` (a driver error, or TypeORM's wrapper of one) says the database could not be
 * reached or dropped the connection — not that the statement was wrong. Such a failure is the
 * database's availability, and nothing the statement did is committed unless it was a COMMIT.
 */
export function isConnectionError(error: unknown): boolean {
  for (const candidate of causes(error)) {
    const { code, message } = candidate as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (NETWORK_CODES.has(code) || SESSION_ENDED_STATES.has(code) || code.startsWith('08'))
    )
      return true;
    if (typeof message === 'string' && CLOSED_CONNECTION.test(message)) return true;
  }
  return false;
}

/** True when `error` is pg-pool's refusal after waiting `connectionTimeoutMillis` for a free connection. */
export function isPoolTimeout(error: unknown): boolean {
  return causes(error).some(
    (candidate) => candidate instanceof Error && /timeout exceeded when trying to connect/i.test(candidate.message),
  );
}

/** The error and what it wraps: TypeORM's `driverError`, `cause`, Apollo's `originalError`, a failed dual-stack connect's first. */
function causes(error: unknown): object[] {
  const found: object[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && !found.includes(current) && found.length < 6) {
    found.push(current);
    const next = current as { driverError?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    current =
      next.driverError ?? next.cause ?? next.originalError ?? (Array.isArray(next.errors) ? next.errors[0] : undefined);
  }
  return found;
}

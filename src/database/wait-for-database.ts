import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { isConnectionError } from './connection-errors';

export interface WaitOptions {
  /** Give up after this long (0: one attempt). */
  waitMs: number;
  log: { info(message: string): void; warn(message: string): void };
  /** Aborting ends the wait at once (a stop signal during start-up), rejecting with an AbortError. */
  signal?: AbortSignal;
}

/** The database did not accept connections within the wait, or refused Estate for good (password, name). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Start-up in any order (containers, a database that restarts with its host): until the database
 * answers, tries again with a doubling delay (0.25 s … 5 s), logging each wait, for up to `waitMs`.
 * A refusal that waiting cannot cure — wrong password, unknown database — fails at once.
 */
export async function waitForDatabase(url: string, { waitMs, log, signal }: WaitOptions): Promise<void> {
  const started = Date.now();
  const where = describeServer(url);
  for (let attempt = 1, delay = FIRST_DELAY_MS; ; attempt++, delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    signal?.throwIfAborted();
    const problem = await probe(url);
    const waited = ((Date.now() - started) / 1000).toFixed(1);
    if (!problem) {
      if (attempt > 1) log.info(`the database at ${where} answers after ${waited} s of waiting`);
      return;
    }
    if (!isConnectionError(problem)) {
      throw new DatabaseUnavailableError(`the database at ${where} refused Estate: ${messageOf(problem)}`);
    }
    if (Date.now() - started + delay > waitMs) {
      throw new DatabaseUnavailableError(
        `the database at ${where} is not reachable after ${waited} s (${messageOf(problem)}); ` +
          'start it, check DATABASE_URL, or wait longer with ESTATE_DATABASE_WAIT_MS',
      );
    }
    log.warn(
      `waiting for the database at ${where}: ${messageOf(problem)}; retrying in ${delay / 1000} s (attempt ${attempt})`,
    );
    await sleep(delay, undefined, { signal });
  }
}

/** Undefined when the server answers a statement; otherwise why not. */
async function probe(url: string): Promise<unknown> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** host:port/database, never the credentials. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
}

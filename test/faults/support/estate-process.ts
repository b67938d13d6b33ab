import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../../../src/common/host';
import { createFaultPostgres, type FaultPostgres } from './fault-postgres';

/** The real entry point, built by `npm run test:faults`. */
const MAIN = path.join(__dirname, '..', '..', '..', 'dist', 'src', 'main.js');
export const FAULT_ADMIN_TOKEN = 'fault-test-admin-token-0123456789';

export interface GraphQLReply {
  /** HTTP status; 0 when no HTTP answer came (connection refused or reset, or the client's timeout). */
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } | undefined;
  /** Set when no HTTP answer came. */
  failure?: string;
  ms: number;
}

/** `node dist/src/main.js` as a child process, on a database the test chose. */
export interface EstateProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its log entries of errors it did not expect (the GraphQL formatter's "unexpected error …"), with their causes. */
  unexpectedErrors(): string[];
  /** Resolves when it exits, with how. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly alive: boolean;
  /** Resolves once it serves GraphQL; fails if it exits first or `timeoutMs` passes. */
  serving(timeoutMs?: number): Promise<void>;
  gql(query: string, variables?: Record<string, unknown>, timeoutMs?: number): Promise<GraphQLReply>;
  get(pathname: string, timeoutMs?: number): Promise<{ status: number; body: any; ms: number }>;
  /** Sends `signal` and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function spawnEstate(databaseUrl: string, env: Record<string, string> = {}): Promise<EstateProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    ESTATE_ADMIN_TOKEN: FAULT_ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    ESTATE_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  };
  delete childEnv.REDIS_URL;
  const child = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      for (const listener of listeners) listener();
      resolve(exit);
    }),
  );
  const url = `http://127.0.0.1:${port}`;

  const request = async (pathname: string, init: RequestInit, timeoutMs: number) => {
    const started = Date.now();
    const response = await fetch(`${url}${pathname}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body, ms: Date.now() - started };
  };

  return {
    url,
    child,
    output: () => output,
    unexpectedErrors: () => output.split('\n').filter((line) => /unexpected error/i.test(line)),
    exited,
    get alive() {
      return exit === undefined;
    },
    serving(timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes('Estate is serving GraphQL at')) done(resolve);
          else if (exit)
            done(() => reject(new Error(`Estate exited (${JSON.stringify(exit)}) before serving:\n${output}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`Estate did not serve within ${timeoutMs} ms:\n${output}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async gql(query, variables, timeoutMs = 30_000) {
      const started = Date.now();
      try {
        const reply = await request(
          '/graphql',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${FAULT_ADMIN_TOKEN}` },
            body: JSON.stringify({ query, variables }),
          },
          timeoutMs,
        );
        return { status: reply.status, body: reply.body as GraphQLReply['body'], ms: reply.ms };
      } catch (error) {
        return { status: 0, body: undefined, failure: describe(error), ms: Date.now() - started };
      }
    },
    get: (pathname, timeoutMs = 10_000) => request(pathname, { method: 'GET' }, timeoutMs),
    async kill(signal) {
      if (exit) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** A GraphQL reply without errors, with data. */
export function succeeded(reply: GraphQLReply): boolean {
  return reply.status === 200 && !reply.body?.errors?.length && reply.body?.data != null;
}

/** Polls `probe` until it returns a value other than undefined, or fails naming `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${describe(last)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/**
 * The setup of most fault tests: a PostgreSQL of the test's own, Estate serving on it, and `team`
 * created (so that services can be written).
 */
export async function estateOnFaultPostgres(team: string): Promise<{ pg: FaultPostgres; app: EstateProcess }> {
  const pg = await createFaultPostgres();
  const app = await spawnEstate(pg.url);
  await app.serving();
  const created = await app.gql(`mutation { upsertTeam(input: { key: "${team}", name: "${team}" }) { outcome } }`);
  if (!succeeded(created)) throw new Error(`team ${team} was not created: ${JSON.stringify(created)}`);
  return { pg, app };
}

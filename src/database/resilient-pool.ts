import type { EventEmitter } from 'node:events';
import pg from 'pg';
import { isConnectionError } from './connection-errors';

type Listener = (...args: unknown[]) => void;
type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: Error | boolean) => void,
) => void;

/**
 * A statement that changes nothing, so that sending it again is harmless: opening a transaction, or
 * a read. Conservative: a read whose text so much as names a write keyword is not repeated.
 */
const OPENS_TRANSACTION = /^\s*(START TRANSACTION|BEGIN)\b/i;
const READS = /^\s*(SELECT|WITH|SHOW)\b/i;
const WRITES = /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|CALL|DO|NEXTVAL|SETVAL)\b/i;

export function isRepeatableFirstStatement(sql: string): boolean {
  return OPENS_TRANSACTION.test(sql) || (READS.test(sql) && !WRITES.test(sql));
}

/** Pause before taking another connection, so that the pool hears of the other sessions the server ended. */
const SETTLE_MS = 10;

const ignore = () => undefined;

/**
 * node-postgres' pool, made to ride out sessions that the server ends: pg_terminate_backend, a
 * restart, an idle timeout, a proxy in between.
 *
 * - A connection whose session ended while it sat idle in the pool is dropped once node-postgres
 *   reads the close — but a request that takes it before then fails on its first statement. When
 *   that statement fails on a connection error and changes nothing (BEGIN or a read), it is sent
 *   again on another connection. A later statement is never repeated (its transaction is gone), nor
 *   is a write, so nothing is ever applied twice.
 * - A connection that fails while checked out does not raise an error event for its holder: TypeORM
 *   answers one by discarding its query runner, after which the request fails with a misleading
 *   "already released". The failure surfaces instead on the next statement, with its cause.
 */
export class ResilientPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const checkedOut = this.checkOut();
    if (!callback) return checkedOut;
    checkedOut.then(
      (client) => callback(undefined, client, client.release.bind(client)),
      (error: Error) => callback(error, undefined, ignore),
    );
  }

  private async checkOut(): Promise<pg.PoolClient> {
    const checkout = new Checkout(() => super.connect(), this.options.max ?? 10);
    await checkout.attach();
    return checkout.client;
  }
}

/**
 * One checkout: a stand-in for a pooled client, which may move its first statement to another
 * connection. Listeners registered on the stand-in (other than for errors, see above) follow it.
 */
class Checkout {
  /** What the caller holds: the current connection, except for query, release and listeners. */
  readonly client: pg.PoolClient;
  private current!: pg.PoolClient;
  private statementsSent = 0;
  private released = false;
  private readonly listeners: [string | symbol, Listener][] = [];

  constructor(
    private readonly acquire: () => Promise<pg.PoolClient>,
    private readonly maxMoves: number,
  ) {
    const overrides: Partial<Record<string | symbol, unknown>> = {
      query: (...args: unknown[]) => this.query(args),
      release: (error?: Error | boolean) => this.release(error),
      on: (event: string | symbol, listener: Listener) => this.listen(event, listener),
      addListener: (event: string | symbol, listener: Listener) => this.listen(event, listener),
      removeListener: (event: string | symbol, listener: Listener) => this.unlisten(event, listener),
      off: (event: string | symbol, listener: Listener) => this.unlisten(event, listener),
    };
    this.client = new Proxy({} as pg.PoolClient, {
      get: (_, property) => {
        if (property in overrides) return overrides[property];
        const value: unknown = Reflect.get(this.current, property, this.current);
        return typeof value === 'function' ? (value as Listener).bind(this.current) : value;
      },
      set: (_, property, value) => Reflect.set(this.current, property, value),
      has: (_, property) => property in this.current,
    });
  }

  async attach(): Promise<void> {
    this.current = await this.acquire();
    this.current.on('error', ignore);
    for (const [event, listener] of this.listeners) this.emitter.on(event, listener);
  }

  /** The current connection as the event emitter it is, for listeners of any event. */
  private get emitter(): EventEmitter {
    return this.current;
  }

  private listen(event: string | symbol, listener: Listener): pg.PoolClient {
    if (event === 'error') return this.client;
    this.listeners.push([event, listener]);
    this.emitter.on(event, listener);
    return this.client;
  }

  private unlisten(event: string | symbol, listener: Listener): pg.PoolClient {
    const index = this.listeners.findIndex(([e, l]) => e === event && l === listener);
    if (index >= 0) this.listeners.splice(index, 1);
    this.emitter.removeListener(event, listener);
    return this.client;
  }

  private query(args: unknown[]): unknown {
    const first = this.statementsSent++ === 0;
    const [sql] = args;
    const withCallback = typeof args[args.length - 1] === 'function';
    if (!first || withCallback || typeof sql !== 'string' || !isRepeatableFirstStatement(sql)) {
      return (this.current.query as (...a: unknown[]) => unknown)(...args);
    }
    return this.firstStatement(args);
  }

  private async firstStatement(args: unknown[]): Promise<unknown> {
    for (let moves = 0; ; moves++) {
      try {
        return await (this.current.query as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        if (!isConnectionError(error) || moves >= this.maxMoves || this.released) throw error;
        await this.moveAfter(error);
      }
    }
  }

  /** Gives the dead connection back for the pool to discard, then takes another (or fails as taking one does). */
  private async moveAfter(error: unknown): Promise<void> {
    this.detach(error instanceof Error ? error : true);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    await this.attach();
    this.released = false;
  }

  private release(error?: Error | boolean): void {
    if (!this.released) this.detach(error);
  }

  private detach(error?: Error | boolean): void {
    this.released = true;
    for (const [event, listener] of this.listeners) this.emitter.removeListener(event, listener);
    // A dead connection may still report its end; the pool listens only once it is idle again.
    if (!error) this.current.removeListener('error', ignore);
    this.current.release(error);
  }
}

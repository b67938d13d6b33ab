import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { isPoolTimeout } from '../database/connection-errors';

/** How long /health waits for a pooled connection and its answer. */
const PING_TIMEOUT_MS = 2000;

export interface PoolUse {
  max: number;
  open: number;
  idle: number;
  waiting: number;
}

export type DatabaseState = { up: true; pool: PoolUse } | { up: false; reason: string; pool: PoolUse };

/**
 * Whether a request could use the database now: it pings through the app's own connection pool, so
 * that a pool whose every connection is held ("pool exhausted") is reported as surely as a database
 * that does not answer ("database unreachable") — within PING_TIMEOUT_MS either way, never hanging.
 */
@Injectable()
export class DatabaseHealth {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(): Promise<DatabaseState> {
    const pool = this.pool();
    // Saturated is not exhausted: only a ping that gets no connection in time reports the pool.
    const before = useOf(pool);
    try {
      await withTimeout(ping(pool), PING_TIMEOUT_MS);
      return { up: true, pool: useOf(pool) };
    } catch (error) {
      const after = useOf(pool);
      const busy = after.open >= after.max && after.idle === 0;
      // The ping itself may still be waiting; the requests that wait are the others.
      if (isPoolTimeout(error) || (error instanceof PingTimeout && busy)) {
        return { up: false, reason: exhausted({ ...after, waiting: before.waiting }), pool: after };
      }
      const why =
        error instanceof PingTimeout
          ? `no answer within ${PING_TIMEOUT_MS / 1000} s`
          : error instanceof Error
            ? error.message || error.name
            : String(error);
      return { up: false, reason: `database unreachable: ${why}`, pool: after };
    }
  }

  /** TypeORM's node-postgres pool (the PostgreSQL driver's `master`). */
  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}

class PingTimeout extends Error {}

function exhausted(use: PoolUse): string {
  const waiting =
    use.waiting === 0 ? '' : `; ${use.waiting} ${use.waiting === 1 ? 'request waits' : 'requests wait'} for one`;
  return `pool exhausted: all ${use.max} database connections stayed busy for ${PING_TIMEOUT_MS / 1000} s${waiting}`;
}

/** One `SELECT 1` on a pooled connection. Given up on, it still finishes (or the pool times it out) and releases. */
async function ping(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PingTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function useOf(pool: Pool): PoolUse {
  return {
    max: (pool.options as { max?: number }).max ?? 10,
    open: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  };
}

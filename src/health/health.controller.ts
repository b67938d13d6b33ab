import { Controller, Get, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { DatabaseHealth, type PoolUse } from './database-health';

type DatabaseReport = { status: 'up'; pool: PoolUse } | { status: 'down'; reason: string; pool: PoolUse };

export interface HealthReport {
  /** `ok`: ready to serve. `degraded`: up, but requests that need the database fail now (see `reason`). */
  status: 'ok' | 'degraded';
  reason?: string;
  info: { database?: DatabaseReport };
  error: { database?: DatabaseReport };
  details: { database: DatabaseReport };
}

@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(private readonly database: DatabaseHealth) {}

  /**
   * Readiness: 200 `ok` when the database answers through the app's connection pool; 503 `degraded`
   * with the reason — database unreachable, or pool exhausted — when it does not, within 2 s.
   */
  @Get()
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const state = await this.database.check();
    if (state.up) {
      const database: DatabaseReport = { status: 'up', pool: state.pool };
      return { status: 'ok', info: { database }, error: {}, details: { database } };
    }
    res.status(503);
    const database: DatabaseReport = { status: 'down', reason: state.reason, pool: state.pool };
    return { status: 'degraded', reason: state.reason, info: {}, error: { database }, details: { database } };
  }

  /** Liveness: the process answers, whatever the database does. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

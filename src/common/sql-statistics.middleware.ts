import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { enterSqlStatistics, type SqlStatistics } from '../database/sql-statistics';

const STATISTICS = Symbol('sqlStatistics');

/** Counts the SQL statements of each request (logged on its completion line). */
@Injectable()
export class SqlStatisticsMiddleware implements NestMiddleware {
  use(req: IncomingMessage, _res: unknown, next: () => void): void {
    (req as IncomingMessage & { [STATISTICS]?: SqlStatistics })[STATISTICS] = enterSqlStatistics();
    next();
  }
}

export function sqlStatisticsOf(req: IncomingMessage): SqlStatistics | undefined {
  return (req as IncomingMessage & { [STATISTICS]?: SqlStatistics })[STATISTICS];
}

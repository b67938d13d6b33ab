import type { Logger as TypeOrmLogger } from 'typeorm';
import { countStatement } from './sql-statistics';

export interface SqlLogSink {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Counts every statement for the per-request statistics and logs failures and
 * slow statements. Parameters are never logged: they may hold personal data.
 */
export class EstateTypeOrmLogger implements TypeOrmLogger {
  constructor(private readonly sink: SqlLogSink) {}

  logQuery(query: string): void {
    countStatement();
    this.sink.debug(`sql: ${oneLine(query)}`);
  }

  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    this.sink.warn(`sql failed: ${message} -- ${oneLine(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.sink.warn(`slow sql (${time} ms): ${oneLine(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.sink.debug(message);
  }

  logMigration(message: string): void {
    this.sink.debug(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink.warn(String(message));
    else this.sink.debug(String(message));
  }
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat;
}

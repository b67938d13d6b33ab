import { AsyncLocalStorage } from 'node:async_hooks';

/** SQL statements issued while handling one unit of work (an HTTP request, a CLI command). */
export interface SqlStatistics {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlStatistics>();

export function runWithSqlStatistics<T>(work: () => T): { result: T; statistics: SqlStatistics } {
  const statistics: SqlStatistics = { statements: 0 };
  const result = storage.run(statistics, work);
  return { result, statistics };
}

/** Enters a statistics scope for the rest of the current asynchronous context (middleware use). */
export function enterSqlStatistics(): SqlStatistics {
  const statistics: SqlStatistics = { statements: 0 };
  storage.enterWith(statistics);
  return statistics;
}

export function countStatement(): void {
  const current = storage.getStore();
  if (current) current.statements += 1;
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** SQL statements issued while handling one unit of work (an HTTP request, a test step). */
export interface SqlStatistics {
  statements: number;
}

interface Scope {
  statistics: SqlStatistics;
  parent?: Scope;
}

const storage = new AsyncLocalStorage<Scope>();

/**
 * Opens a statistics scope for the rest of the current asynchronous context.
 * Scopes nest: a statement counts in the innermost scope and in all around it.
 */
export function enterSqlStatistics(): SqlStatistics {
  const scope: Scope = { statistics: { statements: 0 }, parent: storage.getStore() };
  storage.enterWith(scope);
  return scope.statistics;
}

export function countStatement(): void {
  for (let scope = storage.getStore(); scope; scope = scope.parent) scope.statistics.statements += 1;
}

import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` inside the caller's transaction when it passes one (so that several services' writes
 * commit or roll back together), else in a transaction of its own.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return manager ? work(manager) : dataSource.transaction(work);
}

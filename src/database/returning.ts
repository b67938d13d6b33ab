import type { EntityManager } from 'typeorm';

/**
 * Rows of an UPDATE/DELETE ... RETURNING inside a transaction. (EntityManager.query
 * answers such statements with [rows, rowCount], unlike SELECT and INSERT.)
 */
export async function returningRows<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  if (!manager.queryRunner) throw new Error('returningRows needs a transactional EntityManager');
  const result = await manager.queryRunner.query(sql, params, true);
  return result.records as T[];
}

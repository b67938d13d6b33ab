import { encodeCursor, type Cursor } from '../common/cursor';
import type { Page } from '../common/graphql/pagination';
import type { SqlParams } from './sql-params';

export type SortDirection = 'ASC' | 'DESC';

export interface KeysetQuery {
  /** Select list, e.g. `s.id, s.name`. */
  select: string;
  /** FROM clause (with joins), e.g. `service s`. */
  from: string;
  where: string[];
  /** Sort expression, its SQL type (to read the cursor value back exactly) and direction. */
  sort: { expr: string; type: string; direction: SortDirection };
  /** Unique tie-breaker column, e.g. `s.id`. */
  id: string;
  first: number;
  after?: Cursor;
  params: SqlParams;
}

/**
 * Keyset pagination: `(sort, id) > (cursor.value, cursor.id)` in the sort
 * direction; one extra row is fetched to tell whether a next page exists.
 */
export function keysetSql(query: KeysetQuery): string {
  const { sort, id, params } = query;
  const where = [...query.where];
  if (query.after) {
    const op = sort.direction === 'ASC' ? '>' : '<';
    const value = `${params.add(query.after.value)}::${sort.type}`;
    where.push(`(${sort.expr}, ${id}) ${op} (${value}, ${params.add(query.after.id)}::uuid)`);
  }
  return [
    `SELECT ${query.select}, (${sort.expr})::text AS "sortValue"`,
    `FROM ${query.from}`,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY ${sort.expr} ${sort.direction}, ${id} ${sort.direction}`,
    `LIMIT ${params.add(query.first + 1)}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Turns the `first + 1` rows of a keyset query into a page with cursors. */
export function toPage<R extends { id: string; sortValue: string | null }, T>(
  rows: R[],
  first: number,
  order: string,
  hasPreviousPage: boolean,
  toNode: (row: R) => T,
): Page<T> {
  const visible = rows.slice(0, first);
  return {
    rows: visible.map((row) => ({
      node: toNode(row),
      cursor: encodeCursor({ order, value: row.sortValue, id: row.id }),
    })),
    hasNextPage: rows.length > first,
    hasPreviousPage,
  };
}

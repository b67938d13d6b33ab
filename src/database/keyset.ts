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

export interface PerParentQuery {
  /** Select list of the child rows. */
  select: string;
  /** FROM clause, e.g. `service s`. */
  from: string;
  where: string[];
  /** The column holding the parent id, e.g. `s.owner_team_id`. */
  parent: string;
  parentIds: readonly string[];
  /** Sort expression and its SQL type; children are ordered by it, then by `id`. */
  sort: { expr: string; type: string };
  id: string;
  first: number;
  after?: Cursor;
  params: SqlParams;
}

/**
 * One page of children for each of several parents in one statement: rows are
 * ranked per parent and the first `first + 1` of each kept (the extra one tells
 * whether a next page exists). `after` applies to every parent of the batch.
 */
export function perParentKeysetSql(query: PerParentQuery): string {
  const { sort, id, params } = query;
  const where = [...query.where, `${query.parent} = ANY(${params.add(query.parentIds)}::uuid[])`];
  if (query.after) {
    where.push(
      `(${sort.expr}, ${id}) > (${params.add(query.after.value)}::${sort.type}, ${params.add(query.after.id)}::uuid)`,
    );
  }
  return `SELECT * FROM (
      SELECT ${query.select}, (${sort.expr})::text AS "sortValue",
             row_number() OVER (PARTITION BY ${query.parent} ORDER BY ${sort.expr}, ${id}) AS "parentRank"
      FROM ${query.from} WHERE ${where.join(' AND ')}
    ) ranked
    WHERE "parentRank" <= ${params.add(query.first + 1)}
    ORDER BY "parentRank"`;
}

/** Groups the rows of a perParentKeysetSql query into one page per parent (empty pages included). */
export function pagesByParent<R extends { id: string; sortValue: string | null }, T>(
  parentIds: readonly string[],
  rows: (R & { parentRank?: string })[],
  parentOf: (row: R) => string,
  first: number,
  order: string,
  hasPreviousPage: boolean,
  toNode: (row: R) => T,
): Map<string, Page<T>> {
  const byParent = new Map<string, R[]>();
  for (const { parentRank: _rank, ...rest } of rows) {
    const row = rest as unknown as R;
    const list = byParent.get(parentOf(row)) ?? [];
    list.push(row);
    byParent.set(parentOf(row), list);
  }
  return new Map(parentIds.map((id) => [id, toPage(byParent.get(id) ?? [], first, order, hasPreviousPage, toNode)]));
}

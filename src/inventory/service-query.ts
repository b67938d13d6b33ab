import type { CursorValueType } from '../common/cursor';
import type { SortDirection } from '../database/keyset';
import type { SqlParams } from '../database/sql-params';

export enum ServiceOrderField {
  NAME = 'NAME',
  ANNUAL_COST = 'ANNUAL_COST',
  UPDATED_AT = 'UPDATED_AT',
  /** Best search match first; only with a search term. */
  RELEVANCE = 'RELEVANCE',
}

export interface ServiceListFilter {
  kinds?: string[];
  lifecycles?: string[];
  criticalities?: string[];
  ownerTeams?: string[];
  categories?: string[];
  vendors?: string[];
  tags?: string[];
  search?: string;
  includeDeleted?: boolean;
}

const MAX_SEARCH_TERMS = 8;
const NOT_FOUND_COST = '1e15'; // above numeric(14,2): unknown costs sort last ascending

/** The service's full-text document; must match the expression of idx_service_search. */
export const SERVICE_DOCUMENT = `estate_service_document(s.name, s.key::text, s.vendor, s.category, s.tags, s.description)`;

/** Words of a search as a prefix query: "sales cloud" → `sales:* & cloud:*`. Null when no word remains. */
export function toPrefixTsQuery(search: string): string | null {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
  return unique.length ? unique.map((w) => `${w}:*`).join(' & ') : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** WHERE conditions of a service list (alias `s`). */
export function serviceFilterConditions(filter: ServiceListFilter, params: SqlParams): string[] {
  const where: string[] = [];
  if (!filter.includeDeleted) where.push('s.deleted_at IS NULL');
  if (filter.kinds?.length) where.push(`s.kind = ANY(${params.add(filter.kinds)}::text[])`);
  if (filter.lifecycles?.length) where.push(`s.lifecycle = ANY(${params.add(filter.lifecycles)}::text[])`);
  if (filter.criticalities?.length) {
    where.push(`s.criticality = ANY(${params.add(filter.criticalities)}::text[])`);
  }
  if (filter.ownerTeams?.length) {
    where.push(`s.owner_team_id IN (SELECT id FROM team WHERE key = ANY(${params.add(filter.ownerTeams)}::citext[]))`);
  }
  if (filter.categories?.length) {
    where.push(`lower(s.category) = ANY(${params.add(filter.categories.map((c) => c.toLowerCase()))}::text[])`);
  }
  if (filter.vendors?.length) {
    where.push(`lower(s.vendor) = ANY(${params.add(filter.vendors.map((v) => v.toLowerCase()))}::text[])`);
  }
  if (filter.tags?.length) {
    where.push(`s.tags @> ${params.add(filter.tags.map((t) => t.trim().toLowerCase()))}::text[]`);
  }
  const search = filter.search?.trim();
  if (search) {
    const tsQuery = toPrefixTsQuery(search);
    const like = params.add(containsPattern(search));
    // One index scan per way of matching (idx_service_search, idx_service_name_trgm, idx_service_key_trgm),
    // not an OR that PostgreSQL can only evaluate row by row: that builds every service's document.
    const words = tsQuery
      ? `SELECT s.id FROM service s WHERE ${SERVICE_DOCUMENT} @@ to_tsquery('simple', ${params.add(tsQuery)}) UNION ALL `
      : '';
    where.push(
      `s.id IN (${words}SELECT s.id FROM service s WHERE s.name ILIKE ${like} ` +
        `UNION ALL SELECT s.id FROM service s WHERE s.key::text ILIKE ${like})`,
    );
  }
  return where;
}

/** SQL type of each ordering's sort value, to check cursors against. */
export const SORT_VALUE_TYPES: Record<ServiceOrderField, CursorValueType> = {
  [ServiceOrderField.NAME]: 'text',
  [ServiceOrderField.UPDATED_AT]: 'timestamptz',
  [ServiceOrderField.ANNUAL_COST]: 'numeric',
  [ServiceOrderField.RELEVANCE]: 'numeric',
};

/** Sort expression per order field; unknown costs sort last in both directions. */
export function serviceSort(
  field: ServiceOrderField,
  direction: SortDirection,
  search: string | undefined,
  params: SqlParams,
): { expr: string; type: string; direction: SortDirection } {
  switch (field) {
    case ServiceOrderField.NAME:
      return { expr: 'lower(s.name)', type: SORT_VALUE_TYPES[field], direction };
    case ServiceOrderField.UPDATED_AT:
      return { expr: 's.updated_at', type: SORT_VALUE_TYPES[field], direction };
    case ServiceOrderField.ANNUAL_COST:
      return {
        expr: `coalesce(s.annual_cost_amount, ${direction === 'ASC' ? NOT_FOUND_COST : '-1'})`,
        type: SORT_VALUE_TYPES[field],
        direction,
      };
    case ServiceOrderField.RELEVANCE: {
      const text = search?.trim() ?? '';
      const tsQuery = toPrefixTsQuery(text);
      const rank = tsQuery ? `ts_rank(${SERVICE_DOCUMENT}, to_tsquery('simple', ${params.add(tsQuery)}))` : '0';
      const nameBonus = `CASE WHEN lower(s.name) = lower(${params.add(text)}) THEN 1 WHEN s.name ILIKE ${params.add(`${escapeLike(text)}%`)} THEN 0.5 ELSE 0 END`;
      return { expr: `round((${rank} + ${nameBonus})::numeric, 6)`, type: SORT_VALUE_TYPES[field], direction };
    }
  }
}
